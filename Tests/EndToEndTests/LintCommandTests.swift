import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import Testing

@Suite("contractc lint, end to end")
struct LintCommandTests {
    @Test func shippedContractsLintClean() throws {
        let out = try CLI.run(["lint", "contracts"])
        #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
        #expect(out.stdout.hasPrefix("0 errors, 0 warnings in "))
        let count = try FileManager.default.contentsOfDirectory(atPath: CLI.root.appendingPathComponent("contracts").path)
            .filter { $0.hasSuffix(".contract.yaml") }.count
        #expect(count >= 12)
        #expect(out.stdout == "0 errors, 0 warnings in \(count) contracts\n")
    }

    @Test func diagnosticsAreSortedPlacedAndSummarised() throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        let bad = CLI.clean
            .replacingOccurrences(of: "  - name: queryPerson", with: "  - name: QueryPerson")
            .replacingOccurrences(of: "protocol: HTTPS", with: "protocol: https")
        try CLI.write(bad, to: dir.appendingPathComponent("b.contract.yaml"))
        // Another service: its own interface name and code (one name twice is interface-name-conflict).
        try CLI.write(CLI.clean.replacingOccurrences(of: "code: \"1101\"", with: "code: \"1102\"").replacingOccurrences(of: "PersonInfoQuery", with: "PersonHistoryQuery"),
            to: dir.appendingPathComponent("a.contract.yaml"))
        let out = try CLI.run(["lint", "."], in: dir)
        #expect(out.status == 1)
        let lines = out.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("b.contract.yaml:11:11: error: protocol 'https' is not one of the nine protocols of the standard; did you mean 'HTTPS'? [protocol-unknown]") || lines.contains { $0.hasPrefix("b.contract.yaml:11:11: error:") && $0.hasSuffix("[protocol-unknown]") && $0.contains("HTTPS") })
        #expect(lines.contains("b.contract.yaml:19:11: error: method name 'QueryPerson' is not camelCase; did you mean 'queryPerson'? [method-name-case]"))
        #expect(lines.last == "2 errors, 0 warnings in 2 contracts")
    }

    @Test func sameRunTwiceIsByteIdentical() throws {
        let first = try CLI.run(["lint", "contracts", "--format", "json"])
        let second = try CLI.run(["lint", "contracts", "--format", "json"])
        #expect(first.stdout == second.stdout)
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        for i in 0..<20 {
            try CLI.write(CLI.clean.replacingOccurrences(of: "PersonInfoQuery", with: "person_\(i)"), to: dir.appendingPathComponent("c\(i).contract.yaml"))
        }
        let a = try CLI.run(["lint", dir.path])
        let b = try CLI.run(["lint", dir.path])
        #expect(a.stdout == b.stdout && !a.stdout.isEmpty)
    }

    @Test func jsonFormat() throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        try CLI.write(CLI.clean.replacingOccurrences(of: "version: 1.0.0\n", with: ""), to: dir.appendingPathComponent("x.contract.yaml"))
        let out = try CLI.run(["lint", ".", "--format", "json"], in: dir)
        #expect(out.status == 1)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [[String: Any]])
        #expect(array.count == 1)
        let d = try #require(array.first)
        #expect(d["file"] as? String == "x.contract.yaml")
        #expect(d["line"] as? Int == 1 && d["column"] as? Int == 1)
        #expect(d["severity"] as? String == "error" && d["rule"] as? String == "key-missing")
        #expect((d["message"] as? String)?.contains("version") == true)
    }

    @Test func sarifFormat() throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        try CLI.write(CLI.clean.replacingOccurrences(of: "interface: PersonInfoQuery", with: "interface: personInfoQuery"), to: dir.appendingPathComponent("x.contract.yaml"))
        let out = try CLI.run(["lint", ".", "--format", "sarif"], in: dir)
        #expect(out.status == 1)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        #expect(root["version"] as? String == "2.1.0")
        let run = try #require((root["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "contractc")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 1)
        let result = try #require(results.first)
        #expect(result["ruleId"] as? String == "interface-name-case")
        let index = try #require(result["ruleIndex"] as? Int)
        #expect(rules[index]["id"] as? String == "interface-name-case")
        let region = ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any]
        #expect(region?["startLine"] as? Int == 2 && region?["startColumn"] as? Int == 12)
    }

    @Test func githubFormat() throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        try CLI.write(CLI.clean.replacingOccurrences(of: "interface: PersonInfoQuery", with: "interface: person,info"), to: dir.appendingPathComponent("x.contract.yaml"))
        let out = try CLI.run(["lint", ".", "--format", "github"], in: dir)
        #expect(out.status == 1)
        let first = try #require(out.stdout.split(separator: "\n").first)
        #expect(first.hasPrefix("::error file=x.contract.yaml,line=2,col=12,title=interface-name-case::interface name 'person,info'"))
    }

    @Test func junitFormat() throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        try CLI.write(CLI.clean, to: dir.appendingPathComponent("good.contract.yaml"))
        try CLI.write(CLI.clean.replacingOccurrences(of: "code: \"1101\"", with: "code: \"1102\"").replacingOccurrences(of: "PersonInfoQuery", with: "PersonHistoryQuery")
            .replacingOccurrences(of: "title: 参保人员信息查询\n", with: "title: <&\"查询\">\nsumary: x\n"), to: dir.appendingPathComponent("bad.contract.yaml"))
        let out = try CLI.run(["lint", ".", "--format", "junit"], in: dir)
        #expect(out.status == 1)
        #expect(out.stdout.contains("<testsuite name=\"contractc lint\" tests=\"2\" failures=\"1\""))
        #expect(out.stdout.contains("<testcase classname=\"contractc.lint\" name=\"good.contract.yaml\"/>"))
        #expect(out.stdout.contains("type=\"unknown-key\""))
        // Well-formed XML.
        let parser = XMLParser(data: Data(out.stdout.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
    }

    @Test func strictTurnsWarningsIntoFailure() throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        let warned = CLI.clean.replacingOccurrences(of: "        type: C18\n", with: "        type: boolean\n        length: 1\n").replacingOccurrences(of: "        masking: idNumber\n", with: "")
        try CLI.write(warned, to: dir.appendingPathComponent("w.contract.yaml"))
        let plain = try CLI.run(["lint", "."], in: dir)
        #expect(plain.status == 0, "\(plain.stdout)")
        #expect(plain.stdout.contains("warning:") && plain.stdout.contains("[length-ignored]"))
        #expect(plain.stdout.hasSuffix("0 errors, 1 warning in 1 contract\n"))
        let strict = try CLI.run(["lint", ".", "--strict"], in: dir)
        #expect(strict.status == 1)
    }

    @Test func configurationSeveritiesAcronymsAndExclude() throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        try CLI.write(CLI.clean.replacingOccurrences(of: "interface: PersonInfoQuery", with: "interface: IDCardQuery"), to: dir.appendingPathComponent("contracts/IDCardQuery.contract.yaml"))
        try CLI.write("not: [valid", to: dir.appendingPathComponent("contracts/generated/broken.contract.yaml"))
        // Without configuration: the acronym is an error and the broken file is read.
        let before = try CLI.run(["lint", "contracts"], in: dir)
        #expect(before.status == 1)
        #expect(before.stdout.contains("did you mean 'IdCardQuery'? [interface-name-case]"))
        try CLI.write("""
            acronyms: [ID]
            exclude: ["**/generated/**"]
            rules:
              file-name-interface: error
              length-ignored: off
            """, to: dir.appendingPathComponent(".contractc.yaml"))
        let after = try CLI.run(["lint", "contracts"], in: dir)
        #expect(after.status == 0, "\(after.stdout)\(after.stderr)")
        // A catalogue with a configuration is asked for its code register, once.
        #expect(after.stdout == ".contractc.yaml:1:1: warning: this catalogue keeps no code register; run `contractc codes` to create service-codes.yaml beside this file from the codes the contracts hold, and commit it [code-register-missing]\n0 errors, 1 warning in 1 contract\n")
        #expect(try CLI.run(["codes", "contracts"], in: dir).status == 0)
        let registered = try CLI.run(["lint", "contracts"], in: dir)
        #expect(registered.stdout == "0 errors, 0 warnings in 1 contract\n", "\(registered.stdout)")
    }

    @Test func badConfigurationIsExitTwoAtItsPlace() throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        try CLI.write(CLI.clean, to: dir.appendingPathComponent("x.contract.yaml"))
        try CLI.write("rules:\n  method-name-cse: off\n", to: dir.appendingPathComponent(".contractc.yaml"))
        let out = try CLI.run(["lint", "."], in: dir)
        #expect(out.status == 2)
        #expect(out.stderr.contains(".contractc.yaml:2:3: error: unknown rule 'method-name-cse'; did you mean 'method-name-case'?"))
    }

    @Test func disableNextLineComment() throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        let text = CLI.clean.replacingOccurrences(of: "  - name: queryPerson", with: "  # contractc:disable-next-line method-name-case\n  - name: Query_Person")
        try CLI.write(text, to: dir.appendingPathComponent("x.contract.yaml"))
        let out = try CLI.run(["lint", "."], in: dir)
        #expect(out.status == 0, "\(out.stdout)")
        try CLI.write(text.replacingOccurrences(of: "method-name-case", with: "parameter-name-case"), to: dir.appendingPathComponent("x.contract.yaml"))
        let other = try CLI.run(["lint", "."], in: dir)
        #expect(other.status == 1)
        #expect(other.stdout.contains("did you mean 'queryPerson'? [method-name-case]"))
    }

    @Test func duplicateCodesNameBothFiles() throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        try CLI.write(CLI.clean, to: dir.appendingPathComponent("a.contract.yaml"))
        try CLI.write(CLI.clean.replacingOccurrences(of: "PersonInfoQuery", with: "PersonInfoQueryTwo"), to: dir.appendingPathComponent("b.contract.yaml"))
        let out = try CLI.run(["lint", "."], in: dir)
        #expect(out.status == 1)
        let lines = out.stdout.diagnosticLines.filter { $0.contains("[code-duplicate]") }
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("a.contract.yaml:3:7:") == true && lines.first?.contains("b.contract.yaml") == true)
        #expect(lines.last?.hasPrefix("b.contract.yaml:3:7:") == true && lines.last?.contains("a.contract.yaml") == true)
    }

    @Test func helpAndVersion() throws {
        let help = try CLI.run(["lint", "--help"])
        #expect(help.status == 0 && help.stdout.contains("--format"))
        let version = try CLI.run(["--version"])
        #expect(version.status == 0 && !version.stdout.isEmpty)
        let unknown = try CLI.run(["lint", "--bogus"])
        #expect(unknown.status == 2)
    }
}
