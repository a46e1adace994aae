import ContractModel

/// `type-missing`: a parameter or field without a `type:` (服务接口 4).
public struct TypeMissingRule: ContractRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "type-missing",
        severity: .error,
        clause: "服务接口 4",
        summary: "Every parameter and field states its type (`type:`), and a list type names its element.",
        rationale: """
            服务接口 4 asks that the type of every parameter be stated (应明确参数类型、长度等). Without \
            a type a caller cannot know what to send, the generated code cannot check it, and the \
            catalogue cannot show it. The type may be a built-in type with its length, a data-element \
            shorthand such as C..50, a list [T], or a record type defined under 'types:'.
            """,
        bad: [
            RuleExample(Examples.base(replacing: "        type: C18\n", with: "")),
            RuleExample(Examples.base(replacing: "        type: C18\n", with: "        type: \"[]\"\n")),
        ],
        good: [RuleExample(Examples.base)]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        contract.reportTypeFindings(.missing, into: &findings)
    }
}
