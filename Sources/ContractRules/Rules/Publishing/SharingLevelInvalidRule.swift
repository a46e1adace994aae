import ContractModel

/// `sharing-level-invalid`: `sharing.level` is unconditional, conditional or none (数据共享).
public struct SharingLevelInvalidRule: ContractRule {
    /// The rule's data.
    public static let description = RuleDescription(
        id: "sharing-level-invalid",
        severity: .error,
        clause: "数据共享",
        summary: "`sharing.level` is unconditional (无条件共享), conditional (有条件共享) or none (不予共享).",
        rationale: """
            数据共享 sorts all shared data into three classes: unconditional sharing (无条件共享), \
            conditional sharing (有条件共享) and no sharing (不予共享). The data-management office \
            authorises a service by its class and the catalogue shows it, so a contract names exactly \
            one of the three; the finding names the closest — also when the Chinese name was written.
            """,
        bad: [
            RuleExample(Examples.base(replacing: "  level: unconditional", with: "  level: unconditonal")),
            RuleExample(Examples.base(replacing: "  level: unconditional", with: "  level: 不予共享")),
        ],
        good: [
            RuleExample(Examples.base),
            RuleExample(Examples.base(replacing: "  level: unconditional", with: "  level: none")),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// Reports a level outside the three, at the value.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        guard let s = contract.sharing, let level = s.level, s.sharingLevel == nil else { return }
        findings.add(contract, level.place, Choices.message(key: "sharing level", written: level.value,
            isNot: "a class of 数据共享", choices: Choices.sharing))
    }
}
