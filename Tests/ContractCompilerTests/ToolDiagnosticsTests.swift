import ContractCompiler
import ContractRules
import Foundation
import Testing

/// Every id a diagnostic can end with is explained: a rule, a kind of `diff`, or a tool
/// diagnostic of ``ToolDiagnostics``.
@Suite("Tool diagnostics")
struct ToolDiagnosticsTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")

    /// The ids written in the sources as `rule: "…"` or `ruleID = "…"`.
    static func idsInSources() throws -> Set<String> {
        var ids = Set<String>()
        let pattern = try NSRegularExpression(pattern: #"(?:rule: |ruleID = |Rule = )"([a-z0-9-]+)""#)
        let enumerator = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text) { ids.insert(String(text[range])) }
            }
        }
        return ids
    }

    @Test func everyIdInTheSourcesIsExplained() throws {
        let explained = Set(RuleRegistry.ids + DiffKind.allCases.map(\.id) + ToolDiagnostics.entries.map(\.id))
        let used = try Self.idsInSources()
        #expect(used.count > 10, "the scan finds the ids")
        #expect(used.subtracting(explained).isEmpty, "not explained: \(used.subtracting(explained).sorted())")
    }

    @Test func toolIdsAreNotRuleIds() {
        let tool = Set(ToolDiagnostics.entries.map(\.id))
        #expect(tool.count == ToolDiagnostics.entries.count)
        #expect(tool.isDisjoint(with: RuleRegistry.ids))
        #expect(tool.isDisjoint(with: DiffKind.allCases.map(\.id)))
    }

    @Test func explainPrintsWhatToDo() throws {
        let config = try #require(ToolDiagnostics.entry("config-invalid"))
        let text = ToolDiagnostics.explain(config)
        #expect(text.hasPrefix("config-invalid — reported by"))
        #expect(text.contains("What to do:") && text.contains("exit code 2"))
        #expect(DiffKind.methodRemoved.explanation.contains("breaking"))
    }
}
