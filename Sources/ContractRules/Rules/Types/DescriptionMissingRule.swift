import ContractModel
import ContractSyntax

/// `description-missing`: a parameter, field or named type without a `description:` (服务接口 4).
public struct DescriptionMissingRule: ContractRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "description-missing",
        severity: .error,
        clause: "服务接口 4",
        summary: "Every parameter, every field and every named type under 'types:' says what it means in a `description:`, with text: not empty, not only white space.",
        rationale: """
            服务接口 4 asks that parameters be made explicit (应明确参数类型、长度等), and a type and length \
            without a meaning are not: `idNumber` of C18 may be a citizen ID or a social-security card \
            number. The description is what the catalogue shows, what the generated documentation \
            comments carry, and what a data-management office reviews before authorising access. \
            `description: ""` or `description: " "` says no more than no description at all.
            """,
        bad: [
            RuleExample(Examples.base(replacing: "        description: 公民身份号码\n", with: "")),
            RuleExample(Examples.base(replacing: "        description: 姓名\n", with: "")),
            RuleExample(Examples.base(replacing: "  PersonInfo:\n    description: 参保人员基础信息\n", with: "  PersonInfo:\n")),
            RuleExample(Examples.base(replacing: "        description: 公民身份号码\n", with: "        description: \"\"\n")),
            RuleExample(Examples.base(replacing: "        description: 姓名\n", with: "        description: \"  \"\n")),
            RuleExample(Examples.base(replacing: "  PersonInfo:\n    description: 参保人员基础信息\n", with: "  PersonInfo:\n    description: \"\"\n")),
        ],
        good: [RuleExample(Examples.base)]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        contract.forEachDescribedField { field, what in
            if let text = field.description {
                guard let word = Self.blankWord(text) else { return }
                findings.add(contract, text.place, "the description of \(what()) is \(word); write what the value means")
                return
            }
            guard !field.writtenKeys.contains("description") else { return }
            findings.add(contract, field.anchor, "\(what()) has no description; add 'description:' saying what the value means")
        }
        for type in contract.types {
            guard let text = type.description, let word = Self.blankWord(text) else { continue }
            findings.add(contract, text.place,
                "the description of type '\(type.name?.value ?? "?")' is \(word); write what the record holds")
        }
        for (index, type) in contract.types.enumerated()
        where type.description == nil && !type.writtenKeys.contains("description") {
            // A type whose value is not a mapping at all was reported by `value-type`.
            if type.writtenKeys.isEmpty && !type.hasFields && Self.valueWasUnreadable(contract, typeIndex: index) { continue }
            findings.add(contract, type.name?.place ?? type.place,
                "type '\(type.name?.value ?? "?")' has no description; add 'description:' under it saying what the record holds")
        }
    }

    /// "empty" or "blank" for a description with no text, nil for one with text.
    static func blankWord(_ text: Located<String>) -> String? {
        guard text.value.unicodeScalars.allSatisfy(\.properties.isWhitespace) else { return nil }
        return text.value.isEmpty ? "empty" : "blank"
    }

    /// Whether a wrong-kind problem was reported between a named type's key and whatever follows it.
    static func valueWasUnreadable(_ contract: Contract, typeIndex: Int) -> Bool {
        let start = contract.types[typeIndex].place
        let later = contract.types.dropFirst(typeIndex + 1).map(\.place) + contract.keyPlaces.values.filter { $0 > start }
        let end = later.min()
        return contract.problems.contains { p in
            p.kind == .wrongKind && p.place >= start && end.map { p.place < $0 } ?? true
        }
    }
}
