import ContractGenerators
import ContractSyntax

/// Renders a diff in the report formats of lint: `text`, `json`, `sarif` and `github` (not `junit`).
///
/// Errors and warnings are written exactly as lint writes diagnostics; changes that break nobody
/// have the severity `note`: `file:line:col: note: … [rule]` in text, `"severity": "note"` in
/// JSON, level `note` in SARIF, `::notice` in GitHub workflow commands.
public enum DiffReporter {
    /// The formats `diff` writes.
    public static let formats: [ReportFormat] = [.text, .json, .sarif, .github]

    /// Renders the changes of a run. Text and GitHub end with the summary line; JSON and SARIF are
    /// documents only (the command writes the summary to standard error).
    public static func render(_ run: DiffRun, format: ReportFormat) -> String {
        switch format {
        case .json: return json(run.changes)
        case .sarif: return sarif(run.changes)
        case .github: return github(run)
        case .text, .junit: return text(run)
        }
    }

    /// One change in compiler form: `file:line:col: severity: message [rule]`.
    public static func line(_ c: DiffChange) -> String {
        "\(DisplayText.escaped(c.file)):\(c.line):\(c.column): \(c.severity.rawValue): \(DisplayText.escaped(c.message)) [\(c.rule)]"
    }

    static func text(_ run: DiffRun) -> String {
        var out = ""
        for c in run.changes {
            out += line(c) + "\n"
            for r in c.related { out += Reporter.noteLine(r) + "\n" }
        }
        out += run.summary + "\n"
        return out
    }

    static func json(_ changes: [DiffChange]) -> String {
        JSONWriter.render(.array(changes.map { Reporter.jsonObject(entry($0), extra: [("breaking", .bool($0.isBreaking))]) }))
    }

    /// A change as the shared report entry.
    static func entry(_ c: DiffChange) -> Reporter.Entry {
        Reporter.Entry(file: c.file, line: c.line, column: c.column, level: c.severity.rawValue, rule: c.rule, message: c.message, related: c.related)
    }

    static func sarif(_ changes: [DiffChange]) -> String {
        let kinds = DiffKind.allCases
        var index: [String: Int] = [:]
        for (i, k) in kinds.enumerated() { index[k.id] = i }
        let rules: [JSONWriter.Value] = kinds.map { k in
            .object([
                ("id", .string(k.id)),
                ("shortDescription", .object([("text", .string(k.summary))])),
                ("help", .object([("text", .string("\(k.summary) See docs/breaking-changes.md."))])),
                ("defaultConfiguration", .object([("level", .string(k.isBreaking ? "error" : "note"))])),
                ("properties", .object([("breaking", .bool(k.isBreaking))])),
            ])
        }
        return Reporter.sarifLog(tool: "contractc diff", informationUri: "https://github.com/contractc/contractc/blob/main/docs/breaking-changes.md",
            rules: rules, results: changes.map { Reporter.sarifResult(entry($0), ruleIndex: index[$0.rule]) })
    }

    static func github(_ run: DiffRun) -> String {
        var out = ""
        for c in run.changes {
            let command: String
            switch c.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .note: command = "notice"
            }
            out += Reporter.githubCommand(command, entry(c))
        }
        out += run.summary + "\n"
        return out
    }
}
