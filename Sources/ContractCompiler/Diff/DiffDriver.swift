import ContractModel
import ContractRules
import ContractSyntax
import Foundation

/// What `contractc diff` found.
public struct DiffRun: Sendable {
    /// Every change, in report order (file, line, column, rule).
    public var changes: [DiffChange] = []
    /// Problems that stop the command (a path that is neither a folder nor a revision, an
    /// unreadable file, bad configuration): exit code 2.
    public var toolProblems: [Diagnostic] = []
    /// The number of contracts compared: pairs, additions and removals.
    public var contractCount = 0

    /// Creates an empty run.
    public init() {}

    /// The breaking changes as diagnostics: errors, and warnings where the major version was raised.
    public var diagnostics: [Diagnostic] { changes.compactMap(\.diagnostic) }
    /// The changes that break nobody (severity note); they never fail a run.
    public var notes: [DiffChange] { changes.filter { $0.severity == .note } }
    /// The number of breaking changes that are errors.
    public var errorCount: Int { changes.filter { $0.severity == .error }.count }
    /// The number of breaking changes that are warnings.
    public var warningCount: Int { changes.filter { $0.severity == .warning }.count }
    /// The number of breaking changes.
    public var breakingCount: Int { errorCount + warningCount }

    /// 2 when the command could not run; 1 when there are errors, or warnings under `strict`;
    /// else 0. Notes never count.
    public func exitCode(strict: Bool) -> Int32 {
        if !toolProblems.isEmpty { return 2 }
        if errorCount > 0 || (strict && warningCount > 0) { return 1 }
        return 0
    }

    /// `3 breaking changes (2 errors, 1 warning), 4 other changes in 18 contracts`.
    public var summary: String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(plural(breakingCount, "breaking change")) (\(plural(errorCount, "error")), \(plural(warningCount, "warning"))), "
            + "\(plural(notes.count, "other change")) in \(plural(contractCount, "contract"))"
    }
}

/// `contractc diff OLD NEW`: the changes between two versions of the contracts.
public enum DiffDriver {
    /// Compares the contracts of OLD with those of NEW. Each is a file or folder when such a path
    /// exists, else a revision of the git repository of the working folder, read without a
    /// checkout (`git ls-tree` and `git cat-file --batch`), limited like `git ls-tree` to the
    /// working folder and below. Exclusions of `.contractc.yaml` in the working tree apply to both.
    public static func run(
        old: String, new: String, limits: SyntaxLimits = .standard, resolver: ConfigurationResolver = ConfigurationResolver()
    ) -> DiffRun {
        var run = DiffRun()
        let oldSide = DiffSources.load(old, limits: limits, resolver: resolver)
        let newSide = DiffSources.load(new, limits: limits, resolver: resolver)
        var oldFiles: [SourceFile] = []
        var newFiles: [SourceFile] = []
        switch oldSide {
        case .files(let files): oldFiles = files
        case .problem(let p): run.toolProblems.append(p)
        }
        switch newSide {
        case .files(let files): newFiles = files
        case .problem(let p): run.toolProblems.append(p)
        }
        run.toolProblems += resolver.problems
        guard run.toolProblems.isEmpty else {
            run.toolProblems = Array(Set(run.toolProblems)).sorted(by: Diagnostic.reportOrder)
            return run
        }
        let isRegister: (SourceFile) -> Bool = { ($0.relativePath as NSString).lastPathComponent == CodeRegister.fileName }
        let newRegisters = registers(newFiles.filter(isRegister))
        oldFiles.removeAll(where: isRegister)
        newFiles.removeAll(where: isRegister)
        let (oldContracts, oldNotes, oldProblems) = read(oldFiles, limits: limits, side: "old")
        let (newContracts, newNotes, newProblems) = read(newFiles, limits: limits, side: "new")
        run.toolProblems = (oldProblems + newProblems).sorted(by: Diagnostic.reportOrder)
        guard run.toolProblems.isEmpty else { return run }
        let unreadableNew = Set(newFiles.map(\.relativePath)).subtracting(newContracts.map(\.relativePath))
        // With a code register on the new side, a contract that takes the code of a removed one is
        // a rename only when the register records it as one (`contractc codes` does); otherwise
        // the old service was removed and the new one is new — never a silent move.
        let renamed: (DiffContract, DiffContract) -> Bool = { _, new in
            guard let register = Self.register(for: new.relativePath, in: newRegisters),
                let code = new.contract.code.flatMap({ ServiceCode($0.value) })?.description
            else { return true }
            return register.entries[code]?.interface == new.contract.interface?.value
        }
        var changes = ContractDiff.compare(old: oldContracts, new: newContracts, unreadableNew: unreadableNew, renamed: renamed)
        changes += oldNotes + newNotes
        run.changes = changes.sorted(by: DiffChange.reportOrder)
        let matching = ContractDiff.match(old: oldContracts, new: newContracts, renamed: renamed)
        run.contractCount = matching.pairs.count + matching.added.count + matching.removed.count
        return run
    }

    /// The registers of one side by folder (relative, "" for the top). One that cannot be read
    /// is left out: lint reports it.
    static func registers(_ files: [SourceFile]) -> [String: CodeRegister] {
        var result: [String: CodeRegister] = [:]
        for file in files {
            guard case .bytes(let bytes) = file.content else { continue }
            result[(file.relativePath as NSString).deletingLastPathComponent] = CodeRegister.parse(bytes, path: file.path).register
        }
        return result
    }

    /// The register of the nearest folder holding one, at or above a contract's folder.
    static func register(for relativePath: String, in registers: [String: CodeRegister]) -> CodeRegister? {
        guard !registers.isEmpty else { return nil }
        var folder = (relativePath as NSString).deletingLastPathComponent
        while true {
            if let found = registers[folder] { return found }
            if folder.isEmpty { return nil }
            folder = (folder as NSString).deletingLastPathComponent
        }
    }

    /// Reads files into contracts. A file that cannot be read from disk is a tool problem (as in
    /// lint); one that is not a readable contract (YAML errors, no interface name, too large) is a
    /// `diff-contract-unreadable` note and is left out of the comparison.
    static func read(_ files: [SourceFile], limits: SyntaxLimits, side: String) -> ([DiffContract], [DiffChange], [Diagnostic]) {
        var contracts: [DiffContract] = []
        var notes: [DiffChange] = []
        var problems: [Diagnostic] = []
        func unreadable(_ file: SourceFile, _ place: SourcePlace, _ why: String) {
            notes.append(DiffChange(kind: .contractUnreadable, severity: .note, file: file.path, place: place,
                message: "the \(side) version of this file is not a readable contract (\(why)), so it was not compared; run `contractc lint` on it"))
        }
        for file in files {
            switch file.content {
            case .failed(let why):
                problems.append(Diagnostic(file: file.path, place: .start, severity: .error, rule: "file-unreadable",
                    message: "cannot read the file: \(why)"))
            case .tooLarge(let size):
                unreadable(file, .start, "it is \(LintDriver.formatSize(size)); contracts are limited to \(LintDriver.formatSize(limits.maxBytes))")
            case .bytes(let bytes):
                let checked = Linter.read(path: file.path, bytes: bytes, limits: limits)
                if let problem = checked.syntaxProblems.first(where: { $0.kind != .duplicateKey }) {
                    unreadable(file, problem.place, problem.message)
                } else if let contract = checked.contract, contract.isDocument,
                    let name = contract.interface?.value, !name.isEmpty
                {
                    contracts.append(DiffContract(contract: contract, relativePath: file.relativePath))
                } else {
                    unreadable(file, checked.contract?.place ?? .start, "it has no 'interface:' name")
                }
            }
        }
        return (contracts, notes, problems)
    }
}
