import ContractCompiler
import ContractInspection
import ContractSyntax
import Foundation
import Testing

@Suite("Catalogue reading and reports")
struct CatalogueTests {
    func read(_ text: String) -> CatalogueReader.Result {
        CatalogueReader.read(Array(text.utf8), file: "catalogue.json")
    }

    @Test func readsThePublishedShape() {
        let text = Fixture.catalogue([
            FixtureEntry(code: "1101", interface: "PersonInsuranceInfoQuery", protocolName: "HTTPS", address: "https://hrss.example.cn:8443/api"),
            FixtureEntry(code: "2101", interface: "ContributionFiles", protocolName: "SFTP", address: "sftp://x.example.cn/out", hosting: "remote", origin: Fixture.province, inspection: "PT12H"),
        ])
        let result = read(text)
        #expect(result.problems.isEmpty)
        #expect(result.entries.count == 2)
        let remote = result.entries[1]
        #expect(remote.code == "2101")
        #expect(remote.hosting == .remote)
        #expect(remote.origin == Fixture.province)
        #expect(remote.period?.seconds == 43_200.0)
        #expect(remote.actionWhenDown == "notify \(Fixture.province)")
        #expect(result.entries[0].actionWhenDown == "repair and update address")
        #expect(result.entries[0].place == SourcePlace(line: 2, column: 3))
    }

    @Test func badJSONIsADiagnosticWithLineAndColumn() {
        let missingComma = "[\n  {\"code\": \"1101\"\n   \"interface\": \"A\"}\n]\n"
        let result = read(missingComma)
        #expect(!result.isReadable)
        #expect(result.problems.map { "\($0.line):\($0.column)" } == ["3:4"])
        #expect(result.problems.first?.message.contains("expected ',' or '}'") == true)
        #expect(result.problems.first?.rule == "catalogue-invalid")

        let trailing = read("[1, 2,]")
        #expect(trailing.problems.first?.message.contains("trailing comma") == true)
        let empty = read("")
        #expect(empty.problems.first?.message.contains("empty") == true)
        let chinese = read("[\"服务\" x]")
        #expect(chinese.problems.map { "\($0.line):\($0.column)" } == ["1:7"])
        let deep = read(String(repeating: "[", count: 10_000))
        #expect(!deep.isReadable)
    }

    @Test func shapeProblemsAreReportedAtTheirPlace() {
        let text = """
            [
              {"code": "1101", "interface": "A", "protocol": "HTTP"},
              {"code": "1102", "interface": "B", "protocol": "HTTP", "address": 42},
              {"code": "1103", "interface": "C", "protocol": "HTTP", "address": "http://a", "hosting": "elsewhere"},
              {"code": "1104", "interface": "D", "protocol": "HTTP", "address": "http://a"},
              {"code": "1104", "interface": "E", "protocol": "HTTP", "address": "http://a"},
              "not an object"
            ]
            """
        let result = read(text)
        let lines = result.problems.map { "\($0.line):\($0.column) \($0.message)" }
        #expect(lines == [
            "2:3 entry 1 has no 'address'",
            "3:69 'address' of entry 2 is a number; it must be a string",
            "4:92 'hosting' of entry 3 must be \"local\" or \"remote\"",
            "6:3 code 1104 appears twice in the catalogue (first at line 5); the inspection state is kept by code",
            "7:3 entry 6 is a string; each entry of the catalogue is an object",
        ], "\(lines)")
        #expect(result.entries.map(\.interface) == ["D"])
        #expect(read("{\"code\": \"1101\"}").problems.first?.message == "a catalogue is a JSON array of services, not an object")
    }

    @Test func jsonEscapesAndUnicode() throws {
        let doc = try JSONDocument.parse(Array(#"{"a": "\u00e9\ud83d\ude00\n", "b": [true, false, null, -1.5e3]}"#.utf8)).get()
        #expect(doc.root.member("a")?.node.string == "é😀\n")
        #expect(doc.root.member("b")?.node.items?.count == 4)
    }

    @Test func httpStatusPolicy() {
        #expect(HTTPStatusPolicy.judge(200).status == .up)
        #expect(HTTPStatusPolicy.judge(204).status == .up)
        #expect(HTTPStatusPolicy.judge(302).status == .up)
        #expect(HTTPStatusPolicy.judge(401).status == .up)
        #expect(HTTPStatusPolicy.judge(403).status == .up)
        #expect(HTTPStatusPolicy.judge(405).status == .up)
        #expect(HTTPStatusPolicy.judge(404).status == .down)
        #expect(HTTPStatusPolicy.judge(410).status == .down)
        #expect(HTTPStatusPolicy.judge(500).status == .down)
        #expect(HTTPStatusPolicy.judge(503).status == .down)
    }

    @Test func snmpRequestBytes() {
        let bytes = SNMPProbe.getRequest(requestID: 0x1234)
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        #expect(hex == "3027" + "020100" + "04067075626c6963" + "a01a" + "02021234" + "020100" + "020100" + "300e" + "300c" + "06082b06010201010100" + "0500")
        let reply = LoopbackSNMPAgent.reply(to: bytes) ?? []
        let parsed = SNMPProbe.parseResponse(reply)
        #expect(parsed?.requestID == 0x1234)
        #expect(parsed?.description == "test agent")
        #expect(SNMPProbe.parseResponse(bytes) == nil)  // a request is not a response
        // A request id with its top bit set keeps a leading zero byte.
        #expect(SNMPProbe.getRequest(requestID: 0x0080_0000).count == bytes.count + 2)
    }

    @Test func textReportIsAlignedAndSummarised() {
        let local = CatalogueEntry(code: "1102", interface: "B", protocolName: "HTTP", address: "http://127.0.0.1:1/b")
        let remote = CatalogueEntry(code: "1101", interface: "LongerName", protocolName: "SFTP", address: "sftp://127.0.0.1:2/",
            hosting: .remote, origin: Fixture.province)
        let snmp = CatalogueEntry(code: "3101", interface: "C", protocolName: "SNMP", address: "snmp://127.0.0.1:3")
        let results = [
            InspectionResult(entry: local, status: .down, elapsedMilliseconds: 5, detail: "HTTP 503 Service Unavailable: server error"),
            InspectionResult(entry: remote, status: .up, elapsedMilliseconds: 1234, detail: "banner 'SSH-2.0-test'"),
            InspectionResult(entry: snmp, status: .unchecked, elapsedMilliseconds: 1000, detail: "no answer"),
        ]
        let text = InspectionReport.text(results, skipped: nil)
        #expect(text == """
            1101  LongerName  SFTP  sftp://127.0.0.1:2/   up         1234 ms  banner 'SSH-2.0-test'
            1102  B           HTTP  http://127.0.0.1:1/b  down          5 ms  HTTP 503 Service Unavailable: server error → repair and update address
            3101  C           SNMP  snmp://127.0.0.1:3    unchecked  1000 ms  no answer
            3 inspected: 1 up, 1 down, 1 unchecked

            """)
        let json = InspectionReport.json(results)
        #expect(json.contains("\"status\": \"down\",\n    \"elapsedMs\": 5,"))
        #expect(json.contains("\"action\": null"))
        #expect(json.contains("\"action\": \"repair and update address\""))
        #expect(json.hasPrefix("[\n  {\n    \"code\": \"1101\""))
    }
}
