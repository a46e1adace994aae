import ContractModel
import ContractSyntax

/// `output-file-conflict`: two contract files of a run whose generated files would have one name.
public struct OutputFileConflictRule: SetRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "output-file-conflict",
        severity: .error,
        clause: "contract language §7",
        summary: "No two contract files of a run have one file name in different folders: `contractc generate` and the build plugin name each generated file after its contract file (`a/PersonInfoQuery.contract.yaml` → `PersonInfoQuery.swift`).",
        rationale: """
            Generated files are named after the contract file, not its content, so that a build \
            plugin can name its outputs before anything is read, and all of them go into one \
            folder (one module for the plugin). Two contract files named alike in different \
            folders would write one file, and one of the two services would silently go missing. \
            The name is computed by the function the generator uses.
            """,
        bad: [
            RuleExample(files: [
                ("city/PersonInfoQuery.contract.yaml", Examples.base),
                ("district/PersonInfoQuery.contract.yaml", CodeExamples.service("PersonHistoryQuery", code: "1102")),
            ]),
        ],
        good: [
            RuleExample(files: [
                ("city/PersonInfoQuery.contract.yaml", Examples.base),
                ("district/PersonHistoryQuery.contract.yaml", CodeExamples.service("PersonHistoryQuery", code: "1102")),
            ]),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// Appends one finding per contract file sharing its output name with another.
    public func check(_ files: [CheckedFile], options: RuleOptions, into findings: inout [Finding]) {
        var byOutput: [String: [Contract]] = [:]
        for contract in files.readableContracts {
            byOutput[GeneratedNames.outputName(forContract: contract.file, extension: "swift"), default: []].append(contract)
        }
        for (name, group) in byOutput.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) where group.count > 1 {
            let sorted = group.sorted { $0.file.utf8.lexicographicallyPrecedes($1.file.utf8) }
            for contract in sorted {
                let others = sorted.filter { $0.file != contract.file }
                guard !others.isEmpty else { continue }
                findings.append(Finding(file: contract.file, place: contract.interface?.place ?? contract.place,
                    message: "\(others.map(\.file).joined(separator: ", ")) would also generate '\(name)'; generated files are named after the contract file, so give the contract files different names",
                    related: others.map { Diagnostic.Related(file: $0.file, place: $0.interface?.place ?? $0.place, message: "also generates '\(name)'") }))
            }
        }
    }
}
