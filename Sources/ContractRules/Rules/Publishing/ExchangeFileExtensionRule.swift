import ContractModel
import ContractSyntax

/// `exchange-file-extension`: `files.extensions` lists each extension once, as 1–10 lower-case
/// ASCII letters or digits without a dot (文件名命名规则).
public struct ExchangeFileExtensionRule: ContractRule {
    /// The longest extension accepted.
    public static let maximumLength = 10

    /// The rule's data.
    public static let description = RuleDescription(
        id: "exchange-file-extension",
        severity: .error,
        clause: "文件名命名规则 (DB5101/T 133)",
        summary: "`files.extensions` lists at least one extension; each is 1 to 10 lower-case ASCII letters or digits without the dot (`csv`, `xlsx`, `zip`), and none is listed twice.",
        rationale: """
            文件名命名规则 ends an exchange file name with its extension, in the form DB5101/T 133 asks. \
            `contractc files check` accepts a file only with an extension its contract lists, so the \
            list must say which are allowed: each written once, in lower case (so that `CSV` and \
            `csv` are not two kinds of file), without the dot the file name adds, and with letters \
            and digits only, so that the name stays alphanumeric.
            """,
        bad: [
            RuleExample(PublishingExamples.fileExchange(replacing: "extensions: [csv, zip]", with: "extensions: [.csv, zip]")),
            RuleExample(PublishingExamples.fileExchange(replacing: "extensions: [csv, zip]", with: "extensions: [csv, zip, csv]")),
            RuleExample(PublishingExamples.fileExchange(replacing: "extensions: [csv, zip]", with: "extensions: []")),
            RuleExample(PublishingExamples.fileExchange(replacing: "extensions: [csv, zip]", with: "extensions: [CSV, tar.gz]")),
        ],
        good: [
            RuleExample(PublishingExamples.fileExchange()),
            RuleExample(PublishingExamples.fileExchange(replacing: "extensions: [csv, zip]", with: "extensions: [xlsx, 7z]")),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// Whether a text is an extension: 1 to 10 lower-case ASCII letters or digits.
    public static func isValid(_ ext: String) -> Bool {
        let bytes = Array(ext.utf8)
        return (1...maximumLength).contains(bytes.count)
            && bytes.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    /// Reports missing or empty extensions at `files:`, and each wrong or repeated one at itself.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        guard let files = contract.checkedFiles else { return }
        let form = "write 1 to 10 lower-case ASCII letters or digits without the dot, such as csv, xlsx or zip"
        guard let extensions = files.extensions else {
            if !files.writtenKeys.contains("extensions") {
                findings.add(contract, files.place,
                    "'files' has no 'extensions'; add the extensions exchange files may have, e.g. 'extensions: [csv, zip]'")
            }
            return
        }
        if extensions.isEmpty {
            // Items of the wrong kind were dropped by the reader and reported by `value-type`.
            if !contract.hasWrongKind(inBlockAt: files.place) {
                findings.add(contract, files.place,
                    "'extensions' is empty; list the extensions exchange files may have, e.g. 'extensions: [csv, zip]'")
            }
            return
        }
        let valid = Set(extensions.map(\.value).filter(Self.isValid))
        var seen: [String: SourcePlace] = [:]
        for ext in extensions {
            let value = ext.value
            if Self.isValid(value) {
                if let first = seen[value] {
                    findings.add(contract, ext.place,
                        "extension '\(value)' is listed twice (first at line \(first.line)); remove this one")
                } else {
                    seen[value] = ext.place
                }
                continue
            }
            findings.add(contract, ext.place, Self.message(for: value, form: form, alreadyListed: valid))
        }
    }

    private static func message(for value: String, form: String, alreadyListed: Set<String>) -> String {
        if value.isEmpty { return "an extension is empty; \(form)" }
        let fixed = String(value.drop { $0 == "." }).lowercased()
        guard isValid(fixed), fixed != value else {
            if value.utf8.count > maximumLength, isValid(value.lowercased().prefix(maximumLength).description) {
                return "extension '\(value)' has \(value.count) characters, more than 10; \(form)"
            }
            return "extension '\(value)' is not one extension of lower-case ASCII letters and digits; \(form)"
        }
        let why = value.hasPrefix(".")
            ? "is written with a dot; the file name adds the dot"
            : "has upper-case letters; extensions are lower case"
        if alreadyListed.contains(fixed) {
            return "extension '\(value)' \(why), and '\(fixed)' is already listed: remove this one"
        }
        return "extension '\(value)' \(why): did you mean '\(fixed)'?"
    }
}
