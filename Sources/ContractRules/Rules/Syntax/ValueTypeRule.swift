import ContractModel

/// `value-type`: a value of the wrong kind (a list where a mapping belongs, a number where a string belongs).
public struct ValueTypeRule: FileRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "value-type",
        severity: .error,
        clause: "合同格式 (§2)",
        summary: "Each key holds the kind of value the language defines: a mapping, a list, a string, a number or true/false.",
        rationale: """
            YAML guesses types: `code: 0101` is a number (octal 65 under YAML 1.1), `region: 510100` a \
            number, `other: yes` a boolean. Codes and regions are identifiers with leading zeros that \
            matter, so the language asks for the kind it means, and says how to write it (quote it).
            """,
        bad: [
            RuleExample(Examples.base(replacing: "code: \"1101\"", with: "code: 1101")),
            RuleExample(Examples.base(replacing: "sharing:\n  level: unconditional", with: "sharing: unconditional")),
            RuleExample("- contract: 1\n- interface: PersonInfoQuery\n"),
            RuleExample("# an empty contract\n"),
        ],
        good: [RuleExample(Examples.base)]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ file: CheckedFile, options: RuleOptions, into findings: inout [Finding]) {
        guard let contract = file.contract else { return }
        for p in contract.problems where p.kind == .wrongKind {
            findings.add(contract, p.place, p.message)
        }
    }
}
