import ContractModel

/// `length-conflict`: a shorthand type together with a separate `length:` (服务接口 4).
public struct LengthConflictRule: ContractRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "length-conflict",
        severity: .error,
        clause: "服务接口 4",
        summary: "A data-element shorthand type (C18, N..10, N12,2, BY..1024) already carries its length, so it has no separate `length:`.",
        rationale: """
            The shorthand of the government data-element standards writes type and length together \
            (C18 is a string of exactly 18 characters). A second length beside it states the length \
            twice, and when the two differ nobody can tell which one the interface keeps. Write \
            either the shorthand alone or the long form `type:` + `length:` (服务接口 4).
            """,
        bad: [RuleExample(Examples.base(replacing: "        type: C18\n", with: "        type: C18\n        length: 18..18\n"))],
        good: [
            RuleExample(Examples.base),
            RuleExample(Examples.base(replacing: "        type: C18\n", with: "        type: string\n        length: 18..18\n")),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        contract.reportTypeFindings(.lengthConflict, into: &findings)
    }
}
