import ArgumentParser
import ContractCompiler
import Foundation

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the Swift of every *.contract.yaml under the paths into a folder.",
        discussion: """
            One file per contract, named after the contract file (X.contract.yaml → X.swift): a \
            protocol, records with validate() and masked(), return-code enums, catalogue constants, \
            and for HTTP/HTTPS contracts a client and a handler, linking ContractRuntime. The \
            contracts are linted first; with any error nothing is written and the diagnostics are \
            printed as lint prints them. Files whose content would not change are not rewritten. \
            Exit 0 when written, 1 when the contracts have errors, 2 when the command could not run.
            """
    )

    @Argument(help: "Files or folders of contracts (default: the current folder).")
    var paths: [String] = []

    @Option(help: "The folder to write the Swift files into (created if missing).")
    var output: String

    @Option(help: "A folder of *.mustache templates replacing the built-in ones of the same name (see templates/swift).")
    var templates: String?

    func run() throws {
        let searched = paths.isEmpty ? ["."] : paths
        let run = GenerateDriver.run(paths: searched, output: output, templates: templates)
        for problem in run.toolProblems {
            writeErr(Reporter.line(problem) + "\n")
        }
        if run.lint.files.isEmpty && run.toolProblems.isEmpty {
            writeErr("contractc: no contracts (*.contract.yaml) found under \(searched.joined(separator: " "))\n")
        }
        if !run.diagnostics.isEmpty {
            writeOut(Reporter.render(run.diagnostics, files: run.lint.files.map(\.path), format: .text))
        }
        if run.exitCode == 0 {
            writeOut(run.summary + "\n")
        }
        throw ExitCode(run.exitCode)
    }
}
