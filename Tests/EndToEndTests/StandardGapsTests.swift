import Foundation
import Testing

/// Issue 13 §3 and §5 on the built binary: what the standard says that lint used to let through,
/// and the smaller defects of its messages.
@Suite("Standard gaps")
struct StandardGapsTests {
    /// Lints one contract written as `x.contract.yaml` in a fresh folder.
    func lint(_ text: String, _ arguments: [String] = [], name: String = #function) throws -> CLI.Output {
        let dir = try CLI.temporaryFolder(name)
        defer { CLI.cleanUp(dir) }
        try CLI.write(text, to: dir.appendingPathComponent("x.contract.yaml"))
        return try CLI.run(["lint", "."] + arguments, in: dir)
    }

    /// The clean contract with one replacement, which must apply.
    func clean(_ old: String, _ new: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        #expect(CLI.clean.contains(old), "the clean contract has no '\(old)'", sourceLocation: sourceLocation)
        return CLI.clean.replacingOccurrences(of: old, with: new)
    }

    /// The diagnostic lines, each checked to be `x.contract.yaml:PLACE: SEVERITY: … [RULE]`.
    func expect(
        _ out: CLI.Output, status: Int32, _ expected: [(place: String, rule: String, text: String)],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let lines = out.stdout.diagnosticLines.map(String.init)
        #expect(out.status == status, "exit \(out.status): \(out.stdout)\(out.stderr)", sourceLocation: sourceLocation)
        #expect(lines.count == expected.count, "expected \(expected.count) diagnostics, got \(lines)", sourceLocation: sourceLocation)
        for (line, e) in zip(lines, expected) {
            #expect(line.hasPrefix("x.contract.yaml:\(e.place): "), "\(line)", sourceLocation: sourceLocation)
            #expect(line.hasSuffix("[\(e.rule)]"), "\(line)", sourceLocation: sourceLocation)
            #expect(line.contains(e.text), "'\(e.text)' not in \(line)", sourceLocation: sourceLocation)
        }
    }

    // MARK: §3 blank required text

    @Test func blankTitleIsRefused() throws {
        expect(try lint(clean("title: 参保人员信息查询", "title: \" \"")), status: 1,
            [("4:8", "key-missing", "'title' is blank")])
        expect(try lint(clean("title: 参保人员信息查询", "title: \"\"")), status: 1,
            [("4:8", "key-missing", "'title' is empty")])
    }

    @Test func emptyOwnerIsRefused() throws {
        expect(try lint(clean("owner: 成都市人力资源和社会保障局信息中心", "owner: \"\"")), status: 1,
            [("6:8", "key-missing", "'owner' is empty")])
    }

    @Test func blankDescriptionsAreRefused() throws {
        expect(try lint(clean("        description: 公民身份号码", "        description: \"\"")), status: 1,
            [("24:22", "description-missing", "the description of parameter 'idNumber' of queryPerson is empty")])
        let typed = CLI.clean + """
            types:
              PersonInfo:
                description: " "
                fields:
                  - {name: fullName, type: "C..50", description: "  "}

            """
        expect(try lint(typed), status: 1, [
            ("34:18", "description-missing", "the description of type 'PersonInfo' is blank"),
            ("36:54", "description-missing", "the description of field 'fullName' of PersonInfo is blank"),
        ])
    }

    @Test func catalogueDoesNotPublishABlankTitle() throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        try CLI.write(clean("title: 参保人员信息查询", "title: \" \""), to: dir.appendingPathComponent("x.contract.yaml"))
        let out = try CLI.run(["catalogue", ".", "--output", "out"], in: dir)
        #expect(out.status == 1, "exit \(out.status): \(out.stdout)\(out.stderr)")
        let json = try? String(contentsOf: dir.appendingPathComponent("out/catalogue.json"), encoding: .utf8)
        #expect(!(json ?? "").contains("\"title\": \" \""), "\(json ?? "")")
    }

    // MARK: §3 content against service category

    @Test func statisticsContentUnderBasicQueryIsRefused() throws {
        expect(try lint(clean("  content: basicInfoQuery", "  content: statisticsQuery")), status: 1,
            [("10:12", "content-category-mismatch", "content 'statisticsQuery' (统计查询) does not belong under service 'basicQuery'")])
    }

    @Test func otherCombinesWithAnyContent() throws {
        let other = clean("code: \"1101\"", "code: \"1901\"")
            .replacingOccurrences(of: "  service: basicQuery", with: "  service: other")
            .replacingOccurrences(of: "  content: basicInfoQuery", with: "  content: statisticsQuery")
        expect(try lint(other), status: 0, [])
        expect(try lint(clean("  content: basicInfoQuery", "  content: other")), status: 0, [])
    }

    // MARK: §3 origin

    @Test func remoteOriginThatIsTheOwnerIsRefused() throws {
        let text = clean("  inspection: P1D", "  hosting: remote\n  origin: 成都市人力资源和社会保障局信息中心\n  inspection: P1D")
        expect(try lint(text), status: 1, [("15:11", "origin-is-owner", "remote data (异地数据) is published by another authority")])
        let other = clean("  inspection: P1D", "  hosting: remote\n  origin: 四川省人力资源和社会保障厅\n  inspection: P1D")
        expect(try lint(other), status: 0, [])
    }

    @Test func originOnLocalHostingIsAWarning() throws {
        let text = clean("  inspection: P1D", "  origin: 四川省人力资源和社会保障厅\n  inspection: P1D")
        expect(try lint(text), status: 0, [("14:11", "origin-ignored", "'origin' applies only to 'hosting: remote'")])
        expect(try lint(text, ["--strict"]), status: 1, [("14:11", "origin-ignored", "no 'hosting:' means local")])
    }

    // MARK: §5 lengths

    @Test func decimalShorthandWithAPointSuggestsTheComma() throws {
        expect(try lint(clean("        type: C18", "        type: N12.2")), status: 1,
            [("23:15", "length-invalid", "did you mean 'N12,2'?")])
    }

    @Test func dashedRangeSuggestsTwoDots() throws {
        expect(try lint(clean("        type: C18", "        type: string\n        length: 18-18")), status: 1,
            [("24:17", "length-invalid", "did you mean 18..18?")])
    }

    @Test func overflowingRangeNamesTheBound() throws {
        expect(try lint(clean("        type: C18", "        type: string\n        length: 1..99999999999999999999")), status: 1,
            [("24:17", "length-invalid", "the maximum 99999999999999999999 is too large")])
        expect(try lint(clean("        type: C18", "        type: C99999999999999999999..1")), status: 1,
            [("23:15", "length-invalid", "the minimum 99999999999999999999 is too large")])
    }

    // MARK: §5 directives

    @Test func misspeltRuleInADirectiveIsAnError() throws {
        let text = clean("  - name: queryPerson", "  # contractc:disable-next-line method-name-cse\n  - name: QueryPerson")
        expect(try lint(text), status: 1, [
            ("19:33", "directive-unknown-rule", "'method-name-cse' in '# contractc:disable-next-line' is not a rule of contractc, so it silences nothing; did you mean 'method-name-case'?"),
            ("20:11", "method-name-case", "'QueryPerson' is not camelCase"),
        ])
        let right = clean("  - name: queryPerson", "  # contractc:disable-next-line method-name-case, all\n  - name: QueryPerson")
        expect(try lint(right), status: 0, [])
    }

    // MARK: §5 one fix for a misnamed path parameter

    @Test func snakeCaseParameterWithCamelCasePathGetsOneFix() throws {
        let text = clean("    summary: 按公民身份号码查询参保人员\n", "    summary: 按公民身份号码查询参保人员\n    http:\n      method: GET\n      path: /persons/{idNumber}\n")
            .replacingOccurrences(of: "      - name: idNumber", with: "      - name: id_number")
        let out = try lint(text)
        expect(out, status: 1, [
            ("23:13", "http-binding-invalid", "rename the parameter to 'idNumber'"),
            ("25:15", "parameter-name-case", "did you mean 'idNumber'?"),
        ])
        #expect(!out.stdout.contains("{id_number}"), "a message tells the path to follow the misnamed parameter: \(out.stdout)")
    }

    // MARK: §5 aliases and misspelt keys

    @Test func methodThroughAnAliasIsReportedAtTheAlias() throws {
        let text = clean("  - name: queryPerson", "  - &method\n    name: QueryPerson") + "  - *method\n"
        let out = try lint(text)
        let lines = out.stdout.diagnosticLines.map(String.init)
        #expect(Set(lines).count == lines.count, "a diagnostic is repeated: \(lines)")
        expect(out, status: 1, [
            ("20:11", "method-name-case", "'QueryPerson' is not camelCase"),
            ("33:5", "method-name-case", "'QueryPerson' is not camelCase"),
            ("33:5", "name-duplicate", "already used on line 20"),
        ])
    }

    @Test func misspeltAddressIsOnlyAnUnknownKey() throws {
        expect(try lint(clean("  address: https", "  adress: https")), status: 1,
            [("13:3", "unknown-key", "unknown key 'adress' in 'endpoint'; did you mean 'address'?")])
    }

    // MARK: §5 retired region codes

    func fileExchange(region: String) -> String {
        clean("exchange: interface", "exchange: file\nfiles:\n  classification: A0102\n  region: \"\(region)\"\n  extensions: [csv]")
    }

    @Test func retiredRegionNamesItsSuccessor() throws {
        let out = try lint(fileExchange(region: "510122"))
        expect(out, status: 1, [("20:11", "exchange-file-region",
            "region 510122 (双流县) is no longer a GB/T 2260 code: it is now 510116 (双流区); write region: \"510116\"")])
        #expect(!out.stdout.contains("510121"), "\(out.stdout)")
        expect(try lint(fileExchange(region: "510132")), status: 1, [("20:11", "exchange-file-region", "it is now 510118 (新津区)")])
        expect(try lint(fileExchange(region: "510116")), status: 0, [])
    }

    @Test func retiredRegionWithoutSuccessorSuggestsNoLookAlike() throws {
        let out = try lint(fileExchange(region: "510102"))
        expect(out, status: 1, [("20:11", "exchange-file-region", "region 510102 (东城区) is no longer a GB/T 2260 code")])
        #expect(!out.stdout.contains("did you mean"), "\(out.stdout)")
    }

    // MARK: §5 mailto

    @Test func mailtoIsNotToldToBecomeMailtoSlashSlash() throws {
        let text = clean("protocol: HTTPS", "protocol: SMTP")
            .replacingOccurrences(of: "address: https://hrss.example.cn/api/person", with: "address: mailto:hr@hrss.example.cn")
        let out = try lint(text)
        expect(out, status: 1, [("13:12", "address-invalid", "for SMTP write smtp://hrss.example.cn")])
        #expect(!out.stdout.contains("mailto://"), "\(out.stdout)")
    }
}
