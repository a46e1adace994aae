import ContractTestSupport
import Foundation
import Testing

/// Runs the built `contractc` binary as a user would (the same way as EndToEndTests).
enum Binary {
    typealias Output = TestProcess.Output

    static let root = TestProcess.root
    static let path = TestProcess.contractc

    /// Runs the binary, waiting off Swift concurrency's cooperative pool so that other tests
    /// keep running meanwhile.
    static func run(_ arguments: [String], in directory: URL) async throws -> Output {
        try await TestProcess.runOffPool(path, arguments, in: directory)
    }
}

@Suite("contractc inspect (the built binary)")
struct InspectCommandTests {
    @Test func inspectsACatalogueOfLoopbackServers() async throws {
        let ok = try LoopbackServer(.http(200))
        let failing = try LoopbackServer(.http(503))
        let ftp = try LoopbackServer(.banner("220 ready"))
        let silent = try LoopbackServer(.silent)
        let closed = try closedLoopbackPort()
        let dns = try LoopbackDNSServer(.answer(rcode: 0))
        defer {
            for s in [ok, failing, ftp, silent] { s.stop() }
            dns.stop()
        }
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let p = Fixture.province
        try Data(Fixture.catalogue([
            FixtureEntry(code: "1101", interface: "PersonInsuranceInfoQuery", protocolName: "HTTP", address: "http://127.0.0.1:\(ok.port)/api"),
            FixtureEntry(code: "1102", interface: "EmployerQuery", protocolName: "HTTP", address: "http://127.0.0.1:\(failing.port)/api", hosting: "remote", origin: p),
            FixtureEntry(code: "2101", interface: "ContributionFiles", protocolName: "FTP", address: "ftp://127.0.0.1:\(ftp.port)/"),
            FixtureEntry(code: "2102", interface: "SilentFiles", protocolName: "FTP", address: "ftp://127.0.0.1:\(silent.port)/"),
            FixtureEntry(code: "2103", interface: "ClosedFiles", protocolName: "SFTP", address: "sftp://127.0.0.1:\(closed)/"),
            FixtureEntry(code: "3101", interface: "Resolver", protocolName: "DNS", address: "dns://127.0.0.1:\(dns.port)/hrss.example.cn?type=A"),
        ]).utf8).write(to: folder.appendingPathComponent("catalogue.json"))

        let text = try await Binary.run(["inspect", "catalogue.json", "--timeout", "1"], in: folder)
        #expect(text.seconds < 1 + 2, "\(text.seconds) s")  // the silent server costs one timeout
        #expect(text.status == 1, "\(text.stdout)\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 7, "\(text.stdout)")
        #expect(lines.last == "6 inspected: 3 up, 3 down, 0 unchecked")
        #expect(lines.first?.hasPrefix("1101  PersonInsuranceInfoQuery  HTTP  http://127.0.0.1:\(ok.port)/api") == true)
        #expect(lines.contains { $0.hasPrefix("1102 ") && $0.contains(" down ") && $0.hasSuffix("→ notify \(p)") })
        #expect(lines.contains { $0.hasPrefix("2102 ") && $0.contains("no banner") && $0.hasSuffix("→ repair and update address") })
        #expect(lines.contains { $0.hasPrefix("2103 ") && $0.contains("connection refused") })
        // Columns are aligned: the status column starts at the same place on every line.
        let statusColumns = Set(lines.dropLast().compactMap { line -> Int? in
            ["  up ", "  down ", "  unchecked "].compactMap { line.range(of: $0).map { line.distance(from: line.startIndex, to: $0.lowerBound) } }.first
        })
        #expect(statusColumns.count == 1)

        let json = try await Binary.run(["inspect", "catalogue.json", "--timeout", "1", "--format", "json", "--concurrency", "2"], in: folder)
        #expect(json.status == 1)
        let array = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(array.map { $0["code"] as? String } == ["1101", "1102", "2101", "2102", "2103", "3101"])
        #expect(array.map { $0["status"] as? String } == ["up", "down", "up", "down", "down", "up"])
        #expect(array[0]["action"] is NSNull)
        #expect(array[1]["action"] as? String == "notify \(p)")
        #expect(array.allSatisfy { $0["elapsedMs"] is Int })
    }

    @Test func dueRecordsAndSkips() async throws {
        let ftp = try LoopbackServer(.banner("220 ready"))
        defer { ftp.stop() }
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(Fixture.catalogue([
            FixtureEntry(code: "2101", interface: "Files", protocolName: "FTP", address: "ftp://127.0.0.1:\(ftp.port)/", inspection: "P1D"),
        ]).utf8).write(to: folder.appendingPathComponent("catalogue.json"))
        let first = try await Binary.run(["inspect", "catalogue.json", "--due", "state.json"], in: folder)
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout.hasSuffix("1 inspected: 1 up, 0 down, 0 unchecked; 0 skipped as not due\n"))
        let state = try String(contentsOf: folder.appendingPathComponent("state.json"), encoding: .utf8)
        #expect(state.hasPrefix("{\n  \"2101\": \"20"))
        #expect(state.hasSuffix("Z\"\n}\n"))
        let second = try await Binary.run(["inspect", "catalogue.json", "--due", "state.json"], in: folder)
        #expect(second.status == 0)
        #expect(second.stdout == "0 inspected: 0 up, 0 down, 0 unchecked; 1 skipped as not due\n")
        #expect(ftp.connections == 1)
    }

    @Test func aDownServiceStaysDueUntilItIsUp() async throws {
        let web = try LoopbackServer(.http(503))
        defer { web.stop() }
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(Fixture.catalogue([
            FixtureEntry(code: "1101", interface: "Web", protocolName: "HTTP", address: "http://127.0.0.1:\(web.port)/api", inspection: "P1D"),
        ]).utf8).write(to: folder.appendingPathComponent("catalogue.json"))
        let arguments = ["inspect", "catalogue.json", "--due", "state.json", "--timeout", "2"]
        let first = try await Binary.run(arguments, in: folder)
        #expect(first.status == 1, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout.hasSuffix("1 inspected: 0 up, 1 down, 0 unchecked; 0 skipped as not due\n"))
        // Still down right after: inspected again, exit 1.
        let second = try await Binary.run(arguments, in: folder)
        #expect(second.status == 1, "\(second.stdout)\(second.stderr)")
        #expect(second.stdout.hasSuffix("1 inspected: 0 up, 1 down, 0 unchecked; 0 skipped as not due\n"))
        #expect(web.connections == 2)
        // Up again: recorded, then skipped as not due.
        web.change(to: .http(200))
        let third = try await Binary.run(arguments, in: folder)
        #expect(third.status == 0, "\(third.stdout)\(third.stderr)")
        #expect(third.stdout.hasSuffix("1 inspected: 1 up, 0 down, 0 unchecked; 0 skipped as not due\n"))
        let fourth = try await Binary.run(arguments, in: folder)
        #expect(fourth.status == 0)
        #expect(fourth.stdout == "0 inspected: 0 up, 0 down, 0 unchecked; 1 skipped as not due\n")
        #expect(web.connections == 3)
    }

    @Test func unreadableCatalogueExitsTwo() async throws {
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("[\n  {\"code\": \"1101\",\n    \"interface\" \"A\"}\n]\n".utf8).write(to: folder.appendingPathComponent("catalogue.json"))
        let bad = try await Binary.run(["inspect", "catalogue.json"], in: folder)
        #expect(bad.status == 2)
        #expect(bad.stdout.isEmpty)
        #expect(bad.stderr.hasPrefix("catalogue.json:3:17: error: the catalogue is not valid JSON: "), "\(bad.stderr)")
        #expect(bad.stderr.contains("[catalogue-invalid]"))
        let missing = try await Binary.run(["inspect", "nowhere.json"], in: folder)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such file 'nowhere.json'"))
        let badTimeout = try await Binary.run(["inspect", "catalogue.json", "--timeout", "0"], in: folder)
        #expect(badTimeout.status == 2)
    }
}
