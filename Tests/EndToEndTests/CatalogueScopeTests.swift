import Foundation
import Testing

/// `catalogue:` in a `.contractc.yaml` makes its folder a catalogue of its own: codes are unique,
/// assigned and published per catalogue.
@Suite("catalogue scopes (`catalogue:` in .contractc.yaml)")
struct CatalogueScopeTests {
    /// A clean contract with another interface name (and so another file name).
    static func contract(_ interface: String, code: String? = "1101") -> String {
        var text = CLI.clean.replacingOccurrences(of: "PersonInfoQuery", with: interface)
        text = text.replacingOccurrences(of: "code: \"1101\"\n", with: code.map { "code: \"\($0)\"\n" } ?? "")
        return text
    }

    /// top/ (the run's own catalogue), district-a/ and district-b/ (catalogues of their own, each
    /// with one contract of code 1101), district-a/extra/ (a configuration without `catalogue:`:
    /// it still belongs to district A's catalogue).
    static func layout(_ dir: URL, extraCode: String? = "1102") throws {
        try CLI.write(contract("TopQuery"), to: dir.appendingPathComponent("TopQuery.contract.yaml"))
        try CLI.write("catalogue: 锦江区\n", to: dir.appendingPathComponent("district-a/.contractc.yaml"))
        try CLI.write(contract("JinjiangQuery"), to: dir.appendingPathComponent("district-a/JinjiangQuery.contract.yaml"))
        try CLI.write("rules:\n  file-name-interface: warning\n", to: dir.appendingPathComponent("district-a/extra/.contractc.yaml"))
        try CLI.write(contract("JinjiangExtraQuery", code: extraCode), to: dir.appendingPathComponent("district-a/extra/JinjiangExtraQuery.contract.yaml"))
        try CLI.write("catalogue: 青羊区\n", to: dir.appendingPathComponent("district-b/.contractc.yaml"))
        try CLI.write(contract("QingyangQuery"), to: dir.appendingPathComponent("district-b/QingyangQuery.contract.yaml"))
    }

    @Test func codesAreUniquePerCatalogue() throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        try Self.layout(dir)
        let clean = try CLI.run(["lint", "."], in: dir)
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")

        // The nested folder without `catalogue:` belongs to district A: 1101 there clashes with
        // JinjiangQuery only, not with the other catalogues' 1101.
        try CLI.write(Self.contract("JinjiangExtraQuery"), to: dir.appendingPathComponent("district-a/extra/JinjiangExtraQuery.contract.yaml"))
        let clash = try CLI.run(["lint", "."], in: dir)
        #expect(clash.status == 1)
        let lines = clash.stdout.diagnosticLines.filter { $0.contains("[code-duplicate]") }
        #expect(lines.count == 2, "\(clash.stdout)")
        #expect(lines.allSatisfy { $0.hasPrefix("district-a/") && !$0.contains("TopQuery") && !$0.contains("Qingyang") })

        // Without the configuration the folders are one catalogue again.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("district-b/.contractc.yaml"))
        let merged = try CLI.run(["lint", "."], in: dir)
        #expect(merged.stdout.diagnosticLines.filter { $0.contains("[code-duplicate]") && $0.hasPrefix("district-b/") }.count == 1)
    }

    @Test func codesAreAssignedPerCatalogue() throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        try Self.layout(dir, extraCode: nil)
        try CLI.write(Self.contract("QingyangSecondQuery", code: nil), to: dir.appendingPathComponent("district-b/QingyangSecondQuery.contract.yaml"))
        try CLI.write(Self.contract("TopSecondQuery", code: nil), to: dir.appendingPathComponent("TopSecondQuery.contract.yaml"))
        let out = try CLI.run(["codes", "."], in: dir)
        #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
        func code(_ path: String) throws -> String? {
            let text = try String(contentsOf: dir.appendingPathComponent(path), encoding: .utf8)
            return text.split(separator: "\n").first { $0.hasPrefix("code:") }.map(String.init)
        }
        // Each catalogue has its own 1101, so each new contract gets 1102.
        #expect(try code("district-a/extra/JinjiangExtraQuery.contract.yaml") == "code: \"1102\"")
        #expect(try code("district-b/QingyangSecondQuery.contract.yaml") == "code: \"1102\"")
        #expect(try code("TopSecondQuery.contract.yaml") == "code: \"1102\"")
        #expect(try CLI.run(["lint", "."], in: dir).status == 0)
    }

    @Test func eachCataloguePublishesIntoItsFolder() throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        try Self.layout(dir)
        let out = try CLI.run(["catalogue", ".", "--output", "site"], in: dir)
        #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
        let site = dir.appendingPathComponent("site")
        func interfaces(_ path: String) throws -> [String] {
            let data = try Data(contentsOf: site.appendingPathComponent(path))
            let services = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
            return services.compactMap { $0["interface"] as? String }
        }
        #expect(try interfaces("catalogue.json") == ["TopQuery"])
        #expect(try interfaces("district-a/catalogue.json") == ["JinjiangQuery", "JinjiangExtraQuery"])
        #expect(try interfaces("district-b/catalogue.json") == ["QingyangQuery"])
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("district-b/index.html").path))
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("district-b/openapi/QingyangQuery.openapi.json").path))

        // Two catalogues in folders of one name cannot share an output folder.
        try CLI.write("catalogue: 另一个锦江区\n", to: dir.appendingPathComponent("more/district-a/.contractc.yaml"))
        try CLI.write(Self.contract("OtherQuery"), to: dir.appendingPathComponent("more/district-a/OtherQuery.contract.yaml"))
        let clash = try CLI.run(["catalogue", ".", "--output", "site"], in: dir)
        #expect(clash.status == 2)
        #expect(clash.stderr.contains("would be published into 'district-a/'"), "\(clash.stderr)")
    }

    @Test func catalogueMustBeAName() throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        try CLI.write(Self.contract("TopQuery"), to: dir.appendingPathComponent("TopQuery.contract.yaml"))
        try CLI.write("catalogue: [锦江区]\n", to: dir.appendingPathComponent(".contractc.yaml"))
        let out = try CLI.run(["lint", "."], in: dir)
        #expect(out.status == 2)
        #expect(out.stderr.contains(".contractc.yaml:1:12: error: 'catalogue' is the name of the catalogue"), "\(out.stderr)")
    }
}
