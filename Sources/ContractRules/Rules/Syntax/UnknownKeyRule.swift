import ContractModel

/// `unknown-key`: a key the language does not know.
public struct UnknownKeyRule: ContractRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "unknown-key",
        severity: .error,
        clause: "合同格式 (§2)",
        summary: "Every key is one the contract language defines; a misspelt key is reported with the closest known key.",
        rationale: """
            A misspelt key (`sumary:`) would otherwise be silently ignored, and the information the \
            standard asks for would be missing without anyone noticing. Rejecting unknown keys keeps \
            every contract readable by every version of the tool and every reviewer.
            """,
        bad: [RuleExample(Examples.base(replacing: "title: 参保人员信息查询\n", with: "title: 参保人员信息查询\nsumary: 按身份证号查询\n"))],
        good: [RuleExample(Examples.base(replacing: "title: 参保人员信息查询\n", with: "title: 参保人员信息查询\nsummary: 按身份证号查询\n"))]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        for p in contract.problems {
            if case .unknownKey = p.kind { findings.add(contract, p.place, p.message) }
        }
    }
}
