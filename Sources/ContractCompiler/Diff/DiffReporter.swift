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
        "\(c.file):\(c.line):\(c.column): \(c.severity.rawValue): \(c.message) [\(c.rule)]"
    }

    static func text(_ run: DiffRun) -> String {
        var out = ""
        for c in run.changes {
            out += line(c) + "\n"
            for r in c.related { out += "\(r.file):\(r.line):\(r.column): note: \(r.message)\n" }
        }
        out += run.summary + "\n"
        return out
    }

    static func json(_ changes: [DiffChange]) -> String {
        JSONWriter.render(.array(changes.map { c in
            var fields: [(String, JSONWriter.Value)] = [
                ("file", .string(c.file)), ("line", .int(c.line)), ("column", .int(c.column)),
                ("severity", .string(c.severity.rawValue)), ("rule", .string(c.rule)), ("message", .string(c.message)),
                ("breaking", .bool(c.isBreaking)),
            ]
            if !c.related.isEmpty {
                fields.append(("related", .array(c.related.map { r in
                    .object([("file", .string(r.file)), ("line", .int(r.line)), ("column", .int(r.column)), ("message", .string(r.message))])
                })))
            }
            return .object(fields)
        }))
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
        func location(_ file: String, _ line: Int, _ column: Int) -> [(String, JSONWriter.Value)] {
            [("physicalLocation", .object([
                ("artifactLocation", .object([("uri", .string(Reporter.uri(file)))])),
                ("region", .object([("startLine", .int(line)), ("startColumn", .int(column))])),
            ]))]
        }
        let results: [JSONWriter.Value] = changes.map { c in
            var fields: [(String, JSONWriter.Value)] = [("ruleId", .string(c.rule))]
            if let i = index[c.rule] { fields.append(("ruleIndex", .int(i))) }
            fields.append(("level", .string(c.severity.rawValue)))
            fields.append(("message", .object([("text", .string(c.message))])))
            fields.append(("locations", .array([.object(location(c.file, c.line, c.column))])))
            if !c.related.isEmpty {
                fields.append(("relatedLocations", .array(c.related.enumerated().map { (i, r) in
                    .object([("id", .int(i))] + location(r.file, r.line, r.column) + [("message", .object([("text", .string(r.message))]))])
                })))
            }
            return .object(fields)
        }
        return JSONWriter.render(.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object([
                    ("name", .string("contractc diff")),
                    ("version", .string(Reporter.toolVersion)),
                    ("informationUri", .string("https://github.com/contractc/contractc/blob/main/docs/breaking-changes.md")),
                    ("rules", .array(rules)),
                ]))])),
                ("results", .array(results)),
            ])])),
        ]))
    }

    static func github(_ run: DiffRun) -> String {
        func data(_ s: String) -> String {
            s.replacingAll("%", "%25").replacingAll("\r", "%0D").replacingAll("\n", "%0A")
        }
        func property(_ s: String) -> String {
            data(s).replacingAll(":", "%3A").replacingAll(",", "%2C")
        }
        var out = ""
        for c in run.changes {
            let command: String
            switch c.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .note: command = "notice"
            }
            out += "::\(command) file=\(property(c.file)),line=\(c.line),col=\(c.column),title=\(property(c.rule))::\(data(c.message))\n"
        }
        out += run.summary + "\n"
        return out
    }
}
