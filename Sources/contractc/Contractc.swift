import ArgumentParser
import ContractCompiler
import ContractSyntax
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

            Configuration: the nearest .contractc.yaml in a contract's folder or above it, up to the \
            root of its git repository (a folder holding .git) and never above it; outside a \
            repository, up to /.
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
            if !message.isEmpty { writeErr(message + "\n") }
            Foundation.exit(code == .validationFailure ? 2 : (code.rawValue == 0 ? 0 : 2))
        }
    }
}

/// Writes text to standard output without buffering surprises. Every report escapes the
/// contract text it quotes; this is the last guard: no control or bidirectional character but
/// the line feed and the tab reaches a terminal or a CI log from contractc.
func writeOut(_ text: String) {
    FileHandle.standardOutput.write(Data(DisplayText.escapedKeepingLines(text).utf8))
}

/// Writes text to standard error, guarded as ``writeOut(_:)``.
func writeErr(_ text: String) {
    FileHandle.standardError.write(Data(DisplayText.escapedKeepingLines(text).utf8))
}

extension ReportFormat: ExpressibleByArgument {}
