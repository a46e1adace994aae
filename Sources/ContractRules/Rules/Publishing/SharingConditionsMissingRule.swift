import ContractModel

/// `sharing-conditions-missing`: conditional sharing states its conditions (数据共享).
public struct SharingConditionsMissingRule: ContractRule {
    /// The rule's data.
    public static let description = RuleDescription(
        id: "sharing-conditions-missing",
        severity: .error,
        clause: "数据共享",
        summary: "`sharing.level: conditional` comes with `conditions:` saying who may use the data and on what terms.",
        rationale: """
            数据共享 allows conditional sharing (有条件共享) and asks that the conditions and manner of \
            sharing follow DB5101/T 133. A conditional service whose conditions are not written down \
            cannot be authorised or audited: the data-management office would not know whom to grant \
            it to. The catalogue shows the conditions next to the level.
            """,
        bad: [RuleExample(Examples.base(replacing: "  level: unconditional", with: "  level: conditional"))],
        good: [
            RuleExample(Examples.base),
            RuleExample(Examples.base(replacing: "  level: unconditional", with: "  level: conditional\n  conditions: 仅限本辖区人社业务部门")),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// Reports conditional sharing without conditions (absent or empty) at `sharing:`, blank
    /// ones at their value.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        guard let s = contract.sharing, s.sharingLevel == .conditional else { return }
        let advice = "say who may use the data and on what terms, e.g. 'conditions: 仅限本辖区人社业务部门'"
        if let conditions = s.conditions {
            if conditions.value.allSatisfy(\.isWhitespace) {
                findings.add(contract, conditions.place, "'conditions' is blank; \(advice)")
            }
        } else if !s.writtenKeys.contains("conditions") {
            findings.add(contract, s.place, "conditional sharing (有条件共享) needs 'conditions:'; \(advice)")
        }
    }
}
