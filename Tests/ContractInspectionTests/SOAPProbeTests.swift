import ContractCompiler
import ContractInspection
import Foundation
import Testing

@Suite("A SOAP fault is an answer")
struct SOAPProbeTests {
    static let fault11 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
          <soap:Body>
            <soap:Fault><faultcode>soap:Client</faultcode><faultstring>No such operation</faultstring></soap:Fault>
          </soap:Body>
        </soap:Envelope>
        """
    static let fault12 = """
        <env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Header/><env:Body><env:Fault>\
        <env:Code><env:Value>env:Sender</env:Value></env:Code><env:Reason><env:Text xml:lang="en">no operation</env:Text></env:Reason>\
        </env:Fault></env:Body></env:Envelope>
        """
    static let htmlError = """
        <!DOCTYPE html><html><head><title>500 Internal Server Error</title></head>
        <body><h1>Internal Server Error</h1><p>soap:Fault <Fault> Envelope</p></body></html>
        """

    func inspect(_ server: LoopbackServer, protocolName: String = "SOAP") async -> InspectionResult {
        let entry = CatalogueEntry(code: "1101", interface: "PersonQuery", protocolName: protocolName, address: "http://127.0.0.1:\(server.port)/ws/person")
        return await timedOffThePool { await Inspector(timeout: 2, lookup: Fixture.lookup).inspect(entry) }.value
    }

    /// The issue: HEAD refused with 405, POST answered 500 with a fault, reported down.
    @Test(arguments: [LoopbackServer.Framing.length, .chunked, .close])
    func faultUnder500AfterHEADRefusedIsUp(_ framing: LoopbackServer.Framing) async throws {
        let server = try LoopbackServer(.routes(["POST": .init(status: 500, body: Self.fault11, framing: framing)]))
        defer { server.stop() }
        let result = await inspect(server)
        #expect(result.status == .up, "\(result.detail)")
        #expect(result.detail == "HTTP 500 Internal Server Error (POST of an empty SOAP envelope; HEAD not allowed): SOAP fault (the service answers)")
        #expect(result.action == nil)
        #expect(server.receivedMethods == ["HEAD", "POST"])
    }

    @Test func soap12FaultAfterHEADGave500IsUp() async throws {
        let server = try LoopbackServer(.routes([
            "HEAD": .init(status: 500),
            "POST": .init(status: 500, contentType: "application/soap+xml", body: Self.fault12, framing: .chunked),
        ]))
        defer { server.stop() }
        let result = await inspect(server)
        #expect(result.status == .up, "\(result.detail)")
        #expect(result.detail == "HTTP 500 Internal Server Error (POST of an empty SOAP envelope; HEAD gave 500): SOAP fault (the service answers)")
    }

    @Test func htmlErrorPageUnder500IsDown() async throws {
        let server = try LoopbackServer(.routes(["POST": .init(status: 500, contentType: "text/html", body: Self.htmlError)]))
        defer { server.stop() }
        let result = await inspect(server)
        #expect(result.status == .down, "\(result.detail)")
        #expect(result.detail == "HTTP 500 Internal Server Error (POST of an empty SOAP envelope; HEAD not allowed): server error")
        #expect(result.action == "repair and update address")
    }

    @Test func otherAnswersToThePOST() async throws {
        // A fault in a namespace that is not SOAP's is not a SOAP fault.
        let foreign = try LoopbackServer(.routes(["POST": .init(status: 500,
            body: #"<Envelope xmlns="urn:example"><Body><Fault>x</Fault></Body></Envelope>"#)]))
        // A 503 with a fault is still an answer of the SOAP stack.
        let busy = try LoopbackServer(.routes(["POST": .init(status: 503, body: Self.fault11)]))
        // 404 on HEAD and on POST: the address names nothing.
        let missing = try LoopbackServer(.routes(["HEAD": .init(status: 404), "POST": .init(status: 404, contentType: "text/html", body: "<html/>")]))
        // HEAD answered 200: no POST is sent.
        let fine = try LoopbackServer(.routes(["HEAD": .init(status: 200)]))
        defer { for s in [foreign, busy, missing, fine] { s.stop() } }
        let foreignResult = await inspect(foreign)
        #expect(foreignResult.status == .down, "\(foreignResult.detail)")
        let busyResult = await inspect(busy)
        #expect(busyResult.status == .up, "\(busyResult.detail)")
        #expect(busyResult.detail.hasSuffix("SOAP fault (the service answers)"))
        let missingResult = await inspect(missing)
        #expect(missingResult.status == .down, "\(missingResult.detail)")
        #expect(missingResult.detail == "HTTP 404 Not Found (POST of an empty SOAP envelope; HEAD gave 404): the address names no resource")
        let fineResult = await inspect(fine)
        #expect(fineResult.status == .up)
        #expect(fine.receivedMethods == ["HEAD"])
    }

    @Test func onlySOAPIsPostedTo() async throws {
        // An HTTP service refusing HEAD gets a GET, never a POST, and its fault body is not read.
        let server = try LoopbackServer(.routes(["GET": .init(status: 500, body: Self.fault11)]))
        defer { server.stop() }
        let result = await inspect(server, protocolName: "HTTP")
        #expect(result.status == .down, "\(result.detail)")
        #expect(server.receivedMethods == ["HEAD", "GET"])
    }

    @Test func faultsAreRecognisedByNamespaceAndPlace() {
        func fault(_ text: String) -> Bool { SOAPFault.isFault(Array(text.utf8)) }
        #expect(fault(Self.fault11))
        #expect(fault(Self.fault12))
        #expect(!fault(Self.htmlError))
        // Any prefix, the default namespace, a BOM, comments and a declaration on the Body.
        #expect(fault(#"<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><SOAP-ENV:Fault/></SOAP-ENV:Body></SOAP-ENV:Envelope>"#))
        #expect(fault(#"<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Body><Fault><faultcode>Client</faultcode></Fault></Body></Envelope>"#))
        #expect(fault("\u{FEFF}<!-- a -->" + #"<e:Envelope xmlns:e='http://www.w3.org/2003/05/soap-envelope'><e:Body xmlns:f="http://www.w3.org/2003/05/soap-envelope"><f:Fault>"#))
        // A fault after a header is found; one cut short after its start tag still counts.
        #expect(fault(#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header><a:Id xmlns:a="urn:a">1</a:Id></s:Header><s:Body><s:Fault>"#))
        // Not a fault: a payload first in the Body, a Fault outside the Body or in a header,
        // a Fault of another namespace or version than the envelope's, an empty body, no envelope.
        #expect(!fault(#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><r:Result xmlns:r="urn:r"><s:Fault/></r:Result></s:Body></s:Envelope>"#))
        #expect(!fault(#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Fault/></s:Envelope>"#))
        #expect(!fault(#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header><s:Fault/></s:Header><s:Body/></s:Envelope>"#))
        #expect(!fault(#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="http://www.w3.org/2003/05/soap-envelope"><s:Body><t:Fault/></s:Body></s:Envelope>"#))
        #expect(!fault(#"<s:Envelope xmlns:s="urn:not-soap"><s:Body><s:Fault/></s:Body></s:Envelope>"#))
        #expect(!fault(#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>"#))
        #expect(!fault(""))
        #expect(!fault("Fault"))
        #expect(!fault("<soap:Fault>"))
    }
}
