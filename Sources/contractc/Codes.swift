import ArgumentParser
import ContractCompiler
import ContractSyntax

struct Codes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Assign missing service codes (服务分类) in place.",
        discussion: """
            Every contract without a code gets the lowest serial of its group (resource digit + \
            service digit), 01..98, that no contract holds and the catalogue's code register \
            (service-codes.yaml beside .contractc.yaml) has never held, or 99 for the group's \
            `other: true` contract. A `code: "NNNN"` line is inserted directly under the `interface:` \
            line and nothing else in the file changes. A code once written is never changed. Whatever \
            paths are given, the whole catalogue is read (codes are assigned only to the given files), \
            and the register records every code and rename; it is created when missing. Two runs on \
            one catalogue wait for each other. With --check nothing is written and the exit code is 1 \
            when a code is missing.
            """
    )

    @Argument(help: "Files or folders (default: the current folder).")
    var paths: [String] = []

    @Flag(help: "Change nothing; exit 1 when a contract has no code.")
    var check = false

    func run() throws {
        let result = CodesDriver.run(paths: paths.isEmpty ? ["."] : paths, check: check)
        for problem in result.toolProblems { writeErr(Reporter.line(problem) + "\n") }
        for d in result.diagnostics { writeOut(Reporter.line(d) + "\n") }
        for a in result.assigned where !check { writeOut("\(DisplayText.escaped(a.file)): assigned code \(a.code)\n") }
        for register in result.registersWritten { writeOut("\(DisplayText.escaped(register)): register updated\n") }
        writeOut(result.summary(check: check) + "\n")
        throw ExitCode(result.exitCode)
    }
}
