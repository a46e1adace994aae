import ContractModel

/// `files-missing`: a file-exchange contract names its exchange files (文件名命名规则).
public struct FilesMissingRule: ContractRule {
    /// The rule's data.
    public static let description = RuleDescription(
        id: "files-missing",
        severity: .error,
        clause: "文件名命名规则",
        summary: "A contract with `exchange: file` has a `files:` block: the classification code, region code and extensions of its exchange files.",
        rationale: """
            文件名命名规则 names every exchange file with a 15-character code — the DB5101/T 132 \
            classification code, the year and the GB/T 2260 region code — and an extension under \
            DB5101/T 133. All but the year are fixed per service, so a file-exchange contract states \
            them under `files:`; `contractc files check` and the generated `exchangeFileName(...)` are \
            made from them. The finding points at `exchange: file`, the value that asks for the block.
            """,
        bad: [RuleExample(Examples.base(replacing: "exchange: interface", with: "exchange: file"))],
        good: [RuleExample(Examples.base), RuleExample(PublishingExamples.fileExchange())]
    )

    /// Creates the rule.
    public init() {}

    /// Reports `exchange: file` without `files:`, at the exchange value.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        // A misspelt `files:` is `unknown-key`'s, an empty one `value-type`'s.
        guard contract.exchangeMode == .file, let exchange = contract.exchange,
            contract.keyPlaces["files"] == nil, !contract.writtenKeys.contains("files")
        else { return }
        findings.add(contract, exchange.place,
            "'exchange: file' needs a 'files:' block naming the exchange files (文件名命名规则); add 'files:' with 'classification:' (DB5101/T 132, e.g. A0102), 'region:' (GB/T 2260, e.g. \"510100\") and 'extensions:' (e.g. [csv, zip])")
    }
}
