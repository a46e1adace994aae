import ContractGenerators
import ContractRules
import ContractSyntax

/// The output formats of `lint` (and of every command that reports diagnostics).
public enum ReportFormat: String, Sendable, CaseIterable {
    /// `file:line:col: error: message [rule]` lines and a summary: what compilers and editors read.
    case text
    /// An array of `{file, line, column, severity, rule, message}`.
    case json
    /// SARIF 2.1.0, for code-scanning dashboards.
    case sarif
    /// GitHub Actions workflow commands (`::error file=…,line=…,col=…::…`).
    case github
    /// JUnit XML: one test case per contract file.
    case junit
}

/// Turns diagnostics into the bytes of a report. Reporters only format; they never decide.
public enum Reporter {
    /// The tool's version, as reported in SARIF.
    public static let toolVersion = "0.1.0"

    /// Renders a report. `files` are the contracts checked (for JUnit's test cases and the summary).
    public static func render(_ diagnostics: [Diagnostic], files: [String], format: ReportFormat) -> String {
        switch format {
        case .text: return text(diagnostics, fileCount: files.count)
        case .json: return json(diagnostics)
        case .sarif: return sarif(diagnostics)
        case .github: return github(diagnostics, fileCount: files.count)
        case .junit: return junit(diagnostics, files: files)
        }
    }

    /// One diagnostic in compiler form. The file name and the message may quote contract text:
    /// both are escaped (``DisplayText``) so that no contract can end the line early, forge a
    /// line of its own or drive the terminal.
    public static func line(_ d: Diagnostic) -> String {
        "\(DisplayText.escaped(d.file)):\(d.line):\(d.column): \(d.severity.rawValue): \(DisplayText.escaped(d.message)) [\(DisplayText.escaped(d.rule))]"
    }

    /// A related place in compiler form (`file:line:col: note: message`), escaped like ``line(_:)``.
    static func noteLine(_ r: Diagnostic.Related) -> String {
        "\(DisplayText.escaped(r.file)):\(r.line):\(r.column): note: \(DisplayText.escaped(r.message))"
    }

    /// `3 errors, 1 warning in 42 contracts`.
    public static func summary(_ diagnostics: [Diagnostic], fileCount: Int) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(plural(errors, "error")), \(plural(warnings, "warning")) in \(plural(fileCount, "contract"))"
    }

    static func text(_ diagnostics: [Diagnostic], fileCount: Int) -> String {
        var out = ""
        for d in diagnostics {
            out += line(d) + "\n"
            for r in d.related { out += noteLine(r) + "\n" }
        }
        out += summary(diagnostics, fileCount: fileCount) + "\n"
        return out
    }

    static func json(_ diagnostics: [Diagnostic]) -> String {
        JSONWriter.render(.array(diagnostics.map { jsonObject(Entry($0)) }))
    }

    /// What the machine-readable reports say of one finding. Lint's diagnostics and the changes
    /// `contractc diff` reports are both rendered through it, so every report has one shape.
    struct Entry {
        var file: String
        var line: Int
        var column: Int
        /// `error`, `warning` or `note`.
        var level: String
        var rule: String
        var message: String
        var related: [Diagnostic.Related]

        init(file: String, line: Int, column: Int, level: String, rule: String, message: String, related: [Diagnostic.Related]) {
            self.file = file
            self.line = line
            self.column = column
            self.level = level
            self.rule = rule
            self.message = message
            self.related = related
        }

        init(_ d: Diagnostic) {
            self.init(file: d.file, line: d.line, column: d.column, level: d.severity.rawValue, rule: d.rule, message: d.message, related: d.related)
        }
    }

    /// `{file, line, column, severity, rule, message, …extra, related}`.
    static func jsonObject(_ e: Entry, extra: [(String, JSONWriter.Value)] = []) -> JSONWriter.Value {
        var fields: [(String, JSONWriter.Value)] = [
            ("file", .string(e.file)), ("line", .int(e.line)), ("column", .int(e.column)),
            ("severity", .string(e.level)), ("rule", .string(e.rule)), ("message", .string(e.message)),
        ] + extra
        if !e.related.isEmpty {
            fields.append(("related", .array(e.related.map { r in
                .object([("file", .string(r.file)), ("line", .int(r.line)), ("column", .int(r.column)), ("message", .string(r.message))])
            })))
        }
        return .object(fields)
    }

    /// A SARIF location.
    static func sarifLocation(_ file: String, _ line: Int, _ column: Int) -> [(String, JSONWriter.Value)] {
        [("physicalLocation", .object([
            ("artifactLocation", .object([("uri", .string(uri(file)))])),
            ("region", .object([("startLine", .int(line)), ("startColumn", .int(column))])),
        ]))]
    }

    /// A SARIF result; `ruleIndex` is the rule's place in the driver's rules, when it has one.
    static func sarifResult(_ e: Entry, ruleIndex: Int?) -> JSONWriter.Value {
        var fields: [(String, JSONWriter.Value)] = [("ruleId", .string(e.rule))]
        if let ruleIndex { fields.append(("ruleIndex", .int(ruleIndex))) }
        fields.append(("level", .string(e.level)))
        fields.append(("message", .object([("text", .string(e.message))])))
        fields.append(("locations", .array([.object(sarifLocation(e.file, e.line, e.column))])))
        if !e.related.isEmpty {
            fields.append(("relatedLocations", .array(e.related.enumerated().map { (i, r) in
                .object([("id", .int(i))] + sarifLocation(r.file, r.line, r.column) + [("message", .object([("text", .string(r.message))]))])
            })))
        }
        return .object(fields)
    }

    /// A SARIF 2.1.0 log of one run of one tool.
    static func sarifLog(tool: String, informationUri: String, rules: [JSONWriter.Value], results: [JSONWriter.Value]) -> String {
        JSONWriter.render(.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object([
                    ("name", .string(tool)),
                    ("version", .string(toolVersion)),
                    ("informationUri", .string(informationUri)),
                    ("rules", .array(rules)),
                ]))])),
                ("results", .array(results)),
            ])])),
        ]))
    }

    /// A GitHub Actions workflow command (`error`, `warning` or `notice`) for one finding.
    static func githubCommand(_ command: String, _ e: Entry) -> String {
        "::\(command) file=\(githubProperty(e.file)),line=\(e.line),col=\(e.column),title=\(githubProperty(e.rule))::\(githubData(e.message))\n"
    }

    /// The message of a workflow command, encoded as the runner decodes it: `%` → `%25`, CR →
    /// `%0D`, LF → `%0A`, on Unicode scalars (a CR LF pair is one `Character` and would slip past a
    /// character-wise replacement); every other unsafe scalar (``DisplayText``) is escaped, so
    /// nothing in the message can start a command line of its own or reach the log raw.
    static func githubData(_ s: String) -> String {
        githubEncode(s, property: false)
    }

    /// A property value of a workflow command (`file=`, `title=`): as ``githubData(_:)``, and
    /// `:` → `%3A`, `,` → `%2C`, which would otherwise end the property.
    static func githubProperty(_ s: String) -> String {
        githubEncode(s, property: true)
    }

    private static func githubEncode(_ s: String, property: Bool) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            switch scalar {
            case "%": out.append(contentsOf: "%25".unicodeScalars)
            case "\r": out.append(contentsOf: "%0D".unicodeScalars)
            case "\n": out.append(contentsOf: "%0A".unicodeScalars)
            case ":" where property: out.append(contentsOf: "%3A".unicodeScalars)
            case "," where property: out.append(contentsOf: "%2C".unicodeScalars)
            default:
                if DisplayText.isUnsafe(scalar) {
                    out.append(contentsOf: DisplayText.escaped(String(scalar)).unicodeScalars)
                } else {
                    out.append(scalar)
                }
            }
        }
        return String(out)
    }

    static func sarif(_ diagnostics: [Diagnostic]) -> String {
        let rules = RuleRegistry.descriptions
        var index: [String: Int] = [:]
        for (i, r) in rules.enumerated() { index[r.id] = i }
        let ruleObjects: [JSONWriter.Value] = rules.map { r in
            .object([
                ("id", .string(r.id)),
                ("shortDescription", .object([("text", .string(r.summary))])),
                ("fullDescription", .object([("text", .string(r.rationale))])),
                ("help", .object([("text", .string("\(r.summary) Run `contractc explain \(r.id)` for examples."))])),
                ("defaultConfiguration", .object([
                    ("enabled", .bool(r.defaultSeverity != nil)),
                    ("level", .string(r.defaultSeverity?.rawValue ?? "warning")),
                ])),
                ("properties", .object([("clause", .string(r.clause))])),
            ])
        }
        return sarifLog(tool: "contractc", informationUri: "https://github.com/contractc/contractc/blob/main/docs/rules.md",
            rules: ruleObjects, results: diagnostics.map { sarifResult(Entry($0), ruleIndex: index[$0.rule]) })
    }

    /// A relative path as a SARIF URI (percent-encoding what URIs do not allow).
    static func uri(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if byte < 0x80 && (c.isLetter || c.isNumber || "/-._~".contains(c)) {
                out.append(c)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    static func github(_ diagnostics: [Diagnostic], fileCount: Int) -> String {
        diagnostics.map { githubCommand($0.severity.rawValue, Entry($0)) }.joined() + summary(diagnostics, fileCount: fileCount) + "\n"
    }

    static func junit(_ diagnostics: [Diagnostic], files: [String]) -> String {
        var byFile: [String: [Diagnostic]] = [:]
        for d in diagnostics { byFile[d.file, default: []].append(d) }
        var names = files
        for f in byFile.keys where !files.contains(f) { names.append(f) }
        names.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let failures = names.filter { (byFile[$0] ?? []).contains { $0.severity == .error } }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"contractc\" tests=\"\(names.count)\" failures=\"\(failures)\">\n"
        out += "  <testsuite name=\"contractc lint\" tests=\"\(names.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
        for name in names {
            let found = byFile[name] ?? []
            out += "    <testcase classname=\"contractc.lint\" name=\"\(xml(DisplayText.escaped(name)))\""
            let errors = found.filter { $0.severity == .error }
            if found.isEmpty {
                out += "/>\n"
                continue
            }
            out += ">\n"
            if !errors.isEmpty {
                let first = errors[0]
                out += "      <failure message=\"\(xml("\(errors.count) error\(errors.count == 1 ? "" : "s"): \(DisplayText.escaped(first.message))"))\" type=\"\(xml(DisplayText.escaped(first.rule)))\">"
                out += xml(errors.map(line).joined(separator: "\n"))
                out += "</failure>\n"
            }
            let warnings = found.filter { $0.severity == .warning }
            if !warnings.isEmpty {
                out += "      <system-out>\(xml(warnings.map(line).joined(separator: "\n")))</system-out>\n"
            }
            out += "    </testcase>\n"
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    /// Escapes text for XML content and attributes; drops characters XML 1.0 cannot hold.
    static func xml(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\t", "\r": out += "&#\(scalar.value);"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}

extension String {
    func replacingAll(_ old: String, _ new: String) -> String {
        guard !old.isEmpty, contains(old) else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.firstRange(of: old) {
            out += rest[rest.startIndex..<r.lowerBound]
            out += new
            rest = rest[r.upperBound...]
        }
        out += rest
        return out
    }
}
