import ContractModel
import ContractSyntax

/// `code-duplicate`: two contracts of one run share a service code, or claim the same group's 99 (服务分类).
public struct CodeDuplicateRule: SetRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "code-duplicate",
        severity: .error,
        clause: "服务分类",
        summary: "No two contracts of a run have the same service code, and no two are `other: true` in the same group; each is reported in both files, naming the other.",
        rationale: """
            服务分类 numbers services one by one within a group, so a code names exactly one service: \
            the catalogue, authorisations and inspection reports refer to services by code. Two \
            contracts with one code make every one of those references ambiguous. The same holds for \
            a group's "other" entry: there is one 99 per group, so only one contract can be it.
            """,
        bad: [
            RuleExample(files: [
                ("PersonInfoQuery.contract.yaml", Examples.base),
                ("PersonHistoryQuery.contract.yaml", CodeExamples.service("PersonHistoryQuery", code: "1101")),
            ]),
            RuleExample(files: [
                ("OtherPersonQuery.contract.yaml", CodeExamples.service("OtherPersonQuery", code: "1199", classification: [CodeExamples.other])),
                ("MiscPersonQuery.contract.yaml", CodeExamples.service("MiscPersonQuery", code: nil, classification: [CodeExamples.other])),
            ]),
        ],
        good: [
            RuleExample(files: [
                ("PersonInfoQuery.contract.yaml", Examples.base),
                ("PersonHistoryQuery.contract.yaml", CodeExamples.service("PersonHistoryQuery", code: "1102")),
            ]),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ files: [CheckedFile], options: RuleOptions, into findings: inout [Finding]) {
        let contracts = files.readableContracts
        // Written codes, in file-path order so that messages list the others the same way every run.
        var holders: [ServiceCode: [(contract: Contract, place: SourcePlace)]] = [:]
        let ordered = contracts.sorted { $0.file.utf8.lexicographicallyPrecedes($1.file.utf8) }
        for contract in ordered {
            // Serial 00 is `code-format`'s; it names no service, so sharing it is not reported again.
            guard let written = contract.code, let code = ServiceCode(written.value), code.serial != 0 else { continue }
            holders[code, default: []].append((contract, written.place))
        }
        for (code, holding) in holders.sorted(by: { $0.key < $1.key }) where holding.count > 1 {
            for (index, holder) in holding.enumerated() {
                let others = holding.enumerated().filter { $0.offset != index }.map(\.element)
                let names = others.map { "\($0.contract.file):\($0.place.line)" }.joined(separator: ", ")
                var message = "service code \(code) is also used by \(names); each service needs its own code"
                if code.isOther {
                    message += ", and a group has one 'other' entry (99): keep 'other: true' and 99 on one of them, and give the others numbered serials"
                } else {
                    message += ": delete the 'code:' line of all but one of them and run `contractc codes` to give them free serials"
                }
                let related = others.map {
                    Diagnostic.Related(file: $0.contract.file, place: $0.place, message: "service code \(code) is also used here")
                }
                findings.append(Finding(file: holder.contract.file, place: holder.place, message: message, related: related))
            }
        }
        // An "other" entry without a code whose group's 99 is already held.
        for a in ServiceCodeAllocator.assign(contracts, held: options.registerHolders) {
            guard case .otherTaken(let holder) = a.outcome, let message = a.message else { continue }
            let place = a.member.otherPlace ?? a.member.place
            findings.append(Finding(file: a.file, place: place,
                message: message + "; remove 'other: true' here to get a numbered serial, or merge the two services",
                related: [Diagnostic.Related(file: holder.file, place: holder.place, message: "holds the group's 'other' entry \(holder.code)")]))
        }
    }
}
