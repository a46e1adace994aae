import ContractModel
import ContractSyntax

/// `code-register-conflict`: the register gives a contract's code to another interface that still
/// exists (服务编目).
public struct CodeRegisterConflictRule: SetRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "code-register-conflict",
        severity: .error,
        clause: "服务分类; 服务发布与巡检",
        summary: "A contract does not take a code the register gives to another interface of the catalogue.",
        rationale: """
            A code names one service for ever. When the register gives a code to an interface that \
            still exists and another contract writes the same code, two services claim one \
            identity — usually a copied contract whose `code:` line came along. The contract that \
            is not the register's gets a code of its own from `contractc codes`.
            """,
        bad: [RuleExample(files: [
            RegisterExamples.register(["\"1101\": {interface: PersonInfoQuery}", "\"1102\": {interface: PersonHistoryQuery}"]),
            ("PersonInfoQuery.contract.yaml", CodeExamples.service("PersonInfoQuery", code: "1102")),
            ("PersonHistoryQuery.contract.yaml", CodeExamples.service("PersonHistoryQuery", code: "1101")),
        ])],
        good: [RuleExample(files: [
            RegisterExamples.register(["\"1101\": {interface: PersonInfoQuery}", "\"1102\": {interface: PersonHistoryQuery}"]),
            ("PersonInfoQuery.contract.yaml", Examples.base),
            ("PersonHistoryQuery.contract.yaml", CodeExamples.service("PersonHistoryQuery", code: "1102")),
        ])]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ files: [CheckedFile], options: RuleOptions, into findings: inout [Finding]) {
        guard let register = options.codeRegister else { return }
        let contracts = files.readableContracts
        var declaring: [String: Contract] = [:]
        for contract in contracts.sorted(by: { $0.file.utf8.lexicographicallyPrecedes($1.file.utf8) }) {
            if let name = contract.interface?.value, declaring[name] == nil { declaring[name] = contract }
        }
        for (contract, code, place) in contracts.coded {
            guard let entry = register.entries[code.description], !entry.isRetired,
                let interface = contract.interface?.value, entry.interface != interface,
                let owner = declaring[entry.interface]
            else { continue }
            findings.append(Finding(file: contract.file, place: place,
                message: "service code \(code) belongs to '\(entry.interface)' in the register, and that interface still exists (\(owner.file)); give '\(interface)' its own code: delete its 'code:' line and run `contractc codes`",
                related: [
                    Diagnostic.Related(file: register.path, place: entry.place, message: "the register gives \(code) to '\(entry.interface)'"),
                    Diagnostic.Related(file: owner.file, place: owner.interface?.place ?? owner.place, message: "'\(entry.interface)' is declared here"),
                ]))
        }
    }
}
