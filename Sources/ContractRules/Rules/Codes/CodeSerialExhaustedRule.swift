import ContractModel
import ContractSyntax

/// `code-serial-exhausted`: a contract cannot get a code because its group's serials 01…98 are taken (服务分类).
public struct CodeSerialExhaustedRule: SetRule {
    /// 98 services of group 11 with codes 1101…1198, and one more without a code.
    static let exhaustedGroup: [(name: String, text: String)] = numberedGroup + [
        ("PersonQuery99.contract.yaml", CodeExamples.service("PersonQuery99", code: nil)),
    ]

    /// The same 98 services and the group's "other" entry, 1199.
    static let fullGroup: [(name: String, text: String)] = numberedGroup + [
        ("PersonQuery99.contract.yaml", CodeExamples.service("PersonQuery99", code: "1199", classification: [CodeExamples.other])),
    ]

    /// `PersonQuery01` … `PersonQuery98` with codes 1101 … 1198.
    static let numberedGroup: [(name: String, text: String)] = ServiceCode.numberedSerials.map { serial in
        let code = ServiceCode(group: "11", serial: serial)
        let name = "PersonQuery\(code.description.suffix(2))"
        return ("\(name).contract.yaml", CodeExamples.service(name, code: code.description))
    }

    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "code-serial-exhausted",
        severity: .error,
        clause: "服务分类",
        summary: "A contract without a code can still get one: its group (resource digit + service digit) has a free serial among 01…98.",
        rationale: """
            服务分类 gives the serial two digits, so a group holds at most 98 numbered services and its \
            "other" entry (99). When all 98 are taken the next service of the group has no code the \
            standard allows; rather than let `contractc codes` invent one, the lint says so at the \
            contract that is left without, so the group can be reviewed: retire a code no longer \
            published, or file the service as the group's "other" entry.
            """,
        bad: [RuleExample(files: exhaustedGroup)],
        good: [RuleExample(files: fullGroup)]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ files: [CheckedFile], options: RuleOptions, into findings: inout [Finding]) {
        let contracts = files.readableContracts
        let otherHeld = Set(contracts.compactMap { $0.code.flatMap { ServiceCode($0.value) } }.filter(\.isOther).map(\.group))
        for a in ServiceCodeAllocator.assign(contracts, held: options.registerHolders) {
            guard case .exhausted(let group) = a.outcome, let message = a.message else { continue }
            let advice = otherHeld.contains(group)
                ? "retire a code of the group that is no longer published, or classify the service elsewhere"
                : "retire a code of the group that is no longer published, or, if this service is the group's catch-all, mark it 'other: true' to give it serial 99"
            findings.append(Finding(file: a.file, place: a.member.place, message: "\(message); \(advice)"))
        }
    }
}
