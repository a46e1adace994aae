import ContractModel
import ContractRules
import ContractSyntax
import Testing

/// Issue 13 §3 and §5 at the level of the rules and the model: the content/service table, the
/// retired GB/T 2260 codes, length messages and aliases.
@Suite("Standard gaps (rules)")
struct StandardGapsRuleTests {
    static func lint(_ text: String) -> [Diagnostic] {
        Linter.lint([("Example.contract.yaml", text)])
    }

    static func classified(service: String, content: String, code: String) -> String {
        Examples.base([("code: \"1101\"", "code: \"\(code)\""), ("  service: basicQuery", "  service: \(service)"),
            ("  content: basicInfoQuery", "  content: \(content)")])
    }

    /// The combinations the rule forbids, and only these (see the rule's rationale).
    static let forbidden: Set<String> = [
        "basicInfoQuery/businessAnalysis", "basicInfoQuery/statistics",
        "statisticsQuery/basicQuery", "statisticsQuery/businessAnalysis",
        "correlationAnalysis/basicQuery", "dataMining/basicQuery", "intelligentAnalysis/basicQuery",
    ]

    @Test(arguments: ContentKind.allCases)
    func contentAgainstEveryServiceCategory(content: ContentKind) {
        for service in ServiceCategory.allCases {
            let text = Self.classified(service: service.rawValue, content: content.rawValue, code: "1\(service.digit)01")
            let found = Self.lint(text).map(\.rule)
            let key = "\(content.rawValue)/\(service.rawValue)"
            #expect(found == (Self.forbidden.contains(key) ? ["content-category-mismatch"] : []), "\(key): \(found)")
        }
    }

    @Test func retiredCodesAreNotCurrentAndTheirSuccessorsAre() {
        #expect(GBT2260.retiredCount >= 10)
        let shuangliu = GBT2260.retired("510122")
        #expect(shuangliu?.name == "双流县")
        #expect(shuangliu?.successor == "510116")
        #expect(GBT2260.retired("512081")?.successor == "510185")
        #expect(GBT2260.retired("510102")?.successor == nil)
        #expect(GBT2260.retired("510102")?.name == "东城区")
        #expect(GBT2260.retired("510100") == nil)
        #expect(GBT2260.retired("51012") == nil)
        for code in ["510122", "510123", "510124", "510125", "510132", "510102", "512081"] {
            #expect(!GBT2260.contains(code), "\(code) is retired but in the current table")
            if let successor = GBT2260.retired(code)?.successor {
                #expect(GBT2260.contains(successor), "successor \(successor) of \(code) is not current")
            }
        }
    }

    @Test(arguments: [
        ("decimal", "12.2", "did you mean \"12,2\"?"),
        ("integer", "12.2", "type: decimal, length: \"12,2\""),
        ("string", "18-18", "did you mean 18..18?"),
        ("string", "99999999999999999999", "99999999999999999999 is too large"),
        ("string", "99999999999999999999..99999999999999999999", "the minimum 99999999999999999999 and the maximum 99999999999999999999 are too large"),
        ("decimal", "99999999999999999999,2", "the precision 99999999999999999999 is too large"),
        ("binary", "99999999999999999999", "99999999999999999999 is too large"),
    ])
    func lengthNearMissesAreNamed(type: String, length: String, expected: String) {
        guard case .failure(let error) = TypeResolver.parseLength(type, .text(length)) else {
            Issue.record("\(type) \(length) was accepted")
            return
        }
        #expect(error.message.contains(expected), "\(error.message)")
    }

    @Test(arguments: [
        ("N12.2", "did you mean 'N12,2'?"),
        ("N..12.2", "did you mean 'N12,2'?"),
        ("C..99999999999999999999", "the maximum 99999999999999999999 is too large"),
        ("C99999999999999999999", "99999999999999999999 is too large"),
        ("BY..99999999999999999999", "99999999999999999999 is too large"),
    ])
    func shorthandNearMissesAreNamed(text: String, expected: String) {
        guard case .failure(let error)? = Shorthand.parse(text) else {
            Issue.record("\(text) was accepted or not read as shorthand")
            return
        }
        #expect(error.message.contains(expected), "\(error.message)")
    }

    @Test func parametersThroughAnAliasAreReportedAtEachAlias() {
        let text = Examples.base([
            ("    parameters:\n", "    parameters: &params\n"),
            ("        description: 公民身份号码\n", "        description: \"\"\n"),
        ]) .replacingOccurrences(of: "types:\n", with: """
              - name: findPerson
                summary: 按公民身份号码查询参保人员
                parameters: *params
                returns:
                  type: none
                  description: 无返回内容
                  codes:
                    - code: 0
                      meaning: 查询成功
            types:

            """)
        let found = Self.lint(text).filter { $0.rule == "description-missing" }
        #expect(found.count == 2, "\(found.map { "\($0.line):\($0.column) \($0.message)" })")
        #expect(Set(found.map(\.line)).count == 2, "both at one place: \(found.map { "\($0.line):\($0.column)" })")
    }

    @Test func misspeltKeysAreReportedOnceByUnknownKey() {
        for (old, new) in [("    summary: 按公民身份号码查询参保人员", "    sumary: 按公民身份号码查询参保人员"),
                           ("  address: https", "  adress: https"),
                           ("      description: 参保人员基础信息", "      descripton: 参保人员基础信息")] {
            let found = Self.lint(Examples.base(replacing: old, with: new))
            #expect(found.map(\.rule) == ["unknown-key"], "\(new): \(found.map { "\($0.rule): \($0.message)" })")
        }
    }

    @Test func directivesNamingKnownRulesOrAllAreQuiet() {
        let text = Examples.base(replacing: "  - name: queryPerson\n",
            with: "  # contractc:disable-next-line method-name-case,all\n  - name: QueryPerson\n")
        #expect(Self.lint(text).isEmpty)
        let far = Examples.base(replacing: "  - name: queryPerson\n",
            with: "  # contractc:disable-next-line zzzzzzzzzzzzzzzz\n  - name: queryPerson\n")
        let found = Self.lint(far)
        #expect(found.map(\.rule) == ["directive-unknown-rule"])
        #expect(found.first?.message.contains("contractc explain --list") == true, "\(found.map(\.message))")
    }
}
