/// How serious a finding is.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable, Codable {
    /// Something to look at; never fails a run unless `--strict`.
    case warning
    /// Breaks the standard; fails the run.
    case error

    /// Warnings sort before errors.
    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .warning && rhs == .error
    }
}

/// One finding about one place of one file.
///
/// Diagnostics are plain data: nothing in the compiler prints them. Reporters in
/// `ContractCompiler` turn a list of them into text, JSON, SARIF, GitHub or JUnit.
public struct Diagnostic: Sendable, Hashable, Codable {
    /// Another place a diagnostic refers to, such as the other file of a duplicate code.
    public struct Related: Sendable, Hashable, Codable {
        /// The file, as given to the compiler.
        public var file: String
        /// 1-based line.
        public var line: Int
        /// 1-based column.
        public var column: Int
        /// What this place is.
        public var message: String

        /// Creates a related place.
        public init(file: String, place: SourcePlace, message: String) {
            self.file = file
            self.line = place.line
            self.column = place.column
            self.message = message
        }
    }

    /// The file, as given to the compiler (relative paths stay relative).
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int
    /// Error or warning, after configuration.
    public var severity: Severity
    /// The id of the rule that found it, e.g. `method-name-case`.
    public var rule: String
    /// What is wrong and what to do about it.
    public var message: String
    /// Other places the finding refers to.
    public var related: [Related]

    /// Creates a diagnostic.
    public init(
        file: String, place: SourcePlace, severity: Severity, rule: String, message: String,
        related: [Related] = []
    ) {
        self.file = file
        self.line = place.line
        self.column = place.column
        self.severity = severity
        self.rule = rule
        self.message = message
        self.related = related
    }

    /// The place of the finding.
    public var place: SourcePlace { SourcePlace(line: line, column: column) }

    /// The order diagnostics are reported in: file, line, column, rule, message.
    public static func reportOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        if a.file != b.file { return a.file.utf8.lexicographicallyPrecedes(b.file.utf8) }
        if a.line != b.line { return a.line < b.line }
        if a.column != b.column { return a.column < b.column }
        if a.rule != b.rule { return a.rule < b.rule }
        return a.message < b.message
    }
}
