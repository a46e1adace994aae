import ContractModel
import ContractSyntax

/// `code-retired`: a contract uses a code the register has retired (服务编目).
public struct CodeRetiredRule: SetRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "code-retired",
        severity: .error,
        clause: "服务分类; 服务发布与巡检",
        summary: "No contract uses a retired code: a withdrawn service's code is never given again.",
        rationale: """
            Applications, grants and other systems may still name a withdrawn service by its code. \
            If a new service took the code, their references would silently move to it — an \
            authorisation for one service would open another. A retired code therefore stays \
            retired; a new service gets the lowest serial the register has never held.
            """,
        bad: [RuleExample(files: [
            RegisterExamples.register(["\"1101\": {interface: LegacyPersonQuery, retired: 2026-12-04, reason: 并入 1102}", "\"1102\": {interface: PersonHistoryQuery}"]),
            ("PersonInfoQuery.contract.yaml", Examples.base),
            ("PersonHistoryQuery.contract.yaml", CodeExamples.service("PersonHistoryQuery", code: "1102")),
        ])],
        good: [RuleExample(files: [
            RegisterExamples.register(["\"1101\": {interface: LegacyPersonQuery, retired: 2026-12-04, reason: 并入 1102}", "\"1102\": {interface: PersonHistoryQuery}", "\"1103\": {interface: PersonInfoQuery}"]),
            ("PersonInfoQuery.contract.yaml", CodeExamples.service("PersonInfoQuery", code: "1103")),
            ("PersonHistoryQuery.contract.yaml", CodeExamples.service("PersonHistoryQuery", code: "1102")),
        ])]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ files: [CheckedFile], options: RuleOptions, into findings: inout [Finding]) {
        guard let register = options.codeRegister else { return }
        for (contract, code, place) in files.readableContracts.coded {
            guard let entry = register.entries[code.description], let retired = entry.retired else { continue }
            let why = entry.reason.map { ": \($0)" } ?? ""
            findings.append(Finding(file: contract.file, place: place,
                message: "service code \(code) was retired on \(retired) with '\(entry.interface)'\(why); a retired code is never given again — delete the 'code:' line and run `contractc codes` for a new one",
                related: [Diagnostic.Related(file: register.path, place: entry.place, message: "retired here")]))
        }
    }
}
