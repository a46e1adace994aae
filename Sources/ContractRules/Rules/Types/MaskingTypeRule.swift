import ContractModel

/// `masking-type`: masking on a value that is not a string (内部应用 2, 数据脱敏).
public struct MaskingTypeRule: ContractRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "masking-type",
        severity: .error,
        clause: "内部应用 2 (数据脱敏)",
        summary: "`masking:` is only on string values (or lists of strings, such as `[C..50]`).",
        rationale: """
            内部应用 2 asks for masking by the user's rights; masking replaces characters with `*`, \
            which only a string can hold. A masked integer, date or record would either break its \
            type or be handed out unmasked. Make the value a string (a citizen ID is C18, not a \
            number), or mask the string fields of the record instead of the record.
            """,
        bad: [
            RuleExample(Examples.base(replacing: "        masking: idNumber\n", with: """
                        masking: idNumber
                      - name: age
                        type: N..3
                        description: 年龄
                        required: false
                        masking: full

                """)),
        ],
        good: [
            RuleExample(Examples.base),
            RuleExample(Examples.base(replacing: "        type: C18\n", with: "        type: \"[C18]\"\n")),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        contract.forEachDescribedField { field, what in
            // An unknown masking kind is `masking-unknown`'s; an unresolved type is reported by the type rules.
            guard let masking = field.masking, field.maskingKind != nil,
                let type = field.resolution.type, !type.isString
            else { return }
            let written = field.type?.value ?? type.typeName
            let shown = written == type.typeName ? written : "\(written) (\(type.typeName))"
            findings.add(contract, masking.place,
                "masking '\(masking.value)' applies to strings only, but \(what()) has type \(shown); remove 'masking:' or make the value a string")
        }
    }
}
