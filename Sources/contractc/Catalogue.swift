import ArgumentParser
import ContractCompiler
import Foundation

struct Catalogue: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Publish the service catalogue (服务发布与巡检) of every *.contract.yaml under the paths.",
        discussion: """
            Writes into the output folder: catalogue.json (sorted by service code) with its JSON \
            Schema catalogue.schema.json; index.html, one self-contained page that searches and \
            filters the services and shows their methods, parameters and return codes; \
            catalogue.md, the same as Markdown; openapi/<Interface>.openapi.json for HTTP and HTTPS \
            services; and backstage/<Interface>.yaml, one Backstage API entity per service. The \
            contracts are linted first; with any error nothing is written and the diagnostics are \
            printed as lint prints them. Output is byte-identical for the same contracts, and files \
            whose content would not change are not rewritten. Exit 0 when published, 1 when the \
            contracts have errors, 2 when the command could not run.
            """
    )

    @Argument(help: "Files or folders of contracts (default: the current folder).")
    var paths: [String] = []

    @Option(help: "The folder to publish into (created if missing).")
    var output: String

    @Option(help: "A folder of *.mustache templates replacing the built-in ones of the same name (index.html, catalogue.md, catalog-info.yaml; see templates/catalogue).")
    var templates: String?

    func run() throws {
        let searched = paths.isEmpty ? ["."] : paths
        let run = CatalogueDriver.run(paths: searched, output: output, templates: templates)
        report(run, searched: searched)
        throw ExitCode(run.exitCode)
    }
}

/// Prints a publishing run the way `contractc lint` and `generate` print theirs: tool problems
/// and notes on standard error, diagnostics and the summary on standard output.
func report(_ run: PublishRun, searched: [String]) {
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
        for note in run.notes { writeErr("contractc: note: \(note)\n") }
        writeOut(run.summary + "\n")
    }
}
