import ArgumentParser
import ContractCompiler
import ContractSyntax

struct Files: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Exchange files (文件名命名规则).",
        subcommands: [Check.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that every file name under the folders follows 文件名命名规则.",
            discussion: """
                A name is the 15-character code, '.', and an extension: the DB5101/T 132 classification \
                filled with 0 to 5 characters, the 4-digit year (1949..2100) and the 6-digit GB/T 2260 \
                region, as in A01002026510100.csv. Folders are read recursively; hidden files are \
                skipped. With file-exchange contracts (--contracts, default ./contracts when it \
                exists) the classification must be one of theirs and the extension one that a \
                contract of that classification lists; without them any lower-case alphanumeric \
                extension is accepted. One error per bad name (rule exchange-file-name), then a \
                summary. Exit 0 when every name is good, 1 when one is bad, 2 for a missing folder \
                or a bad --regions file.
                """
        )

        @Argument(help: "Folders (or files) whose file names are checked.")
        var folders: [String]

        @Option(help: ArgumentHelp("Contract files or folders giving the allowed classifications and extensions (repeatable; default: ./contracts when it exists).", valueName: "PATH"))
        var contracts: [String] = []

        @Option(help: ArgumentHelp("A CSV table of region codes (code,name lines) replacing the shipped GB/T 2260 table.", valueName: "FILE"))
        var regions: String?

        @Option(help: "Output format: text or json.")
        var format: ReportFormat = .text

        func validate() throws {
            guard !folders.isEmpty else { throw ValidationError("name at least one folder to check") }
            guard format == .text || format == .json else {
                throw ValidationError("files check writes text or json, not \(format.rawValue)")
            }
        }

        func run() throws {
            let result = FilesCheckDriver.run(folders: folders, contracts: contracts.isEmpty ? nil : contracts, regions: regions)
            for problem in result.toolProblems { writeErr(Reporter.line(problem) + "\n") }
            guard result.toolProblems.isEmpty else { throw ExitCode(result.exitCode) }
            for note in result.notes { writeErr("contractc: note: \(DisplayText.escaped(note))\n") }
            switch format {
            case .json:
                writeOut(Reporter.render(result.diagnostics, files: [], format: .json))
                writeErr(result.summary + "\n")
            default:
                for d in result.diagnostics { writeOut(Reporter.line(d) + "\n") }
                writeOut(result.summary + "\n")
            }
            throw ExitCode(result.exitCode)
        }
    }
}
