import ContractGenerators
import ContractRules
import ContractSyntax
import Foundation

/// One lint run over paths: discovery, configuration, parallel checks, set checks.
public struct LintRun: Sendable {
    /// Every diagnostic, sorted by file, line, column.
    public var diagnostics: [Diagnostic]
    /// Problems that stop the command from doing its job (bad paths, bad configuration,
    /// unreadable files): they make the exit code 2.
    public var toolProblems: [Diagnostic]
    /// The contract files checked: whole models, or only their ``SetView`` when the run was
    /// asked not to keep models (plain `lint`, which needs no more once the rules have run).
    public var files: [CheckedFile]

    /// The number of errors.
    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    /// The number of warnings.
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }

    /// The exit code of §5: 2 when the command could not run, 1 when contracts have errors
    /// (or warnings under `strict`), else 0.
    public func exitCode(strict: Bool) -> Int32 {
        if !toolProblems.isEmpty { return 2 }
        if errorCount > 0 || (strict && warningCount > 0) { return 1 }
        return 0
    }
}

/// Runs lint over paths.
public enum LintDriver {
    /// Diagnostic ids the driver itself reports (they are not contract rules).
    public static let toolRuleIDs: Set<String> = ["path-invalid", "config-invalid", "file-unreadable"]

    /// Lints every contract under `paths`.
    /// - Parameter keepModels: Whether ``LintRun/files`` keeps each contract's whole model (for
    ///   the generators); false keeps only what the set rules need, so memory stays small.
    /// - Parameter visit: Called on a worker thread with each file's index (in ``LintRun/files``),
    ///   whole model and own diagnostics, before the model is dropped: a generator can use the
    ///   model while it is at hand instead of every model being kept.
    public static func run(
        paths: [String], limits: SyntaxLimits = .standard, resolver: ConfigurationResolver = ConfigurationResolver(),
        keepModels: Bool = true, visit: (@Sendable (Int, CheckedFile, [Diagnostic]) -> Void)? = nil
    ) -> LintRun {
        let found = discover(paths, resolver: resolver)
        let files = readAndCheck(found.files, limits: limits, resolver: resolver, keepModels: keepModels, visit: visit)
        return finish(files, problems: found.problems, resolver: resolver, searched: paths)
    }

    /// The contract files under `paths`, less those a configuration excludes.
    static func discover(_ paths: [String], resolver: ConfigurationResolver) -> Discovery.Result {
        Discovery.find(paths) { path in
            resolver.configuration(forFile: path.hasSuffix("/") ? path + "x" : path).excludes(path)
        }
    }

    /// Runs the set rules once per catalogue over checked files and assembles the run.
    /// `searched` are the paths the run was given: the register rules that need the whole
    /// catalogue (`code-register-orphan`) run only when they include the catalogue's folder.
    static func finish(
        _ files: [(file: CheckedFile, diagnostics: [Diagnostic])], problems: [Diagnostic], resolver: ConfigurationResolver,
        searched: [String]
    ) -> LintRun {
        var diagnostics = files.flatMap(\.diagnostics)
        let checked = files.map(\.file)
        var registerProblems: [Diagnostic] = []
        for catalogue in resolver.partition(checked, path: \.path) {
            let folder = RegisterFiles.folder(for: catalogue.items.map(\.path), scope: catalogue.scope, resolver: resolver)
            let register = RegisterFiles.load(folder: folder, covers: RegisterFiles.covers(searched, root: folder))
            registerProblems += register.problems
            diagnostics += Linter.checkSet(catalogue.items, register: register.state) { resolver.configuration(forFile: $0).settings }
        }
        var toolProblems = problems + resolver.problems + registerProblems
        toolProblems += diagnostics.filter { $0.rule == "file-unreadable" }
        diagnostics.removeAll { $0.rule == "file-unreadable" }
        toolProblems = Array(Set(toolProblems)).sorted(by: Diagnostic.reportOrder)
        return LintRun(diagnostics: diagnostics.sorted(by: Diagnostic.reportOrder), toolProblems: toolProblems, files: checked)
    }

    /// Reads and checks files in parallel on all cores; results keep the input order.
    static func readAndCheck(
        _ paths: [String], limits: SyntaxLimits, resolver: ConfigurationResolver, keepModels: Bool = true,
        visit: (@Sendable (Int, CheckedFile, [Diagnostic]) -> Void)? = nil
    ) -> [(file: CheckedFile, diagnostics: [Diagnostic])] {
        let results = ResultSlots<(file: CheckedFile, diagnostics: [Diagnostic])>(count: paths.count)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, paths.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var i = worker
            while i < paths.count {
                let path = paths[i]
                let file = load(path, limits: limits)
                let settings = resolver.configuration(forFile: path).settings
                let diagnostics = Linter.check(file, settings: settings)
                visit?(i, file, diagnostics)
                results.set(i, (keepModels ? file : SetView(file).checkedFile, diagnostics))
                i += workers
            }
        }
        return results.values()
    }

    /// Reads one file into a checked file; read failures become a `file-unreadable` problem.
    public static func load(_ path: String, limits: SyntaxLimits) -> CheckedFile {
        switch FileSystem.read(path, limit: limits.maxBytes) {
        case .bytes(let bytes):
            return Linter.read(path: path, bytes: bytes, limits: limits)
        case .tooLarge(let size):
            return CheckedFile(path: path, syntaxProblems: [
                SyntaxProblem(.syntax, at: .start, "file is \(formatSize(size)); contracts are limited to \(formatSize(limits.maxBytes)) — split it or check that it is a contract")
            ], contract: nil)
        case .failed(let why):
            return CheckedFile(path: path, syntaxProblems: [SyntaxProblem(.unreadable, at: .start, "cannot read the file: \(why)")], contract: nil)
        }
    }

    static func formatSize(_ n: Int) -> String {
        if n >= 1024 * 1024 {
            let tenths = (n * 10) / (1024 * 1024)
            return "\(tenths / 10).\(tenths % 10) MB"
        }
        if n >= 1024 { return "\(n / 1024) KB" }
        return "\(n) bytes"
    }
}

/// Results by index from concurrent workers when the number of items is not known up front.
final class SparseSlots<T>: @unchecked Sendable {
    private var slots: [Int: T] = [:]
    private let lock = NSLock()

    init() {}

    func set(_ index: Int, _ value: T) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    /// The values of indices 0..<count, nil where none was set.
    func values(count: Int) -> [T?] {
        lock.lock()
        defer { lock.unlock() }
        return (0..<count).map { slots[$0] }
    }
}
