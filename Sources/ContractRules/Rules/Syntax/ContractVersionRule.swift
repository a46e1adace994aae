import ContractModel

/// `contract-version`: the language version is one this compiler reads.
public struct ContractVersionRule: ContractRule {
    /// The language versions this compiler reads.
    public static let supported = [1]

    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "contract-version",
        severity: .error,
        clause: "合同格式 (§2)",
        summary: "`contract:` names a version of the contract language this compiler reads; only 1 exists.",
        rationale: """
            The version lets the language grow without misreading old files: a file written for a \
            later version is refused rather than half understood.
            """,
        bad: [RuleExample(Examples.base(replacing: "contract: 1", with: "contract: 2"))],
        good: [RuleExample(Examples.base)]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        guard let v = contract.languageVersion, !Self.supported.contains(v.value) else { return }
        findings.add(contract, v.place, "contract language version \(v.value) is not known to this compiler; write 'contract: 1'")
    }
}
