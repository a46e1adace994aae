import ArgumentParser
import ContractCompiler

struct OpenAPI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi",
        abstract: "Write one OpenAPI 3.1 document per HTTP or HTTPS contract under the paths.",
        discussion: """
            Each document, <Interface>.openapi.json, describes the wire as ContractRuntime speaks \
            it: one operation per method at its http: binding (else POST /<method>), operationId the \
            method name; path variables as path parameters; for GET and DELETE the other parameters \
            as query parameters, for POST, PUT and PATCH the whole input as a JSON body \
            <Method>Input; lengths, digits and list bounds as schema limits; named types under \
            components/schemas; and the 200 response as the envelope {code, message, data} with the \
            return codes documented and listed in x-return-codes. The service code, sharing, hosting, \
            origin and inspection period are x- extensions. Contracts of other protocols are skipped \
            with a note. The contracts are linted first; with any error nothing is written. Exit 0 \
            when written, 1 when the contracts have errors, 2 when the command could not run.
            """
    )

    @Argument(help: "Files or folders of contracts (default: the current folder).")
    var paths: [String] = []

    @Option(help: "The folder to write the documents into (created if missing).")
    var output: String

    func run() throws {
        let searched = paths.isEmpty ? ["."] : paths
        let run = OpenAPIDriver.run(paths: searched, output: output)
        report(run, searched: searched)
        throw ExitCode(run.exitCode)
    }
}
