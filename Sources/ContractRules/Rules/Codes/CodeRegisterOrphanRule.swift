import ContractModel
import ContractSyntax

/// `code-register-orphan`: a code of the register that is not retired has no contract (服务编目).
public struct CodeRegisterOrphanRule: SetRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "code-register-orphan",
        severity: .error,
        clause: "服务分类; 服务发布与巡检",
        summary: "Every code of the register that is not retired has its contract; a removed service is retired in the register, with a date and a reason.",
        rationale: """
            Removing a contract withdraws a published service: users, applications and grants that \
            name its code lose it. That is a decision to review, not a side effect of deleting a \
            file. The register entry is kept and marked `retired: <date>, reason: <why>` in the same \
            pull request, so the withdrawal is visible and the code is never handed out again. \
            Checked only when the run covers the whole catalogue.
            """,
        bad: [RuleExample(files: [
            RegisterExamples.register(["\"1101\": {interface: PersonInfoQuery}", "\"1102\": {interface: PersonHistoryQuery}"]),
            ("PersonInfoQuery.contract.yaml", Examples.base),
        ])],
        good: [RuleExample(files: [
            RegisterExamples.register(["\"1101\": {interface: PersonInfoQuery}", "\"1102\": {interface: PersonHistoryQuery, retired: 2026-12-04, reason: 并入 1101}"]),
            ("PersonInfoQuery.contract.yaml", Examples.base),
        ])]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ files: [CheckedFile], options: RuleOptions, into findings: inout [Finding]) {
        guard let register = options.codeRegister, register.coversCatalogue else { return }
        let held = Set(files.readableContracts.coded.map { $0.code.description })
        for code in register.entries.keys.sorted() {
            guard let entry = register.entries[code], !entry.isRetired, !held.contains(code) else { continue }
            findings.append(Finding(file: register.path, place: entry.place,
                message: "\(code) ('\(entry.interface)') has no contract: the service was removed without being retired — keep the entry and add `retired: YYYY-MM-DD, reason: …` (a code is never given again), or restore the contract"))
        }
    }
}
