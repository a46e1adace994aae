import ContractModel

/// `origin-missing`: a remote service names its origin (服务发布与巡检).
public struct OriginMissingRule: ContractRule {
    /// The rule's data.
    public static let description = RuleDescription(
        id: "origin-missing",
        severity: .error,
        clause: "服务发布与巡检",
        summary: "An endpoint with `hosting: remote` names, under `origin:`, the authority that publishes the service and repairs it.",
        rationale: """
            服务发布与巡检: remote data (异地数据) is published by another authority and only registered \
            here; when inspection finds a remote service dead, this authority notifies the original \
            authority to repair it and update the address. That cannot be done without knowing who \
            the origin is: `contractc inspect` reports `notify <origin>` for a dead remote service, and \
            the catalogue shows the origin next to the address.
            """,
        bad: [
            RuleExample(Examples.base(replacing: "  hosting: local", with: "  hosting: remote")),
            RuleExample(Examples.base(replacing: "  hosting: local", with: "  hosting: remote\n  origin: \"\"")),
        ],
        good: [
            RuleExample(Examples.base),
            RuleExample(Examples.base(replacing: "  hosting: local", with: "  hosting: remote\n  origin: 四川省人力资源和社会保障厅")),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// Reports a remote endpoint without an origin (absent or empty) at `endpoint:`, a blank one
    /// at its value.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        guard let e = contract.endpoint, e.hostingKind == .remote else { return }
        let advice = "name the authority that publishes the service and repairs it, e.g. 'origin: 四川省人力资源和社会保障厅': a dead remote service is reported to its origin"
        if let origin = e.origin {
            if origin.value.allSatisfy(\.isWhitespace) {
                findings.add(contract, origin.place, "'origin' is blank; \(advice)")
            }
        } else if !e.writtenKeys.contains("origin") {
            findings.add(contract, e.place, "a remote endpoint ('hosting: remote') needs 'origin:'; \(advice)")
        }
    }
}
