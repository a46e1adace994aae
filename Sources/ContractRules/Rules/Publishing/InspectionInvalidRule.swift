import ContractModel

/// `inspection-invalid`: `endpoint.inspection` is an ISO 8601 duration of at least a minute
/// (服务发布与巡检).
public struct InspectionInvalidRule: ContractRule {
    /// The shortest period accepted, in seconds: inspecting more often than every minute is
    /// not a period, it is monitoring.
    public static let minimumSeconds: Double = 60

    /// The rule's data.
    public static let description = RuleDescription(
        id: "inspection-invalid",
        severity: .error,
        clause: "服务发布与巡检",
        summary: "`endpoint.inspection` is an ISO 8601 duration (`PnYnMnWnDTnHnMnS`: P1D, PT12H, P1W, P0.5D) of at least one minute.",
        rationale: """
            服务发布与巡检 asks that service addresses be inspected on a period the authority agrees. \
            `contractc inspect --due` reads the period to decide which addresses are due, so it must be \
            an ISO 8601 duration it can count: it starts with P, has at least one component, writes T \
            only before hours, minutes or seconds, lets only the last component have a fraction, and \
            is never negative (a year counts 365 days, a month 30). A period under one minute (PT30S, \
            PT0S) is refused too: inspecting an address more often than every minute is not an \
            inspection period but load on the service.
            """,
        bad: [
            RuleExample(Examples.base(replacing: "  inspection: P1D", with: "  inspection: P1H")),
            RuleExample(Examples.base(replacing: "  inspection: P1D", with: "  inspection: daily")),
            RuleExample(Examples.base(replacing: "  inspection: P1D", with: "  inspection: PT30S")),
        ],
        good: [
            RuleExample(Examples.base),
            RuleExample(Examples.base(replacing: "  inspection: P1D", with: "  inspection: PT12H")),
            RuleExample(Examples.base(replacing: "  inspection: P1D", with: "  inspection: P1W")),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// Reports an inspection period that is not a duration, or is under a minute, at the value.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        guard let inspection = contract.endpoint?.inspection else { return }
        let text = inspection.value
        switch ISODuration.parse(text) {
        case .failure(let error):
            var message = "inspection '\(text)' is not an ISO 8601 duration: \(error.message)"
            let upper = text.uppercased()
            if upper != text, let fixed = ISODuration(upper), fixed.seconds >= Self.minimumSeconds {
                message += "; did you mean '\(upper)'?"
            } else if !error.message.contains("as in") {
                message += "; write a period such as P1D (daily), PT12H or P1W"
            }
            findings.add(contract, inspection.place, message)
        case .success(let duration) where duration.seconds < Self.minimumSeconds:
            findings.add(contract, inspection.place,
                "inspection '\(text)' is \(Self.seconds(duration.seconds)): inspecting more often than every minute is not a period; write PT1M or longer, such as P1D (daily)")
        case .success:
            break
        }
    }

    private static func seconds(_ value: Double) -> String {
        if value == 0 { return "zero long" }
        if value == value.rounded(), value < 1e15 {
            let n = Int(value)
            return n == 1 ? "1 second" : "\(n) seconds"
        }
        return "\(value) seconds"
    }
}
