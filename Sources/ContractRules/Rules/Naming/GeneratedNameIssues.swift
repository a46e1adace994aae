import ContractModel
import ContractSyntax

extension GeneratedNames.Issue {
    /// The issue as a finding in `contract`, naming the earlier declaration when there is one.
    func finding(in contract: Contract) -> Finding {
        Finding(file: contract.file, place: place, message: message,
                related: related.map { [Diagnostic.Related(file: contract.file, place: $0, message: "the other declaration of the name")] } ?? [])
    }
}

extension Array where Element == Finding {
    /// Appends the issues of one kind that ``GeneratedNames/issues(_:)`` finds in `contract`:
    /// the same judgement the Swift generator makes, so lint and `generate` cannot disagree.
    mutating func addGeneratedNameIssues(_ contract: Contract, kind: GeneratedNames.IssueKind) {
        for issue in GeneratedNames.issues(contract) where issue.kind == kind {
            append(issue.finding(in: contract))
        }
    }
}
