import ContractModel
import ContractSyntax

/// `code-register-missing`: a catalogue with a configuration keeps no code register yet (服务编目).
public struct CodeRegisterMissingRule: SetRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "code-register-missing",
        severity: .warning,
        clause: "服务分类; 服务发布与巡检",
        summary: "A catalogue (the folder of a `.contractc.yaml`) keeps its code register, `service-codes.yaml`, beside the configuration; `contractc codes` creates it.",
        rationale: """
            A service code is the service's identity: applications, grants and catalogues refer to \
            it, so a code once given must never name another service, not even after the first is \
            withdrawn. Only a record of every code ever given can keep that promise — the contracts \
            alone forget a code the moment its file is deleted, and the lowest free serial would \
            hand it out again. The warning asks for the register; `contractc codes` writes it from \
            the codes the contracts hold, so adopting it is one command and one review.
            """,
        bad: [RuleExample(files: [(".contractc.yaml", "rules: {}\n"), ("PersonInfoQuery.contract.yaml", Examples.base)])],
        good: [RuleExample(files: [
            (".contractc.yaml", "rules: {}\n"),
            RegisterExamples.register(["\"1101\": {interface: PersonInfoQuery}"]),
            ("PersonInfoQuery.contract.yaml", Examples.base),
        ])]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ files: [CheckedFile], options: RuleOptions, into findings: inout [Finding]) {
        guard case .missing(let configuration) = options.register, !files.readableContracts.isEmpty else { return }
        findings.append(Finding(file: configuration, place: .start,
            message: "this catalogue keeps no code register; run `contractc codes` to create \(CodeRegister.fileName) beside this file from the codes the contracts hold, and commit it"))
    }
}
