import ContractModel

/// `sharing-conditions-ignored`: conditions written for a level that has none (数据共享).
public struct SharingConditionsIgnoredRule: ContractRule {
    /// The rule's data.
    public static let description = RuleDescription(
        id: "sharing-conditions-ignored",
        severity: .warning,
        clause: "数据共享",
        summary: "`sharing.conditions` is written only with `level: conditional`; with unconditional or none it means nothing.",
        rationale: """
            数据共享 attaches conditions to conditional sharing (有条件共享) only: unconditionally shared \
            data (无条件共享) has none, and data that is not shared (不予共享) has no one to meet them. \
            Conditions next to another level are ignored by the catalogue and the authorisation, and \
            usually mean the level is wrong: either the level should be conditional or the conditions \
            should go.
            """,
        bad: [RuleExample(Examples.base(replacing: "  level: unconditional", with: "  level: unconditional\n  conditions: 仅限本辖区人社业务部门"))],
        good: [
            RuleExample(Examples.base),
            RuleExample(Examples.base(replacing: "  level: unconditional", with: "  level: conditional\n  conditions: 仅限本辖区人社业务部门")),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// Reports conditions under a level other than conditional, at the conditions.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        guard let s = contract.sharing, let level = s.sharingLevel, level != .conditional,
            let conditions = s.conditions
        else { return }
        findings.add(contract, conditions.place,
            "'conditions' apply only to 'level: conditional'; with '\(level.rawValue)' (\(level.label)) they are ignored: remove them, or set 'level: conditional'")
    }
}
