import ContractModel

/// `exchange-file-region`: `files.region` is a GB/T 2260 administrative division code
/// (文件名命名规则).
public struct ExchangeFileRegionRule: ContractRule {
    /// The rule's data.
    public static let description = RuleDescription(
        id: "exchange-file-region",
        severity: .error,
        clause: "文件名命名规则 (GB/T 2260)",
        summary: "`files.region` is written, quoted, and is a 6-digit GB/T 2260 administrative division code that exists (`\"510100\"` 成都市, `\"510118\"` 新津区).",
        rationale: """
            文件名命名规则 ends the 15-character code of an exchange file name with the administrative \
            division code of GB/T 2260, 6 digits. A code that names no division would label every file \
            of the service with a place that does not exist; the rule checks the code against the \
            GB/T 2260 table shipped with contractc (data/gbt2260.csv) and, for a code one digit away \
            from a division of the same prefecture, names it. A code that has left the table (a \
            county that became a district: 双流县 510122 is now 双流区 510116) is named as retired, \
            with its successor where data/gbt2260-retired.csv knows it, never with a look-alike code.
            """,
        bad: [
            RuleExample(PublishingExamples.fileExchange(replacing: "region: \"510100\"", with: "region: \"510199\"")),
            RuleExample(PublishingExamples.fileExchange(replacing: "region: \"510100\"", with: "region: \"5101\"")),
            RuleExample(PublishingExamples.fileExchange(replacing: "region: \"510100\"", with: "region: \"510122\"")),
            RuleExample(PublishingExamples.fileExchange(replacing: "  region: \"510100\"\n", with: "")),
        ],
        good: [
            RuleExample(PublishingExamples.fileExchange()),
            RuleExample(PublishingExamples.fileExchange(replacing: "region: \"510100\"", with: "region: \"510118\"")),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// Reports a missing (absent or empty) region at `files:`, a wrong one at its value.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        guard let files = contract.checkedFiles else { return }
        let example = "write the 6-digit code of the division the files come from, quoted, e.g. region: \"510100\" (成都市)"
        guard let r = files.region else {
            if !files.writtenKeys.contains("region") {
                findings.add(contract, files.place,
                    "'files' has no 'region'; add the GB/T 2260 code that ends every exchange file name: \(example)")
            }
            return
        }
        let code = r.value
        let isDigits = !code.isEmpty && code.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        if isDigits && code.utf8.count == 6 {
            guard !GBT2260.contains(code) else { return }
            var message = "region \(code) is not a GB/T 2260 code"
            if let retired = GBT2260.retired(code) {
                message = "region \(code) (\(retired.name)) is no longer a GB/T 2260 code"
                if let successor = retired.successor, let name = GBT2260.name(of: successor) {
                    message += ": it is now \(successor) (\(name)); write region: \"\(successor)\""
                } else {
                    message += "; write the current code of the division the files come from, quoted, e.g. region: \"510100\" (成都市)"
                }
            } else if let near = Self.nearest(to: code), let name = GBT2260.name(of: near) {
                message += "; did you mean \"\(near)\" (\(name))?"
            } else {
                message += "; \(example)"
            }
            findings.add(contract, r.place, message)
        } else if isDigits && code.utf8.count < 6 {
            // A prefix such as 5101 or 51: the division with the code filled with zeros.
            let filled = code + String(repeating: "0", count: 6 - code.utf8.count)
            var message = "region '\(code)' has \(code.utf8.count) digits; a GB/T 2260 code has 6"
            if let name = GBT2260.name(of: filled) {
                message += ": did you mean \"\(filled)\" (\(name))?"
            } else {
                message += "; \(example)"
            }
            findings.add(contract, r.place, message)
        } else if isDigits {
            findings.add(contract, r.place, "region '\(code)' has \(code.utf8.count) digits; a GB/T 2260 code has 6; \(example)")
        } else {
            findings.add(contract, r.place, "region '\(code)' is not a GB/T 2260 code: a region is 6 digits; \(example)")
        }
    }

    /// The code of the table one digit away in the same prefecture and numerically closest,
    /// the lower on a tie.
    static func nearest(to code: String) -> String? {
        guard let value = Int(code) else { return nil }
        return GBT2260.neighbours(of: code).min { a, b in
            let (da, db) = (abs((Int(a) ?? 0) - value), abs((Int(b) ?? 0) - value))
            return da != db ? da < db : a < b
        }
    }
}
