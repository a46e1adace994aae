import ContractModel

/// `code-format`: a service code that is not four digits with a serial from 01 (服务分类).
public struct CodeFormatRule: ContractRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "code-format",
        severity: .error,
        clause: "服务分类",
        summary: "A service code is exactly four ASCII digits — resource digit, service digit, 2-digit serial — and the serial is not 00.",
        rationale: """
            服务分类 builds the code from a 1-digit resource category, a 1-digit service category and a \
            2-digit serial padded with 0 (空位用0补齐), so every code has four digits. Codes are compared \
            and sorted as text by the catalogue and by other systems, so `101`, `11-01` or full-width \
            digits would not match the same service. Serials start at 01; 99 is the group's \
            "other" entry.
            """,
        bad: [
            RuleExample(Examples.base(replacing: "code: \"1101\"", with: "code: \"101\"")),
            RuleExample(Examples.base(replacing: "code: \"1101\"", with: "code: \"11O1\"")),
            RuleExample(Examples.base(replacing: "code: \"1101\"", with: "code: \"1100\"")),
        ],
        good: [RuleExample(Examples.base)]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        guard let code = contract.code else { return }
        guard let parsed = ServiceCode(code.value) else {
            let fullWidth = code.value.unicodeScalars.contains { (0xFF10...0xFF19).contains($0.value) }
            let advice = fullWidth ? "; use ASCII digits, not full-width ones" : ""
            findings.add(contract, code.place,
                "service code '\(code.value)' is not four digits\(advice); write the resource digit, the service digit and a 2-digit serial, e.g. code: \"1101\" — or delete the line and run `contractc codes`")
            return
        }
        if parsed.serial == 0 {
            findings.add(contract, code.place,
                "service code \(code.value) has serial 00; serials run from 01 to 98 (99 is the group's 'other' entry) — delete the line and run `contractc codes` to assign a free one")
        }
    }
}
