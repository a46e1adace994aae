import ContractCompiler
import Foundation
import Testing

/// Real catalogues reuse type and method names across contracts (`PersonInfo`, `CaseInfo`,
/// `queryPersonInfo`): a corpus that does (`Benchmarks/gen-corpus --reuse-names`) lints clean,
/// generates, and all of its Swift typechecks together in one module, as the build plugin
/// compiles it.
@Suite("A corpus reusing names across contracts")
struct ReusedNamesCorpusTests {
    @Test("60 contracts with reused names: lint exit 0, generate, one swiftc -typecheck")
    func reusedNamesCompileTogether() async throws {
        let folder = try GeneratorSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let made = try await GeneratorSupport.run(["python3", root.appendingPathComponent("Benchmarks/gen-corpus").path,
                                                   "--count", "60", "--seed", "7", "--reuse-names", "--out", folder.path])
        try #require(made.status == 0, "gen-corpus: \(made.output)")
        let contracts = folder.appendingPathComponent("contracts")

        let output = folder.appendingPathComponent("generated")
        let run = try await GeneratorSupport.offPool { GenerateDriver.run(paths: [contracts.path], output: output.path) }
        #expect(run.lint.exitCode(strict: false) == 0, "\(run.lint.diagnostics.filter { $0.severity == .error }.prefix(5))")
        #expect(run.exitCode == 0, "\(run.diagnostics.filter { $0.severity == .error }.prefix(5)) \(run.toolProblems)")
        #expect(run.files.count == 60)
        let files = run.files.map { output.appendingPathComponent($0) }
        let texts = try files.map { try String(contentsOf: $0, encoding: .utf8) }
        let structs = texts.flatMap { $0.split(separator: "\n").filter { $0.hasPrefix("    public struct ") } }
        #expect(Set(structs).count < structs.count, "the corpus reuses no type name")
        let result = try await GeneratorSupport.typecheck(files)
        #expect(result.status == 0 && result.output.isEmpty, "swiftc: \(result.output.prefix(3000))")
    }
}
