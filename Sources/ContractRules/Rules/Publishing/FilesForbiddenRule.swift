import ContractModel

/// `files-forbidden`: only a file-exchange contract has a `files:` block (文件名命名规则).
public struct FilesForbiddenRule: ContractRule {
    /// The rule's data.
    public static let description = RuleDescription(
        id: "files-forbidden",
        severity: .error,
        clause: "文件名命名规则",
        summary: "`files:` is written only when `exchange` is file; with interface, database or cascade there are no exchange files to name.",
        rationale: """
            文件名命名规则 names the files of file exchange (文件交换). A service exchanged through an \
            interface, a database or a cascade has no exchange files, so a `files:` block on it is \
            either left over or means the exchange mode is wrong; the catalogue would otherwise show \
            file names for a service that never produces a file. The block's contents are not checked \
            while it does not belong.
            """,
        bad: [RuleExample(Examples.base(replacing: "exchange: interface\n", with: "exchange: interface\nfiles:\n" + PublishingExamples.files))],
        good: [RuleExample(Examples.base), RuleExample(PublishingExamples.fileExchange())]
    )

    /// Creates the rule.
    public init() {}

    /// Reports `files:` under another exchange mode, at the `files:` key.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        guard let mode = contract.exchangeMode, mode != .file,
            let place = contract.keyPlaces["files"] ?? contract.files?.place
        else { return }
        findings.add(contract, place,
            "'files:' applies only to 'exchange: file'; this contract exchanges by \(mode.rawValue) (\(mode.label)): remove 'files:', or set 'exchange: file'")
    }
}
