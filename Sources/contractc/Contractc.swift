import ArgumentParser
import ContractCompiler
import Foundation

/// The `contractc` command line. It only wires arguments to `ContractCompiler`.
@main
struct Contractc: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contractc",
        abstract: "Check, number and publish interface contracts of the Chengdu 人社 data-service standard.",
        discussion: """
            Exit codes: 0 no errors (warnings allowed unless --strict); 1 the contracts have errors; \
            2 the command could not run (bad arguments, unreadable path, bad configuration).
            """,
        version: ContractCompilerInfo.version,
        subcommands: [Lint.self, Codes.self, Generate.self, Explain.self, Inspect.self, Files.self, Catalogue.self, OpenAPI.self, Diff.self],
        defaultSubcommand: nil
    )

    /// Runs a command, mapping argument errors to exit code 2 as §5 asks (ArgumentParser uses 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                self.exit(withError: error)
            }
            let message = fullMessage(for: error)
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            Foundation.exit(code == .validationFailure ? 2 : (code.rawValue == 0 ? 0 : 2))
        }
    }
}

/// Writes text to standard output without buffering surprises.
func writeOut(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// Writes text to standard error.
func writeErr(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

extension ReportFormat: ExpressibleByArgument {}
