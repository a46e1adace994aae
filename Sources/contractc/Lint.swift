import ArgumentParser
import ContractCompiler
import Foundation

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check every *.contract.yaml under the paths against the standard.",
        discussion: """
            Prints one line per finding (file:line:col: severity: message [rule]) sorted by file, line \
            and column, then a summary. Configuration comes from the nearest .contractc.yaml in each \
            file's folder or above it, up to the root of its git repository and never above it (outside \
            a repository, up to /). Exit 0 when there are no errors, 1 when there are (or warnings with --strict), 2 when \
            the command could not run.
            """
    )

    @Argument(help: "Files or folders to check (default: the current folder).")
    var paths: [String] = []

    @Option(help: "Output format: text, json, sarif, github or junit.")
    var format: ReportFormat = .text

    @Flag(help: "Treat warnings as errors for the exit code.")
    var strict = false

    @Flag(help: ArgumentHelp(
        "Check only the contracts git reports as changed (staged, unstaged, untracked); duplicate codes are still checked across all.",
        discussion: "Unchanged contracts are read from a cache in .build/contractc-cache/ of the repository, valid while their content hash matches."))
    var changed = false

    func run() throws {
        let run: LintRun
        if changed {
            let outcome = ChangedLint.run(paths: paths.isEmpty ? ["."] : paths)
            run = outcome.lint
            if run.toolProblems.isEmpty { writeErr("contractc: \(outcome.summary)\n") }
        } else {
            run = LintDriver.run(paths: paths.isEmpty ? ["."] : paths, keepModels: false)
        }
        for problem in run.toolProblems {
            writeErr(Reporter.line(problem) + "\n")
        }
        if run.files.isEmpty && run.toolProblems.isEmpty && !changed {
            writeErr("contractc: no contracts (*.contract.yaml) found under \((paths.isEmpty ? ["."] : paths).joined(separator: " "))\n")
        }
        writeOut(Reporter.render(run.diagnostics, files: run.files.map(\.path), format: format))
        throw ExitCode(run.exitCode(strict: strict))
    }
}
