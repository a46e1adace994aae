import ContractGenerators
import ContractModel
import ContractRules
import ContractSyntax
import Foundation

/// Runs `contractc openapi`: lints the contracts and, when none has an error, writes one OpenAPI
/// 3.1 document `<Interface>.openapi.json` per HTTP or HTTPS contract into the output folder (see
/// ``OpenAPIGenerator`` for what the documents say). Contracts of other protocols are skipped
/// with a note. Files are written atomically and only when their content changes.
public enum OpenAPIDriver {
    /// Writes the OpenAPI documents of the contracts under `paths` into `output`.
    public static func run(
        paths: [String], output: String,
        limits: SyntaxLimits = .standard, resolver: ConfigurationResolver = ConfigurationResolver()
    ) -> PublishRun {
        let lint = LintDriver.run(paths: paths, limits: limits, resolver: resolver)
        var run = PublishRun(lint: lint, output: output)
        run.isOpenAPI = true
        guard run.toolProblems.isEmpty, run.errorCount == 0 else { return run }

        let contracts = lint.files.compactMap(\.contract)
        let generator = OpenAPIGenerator()
        var problems = Publishing.conflicts(contracts.filter(OpenAPIGenerator.applies))
        var files: [GeneratedFile] = []
        for contract in contracts {
            guard OpenAPIGenerator.applies(to: contract) else {
                let name = contract.protocolName?.value ?? "no protocol"
                run.notes.append("\(contract.file): skipped: its protocol is \(name); OpenAPI documents describe HTTP and HTTPS interfaces")
                continue
            }
            do {
                if let document = try generator.generate(contract) { files.append(document) }
            } catch let failure as GenerationFailure {
                problems += failure.diagnostics
            } catch {
                run.toolProblems.append(Publishing.toolProblem(contract.file, String(describing: error)))
            }
        }
        run.diagnostics = (run.diagnostics + problems).sorted(by: Diagnostic.reportOrder)
        guard run.toolProblems.isEmpty, run.errorCount == 0 else { return run }
        run.files = files
        run.serviceCount = files.count
        Publishing.write(&run)
        return run
    }
}
