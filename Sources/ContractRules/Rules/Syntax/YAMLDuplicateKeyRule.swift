import ContractSyntax

/// `yaml-duplicate-key`: a key written twice in one mapping.
public struct YAMLDuplicateKeyRule: FileRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "yaml-duplicate-key",
        severity: .error,
        clause: "合同格式 (§2)",
        summary: "A key appears at most once in a mapping.",
        rationale: """
            YAML readers disagree on a repeated key: some keep the first, some the last, some fail. \
            A contract read one way by the compiler and another way by a reviewer's tool is no \
            contract. The finding points at the second occurrence and names the line of the first.
            """,
        bad: [RuleExample(Examples.base(replacing: "version: 1.0.0\n", with: "version: 1.0.0\nversion: 1.1.0\n"))],
        good: [RuleExample(Examples.base)]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ file: CheckedFile, options: RuleOptions, into findings: inout [Finding]) {
        for p in file.syntaxProblems where p.kind == .duplicateKey {
            findings.append(Finding(file: file.path, place: p.place, message: p.message))
        }
    }
}
