import ContractModel
import ContractSyntax

/// Generates the Swift of a contract (contract language §7): a protocol, records with validation
/// and masking, return-code enums, catalogue constants and, for HTTP and HTTPS contracts, a client
/// and a server-side handler, all linking `ContractRuntime`.
///
/// Two steps, like swift-openapi-generator's translator and renderer: ``SwiftTranslator`` turns the
/// contract into a view model whose every string is already Swift, then the Mustache templates
/// (`templates/swift/*.mustache`, built in as ``EmbeddedTemplates``) arrange it. The output depends
/// only on the contract, its file name and the templates: the same input gives the same bytes.
public struct SwiftGenerator: Sendable {
    /// The template the renderer starts from.
    public static let rootTemplate = "file"

    private let renderer: TemplateRenderer

    /// Creates a generator using `templates` (by default the built-in ones).
    /// - Throws: ``TemplateError`` when a template is not valid Mustache.
    public init(templates: TemplateSet = .embedded("swift")) throws {
        renderer = try TemplateRenderer(templates)
    }

    /// The Swift file for a lint-clean contract, named after the contract file
    /// (`X.contract.yaml` → `X.swift`).
    /// - Throws: ``GenerationFailure`` when the contract cannot become Swift (see
    ///   ``SwiftTranslator``), ``TemplateError`` when the templates fail.
    public func generate(_ contract: Contract) throws -> GeneratedFile {
        let path = GeneratedFile.outputName(forContract: contract.file, extension: "swift")
        let sourceName = contract.file.split(separator: "/").last.map(String.init) ?? contract.file
        var translator = SwiftTranslator(contract)
        let model = try translator.translate(sourceFile: sourceName)
        let text = try renderer.render(model, template: Self.rootTemplate)
        return GeneratedFile(path: path, contents: Self.tidy(text))
    }

    /// The top-level names the Swift file of `contract` declares, with where the contract names
    /// each: files compiled together must not declare one name twice.
    public static func declaredNames(_ contract: Contract) -> [(name: String, place: SourcePlace)] {
        SwiftTranslator.declarations(contract).map { ($0.name, $0.place) }
    }

    /// Normalises what templates leave behind: no trailing blanks on a line, at most one blank line
    /// in a row, no blank line right after `{` or before `}`, exactly one newline at the end.
    static func tidy(_ text: String) -> String {
        var out: [Substring] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = raw
            while let last = line.last, last == " " || last == "\t" { line = line.dropLast() }
            if line.isEmpty {
                if let previous = out.last, previous.isEmpty || previous.hasSuffix("{") { continue }
                out.append(line)
                continue
            }
            if line.drop(while: { $0 == " " }).hasPrefix("}"), let previous = out.last, previous.isEmpty {
                out.removeLast()
            }
            out.append(line)
        }
        while let last = out.last, last.isEmpty { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }
}
