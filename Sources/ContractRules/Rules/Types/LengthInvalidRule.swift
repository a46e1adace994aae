import ContractModel

/// `length-invalid`: a length that does not fit its type (服务接口 4).
public struct LengthInvalidRule: ContractRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "length-invalid",
        severity: .error,
        clause: "服务接口 4",
        summary: "A length fits its type: string `N` or `M..N` with M ≤ N, integer 1..18 digits, decimal `\"P,S\"` with precision 1..38 and scale 0..P, binary at least 1 byte, `maxItems` at least 1; shorthand lengths follow the same limits.",
        rationale: """
            服务接口 4 asks for the length of each parameter; a length that cannot hold any value \
            (`50..18`, `0`), or that no platform can store (an integer of 30 digits, a decimal of \
            precision 40, a bound too large for a 64-bit number), states a length in words only. \
            Near misses are named: `N12.2` is `N12,2`, `18-18` is `18..18`. The limits are those of the databases \
            the 人社 systems exchange with: 18 digits fit a 64-bit integer, 38 a DECIMAL column.
            """,
        bad: [
            RuleExample(Examples.base(replacing: "        length: 50\n", with: "        length: 50..18\n")),
            RuleExample(Examples.base(replacing: "        type: C18\n", with: "        type: N..20\n")),
            RuleExample(Examples.base(replacing: "        type: C18\n", with: "        type: N12.2\n")),
            RuleExample(Examples.base(replacing: "        length: 50\n", with: "        length: 18-18\n")),
            RuleExample(Examples.base(replacing: "        length: 50\n", with: "        length: 1..99999999999999999999\n")),
        ],
        good: [
            RuleExample(Examples.base(replacing: "        length: 50\n", with: "        length: 1..50\n")),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        contract.reportTypeFindings(.lengthInvalid, into: &findings)
    }
}
