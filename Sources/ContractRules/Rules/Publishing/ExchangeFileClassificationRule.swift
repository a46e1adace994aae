import ContractModel

/// `exchange-file-classification`: `files.classification` is a DB5101/T 132 code of 1–5
/// upper-case letters or digits (文件名命名规则).
public struct ExchangeFileClassificationRule: ContractRule {
    /// The longest classification code: it fills the first 5 characters of a file name.
    public static let maximumLength = 5

    /// The rule's data.
    public static let description = RuleDescription(
        id: "exchange-file-classification",
        severity: .error,
        clause: "文件名命名规则 (DB5101/T 132)",
        summary: "`files.classification` is written and is a DB5101/T 132 classification code: 1 to 5 upper-case ASCII letters or digits (`A0102`).",
        rationale: """
            文件名命名规则 starts every exchange file name with the data resource's classification code \
            under DB5101/T 132, filled with 0 on the right to 5 characters (`A01` → `A0100`). A longer \
            code does not fit, and anything but letters and digits breaks the 15-character alphanumeric \
            code; letters are upper case, so that one resource has one file name.
            """,
        bad: [
            RuleExample(PublishingExamples.fileExchange(replacing: "classification: A0102", with: "classification: a0102")),
            RuleExample(PublishingExamples.fileExchange(replacing: "classification: A0102", with: "classification: A01-02")),
            RuleExample(PublishingExamples.fileExchange(replacing: "  classification: A0102\n", with: "")),
        ],
        good: [
            RuleExample(PublishingExamples.fileExchange()),
            RuleExample(PublishingExamples.fileExchange(replacing: "classification: A0102", with: "classification: A01")),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// Whether a text is a classification code: 1 to 5 upper-case ASCII letters or digits.
    public static func isValid(_ code: String) -> Bool {
        let bytes = Array(code.utf8)
        return (1...maximumLength).contains(bytes.count)
            && bytes.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    /// Reports a missing (absent or empty) classification at `files:`, a wrong one at its value.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        guard let files = contract.checkedFiles else { return }
        let form = "write 1 to 5 upper-case ASCII letters or digits, such as A0102"
        guard let c = files.classification else {
            if !files.writtenKeys.contains("classification") {
                findings.add(contract, files.place,
                    "'files' has no 'classification'; add the resource's DB5101/T 132 classification code, which starts every exchange file name: 1 to 5 upper-case ASCII letters or digits, such as 'classification: A0102'")
            } else if !contract.hasWrongKind(inBlockAt: files.place) {
                // The reader keeps an empty `classification:` among the written keys (the name is
                // also the top-level mapping's, whose empty value `value-type` reports), but reports
                // nothing for it here: without a wrong kind in the block, the value is empty.
                findings.add(contract, files.place,
                    "'classification' under 'files' has no value; write the resource's DB5101/T 132 code: 1 to 5 upper-case ASCII letters or digits, such as 'classification: A0102'")
            }
            return
        }
        let code = c.value
        guard !Self.isValid(code) else { return }
        let message: String
        if code.isEmpty {
            message = "'classification' is empty; \(form)"
        } else if Self.isValid(code.uppercased()) {
            message = "classification '\(code)' has lower-case letters; the letters of a DB5101/T 132 code are upper case: did you mean '\(code.uppercased())'?"
        } else if code.count > Self.maximumLength, code.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }) {
            message = "classification '\(code)' has \(code.count) characters, more than the 5 a file name holds; \(form)"
        } else {
            message = "classification '\(code)' is not a DB5101/T 132 code; \(form)"
        }
        findings.add(contract, c.place, message)
    }
}
