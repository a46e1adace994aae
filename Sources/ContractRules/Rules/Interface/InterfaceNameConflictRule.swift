import ContractModel
import ContractSyntax

/// `interface-name-conflict`: two contracts whose interfaces would declare one Swift name in a
/// module or publish files of one name (服务接口 1).
public struct InterfaceNameConflictRule: SetRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "interface-name-conflict",
        severity: .error,
        clause: "服务接口 1; 服务发布与巡检",
        summary: "No two contracts of a run have one interface name, names that differ only in case or punctuation, or names whose generated Swift declarations meet (interface `PersonInfo` declares `PersonInfoService`, the protocol of interface `PersonInfoService`).",
        rationale: """
            An interface name names the service everywhere: the catalogue entry, its published \
            files (`<Interface>.openapi.json`, `backstage/<Interface>.yaml`, the Backstage entity \
            `person-info-query`) and the Swift a build compiles into one module — the protocol \
            `<Interface>`, the namespace `<Interface>Service`, `<Interface>Client` and \
            `<Interface>Handler`, the only names a contract declares at the top level. Two \
            contracts whose interfaces share any of these would overwrite each other's files or \
            declare one Swift name twice; the finding is in both files, naming the other. The \
            names are computed by the function the generator and the publisher use.
            """,
        bad: [
            RuleExample(files: [
                ("PersonInfoQuery.contract.yaml", Examples.base),
                ("PersonInfoQueryService.contract.yaml", CodeExamples.service("PersonInfoQueryService", code: "1102")),
            ]),
            RuleExample(files: [
                ("PersonInfoQuery.contract.yaml", Examples.base),
                ("PersonINFOQuery.contract.yaml", CodeExamples.service("PersonINFOQuery", code: "1102")),
            ], acronyms: ["INFO"]),
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

    private enum Clash: Int, Comparable {
        case sameName, publishedFiles, swiftName
        static func < (a: Clash, b: Clash) -> Bool { a.rawValue < b.rawValue }
    }

    /// Appends one finding per contract whose interface clashes with another's.
    public func check(_ files: [CheckedFile], options: RuleOptions, into findings: inout [Finding]) {
        let contracts = files.readableContracts
            .filter { !($0.interface?.value.isEmpty ?? true) }
            .sorted { $0.file.utf8.lexicographicallyPrecedes($1.file.utf8) }
        // Each key: who holds it, and what the name is to the holder.
        var holders: [String: [(index: Int, what: String)]] = [:]
        for (index, contract) in contracts.enumerated() {
            guard let interface = contract.interface?.value else { continue }
            for key in GeneratedNames.publishedKeys(interface: interface) {
                holders["published " + key, default: []].append((index, ""))
            }
            for name in GeneratedNames.topLevelNames(interface: interface) {
                holders["swift " + name.name, default: []].append((index, name.what))
            }
        }
        // The worst clash of each contract with each other one, and the Swift name behind it.
        var clashes: [Int: [Int: (clash: Clash, detail: String)]] = [:]
        for (key, holding) in holders where Set(holding.map(\.index)).count > 1 {
            for a in holding {
                for b in holding where b.index != a.index {
                    let same = contracts[a.index].interface?.value == contracts[b.index].interface?.value
                    let clash: Clash = same ? .sameName : key.hasPrefix("published ") ? .publishedFiles : .swiftName
                    let name = String(key.dropFirst("swift ".count))
                    let detail = clash == .swiftName ? "'\(name)', \(a.what) of this interface and \(b.what) of the other" : ""
                    if let known = clashes[a.index]?[b.index], known.clash < clash || (known.clash == clash && known.detail <= detail) { continue }
                    clashes[a.index, default: [:]][b.index] = (clash, detail)
                }
            }
        }
        for index in clashes.keys.sorted() {
            let contract = contracts[index]
            guard let interface = contract.interface, let others = clashes[index] else { continue }
            for (otherIndex, found) in others.sorted(by: { $0.key < $1.key }) {
                let other = contracts[otherIndex]
                let otherName = other.interface?.value ?? ""
                let message: String
                switch found.clash {
                case .sameName:
                    message = "interface '\(interface.value)' is also the interface of \(other.file); its published files and generated Swift would clash: give each service its own interface name"
                case .publishedFiles:
                    message = "interface '\(interface.value)' would publish the same files as interface '\(otherName)' of \(other.file) (names that differ only in case or punctuation clash); give each interface its own name"
                case .swiftName:
                    message = "the generated Swift of interface '\(interface.value)' and of interface '\(otherName)' of \(other.file) would both declare \(found.detail); the contracts of a module cannot, so rename one interface"
                }
                findings.append(Finding(file: contract.file, place: interface.place, message: message, related: [
                    Diagnostic.Related(file: other.file, place: other.interface?.place ?? other.place, message: "interface '\(otherName)'"),
                ]))
            }
        }
    }
}
