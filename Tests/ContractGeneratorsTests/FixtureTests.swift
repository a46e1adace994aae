import ContractGenerators
import ContractRules
import Foundation
import Testing

/// `Fixtures/` holds hand-checked generated files compiled into this test target, so the
/// round-trip tests use the real generated types. These tests fail when the generator's output
/// drifts from them; after checking a deliberate change by eye, regenerate them with
/// `CONTRACTC_UPDATE_FIXTURES=1 swift test --filter FixtureTests`.
@Suite("Checked-in generated fixtures")
struct FixtureTests {
    /// Each fixture and the contract it comes from: name, contract file name, contract text.
    static func sources() throws -> [(fixture: String, file: String, text: String)] {
        func read(_ path: String) throws -> String {
            try String(contentsOf: GeneratorSupport.root.appendingPathComponent(path), encoding: .utf8)
        }
        return [
            ("PersonInfoQuery.swift", "PersonInfoQuery.contract.yaml", Examples.base),
            ("PersonInsuranceInfoQuery.swift", "PersonInsuranceInfoQuery.contract.yaml",
             try read("contracts/PersonInsuranceInfoQuery.contract.yaml")),
            ("PensionPaymentDataPush.swift", "PensionPaymentDataPush.contract.yaml",
             try read("contracts/PensionPaymentDataPush.contract.yaml")),
            ("ContributionDetailFileExchange.swift", "ContributionDetailFileExchange.contract.yaml",
             try read("contracts/ContributionDetailFileExchange.contract.yaml")),
        ]
    }

    @Test("each fixture is what the generator writes today")
    func fixturesAreCurrent() throws {
        let update = ProcessInfo.processInfo.environment["CONTRACTC_UPDATE_FIXTURES"] == "1"
        for source in try Self.sources() {
            #expect(GeneratorSupport.lint(source.text, file: source.file).isEmpty, "\(source.file) is not lint-clean")
            let generated = try GeneratorSupport.generate(try GeneratorSupport.contract(source.text, file: source.file))
            #expect(generated.path == source.fixture)
            let url = GeneratorSupport.root.appendingPathComponent("Tests/ContractGeneratorsTests/Fixtures/\(source.fixture)")
            if update {
                try GeneratorSupport.write(generated.contents, to: url)
                continue
            }
            let checkedIn = try String(contentsOf: url, encoding: .utf8)
            #expect(checkedIn == generated.contents,
                    "Fixtures/\(source.fixture) differs from the generator's output; check the change, then run CONTRACTC_UPDATE_FIXTURES=1 swift test --filter FixtureTests")
        }
    }
}
