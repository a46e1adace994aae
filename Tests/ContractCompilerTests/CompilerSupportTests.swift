import ContractCompiler
import ContractSyntax
import Foundation
import Testing

@Suite("Compiler support")
struct CompilerSupportTests {
    @Test func docsRulesMarkdownIsCurrent() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let onDisk = try String(contentsOf: root.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        #expect(onDisk == RuleDocs.markdown(), "docs/rules.md is stale: run `swift run contractc explain --markdown > docs/rules.md`")
    }

    @Test func globs() {
        #expect(Glob("generated/**").matches("generated/a/b.contract.yaml"))
        #expect(Glob("**/draft-*.contract.yaml").matches("a/b/draft-x.contract.yaml"))
        #expect(Glob("**/draft-*.contract.yaml").matches("draft-x.contract.yaml"))
        // A pattern without a slash matches a name at any depth, like .gitignore.
        #expect(Glob("*.contract.yaml").matches("a/b.contract.yaml"))
        #expect(!Glob("a/*.contract.yaml").matches("b/a/x.contract.yaml"))
        #expect(Glob("legacy").matches("legacy/x.contract.yaml"))
        #expect(Glob("draft-?.contract.yaml").matches("x/draft-1.contract.yaml"))
        // A pattern matching a folder excludes what is inside it.
        #expect(Glob("generated/*").matches("generated/a/b.contract.yaml"))
        #expect(!Glob("other/**").matches("generated/a.contract.yaml"))
    }

    @Test func codeLineIsInsertedUnderInterfaceChangingNothingElse() throws {
        let text = "# a comment\ncontract:   1   # odd spacing\ninterface: PersonQuery  # trailing\ntitle: 标题\n"
        let out = try CodeInserter.insert(code: "1101", into: Array(text.utf8), interfaceLine: 3, keyColumn: 1).get()
        #expect(String(decoding: out, as: UTF8.self) == "# a comment\ncontract:   1   # odd spacing\ninterface: PersonQuery  # trailing\ncode: \"1101\"\ntitle: 标题\n")
    }

    @Test func codeLineKeepsCRLFAndMissingFinalNewline() throws {
        let crlf = "contract: 1\r\ninterface: A\r\ntitle: t\r\n"
        let a = try CodeInserter.insert(code: "2101", into: Array(crlf.utf8), interfaceLine: 2, keyColumn: 1).get()
        #expect(String(decoding: a, as: UTF8.self) == "contract: 1\r\ninterface: A\r\ncode: \"2101\"\r\ntitle: t\r\n")
        let last = "contract: 1\ninterface: A"
        let b = try CodeInserter.insert(code: "2101", into: Array(last.utf8), interfaceLine: 2, keyColumn: 1).get()
        #expect(String(decoding: b, as: UTF8.self) == "contract: 1\ninterface: A\ncode: \"2101\"")
    }

    @Test func jsonWriterIsDeterministicAndSafeForHTML() {
        let value = JSONWriter.Value.object([("b", .string("</script>\u{2028}\"\\\n")), ("a", .array([.int(1), .bool(true), .null]))])
        #expect(JSONWriter.render(value) == "{\n  \"b\": \"\\u003c/script\\u003e\\u2028\\\"\\\\\\n\",\n  \"a\": [\n    1,\n    true,\n    null\n  ]\n}\n")
    }

    @Test func configurationProblemsHavePlaces() {
        let text = "rules:\n  method-name-case: loud\n  nope-rule: off\nacronyms: [ID, url]\nexclud: []\n"
        let (config, problems) = Configuration.parse(Array(text.utf8), path: ".contractc.yaml", root: "/tmp")
        #expect(problems.map { "\($0.line):\($0.column)" } == ["2:21", "3:3", "4:16", "5:1"])
        #expect(problems[3].message.contains("did you mean 'exclude'?"))
        #expect(config.acronyms == ["ID"])
    }

    @Test func reportSummaryWording() {
        let d = Diagnostic(file: "f", place: .start, severity: .warning, rule: "r", message: "m")
        #expect(Reporter.summary([], fileCount: 1) == "0 errors, 0 warnings in 1 contract")
        #expect(Reporter.summary([d], fileCount: 2) == "0 errors, 1 warning in 2 contracts")
    }
}
