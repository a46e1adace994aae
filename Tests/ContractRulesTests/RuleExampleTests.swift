import ContractRules
import ContractSyntax
import Testing

/// Every rule's examples are its tests: each bad example raises that rule and no other,
/// each good example raises nothing — with the rule switched on even if it is off by default.
@Suite("Rule examples")
struct RuleExampleTests {
    static let rules = RuleRegistry.descriptions.map(\.id)

    static func settings(for rule: RuleDescription, example: RuleExample) -> LintSettings {
        LintSettings(
            severities: [rule.id: rule.defaultSeverity ?? .warning],
            options: RuleOptions(acronyms: Set(example.acronyms), protocols: example.protocols))
    }

    static func run(_ example: RuleExample, _ rule: RuleDescription) -> [Diagnostic] {
        Linter.lint(example: example, settings: settings(for: rule, example: example))
    }

    @Test("bad examples raise exactly their rule", arguments: rules)
    func badExamples(id: String) throws {
        let rule = try #require(RuleRegistry.description(of: id))
        #expect(!rule.bad.isEmpty, "\(id) has no bad example")
        for (index, example) in rule.bad.enumerated() {
            let found = Self.run(example, rule)
            #expect(found.contains { $0.rule == id }, "bad example \(index + 1) of \(id) does not raise it: \(found.map { "\($0.rule): \($0.message)" })")
            let others = found.filter { $0.rule != id }
            #expect(others.isEmpty, "bad example \(index + 1) of \(id) also raises \(others.map { "\($0.line):\($0.column) \($0.rule): \($0.message)" })")
        }
    }

    @Test("good examples raise nothing", arguments: rules)
    func goodExamples(id: String) throws {
        let rule = try #require(RuleRegistry.description(of: id))
        #expect(!rule.good.isEmpty, "\(id) has no good example")
        for (index, example) in rule.good.enumerated() {
            let found = Self.run(example, rule)
            #expect(found.isEmpty, "good example \(index + 1) of \(id) raises \(found.map { "\($0.line):\($0.column) \($0.rule): \($0.message)" })")
        }
    }

    @Test func ruleDataIsComplete() {
        var seen = Set<String>()
        for rule in RuleRegistry.descriptions {
            #expect(seen.insert(rule.id).inserted, "duplicate rule id \(rule.id)")
            #expect(rule.id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "rule id \(rule.id) is not kebab-case")
            #expect(!rule.clause.isEmpty && !rule.summary.isEmpty, "\(rule.id) lacks a clause or summary")
            #expect(rule.rationale.count > 80, "\(rule.id) needs a real rationale")
        }
    }

    @Test func baseExampleIsClean() {
        #expect(Linter.lint([("PersonInfoQuery.contract.yaml", Examples.base)]).isEmpty)
    }
}
