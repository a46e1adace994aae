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
        // Templates first: a broken template stops the run before any work.
        let generator: SwiftGenerator
        do {
            var set = TemplateSet.embedded("swift")
            if let templates { set = try set.overriding(directory: templates) }
            generator = try SwiftGenerator(templates: set)
        } catch {
            let lint = LintRun(diagnostics: [], toolProblems: [toolProblem(templates ?? "templates", String(describing: error))], files: [])
            return GenerateRun(lint: lint, diagnostics: [], toolProblems: lint.toolProblems, files: [], written: [], output: output)
        }

        // Each contract is generated on the lint worker that read it, while its model is at hand
        // (no run keeps every model), and staged next to its target as soon as it is made (no run
        // keeps every generated text: 2,000 contracts make ~100 MB of Swift). A contract with an
        // error of its own is not generated. Nothing replaces a file until the whole run — set
        // rules and name conflicts included — is free of errors.
        let folder = OutputFolder(output)
        do {
            try folder.validate()
        } catch {
            let lint = LintRun(diagnostics: [], toolProblems: [toolProblem(output, String(describing: error))], files: [])
            return GenerateRun(lint: lint, diagnostics: [], toolProblems: lint.toolProblems, files: [], written: [], output: output)
        }
        let made = SparseSlots<Made>()
        let outputExisted = FileSystem.kind(output) != .missing
        if outputExisted { FileSystem.removeStaleStagedFiles(in: output) }
        let lint = LintDriver.run(paths: paths, limits: limits, resolver: resolver, keepModels: false) { index, file, diagnostics in
            guard let contract = file.contract, !diagnostics.contains(where: { $0.severity == .error }) else {
                made.set(index, Made(file: file.path, outcome: .skipped))
                return
            }
            let declared = SwiftGenerator.declaredNames(contract)
            let outcome: Made.Outcome
            do {
                let generated = try generator.generate(contract, protocols: resolver.configuration(forFile: file.path).protocols)
                do {
                    let path = try folder.path(generated.path)
                    do {
                        outcome = .made(path: generated.path, staged: try FileSystem.stageIfChanged(Array(generated.contents.utf8), for: path))
                    } catch {
                        outcome = .failed(toolProblem(path, String(describing: error)))
                    }
                } catch {
                    outcome = .failed(toolProblem(file.path, String(describing: error)))
                }
            } catch let failure as GenerationFailure {
                outcome = .diagnostics(failure.diagnostics)
            } catch {
                outcome = .failed(toolProblem(contract.file, String(describing: error)))
            }
            made.set(index, Made(file: file.path, declared: declared, outcome: outcome))
        }
        let results = made.values(count: lint.files.count)
        var run = GenerateRun(lint: lint, diagnostics: lint.diagnostics, toolProblems: lint.toolProblems,
                              files: [], written: [], output: output)
        func discardAll() {
            for item in results { item?.outcome.staged?.discard() }
            // A folder this run made only to stage into goes too (it is empty now).
            if !outputExisted { rmdir(output) }
        }

        var problems = conflicts(results.compactMap { $0 })
        var staged: [(path: String, staged: FileSystem.StagedWrite?)] = []
        for item in results {
            switch item?.outcome {
            case .made(let path, let write)?: staged.append((path, write))
            case .diagnostics(let found)?: problems += found
            case .failed(let problem)?: run.toolProblems.append(problem)
            case .skipped?, nil: break
            }
        }
        run.diagnostics = (run.diagnostics + problems).sorted(by: Diagnostic.reportOrder)
        guard run.toolProblems.isEmpty, run.errorCount == 0 else {
            discardAll()
            return run
        }

        // Replace the files that changed: one rename each.
        run.files = staged.map(\.path)
        for (index, item) in staged.enumerated() {
            guard let write = item.staged else { continue }
            do {
                try write.commit()
                run.written.append(item.path)
            } catch {
                for later in staged[(index + 1)...] { later.staged?.discard() }
                run.toolProblems.append(toolProblem(write.path, String(describing: error)))
                return run
            }
        }
        return run
    }

    /// Contracts whose files would have one name, or whose Swift would declare one name twice.
    static func conflicts(_ made: [Made]) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var byOutput: [String: [String]] = [:]
        for item in made where item.outcome.isGenerated {
            byOutput[GeneratedFile.outputName(forContract: item.file, extension: "swift"), default: []].append(item.file)
        }
        for name in byOutput.keys.sorted() {
            guard let group = byOutput[name], group.count > 1 else { continue }
            for file in group {
                let others = group.filter { $0 != file }.joined(separator: ", ")
                problems.append(Diagnostic(file: file, place: .start, severity: .error, rule: conflictRule,
                    message: "\(others) also generates \(name); two contracts in one run need different file names"))
            }
        }
        var firstDeclaration: [String: (file: String, place: SourcePlace)] = [:]
        for item in made {
            for (name, place) in item.declared {
                if let first = firstDeclaration[name] {
                    guard first.file != item.file else { continue }
                    problems.append(Diagnostic(file: item.file, place: place, severity: .error, rule: conflictRule,
                        message: "the generated Swift would declare '\(name)', which \(first.file) declares too; the files are compiled together, so rename one",
                        related: [Diagnostic.Related(file: first.file, place: first.place, message: "'\(name)' is declared here")]))
                } else {
                    firstDeclaration[name] = (item.file, place)
                }
            }
        }
        return problems
    }

    static func toolProblem(_ file: String, _ message: String) -> Diagnostic {
        Diagnostic(file: file, place: .start, severity: .error, rule: "generate-failed", message: message)
    }
}

/// What generating one contract gave.
struct Made: Sendable {
    enum Outcome: Sendable {
        /// Generated and staged (nil: the file already holds exactly this).
        case made(path: String, staged: FileSystem.StagedWrite?)
        /// The contract cannot be generated: why, at its places.
        case diagnostics([Diagnostic])
        /// Something outside the contract failed (a write).
        case failed(Diagnostic)
        /// Not generated: the contract has errors of its own.
        case skipped

        var staged: FileSystem.StagedWrite? {
            if case .made(_, let staged) = self { return staged }
            return nil
        }

        var isGenerated: Bool {
            if case .made = self { return true }
            return false
        }
    }

    /// The contract file.
    var file: String
    /// The Swift names its file declares, with their places.
    var declared: [(name: String, place: SourcePlace)] = []
    var outcome: Outcome
}
