import ContractSyntax
import ContractModel

/// What a rule is: its id, default severity, clause of the standard, and examples.
///
/// `contractc explain`, `docs/rules.md` and the example tests are all made from this data.
public struct RuleDescription: Sendable {
    /// Stable id, used in diagnostics, configuration and suppression comments.
    public var id: String
    /// Severity unless configured; nil means the rule is off by default.
    public var defaultSeverity: Severity?
    /// The clause of the standard the rule enforces, as the standard names it
    /// (e.g. `服务接口 1`), or the section of the contract language for format rules.
    public var clause: String
    /// One line: what the rule checks.
    public var summary: String
    /// One paragraph: why, in terms of the standard.
    public var rationale: String
    /// Contracts that must raise this rule and nothing else.
    public var bad: [RuleExample] { makeBad() }
    /// Contracts that must raise nothing.
    public var good: [RuleExample] { makeGood() }
    /// The examples are built when asked for (by `explain`, the docs and the tests), not when a
    /// lint run first touches the rule: building them all costs more than checking a contract.
    private let makeBad: @Sendable () -> [RuleExample]
    private let makeGood: @Sendable () -> [RuleExample]

    /// Creates a description.
    public init(
        id: String, severity: Severity?, clause: String, summary: String, rationale: String,
        bad: @autoclosure @escaping @Sendable () -> [RuleExample], good: @autoclosure @escaping @Sendable () -> [RuleExample]
    ) {
        self.id = id
        self.defaultSeverity = severity
        self.clause = clause
        self.summary = summary
        self.rationale = rationale
        self.makeBad = bad
        self.makeGood = good
    }
}

/// An example for a rule: one or more contract files (more for set-wide rules).
public struct RuleExample: Sendable {
    /// One file of an example.
    public struct File: Sendable {
        /// File name, e.g. `PersonInfoQuery.contract.yaml`.
        public var name: String
        /// The contract text.
        public var text: String
        /// Whether the example stands for a file that cannot be read (permissions, a folder).
        public var unreadable = false
    }

    /// The files.
    public var files: [File]
    /// Acronyms configured for the example (see `acronyms` in `.contractc.yaml`).
    public var acronyms: [String]
    /// Protocols declared for the example (see `protocols` in `.contractc.yaml`).
    public var protocols: [DeclaredProtocol] = []

    /// A one-file example named `Example.contract.yaml`.
    public init(_ text: String, acronyms: [String] = [], protocols: [DeclaredProtocol] = []) {
        self.files = [File(name: "Example.contract.yaml", text: text)]
        self.acronyms = acronyms
        self.protocols = protocols
    }

    /// An example standing for a contract file the tool cannot open.
    public static func unreadableFile(reason: String) -> RuleExample {
        var example = RuleExample("")
        example.files[0].unreadable = true
        example.files[0].text = reason
        return example
    }

    /// An example of several named files.
    public init(files: [(name: String, text: String)], acronyms: [String] = []) {
        self.files = files.map { File(name: $0.name, text: $0.text) }
        self.acronyms = acronyms
    }
}

/// Options that change what rules accept, from `.contractc.yaml`.
public struct RuleOptions: Sendable, Hashable {
    /// Whole-capital words naming rules accept (`ID`, `URL`).
    public var acronyms: Set<String>
    /// The code register of the catalogue the set rules check (服务编目); set per catalogue by
    /// the driver, not by `.contractc.yaml`.
    public var register: CodeRegisterState
    /// Protocols beyond the nine the configuration declares (`protocols:`), which
    /// `protocol-unknown` and `address-protocol-mismatch` accept.
    public var protocols: [DeclaredProtocol]

    /// Creates options.
    public init(acronyms: Set<String> = [], register: CodeRegisterState = .notExpected, protocols: [DeclaredProtocol] = []) {
        self.acronyms = acronyms
        self.register = register
        self.protocols = protocols
    }

    /// The declared protocol a contract's `protocol:` names, spelled exactly as declared.
    public func declaredProtocol(named name: String) -> DeclaredProtocol? {
        protocols.first { $0.name == name }
    }
}

/// A file as the rules see it: its syntax problems and, when it could be read, its model.
public struct CheckedFile: Sendable {
    /// The file, as given to the compiler.
    public var path: String
    /// Problems from reading the bytes as YAML.
    public var syntaxProblems: [SyntaxProblem]
    /// The contract, when the YAML could be read into one.
    public var contract: Contract?
    /// Rules silenced by `# contractc:disable-next-line`, by the line they apply to.
    public var suppressions: [Int: [Located<String>]] = [:]

    /// Creates a checked file.
    public init(path: String, syntaxProblems: [SyntaxProblem], contract: Contract?) {
        self.path = path
        self.syntaxProblems = syntaxProblems
        self.contract = contract
    }

    /// The file name without folders.
    public var fileName: String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}

/// What a rule found: a place, a message, and maybe related places. Rules never print.
public struct Finding: Sendable, Hashable {
    /// The file (set-wide rules report into any file of the set).
    public var file: String
    /// Where.
    public var place: SourcePlace
    /// What is wrong and what to do.
    public var message: String
    /// Other places involved.
    public var related: [Diagnostic.Related]

    /// Creates a finding.
    public init(file: String, place: SourcePlace, message: String, related: [Diagnostic.Related] = []) {
        self.file = file
        self.place = place
        self.message = message
        self.related = related
    }
}

/// A rule: a description and a check.
public protocol Rule: Sendable {
    /// The rule's data.
    static var description: RuleDescription { get }
    /// Rules are stateless.
    init()
    /// An instance when this is a ``FileRule``, else nil. (The registry asks this instead of
    /// casting: a first dynamic cast of a type to a protocol scans every conformance in the
    /// program, and doing that for every rule cost a lint run more time than a contract.)
    static func fileRuleInstance() -> (any FileRule)?
    /// An instance when this is a ``SetRule``, else nil.
    static func setRuleInstance() -> (any SetRule)?
}

extension Rule {
    /// Not a file rule.
    public static func fileRuleInstance() -> (any FileRule)? { nil }
    /// Not a set rule.
    public static func setRuleInstance() -> (any SetRule)? { nil }
}

extension FileRule {
    /// This rule.
    public static func fileRuleInstance() -> (any FileRule)? { Self() }
}

extension SetRule {
    /// This rule.
    public static func setRuleInstance() -> (any SetRule)? { Self() }
}

/// A rule that looks at one file at a time.
public protocol FileRule: Rule {
    /// Appends findings about one file.
    func check(_ file: CheckedFile, options: RuleOptions, into findings: inout [Finding])
}

/// A rule that looks at a contract model; most rules are this kind.
public protocol ContractRule: FileRule {
    /// Appends findings about one contract.
    func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding])
}

extension ContractRule {
    /// Runs ``check(_:options:into:)-(Contract,_,_)`` when the file was read into a model.
    public func check(_ file: CheckedFile, options: RuleOptions, into findings: inout [Finding]) {
        guard let contract = file.contract, contract.isDocument else { return }
        check(contract, options: options, into: &findings)
    }
}

/// A rule that looks at all files of a run together (duplicate codes, exhausted groups).
public protocol SetRule: Rule {
    /// Appends findings about the set.
    func check(_ files: [CheckedFile], options: RuleOptions, into findings: inout [Finding])
}

extension Array where Element == Finding {
    /// Appends a finding about a contract.
    public mutating func add(_ contract: Contract, _ place: SourcePlace, _ message: String) {
        append(Finding(file: contract.file, place: place, message: message))
    }
}
