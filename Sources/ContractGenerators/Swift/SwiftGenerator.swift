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
    /// - Parameter protocols: Protocols beyond the nine that the contract's `.contractc.yaml`
    ///   declares; a contract naming one gets `.declared("NAME")` as its protocol and no client.
    /// - Throws: ``GenerationFailure`` when the contract cannot become Swift (see
    ///   ``SwiftTranslator``), ``TemplateError`` when the templates fail.
    public func generate(_ contract: Contract, protocols: [DeclaredProtocol] = []) throws -> GeneratedFile {
        let path = GeneratedFile.outputName(forContract: contract.file, extension: "swift")
        let sourceName = contract.file.split(separator: "/").last.map(String.init) ?? contract.file
        var translator = SwiftTranslator(contract, declaredProtocols: protocols)
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
        // Works on the UTF-8 bytes: splitting a long text into Characters is far slower, and
        // every byte that matters here (newline, blank, tab, braces) is ASCII.
        var text = text
        return text.withUTF8 { b -> String in
            let n = b.count
            var lines: [Range<Int>] = []
            var start = 0
            while start <= n {
                var newline = start
                while newline < n && b[newline] != 0x0A { newline += 1 }
                var end = newline
                while end > start && (b[end - 1] == 0x20 || b[end - 1] == 0x09) { end -= 1 }
                let line = start..<end
                if line.isEmpty {
                    if let previous = lines.last, previous.isEmpty || b[previous.upperBound - 1] == UInt8(ascii: "{") {
                        start = newline + 1
                        continue
                    }
                } else {
                    var first = start
                    while first < end && b[first] == 0x20 { first += 1 }
                    if first < end && b[first] == UInt8(ascii: "}"), let previous = lines.last, previous.isEmpty {
                        lines.removeLast()
                    }
                }
                lines.append(line)
                start = newline + 1
            }
            while let last = lines.last, last.isEmpty { lines.removeLast() }
            var out: [UInt8] = []
            out.reserveCapacity(n + 1)
            for line in lines {
                out.append(contentsOf: b[line])
                out.append(0x0A)
            }
            if lines.isEmpty { out.append(0x0A) }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
