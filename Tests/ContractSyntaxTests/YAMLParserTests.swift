import ContractSyntax
import Testing

@Suite("YAML with places")
struct YAMLParserTests {
    func root(_ text: String) throws -> YAMLNode {
        let doc = YAMLParser.parse(text)
        #expect(doc.problems.isEmpty, "\(doc.problems)")
        return try #require(doc.root)
    }

    @Test func everyKeyAndValueHasItsPlace() throws {
        let node = try root("a: 1\nbb:\n  c: \"x\"\n  d:\n    - e\n    - f: 2\n")
        let entries = try #require(node.entries)
        #expect(entries.map(\.key) == ["a", "bb"])
        #expect(entries[0].keyPlace == SourcePlace(line: 1, column: 1))
        #expect(entries[0].value.place == SourcePlace(line: 1, column: 4))
        let inner = try #require(entries[1].value.entries)
        #expect(inner[0].keyPlace == SourcePlace(line: 3, column: 3))
        #expect(inner[0].value.place == SourcePlace(line: 3, column: 6))
        let list = try #require(inner[1].value.items)
        #expect(list[0].place == SourcePlace(line: 5, column: 7))
        #expect(list[1].entries?.first?.value.place == SourcePlace(line: 6, column: 10))
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let node = try root("title: 参保人员 # 注释\nx: {k: 值, z: 1}\n")
        let entries = try #require(node.entries)
        #expect(entries[1].value.entries?[1].keyPlace == SourcePlace(line: 2, column: 11))
    }

    @Test func duplicateKeyIsReportedAtTheSecondOccurrence() {
        let doc = YAMLParser.parse("a: 1\nb: 2\na: 3\n")
        #expect(doc.problems == [SyntaxProblem(.duplicateKey, at: SourcePlace(line: 3, column: 1), "key 'a' is already defined at line 1; remove one of them")])
        // The first definition is kept.
        #expect(doc.root?.entries?.first { $0.key == "a" }?.value.scalar?.text == "1")
        #expect(doc.root?.entries?.count == 2)
    }

    @Test func scalarsResolveAsYAML11() throws {
        let node = try root("a: 0101\nb: '0101'\nc: yes\nd: 1.2.0\ne: 1.5\nf: ~\ng: none\nh: 12,2\ni: 1_000\n")
        let kinds = (node.entries ?? []).map { $0.value.scalar?.kind }
        #expect(kinds == [.integer, .string, .boolean(true), .string, .float, .null, .string, .string, .integer])
    }

    @Test func aliasesAreExpandedWithinTheLimitAndPlacedWhereUsed() throws {
        let node = try root("base: &b\n  x: 1\ncopy: *b\n")
        let copy = try #require(node.entries?[1].value)
        #expect(copy.place == SourcePlace(line: 3, column: 7))
        #expect(copy.entries?.first?.key == "x")
    }

    @Test func aliasBombIsRefusedQuickly() {
        var text = "a: &a [1,2,3,4,5,6,7,8,9,10]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i", "j"] {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ",") + "]\n"
            previous = name
        }
        let doc = YAMLParser.parse(text)
        #expect(doc.root == nil)
        #expect(doc.problems.first?.message.contains("aliases expand to more than 10000 nodes") == true)
    }

    @Test func aliasAsKeyOfAnExpandedMappingIsBounded() {
        var text = "a: &a {x: 1, y: 2}\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h"] {
            text += "\(name): &\(name) {" + (0..<8).map { "k\($0): *\(previous)" }.joined(separator: ", ") + "}\n"
            previous = name
        }
        text += "? *h\n: boom\n"
        let doc = YAMLParser.parse(text)
        #expect(doc.root == nil)
        #expect(!doc.problems.isEmpty)
    }

    @Test func nestingIsBounded() {
        let text = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        let doc = YAMLParser.parse(text)
        #expect(doc.root == nil)
        #expect(doc.problems.first?.message.contains("deeper than 64 levels") == true)
    }

    @Test func syntaxErrorsHaveAPlace() {
        let tab = YAMLParser.parse("a:\n\tb: 1\n")
        #expect(tab.problems.first?.place.line == 2)
        #expect(tab.problems.first?.message.contains("tabs") == true)
        let quote = YAMLParser.parse("a: 1\nb: \"open\n")
        #expect(quote.problems.first?.place == SourcePlace(line: 2, column: 4))
        #expect(quote.problems.first?.message.contains("close it") == true)
        let twoDocs = YAMLParser.parse("a: 1\n---\nb: 2\n")
        #expect(twoDocs.problems.first?.message.contains("one YAML document") == true)
        let nul = YAMLParser.parse(bytes: Array("a: 1\nb: x\u{0}y\n".utf8))
        #expect(nul.problems.first?.kind == .syntax)
    }

    @Test func invalidUTF8IsPlacedAtTheByte() {
        let doc = YAMLParser.parse(bytes: Array("a: 1\nbc: ".utf8) + [0xE4, 0xB8] + Array("\n".utf8))
        #expect(doc.problems.first?.place == SourcePlace(line: 2, column: 5))
        #expect(doc.problems.first?.message.contains("0xE4 is not valid UTF-8") == true)
    }

    @Test func everyControlCharacterGivesADiagnosticNotACrash() {
        for value in UInt8(0)..<UInt8(0x20) where value != 0x0A && value != 0x0D && value != 0x09 {
            let doc = YAMLParser.parse(bytes: Array("a: x".utf8) + [value] + Array("y\n".utf8))
            #expect(!doc.problems.isEmpty, "control character \(value) was accepted")
        }
    }

    @Test func sizeLimitIsCheckedBeforeReading() {
        let doc = YAMLParser.parse(bytes: [UInt8](repeating: 0x61, count: 2048), limits: SyntaxLimits(maxBytes: 1024))
        #expect(doc.problems.first?.message.contains("limited to 1 KB") == true)
    }

    @Test func disableNextLineDirectives() {
        let text = "a: 1\n# contractc:disable-next-line rule-one, rule-two\nb: 2\nc: 3 # contractc:disable-next-line all\nd: 4\nquote: \"# contractc:disable-next-line no\"\ne: 5\n"
        let found = SuppressionDirectives.scan(text)
        #expect(found[3]?.map(\.value) == ["rule-one", "rule-two"])
        #expect(found[3]?.first?.place == SourcePlace(line: 2, column: 31))
        #expect(found[5]?.map(\.value) == ["all"])
        #expect(found[7] == nil)
    }
}
