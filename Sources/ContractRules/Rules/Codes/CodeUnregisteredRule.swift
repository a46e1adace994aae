import ContractModel
import ContractSyntax

/// `code-unregistered`: a contract's code is not in the catalogue's register, or the register gives
/// it to an interface that no contract declares any more (a rename not yet recorded) (服务编目).
public struct CodeUnregisteredRule: SetRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "code-unregistered",
        severity: .error,
        clause: "服务分类; 服务发布与巡检",
        summary: "Every code a contract holds is in the register under the contract's interface; `contractc codes` records new codes and renames.",
        rationale: """
            The register is the catalogue's memory of every code it has given. A code written by \
            hand, or a service renamed under its code, must be recorded there, or the next \
            `contractc codes` could not know the code is taken and `contractc diff` could not tell \
            a rename from a removal. `contractc codes` records both; the reviewer sees the change \
            to `service-codes.yaml` in the same pull request.
            """,
        bad: [
            RuleExample(files: [
                RegisterExamples.register(["\"1102\": {interface: PersonHistoryQuery}"]),
                ("PersonInfoQuery.contract.yaml", Examples.base),
                ("PersonHistoryQuery.contract.yaml", CodeExamples.service("PersonHistoryQuery", code: "1102")),
            ]),
            RuleExample(files: [
                RegisterExamples.register(["\"1101\": {interface: PersonBasicQuery}"]),
                ("PersonInfoQuery.contract.yaml", Examples.base),
            ]),
        ],
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
        let interfaces = Set(contracts.compactMap { $0.interface?.value })
        for (contract, code, place) in contracts.coded {
            guard let entry = register.entries[code.description] else {
                findings.add(contract, place,
                    "service code \(code) is not in the code register \(register.path); run `contractc codes` to record it (a code written by hand must be registered)")
                continue
            }
            guard !entry.isRetired, let interface = contract.interface?.value, entry.interface != interface,
                !interfaces.contains(entry.interface) || !register.coversCatalogue
            else { continue }
            // The register's interface is gone: this contract is that service renamed.
            findings.add(contract, place,
                "the register gives \(code) to '\(entry.interface)' (\(register.path):\(entry.place.line)), which no contract declares any more: if this service was renamed, run `contractc codes` to record '\(interface)'; if it is another service, delete its 'code:' line and run `contractc codes`")
        }
    }
}
