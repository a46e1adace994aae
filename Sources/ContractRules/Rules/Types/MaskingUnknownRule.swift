import ContractModel

/// `masking-unknown`: a `masking:` that is not one of the masking kinds (内部应用 2, 数据脱敏).
public struct MaskingUnknownRule: ContractRule {
    /// The masking kinds, as a list for messages.
    static let kinds = MaskingKind.allCases.map(\.rawValue)

    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "masking-unknown",
        severity: .error,
        clause: "内部应用 2 (数据脱敏)",
        summary: "A `masking:` names one of the masking kinds: idNumber, name, phone, bankCard, address, email or full.",
        rationale: """
            内部应用 2 asks that data be masked according to the user's rights (根据用户权限进行数据脱敏) \
            before a service link is handed out. The runtime and the generated `masked()` know \
            exactly these kinds; an unknown one would leave the value unmasked, which is the one \
            failure masking must not have.
            """,
        bad: [
            RuleExample(Examples.base(replacing: "        masking: idNumber\n", with: "        masking: idnumber\n")),
            RuleExample(Examples.base(replacing: "        masking: name\n", with: "        masking: secret\n")),
        ],
        good: [RuleExample(Examples.base)]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        contract.forEachDescribedField { field, what in
            guard let masking = field.masking, field.maskingKind == nil else { return }
            var message = "masking '\(masking.value)' of \(what()) is not a masking kind"
            if let suggestion = Suggestion.closest(to: masking.value, in: Self.kinds) {
                message += "; did you mean '\(suggestion)'?"
            } else {
                message += "; use one of \(Self.kinds.joined(separator: ", "))"
            }
            findings.add(contract, masking.place, message)
        }
    }
}
