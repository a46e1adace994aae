import ContractRules
import Testing

/// Lint-clean means `generate`, `catalogue` and `openapi` succeed: for every example of every
/// rule (good ones, and bad ones too — those with no error under every rule), the whole path
/// of the fuzz target runs, and it fails (a negative result) when an input with no error is
/// refused by a generator or clashes with another file of the input.
// Serialized: each case runs every generator over a rule's examples, CPU-bound on a thread of
// Swift's cooperative pool; in parallel they would take both threads of a 2-core machine and
// stall other suites' async tests (their timeouts measure the stall, not the code).
@Suite("Lint-clean inputs generate", .serialized)
struct LintCleanGeneratesTests {
    /// An example as one fuzz input: `#%file` before each file, `#%acronyms` for its acronyms.
    static func input(_ example: RuleExample) -> [UInt8] {
        var text = example.acronyms.isEmpty ? "" : "#%acronyms " + example.acronyms.joined(separator: " ") + "\n"
        for file in example.files where !file.unreadable && file.name.hasSuffix(".contract.yaml") {
            text += "#%file \(file.name)\n" + file.text + (file.text.hasSuffix("\n") ? "" : "\n")
        }
        return Array(text.utf8)
    }

    @Test("every example of every rule: no error means every generator accepts it", arguments: RuleRegistry.descriptions.map(\.id))
    func examples(id: String) throws {
        let rule = try #require(RuleRegistry.description(of: id))
        for (index, example) in (rule.good + rule.bad).enumerated() {
            #expect(FuzzPath.run(Self.input(example)) >= 0, "example \(index + 1) of \(id) lints clean but a generator refuses it, or a report broke its lines")
        }
    }
}
