import ContractModel

/// `origin-ignored`: an origin written for a local service (服务发布与巡检).
public struct OriginIgnoredRule: ContractRule {
    /// The rule's data.
    public static let description = RuleDescription(
        id: "origin-ignored",
        severity: .warning,
        clause: "服务发布与巡检",
        summary: "`endpoint.origin` is written only with `hosting: remote`; a local service (the default) has no origin.",
        rationale: """
            服务发布与巡检 gives remote data (异地数据) an original authority that publishes it and is \
            told when it is dead; local data (本地数据) is published and repaired by this authority \
            itself. An origin next to local hosting is ignored by the catalogue and by `contractc \
            inspect` (which repairs a dead local service rather than notifying anyone), and usually \
            means the hosting is wrong: either the service is remote, or the origin should go.
            """,
        bad: [
            RuleExample(Examples.base(replacing: "  hosting: local", with: "  hosting: local\n  origin: 四川省人力资源和社会保障厅")),
            RuleExample(Examples.base(replacing: "  hosting: local", with: "  origin: 四川省人力资源和社会保障厅")),
        ],
        good: [
            RuleExample(Examples.base),
            RuleExample(Examples.base(replacing: "  hosting: local", with: "  hosting: remote\n  origin: 四川省人力资源和社会保障厅")),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// Reports an origin under local hosting (written or by default), at the origin.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        guard let e = contract.endpoint, e.hostingKind == .local, let origin = e.origin else { return }
        let hosting = e.hosting == nil ? "the endpoint is local (no 'hosting:' means local)" : "'hosting: local' (本地数据)"
        findings.add(contract, origin.place,
            "'origin' applies only to 'hosting: remote'; with \(hosting) it is ignored: remove it, or set 'hosting: remote' if another authority publishes the service")
    }
}
