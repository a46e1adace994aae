import Foundation
import PersonServer

// Serves the person insurance contract on 127.0.0.1:8080 (or the port given as argument).
let port = CommandLine.arguments.dropFirst().first.flatMap { UInt16($0) } ?? 8080
let server = try await PersonHTTPServer.start(port: port)
print("serving PersonInsuranceInfoQuery at \(server.baseURL)")
while true { try await Task.sleep(for: .seconds(3600)) }
