import ContractModel

/// `length-ignored`: a length on a type that takes none (服务接口 4).
public struct LengthIgnoredRule: ContractRule {
    /// A parameter to add to the base example's method, with `extra` lines under it.
    static func flagParameter(_ extra: String) -> String {
        Examples.base(replacing: "        masking: idNumber\n", with: """
                    masking: idNumber
                  - name: activeOnly
                    type: boolean
            \(extra)        description: 仅查询在保人员
                    required: false

            """)
    }

    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "length-ignored",
        severity: .warning,
        clause: "服务接口 4",
        summary: "No `length:` on boolean, date, datetime or a record type, and no `maxItems` on a type that is not a list: they would be ignored.",
        rationale: """
            A boolean, a date (yyyy-MM-dd) and a datetime (ISO 8601) have fixed forms, and a record's \
            size follows from its fields, so a length written on them says nothing — but a reader of \
            the contract may believe it is enforced. The warning asks to remove it so the contract \
            states only what is checked (服务接口 4).
            """,
        bad: [
            RuleExample(flagParameter("        length: 1\n")),
            RuleExample(flagParameter("        maxItems: 10\n")),
        ],
        good: [RuleExample(flagParameter(""))]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        contract.reportTypeFindings(.lengthIgnored, into: &findings)
    }
}
