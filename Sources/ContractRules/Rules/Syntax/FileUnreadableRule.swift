import ContractSyntax

/// `file-unreadable`: a contract file that cannot be read at all.
public struct FileUnreadableRule: FileRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "file-unreadable",
        severity: .error,
        clause: "合同格式 (§5: exit code 2)",
        summary: "Every contract file found can be opened and read; when one cannot, the command cannot do its job and exits 2.",
        rationale: """
            A contract that the tool cannot read is not checked, so a run that skipped it silently \
            would report a clean set that is not clean. The tool names the file and the reason \
            (permission denied, a folder named like a contract, an I/O error) and exits 2, the code \
            for a command that could not run, so CI fails loudly rather than passing on a partial set.
            """,
        bad: [.unreadableFile(reason: "Permission denied")],
        good: [RuleExample(Examples.base)]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ file: CheckedFile, options: RuleOptions, into findings: inout [Finding]) {
        for p in file.syntaxProblems where p.kind == .unreadable {
            findings.append(Finding(file: file.path, place: p.place, message: p.message))
        }
    }
}
