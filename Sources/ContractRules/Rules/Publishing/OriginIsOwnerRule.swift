import ContractModel

/// `origin-is-owner`: a remote service's origin is the contract's own authority (服务发布与巡检).
public struct OriginIsOwnerRule: ContractRule {
    /// The rule's data.
    public static let description = RuleDescription(
        id: "origin-is-owner",
        severity: .error,
        clause: "服务发布与巡检",
        summary: "With `hosting: remote`, `endpoint.origin` names another authority than `owner`: remote data is published by an authority other than the one managing the contract.",
        rationale: """
            服务发布与巡检 defines remote data (异地数据) as data not stored with this managing authority \
            (本级管理机构) and published by another one (非本级管理机构); this authority only registers, \
            catalogues and authorises it, and tells the origin when inspection finds it dead. An \
            origin equal to the owner says the service is remote and local at once: either it is \
            local (`hosting: local`, no origin), or the owner is this authority and the origin is \
            the one that publishes the data. Texts are compared without surrounding white space.
            """,
        bad: [
            RuleExample(Examples.base(replacing: "  hosting: local", with: "  hosting: remote\n  origin: 成都市人力资源和社会保障局信息中心")),
        ],
        good: [
            RuleExample(Examples.base),
            RuleExample(Examples.base(replacing: "  hosting: local", with: "  hosting: remote\n  origin: 四川省人力资源和社会保障厅")),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// Reports, at `origin:`, a remote origin written the same as the owner.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        guard let e = contract.endpoint, e.hostingKind == .remote, let origin = e.origin, let owner = contract.owner else { return }
        let o = origin.value.trimmingWhiteSpace
        guard !o.isEmpty, o == owner.value.trimmingWhiteSpace else { return }
        findings.add(contract, origin.place,
            "'origin' is the owner ('\(o)'), but remote data (异地数据) is published by another authority: name the authority that publishes and repairs the service, or make the endpoint 'hosting: local' without 'origin:'")
    }
}

extension String {
    /// The text without leading and trailing white space (any Unicode white space).
    var trimmingWhiteSpace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
