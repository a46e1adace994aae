import ContractModel

/// `length-missing`: a string, integer, decimal or binary without a length (服务接口 4).
public struct LengthMissingRule: ContractRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "length-missing",
        severity: .error,
        clause: "服务接口 4",
        summary: "A string, integer, decimal or binary states its length: `length:` in long form, or a shorthand type that carries it (C..50, N..10, N12,2, BY..1024).",
        rationale: """
            服务接口 4 asks for the length of every parameter as well as its type (应明确参数类型、长度等). \
            The length is what lets the provider size its columns and the caller validate before \
            sending; the generated `validate()` checks it. A returned value has no `length:` key, so \
            a returned string or number is written in shorthand or as a record type.
            """,
        bad: [
            RuleExample(Examples.base(replacing: "        length: 50\n", with: "")),
            RuleExample(Examples.base(replacing: "  type: PersonInfo\n", with: "  type: string\n")),
        ],
        good: [
            RuleExample(Examples.base),
            RuleExample(Examples.base(replacing: "  type: PersonInfo\n", with: "  type: C..50\n")),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        contract.reportTypeFindings(.lengthMissing, into: &findings)
    }
}
