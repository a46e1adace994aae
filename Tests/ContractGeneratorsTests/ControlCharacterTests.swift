import ContractGenerators
import ContractModel
import ContractSyntax
import Foundation
import Testing

/// Contract text from a pull request may hold NUL, BEL, terminal escapes, C1 controls, line
/// separators and bidirectional overrides, and lint lets it (they are text). None of them may
/// reach a published file raw: HTML and Markdown pages show U+FFFD instead, JSON and YAML write
/// escapes and give the text back unchanged, and every file still parses.
@Suite("Control characters in published files")
struct ControlCharacterTests {
    /// The text every prose key of the contract holds: NUL, BEL, an ANSI colour, NEL, LINE
    /// SEPARATOR, RIGHT-TO-LEFT OVERRIDE, DEL, CSI (C1) and a lone CR.
    static let evil = "A\u{0}B\u{7}C\u{1B}[31mD\u{85}E\u{2028}F\u{202E}G\u{7F}H\u{9B}I\rJ"

    /// `text` as a YAML double-quoted scalar with every control written as `\uXXXX`.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if DisplayText.isUnsafe(scalar) {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static var contractText: String {
        let t = quoted(evil)
        // The origin differs from the owner (origin-is-owner), and carries the same characters.
        let origin = quoted("省" + evil)
        return """
            contract: 1
            interface: EvilQuery
            code: "1101"
            title: \(t)
            summary: \(t)
            version: 1.0.0
            owner: \(t)
            classification:
              resource: general
              service: basicQuery
              content: basicInfoQuery
            protocol: HTTPS
            endpoint:
              address: https://hrss.example.cn/api/evil
              hosting: remote
              origin: \(origin)
              inspection: P1D
            sharing:
              level: conditional
              conditions: \(t)
            exchange: interface
            methods:
              - name: getIt
                summary: \(t)
                parameters:
                  - name: idNumber
                    type: C18
                    description: \(t)
                returns:
                  type: Info
                  description: \(t)
                  codes:
                    - code: 0
                      meaning: \(t)
            types:
              Info:
                description: \(t)
                fields:
                  - name: fullName
                    type: C..50
                    description: \(t)

            """
    }

    /// Every file published for the contract: the catalogue's files, its OpenAPI document and
    /// its Swift.
    static func published() throws -> [GeneratedFile] {
        let contract = try GeneratorSupport.contract(contractText, file: "Evil.contract.yaml")
        #expect(contract.title?.value == evil, "the YAML did not carry the text")
        let service = try CatalogueTranslator.translate(contract, source: CatalogueSource(file: "Evil.contract.yaml", sha256: String(repeating: "0", count: 64)))
        let openAPI = try #require(try OpenAPIGenerator().generate(contract))
        var files = try CatalogueGenerator().generate([service], openAPIDocuments: ["EvilQuery": "openapi/" + openAPI.path])
        files.append(openAPI)
        files.append(try GeneratorSupport.generate(contract))
        return files
    }

    /// The raw control characters of `text` other than line feed and tab.
    static func controls(_ text: String) -> [String] {
        text.unicodeScalars.filter { DisplayText.isUnsafe($0) && $0 != "\n" && $0 != "\t" }.map { String(format: "U+%04X", $0.value) }
    }

    @Test("the contract with control characters lints clean: only the generators stand in the way")
    func lintAcceptsTheText() {
        let errors = GeneratorSupport.lint(Self.contractText, file: "Evil.contract.yaml").filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map(\.message))")
    }

    @Test("no published file holds a raw control character but its own line feeds and tabs")
    func noRawControls() throws {
        let files = try Self.published()
        #expect(Set(files.map(\.path)).isSuperset(of: ["index.html", "catalogue.md", "catalogue.json", "backstage/EvilQuery.yaml", "EvilQuery.openapi.json", "Evil.swift"]))
        for file in files {
            #expect(Self.controls(file.contents).isEmpty, "\(file.path): \(Set(Self.controls(file.contents)).sorted())")
        }
    }

    @Test("HTML and Markdown show U+FFFD where a control was")
    func pagesShowReplacement() throws {
        let files = try Self.published()
        let html = try #require(files.first { $0.path == "index.html" }).contents
        #expect(html.contains("A\u{FFFD}B\u{FFFD}C\u{FFFD}[31mD"))
        #expect(html.contains("F\u{FFFD}G\u{FFFD}H\u{FFFD}I"))
        let markdown = try #require(files.first { $0.path == "catalogue.md" }).contents
        #expect(markdown.contains("A\u{FFFD}B\u{FFFD}C\u{FFFD}\\[31mD E F\u{FFFD}G\u{FFFD}H\u{FFFD}I J"))
        #expect(CatalogueText.withoutControls("a\r\nb\rc\u{85}d\u{2028}e\u{0}f\tg\nh") == "a\nb\nc\nd\ne\u{FFFD}f\tg\nh")
        #expect(CatalogueText.withoutControls("clean 中文\n\ttext") == "clean 中文\n\ttext")
    }

    @Test("JSON and YAML still parse and give the text back exactly")
    func dataFormatsRoundTrip() throws {
        let files = try Self.published()
        func contents(_ path: String) throws -> String { try #require(files.first { $0.path == path }, "\(path)").contents }
        let catalogue = try #require(try JSONSerialization.jsonObject(with: Data(try contents("catalogue.json").utf8)) as? [[String: Any]])
        #expect(catalogue.first?["title"] as? String == Self.evil)
        #expect(catalogue.first?["owner"] as? String == Self.evil)
        let openAPI = try #require(try JSONSerialization.jsonObject(with: Data(try contents("EvilQuery.openapi.json").utf8)) as? [String: Any])
        #expect((openAPI["info"] as? [String: Any])?["title"] as? String == Self.evil)
        #expect(JSONWriter.render(.string("\u{85}\u{9B}\u{202E}\u{7F}")) == "\"\\u0085\\u009b\\u202e\\u007f\"\n")

        let yaml = try contents("backstage/EvilQuery.yaml")
        let document = YAMLParser.parse(yaml)
        #expect(document.problems.isEmpty, "\(document.problems)")
        let metadata = document.root?.entries?.first { $0.key == "metadata" }?.value
        #expect(metadata?.entries?.first { $0.key == "title" }?.value.scalar?.text == Self.evil)
        #expect(CatalogueText.yaml("\u{202E}x") == "\"\\u202ex\"")
        if PublishSupport.pythonHas("yaml") {
            let folder = try GeneratorSupport.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let url = folder.appendingPathComponent("entity.yaml")
            try GeneratorSupport.write(yaml, to: url)
            let strict = try PublishSupport.run(["python3", "-c",
                "import sys, yaml; d = yaml.safe_load(open(sys.argv[1], encoding='utf-8')); t = d['metadata']['title']; sys.exit(0 if t == 'A\\x00B\\x07C\\x1b[31mD\\x85E\\u2028F\\u202eG\\x7fH\\x9bI\\rJ' else 1)",
                url.path])
            #expect(strict.status == 0, "python yaml: \(strict.output)")
        }
    }
}
