import Foundation
import Testing

@testable import ContractInspection

/// The URLSession probe (the one HTTPS addresses use) judges SOAP answers as the socket probe
/// does. Loopback tests have no TLS certificate, so it is driven here over plain http.
@Suite("The URLSession probe reads SOAP faults")
struct URLSessionProbeTests {
    func probe(_ server: LoopbackServer, soap: Bool = true) async -> ProbeOutcome {
        let url = URL(string: "http://127.0.0.1:\(server.port)/ws/person")
        guard let url else { return ProbeOutcome(.unchecked, "no URL") }
        return await withCheckedContinuation { continuation in
            HTTPProbe.run(url: url, soap: soap, deadline: Deadline(secondsFromNow: 5)) { continuation.resume(returning: $0) }
        }
    }

    @Test(arguments: [LoopbackServer.Framing.length, .chunked, .close])
    func faultUnder500IsUpAndAnHTMLPageDown(_ framing: LoopbackServer.Framing) async throws {
        let fault = try LoopbackServer(.routes(["POST": .init(status: 500, body: SOAPProbeTests.fault11, framing: framing)]))
        let html = try LoopbackServer(.routes(["POST": .init(status: 500, contentType: "text/html", body: SOAPProbeTests.htmlError, framing: framing)]))
        defer {
            fault.stop()
            html.stop()
        }
        let up = await probe(fault)
        #expect(up.status == .up, "\(up.detail)")
        #expect(up.detail == "HTTP 500 Internal Server Error (POST of an empty SOAP envelope; HEAD not allowed): SOAP fault (the service answers)")
        #expect(fault.receivedMethods == ["HEAD", "POST"])
        let down = await probe(html)
        #expect(down.status == .down, "\(down.detail)")
        #expect(down.detail.hasSuffix("server error"))
    }

    @Test func httpRefusingHEADGetsAGET() async throws {
        let server = try LoopbackServer(.routes(["GET": .init(status: 500, body: SOAPProbeTests.fault11)]))
        defer { server.stop() }
        let outcome = await probe(server, soap: false)
        #expect(outcome.status == .down, "\(outcome.detail)")
        #expect(server.receivedMethods == ["HEAD", "GET"])
    }
}
