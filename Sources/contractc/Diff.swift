import ArgumentParser
import ContractCompiler

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report what changed between two versions of the contracts (folders or git revisions), and what breaks callers.",
        discussion: """
            OLD and NEW are each a folder (or a file) when such a path exists, else a revision of the \
            git repository of the working folder (a branch, tag or commit: `contractc diff main HEAD`, \
            `contractc diff v1.2.0 .`), read without a checkout, limited like `git ls-tree` to the \
            working folder and below. Contracts are paired by interface name, then by service code, so \
            that a renamed interface is reported as a rename. Every change has its own rule id \
            (diff-…). Breaking changes (something removed, renamed, newly required, retyped, \
            narrowed where callers send it or widened where consumers receive it, a return code \
            removed or given a new meaning, protocol, code, HTTP binding or exchange changed, sharing \
            made stricter) are errors while the major version stays the same and warnings when NEW \
            raises it; other changes (additions, documentation, address and catalogue facts) are \
            notes. See docs/breaking-changes.md. Exit 0 when there are no errors (warnings allowed \
            unless --strict; notes never count), 1 when there are, 2 when the command could not run \
            (a path that is neither a folder nor a revision, an unreadable file).
            """
    )

    @Argument(help: "The old contracts: a folder, or a git revision (main, v1.2.0, HEAD~1).")
    var old: String

    @Argument(help: "The new contracts: a folder (such as .), or a git revision.")
    var new: String

    @Option(help: "Output format: text, json, sarif or github.")
    var format: ReportFormat = .text

    @Flag(help: "Fail on breaking changes that a major version bump announces (warnings) too.")
    var strict = false

    func validate() throws {
        guard DiffReporter.formats.contains(format) else {
            throw ValidationError("diff writes text, json, sarif or github, not \(format.rawValue)")
        }
    }

    func run() throws {
        let run = DiffDriver.run(old: old, new: new)
        for problem in run.toolProblems {
            writeErr(Reporter.line(problem) + "\n")
        }
        guard run.toolProblems.isEmpty else { throw ExitCode(run.exitCode(strict: strict)) }
        if run.contractCount == 0 {
            writeErr("contractc: no contracts (*.contract.yaml) found in \(old) or \(new)\n")
        }
        writeOut(DiffReporter.render(run, format: format))
        if format == .json || format == .sarif {
            writeErr(run.summary + "\n")
        }
        throw ExitCode(run.exitCode(strict: strict))
    }
}
