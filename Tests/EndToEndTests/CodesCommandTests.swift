import Foundation
import Testing

@Suite("contractc codes, end to end")
struct CodesCommandTests {
    /// A contract of a group without a code, with comments and odd spacing that must survive.
    func uncoded(_ name: String, resource: String = "general", service: String = "basicQuery", other: Bool = false, crlf: Bool = false) -> String {
        var text = CLI.clean
            .replacingOccurrences(of: "code: \"1101\"\n", with: "")
            .replacingOccurrences(of: "interface: PersonInfoQuery", with: "interface:   \(name)    # 接口名，勿改")
            .replacingOccurrences(of: "  resource: general", with: "  resource: \(resource)")
            .replacingOccurrences(of: "  service: basicQuery", with: "  service: \(service)\(other ? "\n  other: true" : "")")
        text = "# 头部注释\n\n" + text + "# trailing comment without newline"
        return crlf ? text.replacingOccurrences(of: "\n", with: "\r\n") : text
    }

    @Test func assignsLowestFreeSerialInsertingOneLineAndChangingNothingElse() throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        // Group 11 already has 1101 and 1103: the gap 02 is the lowest free serial.
        try CLI.write(CLI.clean, to: dir.appendingPathComponent("a.contract.yaml"))
        try CLI.write(CLI.clean.replacingOccurrences(of: "PersonInfoQuery", with: "Third").replacingOccurrences(of: "\"1101\"", with: "\"1103\""), to: dir.appendingPathComponent("c.contract.yaml"))
        let original = uncoded("SecondQuery")
        try CLI.write(original, to: dir.appendingPathComponent("b.contract.yaml"))
        let crlf = uncoded("FourthQuery", crlf: true)
        try CLI.write(crlf, to: dir.appendingPathComponent("d.contract.yaml"))
        let other = uncoded("CatchAll", resource: "analytical", service: "businessAnalysis", other: true)
        try CLI.write(other, to: dir.appendingPathComponent("e.contract.yaml"))

        let check = try CLI.run(["codes", "--check", "."], in: dir)
        #expect(check.status == 1)
        #expect(check.stdout.contains("b.contract.yaml:4:1: error: no service code; `contractc codes` would assign \"1102\" [code-missing]"))
        #expect(try String(contentsOf: dir.appendingPathComponent("b.contract.yaml"), encoding: .utf8) == original, "--check wrote a file")

        let out = try CLI.run(["codes", "."], in: dir)
        #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
        #expect(out.stdout == "b.contract.yaml: assigned code 1102\nd.contract.yaml: assigned code 1104\ne.contract.yaml: assigned code 3299\nassigned 3 codes in 5 contracts\n")
        let b = try Data(contentsOf: dir.appendingPathComponent("b.contract.yaml"))
        let expectedB = original.replacingOccurrences(of: "interface:   SecondQuery    # 接口名，勿改\n", with: "interface:   SecondQuery    # 接口名，勿改\ncode: \"1102\"\n")
        #expect(b == Data(expectedB.utf8))
        let d = try Data(contentsOf: dir.appendingPathComponent("d.contract.yaml"))
        #expect(d == Data(crlf.replacingOccurrences(of: "勿改\r\n", with: "勿改\r\ncode: \"1104\"\r\n").utf8))
        let e = try String(contentsOf: dir.appendingPathComponent("e.contract.yaml"), encoding: .utf8)
        #expect(e.contains("勿改\ncode: \"3299\"\ntitle:"))

        // Now everything lints clean, and a second run changes nothing (codes are never renumbered).
        let lint = try CLI.run(["lint", "."], in: dir)
        #expect(lint.status == 0, "\(lint.stdout)")
        let before = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("b.contract.yaml").path)[.modificationDate] as? Date
        let again = try CLI.run(["codes", "."], in: dir)
        #expect(again.status == 0 && again.stdout == "assigned 0 codes in 5 contracts\n")
        let after = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("b.contract.yaml").path)[.modificationDate] as? Date
        #expect(before == after)
        let checkAgain = try CLI.run(["codes", "--check", "."], in: dir)
        #expect(checkAgain.status == 0 && checkAgain.stdout == "every contract has a code in 5 contracts\n")
    }

    @Test func neverRenumbersAndReportsWhatItCannotAssign() throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        // A wrong but written code stays as it is: codes never renumbers.
        let wrong = CLI.clean.replacingOccurrences(of: "\"1101\"", with: "\"3101\"")
        try CLI.write(wrong, to: dir.appendingPathComponent("a.contract.yaml"))
        try CLI.write(uncoded("NoGroup", resource: "genral"), to: dir.appendingPathComponent("b.contract.yaml"))
        let out = try CLI.run(["codes", "."], in: dir)
        #expect(out.status == 1)
        #expect(out.stdout.contains("b.contract.yaml:4:1: error: the contract has no group"))
        #expect(try String(contentsOf: dir.appendingPathComponent("a.contract.yaml"), encoding: .utf8) == wrong)
    }

    @Test func shippedContractsAllHaveCodes() throws {
        let out = try CLI.run(["codes", "--check", "contracts"])
        #expect(out.status == 0, "\(out.stdout)")
    }
}
