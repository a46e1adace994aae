import ContractModel

/// `type-unknown`: a type that is neither built in, a shorthand, nor defined in the file (服务接口 4).
public struct TypeUnknownRule: ContractRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "type-unknown",
        severity: .error,
        clause: "服务接口 4",
        summary: "A `type:` is a built-in type (string, integer, decimal, binary, boolean, date, datetime), a data-element shorthand (C..50, N12,2, D8, …), a list [T], or a type under 'types:' of the same file.",
        rationale: """
            服务接口 4 asks for the parameter types to be stated; a type the compiler does not know \
            states nothing a caller can rely on. Misspelt built-in names (`String`, `int`) and \
            shorthand written in lower case (`c..50`) are reported with the name that was probably \
            meant. Record types are local to their file, so every contract can be read on its own.
            """,
        bad: [
            RuleExample(Examples.base(replacing: "        type: string\n", with: "        type: String\n")),
            RuleExample(Examples.base(replacing: "        type: C18\n", with: "        type: c18\n")),
            RuleExample(Examples.base(replacing: "  type: PersonInfo\n", with: "  type: PersonInf\n")),
        ],
        good: [
            RuleExample(Examples.base),
            RuleExample(Examples.base(replacing: "        type: C18\n", with: "        type: [C18]\n")),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        contract.reportTypeFindings(.unknown, into: &findings)
    }
}
