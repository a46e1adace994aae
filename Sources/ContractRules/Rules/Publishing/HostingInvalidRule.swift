import ContractModel

/// `hosting-invalid`: `endpoint.hosting` is local or remote (服务发布与巡检).
public struct HostingInvalidRule: ContractRule {
    /// The rule's data.
    public static let description = RuleDescription(
        id: "hosting-invalid",
        severity: .error,
        clause: "服务发布与巡检",
        summary: "`endpoint.hosting` is local (本地数据) or remote (异地数据); left out, it is local.",
        rationale: """
            服务发布与巡检 manages the two kinds of data differently: local data (本地数据) is published, \
            authorised and repaired by this authority; remote data (异地数据) is published by another \
            authority and only registered, catalogued and authorised here, and a dead remote service is \
            reported to its origin rather than repaired. The catalogue and `contractc inspect` act on \
            the hosting, so it must be one of the two.
            """,
        bad: [RuleExample(Examples.base(replacing: "  hosting: local", with: "  hosting: locale"))],
        good: [
            RuleExample(Examples.base),
            RuleExample(Examples.base(replacing: "  hosting: local", with: "  hosting: remote\n  origin: 四川省人力资源和社会保障厅")),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// Reports a hosting that is neither local nor remote, at the value.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        guard let e = contract.endpoint, let h = e.hosting, e.hostingKind == nil else { return }
        findings.add(contract, h.place, Choices.message(key: "hosting", written: h.value,
            isNot: "a hosting of 服务发布与巡检", choices: Choices.hosting))
    }
}
