import Foundation

/// Runs a program for the tests of this target. The waiting happens on Dispatch threads, never on
/// Swift concurrency's cooperative pool (one thread per core), so other tests keep running.
enum ProcessRunner {
    static func run(_ executable: URL, _ arguments: [String], in directory: URL) async throws -> (stdout: String, stderr: String, status: Int32) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let group = DispatchGroup()
                nonisolated(unsafe) var outData = Data()
                group.enter()
                DispatchQueue.global().async {
                    outData = out.fileHandleForReading.readDataToEndOfFile()
                    group.leave()
                }
                let errData = err.fileHandleForReading.readDataToEndOfFile()
                group.wait()
                process.waitUntilExit()
                continuation.resume(returning: (String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self), process.terminationStatus))
            }
        }
    }
}
