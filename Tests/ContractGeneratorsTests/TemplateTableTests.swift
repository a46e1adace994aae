@testable import ContractGenerators
import Testing

/// The Swift view models give the templates their values by hand (``TemplateTable``); what they
/// give must be exactly what reflection finds, or a template would silently lose a value.
@Suite("Template tables")
struct TemplateTableTests {
    /// A canonical text of a table, list or value, keys sorted.
    static func canonical(_ value: Any) -> String {
        switch value {
        case let table as [String: Any]:
            return "{" + table.keys.sorted().map { "\($0): \(canonical(table[$0] as Any))" }.joined(separator: ", ") + "}"
        case let list as [Any]:
            return "[" + list.map(canonical).joined(separator: ", ") + "]"
        case let text as String:
            return "\"\(text)\""
        default:
            return "\(type(of: value))(\(value))"
        }
    }

    @Test func handWrittenTablesEqualReflection() throws {
        var models = 0
        for path in try GeneratorSupport.exampleContracts() {
            let contract = try GeneratorSupport.contract(atPath: path)
            var translator = SwiftTranslator(contract)
            let model = try translator.translate(sourceFile: path)
            let byHand = Self.canonical(model.templateTable)
            let byReflection = Self.canonical(TemplateRenderer.lookupTable(model))
            #expect(byHand == byReflection, "\(path)")
            #expect(byHand.count > 1000)
            models += 1
        }
        #expect(models == 18)
    }
}
