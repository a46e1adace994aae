import ContractSyntax
import ContractModel

/// How one file is to be checked: severities after configuration, and rule options.
public struct LintSettings: Sendable, Hashable {
    /// Overrides of default severities; a nil value turns the rule off.
    public var severities: [String: Severity?]
    /// Options for rules.
    public var options: RuleOptions

    /// Creates settings.
    public init(severities: [String: Severity?] = [:], options: RuleOptions = RuleOptions()) {
        self.severities = severities
        self.options = options
    }

    /// Default severities and no options.
    public static let standard = LintSettings()

    /// The severity a rule runs with, or nil when it is off.
    public func severity(of rule: RuleDescription) -> Severity? {
        if let override = severities[rule.id] { return override }
        return rule.defaultSeverity
    }
}

/// Runs the rules: bytes → syntax → model → findings → diagnostics.
public enum Linter {
    /// Reads a file: YAML with places, then the contract model when the YAML was readable.
    public static func read(path: String, bytes: [UInt8], limits: SyntaxLimits = .standard) -> CheckedFile {
        let document = YAMLParser.parse(bytes: bytes, limits: limits)
        var contract: Contract?
        if let root = document.root {
            contract = ContractReader.read(root, file: path)
        } else if document.problems.isEmpty {
            // An empty file or one holding only comments.
            var empty = Contract(file: path)
            empty.problems.append(ShapeProblem(.wrongKind, at: .start,
                "the file is empty; a contract starts with 'contract: 1' and 'interface: Name'"))
            contract = empty
        }
        var file = CheckedFile(path: path, syntaxProblems: document.problems, contract: contract)
        if bytes.count <= limits.maxBytes, containsDirective(bytes) {
            file.suppressions = SuppressionDirectives.scan(String(decoding: bytes, as: UTF8.self))
        }
        return file
    }

    /// Whether the bytes hold `contractc:` at all: most files have no directive, and this scan is
    /// far cheaper than splitting the text into lines.
    static func containsDirective(_ bytes: [UInt8]) -> Bool {
        let needle = Array("contractc:".utf8)
        guard bytes.count >= needle.count else { return false }
        return bytes.withUnsafeBufferPointer { b in
            var i = 0
            let last = b.count - needle.count
            while i <= last {
                if b[i] == 0x63, b[i + 9] == 0x3A {  // 'c' … ':'
                    var k = 1
                    while k < needle.count && b[i + k] == needle[k] { k += 1 }
                    if k == needle.count { return true }
                }
                i += 1
            }
            return false
        }
    }

    /// Checks one file with every file rule.
    public static func check(_ file: CheckedFile, settings: LintSettings = .standard) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for rule in RuleRegistry.fileRules {
            let description = type(of: rule).description
            guard let severity = settings.severity(of: description) else { continue }
            var findings: [Finding] = []
            rule.check(file, options: settings.options, into: &findings)
            for finding in findings where !file.isSuppressed(description.id, at: finding.place.line) {
                diagnostics.append(Diagnostic(file: finding.file, place: finding.place, severity: severity,
                    rule: description.id, message: finding.message, related: finding.related))
            }
        }
        return capped(diagnostics, omitted: file.contract?.omittedProblems ?? 0)
    }

    /// The most diagnostics one file reports: a file with more (one mistake repeated, or a hostile
    /// file of 772,000 unknown keys) shows the first ones and a `findings-limit` diagnostic.
    public static let findingLimit = 1_000

    /// The first ``findingLimit`` diagnostics in report order, and one `findings-limit` diagnostic
    /// that says how many more there are, with the highest severity among those left out (so the
    /// exit code stays what the whole list would give).
    static func capped(_ diagnostics: [Diagnostic], omitted: Int) -> [Diagnostic] {
        guard diagnostics.count > findingLimit || omitted > 0, let first = diagnostics.first else { return diagnostics }
        let sorted = diagnostics.sorted(by: Diagnostic.reportOrder)
        let kept = Array(sorted.prefix(findingLimit))
        let left = sorted.dropFirst(findingLimit)
        let more = left.count + omitted
        let severity: Severity = (left.contains { $0.severity == .error } || (omitted > 0 && diagnostics.contains { $0.severity == .error })) ? .error : .warning
        return kept + [Diagnostic(file: first.file, place: .start, severity: severity, rule: "findings-limit",
            message: "\(more) more finding\(more == 1 ? "" : "s") in this file not shown (a report shows at most \(findingLimit) a file); fix these and run again")]
    }

    /// Checks the set with every set rule. `settings` gives each file's settings.
    /// `register` is the code register of the catalogue these files make up (服务编目).
    public static func checkSet(
        _ files: [CheckedFile], register: CodeRegisterState = .notExpected, settings: (String) -> LintSettings = { _ in .standard }
    ) -> [Diagnostic] {
        var byPath: [String: CheckedFile] = [:]
        for f in files { byPath[f.path] = f }
        var diagnostics: [Diagnostic] = []
        for rule in RuleRegistry.setRules {
            let description = type(of: rule).description
            var findings: [Finding] = []
            var options = files.first.map { settings($0.path).options } ?? RuleOptions()
            options.register = register
            rule.check(files, options: options, into: &findings)
            for finding in findings {
                guard let severity = settings(finding.file).severity(of: description) else { continue }
                if byPath[finding.file]?.isSuppressed(description.id, at: finding.place.line) == true { continue }
                diagnostics.append(Diagnostic(file: finding.file, place: finding.place, severity: severity,
                    rule: description.id, message: finding.message, related: finding.related))
            }
        }
        return diagnostics
    }

    /// Checks a set of in-memory files completely (file and set rules), sorted for reporting.
    /// Used by the rule examples and by tests.
    public static func lint(
        _ sources: [(path: String, text: String)], settings: LintSettings = .standard
    ) -> [Diagnostic] {
        let files = sources.map { read(path: $0.path, bytes: Array($0.text.utf8)) }
        var all = files.flatMap { check($0, settings: settings) }
        all += checkSet(files, settings: { _ in settings })
        return all.sorted(by: Diagnostic.reportOrder)
    }
}

extension Linter {
    /// Checks a rule example completely; an unreadable example file stands for a read failure.
    ///
    /// An example file named `service-codes.yaml` is the catalogue's code register, and one
    /// named `.contractc.yaml` stands for a catalogue configuration without a register.
    public static func lint(example: RuleExample, settings: LintSettings) -> [Diagnostic] {
        var register = CodeRegisterState.notExpected
        if let file = example.files.first(where: { $0.name == CodeRegister.fileName }) {
            register = .present(CodeRegister.parse(Array(file.text.utf8), path: file.name).register)
        } else if let file = example.files.first(where: { $0.name == ".contractc.yaml" }) {
            register = .missing(configuration: file.name)
        }
        let contracts = example.files.filter { $0.name != CodeRegister.fileName && $0.name != ".contractc.yaml" }
        let files = contracts.map { f in
            f.unreadable
                ? CheckedFile(path: f.name, syntaxProblems: [SyntaxProblem(.unreadable, at: .start, "cannot read the file: \(f.text)")], contract: nil)
                : read(path: f.name, bytes: Array(f.text.utf8))
        }
        var all = files.flatMap { check($0, settings: settings) }
        all += checkSet(files, register: register, settings: { _ in settings })
        return all.sorted(by: Diagnostic.reportOrder)
    }
}

extension CheckedFile {
    /// Whether a `# contractc:disable-next-line` comment silences a rule on a line.
    public func isSuppressed(_ rule: String, at line: Int) -> Bool {
        guard let rules = suppressions[line] else { return false }
        return rules.contains { $0.value == rule || $0.value == "all" }
    }
}
