import ContractGenerators
import ContractModel
import ContractRules
import ContractSyntax
import Foundation

/// One `generate` run: lint, then one Swift file per contract, written only when nothing is wrong.
public struct GenerateRun: Sendable {
    /// The lint run that came first.
    public var lint: LintRun
    /// Lint diagnostics and generation errors (clashing output names or Swift names), sorted.
    public var diagnostics: [Diagnostic]
    /// Problems that stop the command (bad paths or configuration, unreadable files, broken
    /// templates, a write that failed): exit code 2.
    public var toolProblems: [Diagnostic]
    /// The files generated (paths below the output folder), in contract order; empty when
    /// there were errors. Their contents are on disk only: a run never holds them all.
    public var files: [String]
    /// The paths (below the output folder) whose content changed and so were written.
    public var written: [String]
    /// The output folder.
    public var output: String

    /// The number of errors among ``diagnostics``.
    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }

    /// 2 when the command could not run, 1 when the contracts have errors, else 0.
    public var exitCode: Int32 {
        if !toolProblems.isEmpty { return 2 }
        return errorCount > 0 ? 1 : 0
    }

    /// `generated 18 files (3 changed) in DIR`.
    public var summary: String {
        "generated \(files.count) file\(files.count == 1 ? "" : "s") (\(written.count) changed) in \(output)"
    }
}

/// Runs `contractc generate`: lints the contracts, and when none has an error, writes the Swift of
/// each into the output folder (§7), atomically and only where the content changes.
public enum GenerateDriver {
    /// The rule id of two contracts whose generated files or Swift declarations would clash.
    public static let conflictRule = "generate-conflict"

    /// Generates the Swift of every contract under `paths` into `output`.
    ///
    /// Nothing is written when lint finds an error, when two contracts would write one file (their
    /// names differ only in folder) or declare one Swift name, or when a template is broken.
    /// - Parameters:
    ///   - templates: A folder of `*.mustache` files replacing built-in templates of the same name.
    public static func run(
        paths: [String], output: String, templates: String? = nil,
        limits: SyntaxLimits = .standard, resolver: ConfigurationResolver = ConfigurationResolver()
    ) -> GenerateRun {
        let lint = LintDriver.run(paths: paths, limits: limits, resolver: resolver)
        var run = GenerateRun(lint: lint, diagnostics: lint.diagnostics, toolProblems: lint.toolProblems,
                              files: [], written: [], output: output)
        guard run.toolProblems.isEmpty, run.errorCount == 0 else { return run }

        // Templates.
        let generator: SwiftGenerator
        do {
            var set = TemplateSet.embedded("swift")
            if let templates { set = try set.overriding(directory: templates) }
            generator = try SwiftGenerator(templates: set)
        } catch {
            run.toolProblems.append(toolProblem(templates ?? "templates", String(describing: error)))
            return run
        }

        let contracts = lint.files.compactMap(\.contract)
        var problems = conflicts(contracts)

        // Generate in parallel, each file staged next to its target as soon as it is made, so
        // that no run holds every generated text at once (2,000 contracts make ~100 MB of Swift).
        // Nothing replaces a file until every contract generated without a problem.
        struct Made: Sendable {
            var path: String
            var staged: FileSystem.StagedWrite?
        }
        // With a conflict already found nothing will be written: generate only for the diagnostics.
        let stage = !problems.contains { $0.severity == .error }
        let results = ResultSlots<Result<Made, any Error>>(count: contracts.count)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, contracts.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < contracts.count {
                results.set(index, Result {
                    let file = try generator.generate(contracts[index])
                    guard stage else { return Made(path: file.path, staged: nil) }
                    let path = output.hasSuffix("/") ? output + file.path : output + "/" + file.path
                    do {
                        let staged = try FileSystem.stageIfChanged(Array(file.contents.utf8), for: path)
                        return Made(path: file.path, staged: staged)
                    } catch {
                        throw StagingFailure(path: path, reason: String(describing: error))
                    }
                })
                index += workers
            }
        }
        var made: [Made] = []
        for (contract, result) in zip(contracts, results.values()) {
            switch result {
            case .success(let item):
                made.append(item)
            case .failure(let failure as GenerationFailure):
                problems += failure.diagnostics
            case .failure(let failure as StagingFailure):
                run.toolProblems.append(toolProblem(failure.path, failure.reason))
            case .failure(let error):
                run.toolProblems.append(toolProblem(contract.file, String(describing: error)))
            }
        }
        run.diagnostics = (run.diagnostics + problems).sorted(by: Diagnostic.reportOrder)
        guard run.toolProblems.isEmpty, run.errorCount == 0 else {
            for item in made { item.staged?.discard() }
            return run
        }

        // Replace the files that changed: one rename each.
        run.files = made.map(\.path)
        for (index, item) in made.enumerated() {
            guard let staged = item.staged else { continue }
            do {
                try staged.commit()
                run.written.append(item.path)
            } catch {
                for later in made[(index + 1)...] { later.staged?.discard() }
                run.toolProblems.append(toolProblem(staged.path, String(describing: error)))
                return run
            }
        }
        return run
    }

    /// Contracts whose files would have one name, or whose Swift would declare one name twice.
    static func conflicts(_ contracts: [Contract]) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var byOutput: [String: [Contract]] = [:]
        for contract in contracts {
            byOutput[GeneratedFile.outputName(forContract: contract.file, extension: "swift"), default: []].append(contract)
        }
        for name in byOutput.keys.sorted() {
            guard let group = byOutput[name], group.count > 1 else { continue }
            for contract in group {
                let others = group.filter { $0.file != contract.file }.map(\.file).joined(separator: ", ")
                problems.append(Diagnostic(file: contract.file, place: .start, severity: .error, rule: conflictRule,
                    message: "\(others) also generates \(name); two contracts in one run need different file names"))
            }
        }
        var firstDeclaration: [String: (file: String, place: SourcePlace)] = [:]
        for contract in contracts {
            for (name, place) in SwiftGenerator.declaredNames(contract) {
                if let first = firstDeclaration[name] {
                    guard first.file != contract.file else { continue }
                    problems.append(Diagnostic(file: contract.file, place: place, severity: .error, rule: conflictRule,
                        message: "the generated Swift would declare '\(name)', which \(first.file) declares too; the files are compiled together, so rename one",
                        related: [Diagnostic.Related(file: first.file, place: first.place, message: "'\(name)' is declared here")]))
                } else {
                    firstDeclaration[name] = (contract.file, place)
                }
            }
        }
        return problems
    }

    static func toolProblem(_ file: String, _ message: String) -> Diagnostic {
        Diagnostic(file: file, place: .start, severity: .error, rule: "generate-failed", message: message)
    }
}

/// A generated file that could not be written next to its target.
private struct StagingFailure: Error {
    var path: String
    var reason: String
}
