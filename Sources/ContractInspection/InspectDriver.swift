import ContractSyntax
import Foundation

/// What reading a file gave, as the inspection driver needs it.
public enum InspectionFileRead: Sendable {
    /// The file's bytes.
    case bytes([UInt8])
    /// No file at the path.
    case missing
    /// The file exists but could not be read; why.
    case failed(String)
}

/// The file access of a run, injected so the command can use the compiler's bounded reads and
/// atomic, write-if-changed writes (`FileSystem` of ContractCompiler), which this module cannot
/// depend on.
public struct InspectionIO: Sendable {
    /// Reads a whole file.
    public var read: @Sendable (_ path: String) -> InspectionFileRead
    /// Writes a whole file atomically (and only when its content changes).
    public var write: @Sendable (_ bytes: [UInt8], _ path: String) throws -> Void

    /// Creates file access from two functions.
    public init(
        read: @escaping @Sendable (_ path: String) -> InspectionFileRead,
        write: @escaping @Sendable (_ bytes: [UInt8], _ path: String) throws -> Void
    ) {
        self.read = read
        self.write = write
    }
}

/// One `contractc inspect` run, as arguments give it.
public struct InspectionRequest: Sendable {
    /// The published `catalogue.json`.
    public var cataloguePath: String
    /// `--due STATE.json`: inspect only entries whose period has passed since they were last
    /// found up, and record the time of those found up now.
    public var statePath: String?
    /// Timeout, concurrency and resolver.
    public var inspector: Inspector
    /// The clock, read once at the start of the run: the time recorded in the state and the
    /// one due-ness is judged at. Tests inject it to advance time.
    public var now: @Sendable () -> Date

    /// Creates a request.
    public init(cataloguePath: String, statePath: String? = nil, inspector: Inspector = Inspector(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.cataloguePath = cataloguePath
        self.statePath = statePath
        self.inspector = inspector
        self.now = now
    }
}

/// What a run found.
public struct InspectionRun: Sendable {
    /// One result per inspected entry, in catalogue order.
    public var results: [InspectionResult] = []
    /// With `--due`: how many entries were skipped as not due; nil without it.
    public var skipped: Int?
    /// Problems that stopped the run or its bookkeeping (unreadable catalogue or state, a state
    /// that could not be written): exit code 2.
    public var problems: [Diagnostic] = []
    /// Findings that did not stop the run (an entry without a valid inspection period).
    public var warnings: [Diagnostic] = []
    /// Whether the inspection took place (the catalogue and the state could be read); a report
    /// is printed only then.
    public var inspected = false
    /// Whether the state file was written.
    public var stateWritten = false

    /// An empty run.
    public init() {}

    /// 2 when the run could not be done, 1 when a service is down, else 0.
    public var exitCode: Int32 {
        if !problems.isEmpty { return 2 }
        return results.contains { $0.status == .down } ? 1 : 0
    }
}

/// Runs `contractc inspect`.
public enum InspectDriver {
    /// Reads the catalogue (and the state with `--due`), inspects the entries that are due and
    /// records the time of those found up. A service that is down, or unchecked (nothing
    /// confirmed it works), keeps its last time: it stays due, and every run inspects it again
    /// until it is found up. The period says how long a service found working may go unchecked,
    /// so a dead service never drops out of the report, and its exit code 1, by being skipped.
    public static func run(_ request: InspectionRequest, io: InspectionIO) async -> InspectionRun {
        var run = InspectionRun()
        let now = request.now()
        guard let bytes = read(request.cataloguePath, what: "catalogue", io: io, into: &run) else { return run }
        let catalogue = CatalogueReader.read(bytes, file: request.cataloguePath)
        run.warnings = catalogue.problems.filter { $0.severity == .warning }
        guard catalogue.isReadable else {
            run.problems = catalogue.problems.filter { $0.severity == .error }
            return run
        }
        var entries = catalogue.entries
        var state: InspectionState?
        if let statePath = request.statePath {
            var loaded = InspectionState()
            switch io.read(statePath) {
            case .missing:
                break
            case .failed(let why):
                run.problems.append(problem(statePath, "cannot read the inspection state: \(DisplayText.escaped(why))", rule: InspectionState.ruleID))
                return run
            case .bytes(let stateBytes):
                switch InspectionState.parse(stateBytes, file: statePath) {
                case .failure(let error):
                    run.problems.append(error.diagnostic)
                    return run
                case .success(let parsed):
                    loaded = parsed
                }
            }
            for entry in entries where entry.period == nil {
                let written = entry.inspection.map { "'\(DisplayText.escaped($0))' is not an ISO 8601 duration" } ?? "it has no 'inspection'"
                run.warnings.append(Diagnostic(file: request.cataloguePath, place: entry.place, severity: .warning, rule: CatalogueReader.ruleID,
                    message: "service \(DisplayText.escaped(entry.code)) has no inspection period (\(written)); it is inspected on every run"))
            }
            let due = entries.filter { loaded.isDue($0, now: now) }
            run.skipped = entries.count - due.count
            entries = due
            state = loaded
        }
        run.results = await request.inspector.inspect(entries)
        run.inspected = true
        if var state, let statePath = request.statePath {
            for result in run.results where result.status == .up { state.record(result.entry.code, at: now) }
            do {
                try io.write(state.rendered(), statePath)
                run.stateWritten = true
            } catch {
                run.problems.append(problem(statePath, "cannot write the inspection state: \(DisplayText.escaped("\(error)"))", rule: InspectionState.ruleID))
            }
        }
        return run
    }

    private static func read(_ path: String, what: String, io: InspectionIO, into run: inout InspectionRun) -> [UInt8]? {
        switch io.read(path) {
        case .bytes(let bytes): return bytes
        case .missing:
            run.problems.append(problem(path, "no such file '\(DisplayText.escaped(path))'", rule: "path-invalid"))
        case .failed(let why):
            run.problems.append(problem(path, "cannot read the \(what): \(DisplayText.escaped(why))", rule: CatalogueReader.ruleID))
        }
        return nil
    }

    private static func problem(_ file: String, _ message: String, rule: String) -> Diagnostic {
        Diagnostic(file: file, place: .start, severity: .error, rule: rule, message: message)
    }
}
