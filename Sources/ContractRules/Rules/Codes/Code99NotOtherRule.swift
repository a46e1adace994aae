import ContractModel

/// `code-99-not-other`: serial 99 on a contract that is not its group's "other" entry (服务分类).
public struct Code99NotOtherRule: ContractRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "code-99-not-other",
        severity: .error,
        clause: "服务分类",
        summary: "Serial 99 belongs to the group's \"other\" entry: a contract with it has `classification.other: true`.",
        rationale: """
            服务分类 reserves serial 99 for the "other" services of a group (其他类). A numbered service \
            holding 99 takes the catch-all's place, and a reader of the code would take it for the \
            catch-all. Marking the entry with `other: true` states the intent, so tools and reviewers \
            can tell a deliberate 99 from a mistyped serial.
            """,
        bad: [RuleExample(Examples.base(replacing: "code: \"1101\"", with: "code: \"1199\""))],
        good: [RuleExample(Examples.base([CodeExamples.other, ("code: \"1101\"", "code: \"1199\"")]))]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        guard let written = contract.code, let code = ServiceCode(written.value), code.isOther,
            contract.classification != nil, !contract.otherIsUnreadable,
            contract.classification?.isOther == false
        else { return }
        findings.add(contract, written.place,
            "serial 99 is reserved for the group's 'other' entry; add 'other: true' under 'classification' if this service is the group's catch-all, otherwise delete the 'code:' line and run `contractc codes` for a numbered serial")
    }
}
