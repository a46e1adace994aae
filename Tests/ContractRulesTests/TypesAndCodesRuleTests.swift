import ContractModel
import ContractRules
import ContractSyntax
import Testing

/// Focused tests of the type rules (服务接口 4, 数据脱敏) and the service-code rules (服务分类).
@Suite("Types and codes")
struct TypesAndCodesRuleTests {
    // MARK: Helpers

    /// The base contract as another service with its own name, title, address and code line.
    static func service(_ name: String, code: String?, _ more: [(String, String)] = []) -> String {
        let codeLine = code.map { "code: \"\($0)\"\n" } ?? ""
        return Examples.base([
            ("interface: PersonInfoQuery\ncode: \"1101\"\n", "interface: \(name)\n\(codeLine)"),
            ("title: 参保人员信息查询", "title: 参保人员信息查询（\(name)）"),
            ("https://hrss.example.cn/api/person", "https://hrss.example.cn/api/\(name.lowercased())"),
        ] + more)
    }

    static let other = ("  content: basicInfoQuery\n", "  content: basicInfoQuery\n  other: true\n")

    static func rules(_ diagnostics: [Diagnostic]) -> [String] { diagnostics.map(\.rule) }

    static func resolve(_ type: String, _ length: LengthText? = nil) -> TypeResolution {
        TypeResolver(localTypes: []).resolve(
            type: Located(type, at: .start), length: length.map { Located($0, at: .start) }, maxItems: nil,
            anchor: .start, what: "parameter 'x' of m")
    }

    static func member(_ file: String, _ code: String?, group: String? = "11", other: Bool = false) -> ServiceCodeAllocator.Member {
        ServiceCodeAllocator.Member(file: file, code: code.map { Located($0, at: SourcePlace(line: 3, column: 7)) }, group: group, isOther: other)
    }

    static func codes(_ assignments: [ServiceCodeAllocator.Assignment]) -> [String: String] {
        var out: [String: String] = [:]
        for a in assignments { out[a.file] = a.code?.description ?? "\(a.outcome)" }
        return out
    }

    // MARK: Shorthand (§2)

    static let shorthandTable: [(shorthand: String, type: String, length: LengthText?, expected: ValueType)] = [
        ("C..50", "string", .number(50), .string(min: 1, max: 50)),
        ("C18", "string", .text("18..18"), .string(min: 18, max: 18)),
        ("N..10", "integer", .number(10), .integer(digits: 10)),
        ("N12,2", "decimal", .text("12,2"), .decimal(precision: 12, scale: 2)),
        ("D8", "date", nil, .date),
        ("DT", "datetime", nil, .datetime),
        ("B", "boolean", nil, .boolean),
        ("BY..1024", "binary", .number(1024), .binary(maxBytes: 1024)),
    ]

    @Test("the shorthand resolves exactly like the long form", arguments: shorthandTable.indices)
    func shorthandMatchesLongForm(index: Int) {
        let row = Self.shorthandTable[index]
        let short = Self.resolve(row.shorthand)
        let long = Self.resolve(row.type, row.length)
        #expect(short.findings.isEmpty, "\(row.shorthand): \(short.findings.map(\.message))")
        #expect(long.findings.isEmpty, "\(row.type) \(row.length?.description ?? ""): \(long.findings.map(\.message))")
        #expect(short.type == row.expected)
        #expect(long.type == row.expected)
        #expect(short == long)
    }

    @Test("the shorthand in a contract resolves like the long form and lints clean")
    func shorthandInContract() throws {
        let short = Examples.base(replacing: "        type: string\n        length: 50\n", with: "        type: C..50\n")
        let files = [("Long.contract.yaml", Examples.base), ("Short.contract.yaml", short)]
        let types = try files.map { name, text in
            let contract = try #require(Linter.read(path: name, bytes: Array(text.utf8)).contract)
            return try #require(contract.types.first?.fields.first?.resolution.type)
        }
        #expect(types[0] == .string(min: 1, max: 50))
        #expect(types[0] == types[1])
        #expect(Linter.lint([("Short.contract.yaml", short)]).isEmpty)
    }

    @Test func listOfShorthandIsAList() {
        let r = Self.resolve("[C..50]")
        #expect(r.type == .list(.string(min: 1, max: 50), maxItems: nil))
        #expect(r.type?.isString == true)
    }

    @Test func lowerCaseShorthandSuggestsCapitals() {
        let r = Self.resolve("c..50")
        #expect(r.type == nil)
        #expect(r.findings.map(\.kind) == [.unknown])
        #expect(r.findings.first?.message.contains("'C..50'") == true)
    }

    @Test func shorthandWithLengthConflicts() {
        let r = Self.resolve("C18", .number(18))
        #expect(r.findings.map(\.kind) == [.lengthConflict])
        #expect(r.type == .string(min: 18, max: 18))
    }

    // MARK: Type rules

    @Test func lengthWrittenEmptyIsReportedOnceByValueType() {
        let text = Examples.base(replacing: "        length: 50\n", with: "        length:\n")
        #expect(Self.rules(Linter.lint([("A.contract.yaml", text)])) == ["value-type"])
    }

    @Test func typeOfWrongKindIsReportedOnceByValueType() {
        let text = Examples.base(replacing: "        type: C18\n", with: "        type: {a: 1}\n")
        #expect(Self.rules(Linter.lint([("A.contract.yaml", text)])) == ["value-type"])
    }

    @Test func typeFindingsPointAtTheirPlace() throws {
        // Line 25 holds the parameter's `type:`; the finding points at its value.
        let text = Examples.base(replacing: "        type: C18\n", with: "        type: integer\n")
        let found = Linter.lint([("A.contract.yaml", text)])
        let d = try #require(found.first)
        #expect(Self.rules(found) == ["length-missing"])
        #expect((d.line, d.column) == (24, 15))
        #expect(d.message.contains("parameter 'idNumber' of queryPerson"))
    }

    @Test func maskingOnAnIntegerIsMaskingTypeOnly() {
        let text = Examples.base(replacing: "        type: C18\n", with: "        type: N..18\n")
        #expect(Self.rules(Linter.lint([("A.contract.yaml", text)])) == ["masking-type"])
    }

    @Test func unknownMaskingIsNotAlsoMaskingType() {
        let text = Examples.base([("        type: C18\n", "        type: N..18\n"), ("masking: idNumber", "masking: idnumber")])
        let found = Linter.lint([("A.contract.yaml", text)])
        #expect(Self.rules(found) == ["masking-unknown"])
        #expect(found.first?.message.contains("did you mean 'idNumber'?") == true)
    }

    @Test func namedTypeDescriptionIsMissingOnlyWhenTheTypeIsAMapping() {
        let empty = Examples.base(replacing: "  PersonInfo:\n    description: 参保人员基础信息\n    fields:\n", with: "  Other: {}\n  PersonInfo:\n    description: 参保人员基础信息\n    fields:\n")
        #expect(Self.rules(Linter.lint([("A.contract.yaml", empty)])).contains("description-missing"))
        let scalar = Examples.base(replacing: "  PersonInfo:\n    description: 参保人员基础信息\n    fields:\n", with: "  Other: text\n  PersonInfo:\n    description: 参保人员基础信息\n    fields:\n")
        #expect(!Self.rules(Linter.lint([("A.contract.yaml", scalar)])).contains("description-missing"))
    }

    // MARK: Allocator

    @Test func allocatorGivesTheLowestFreeSerialAndFillsGaps() {
        let members = [
            Self.member("a.contract.yaml", "1101"),
            Self.member("b.contract.yaml", "1103"),
            Self.member("c.contract.yaml", nil),
            Self.member("d.contract.yaml", nil),
            Self.member("e.contract.yaml", nil, group: "21"),
        ]
        let result = ServiceCodeAllocator.assign(members: members)
        #expect(result.map(\.file) == ["c.contract.yaml", "d.contract.yaml", "e.contract.yaml"])
        #expect(Self.codes(result) == ["c.contract.yaml": "1102", "d.contract.yaml": "1104", "e.contract.yaml": "2101"])
    }

    @Test func allocatorGivesOtherEntries99AndOnlyOnce() {
        let members = [
            Self.member("a.contract.yaml", nil, group: "32", other: true),
            Self.member("b.contract.yaml", nil, group: "32", other: true),
            Self.member("c.contract.yaml", nil, group: "32"),
        ]
        let result = ServiceCodeAllocator.assign(members: members)
        #expect(result[0].code?.description == "3299")
        #expect(result[2].code?.description == "3201")
        guard case .otherTaken(let holder) = result[1].outcome else {
            Issue.record("expected otherTaken, got \(result[1].outcome)")
            return
        }
        #expect(holder.file == "a.contract.yaml" && !holder.isWritten)
        #expect(result[1].message?.contains("a.contract.yaml") == true)
    }

    @Test func allocatorReportsExhaustion() {
        var members = ServiceCode.numberedSerials.map { Self.member("s\($0).contract.yaml", ServiceCode(group: "11", serial: $0).description) }
        members.append(Self.member("z.contract.yaml", nil))
        members.append(Self.member("y.contract.yaml", nil, other: true))
        let result = ServiceCodeAllocator.assign(members: members)
        #expect(Self.codes(result)["y.contract.yaml"] == "1199")
        #expect(result.first { $0.file == "z.contract.yaml" }?.outcome == .exhausted(group: "11"))
    }

    @Test func allocatorIsDeterministicAndNeverRenumbers() {
        let members = [
            Self.member("b.contract.yaml", nil),
            Self.member("a.contract.yaml", nil),
            Self.member("c.contract.yaml", "1102"),
            Self.member("d.contract.yaml", "11x2"),
            Self.member("e.contract.yaml", "1102"),
            Self.member("f.contract.yaml", nil, group: nil),
            ServiceCodeAllocator.Member(file: "g.contract.yaml", code: nil, codeKeyWritten: true, group: "11"),
        ]
        let first = ServiceCodeAllocator.assign(members: members)
        let second = ServiceCodeAllocator.assign(members: members.reversed())
        #expect(first == second)
        // Path order: a before b; 1102 is taken, malformed and duplicate codes are left alone.
        #expect(first.map(\.file) == ["a.contract.yaml", "b.contract.yaml", "f.contract.yaml", "g.contract.yaml"])
        #expect(Self.codes(first)["a.contract.yaml"] == "1101")
        #expect(Self.codes(first)["b.contract.yaml"] == "1103")
        #expect(first[2].outcome == .unclassified)
        #expect(first[3].outcome == .unreadableCode)
    }

    @Test func allocatorReadsContracts() throws {
        let text = Examples.base(replacing: "code: \"1101\"\n", with: "")
        let contract = try #require(Linter.read(path: "A.contract.yaml", bytes: Array(text.utf8)).contract)
        let result = ServiceCodeAllocator.assign([contract])
        #expect(result.map { $0.code?.description } == ["1101"])
        #expect(result.first?.member.place == SourcePlace(line: 2, column: 1))
    }

    @Test func serviceCodeParsing() {
        #expect(ServiceCode("1101") == ServiceCode(group: "11", serial: 1))
        #expect(ServiceCode("3299")?.isOther == true)
        #expect(ServiceCode("101") == nil)
        #expect(ServiceCode("１１０１") == nil)
        #expect(ServiceCode(group: "23", serial: 7).description == "2307")
    }

    // MARK: Code rules

    @Test func duplicateCodeIsReportedInBothFilesNamingTheOther() throws {
        let a = ("A.contract.yaml", Examples.base)
        let b = ("B.contract.yaml", Self.service("PersonHistoryQuery", code: "1101"))
        let found = Linter.lint([a, b]).filter { $0.rule == "code-duplicate" }
        #expect(found.map(\.file) == ["A.contract.yaml", "B.contract.yaml"])
        let inA = try #require(found.first)
        let inB = try #require(found.last)
        #expect((inA.line, inA.column) == (3, 7))
        #expect(inA.message.contains("B.contract.yaml:3"))
        #expect(inB.message.contains("A.contract.yaml:3"))
        #expect(inA.related.map(\.file) == ["B.contract.yaml"])
        #expect(inB.related.map(\.file) == ["A.contract.yaml"])
        #expect(Self.rules(Linter.lint([a, b])) == ["code-duplicate", "code-duplicate"])
    }

    @Test func secondOtherEntryWithoutCodeIsADuplicate() {
        let a = ("A.contract.yaml", Self.service("OtherQuery", code: "1199", [Self.other]))
        let b = ("B.contract.yaml", Self.service("MiscQuery", code: nil, [Self.other]))
        let found = Linter.lint([a, b])
        #expect(Self.rules(found) == ["code-duplicate"])
        #expect(found.first?.file == "B.contract.yaml")
        #expect(found.first?.message.contains("A.contract.yaml:3") == true)
    }

    @Test func missingCodeNamesTheCodeItWouldGet() throws {
        let a = ("A.contract.yaml", Examples.base)
        let b = ("B.contract.yaml", Self.service("PersonHistoryQuery", code: nil))
        let found = Linter.lint([a, b])
        let d = try #require(found.first)
        #expect(Self.rules(found) == ["code-missing"])
        #expect(d.file == "B.contract.yaml" && d.line == 2)
        #expect(d.message.contains("contractc codes") && d.message.contains("\"1102\""))
    }

    @Test func unquotedCodeIsValueTypeOnly() {
        let text = Examples.base(replacing: "code: \"1101\"", with: "code: 1101")
        #expect(Self.rules(Linter.lint([("A.contract.yaml", text)])) == ["value-type"])
    }

    @Test func otherOfWrongKindIsNotAlsoCode99NotOther() {
        let text = Examples.base([("code: \"1101\"", "code: \"1199\""), ("  content: basicInfoQuery\n", "  content: basicInfoQuery\n  other: \"true\"\n")])
        #expect(Self.rules(Linter.lint([("A.contract.yaml", text)])) == ["value-type"])
    }

    @Test func threeContractsSharingACodeNameTheOtherTwo() {
        let files = [
            ("A.contract.yaml", Examples.base),
            ("B.contract.yaml", Self.service("PersonHistoryQuery", code: "1101")),
            ("C.contract.yaml", Self.service("PersonFamilyQuery", code: "1101")),
        ]
        let found = Linter.lint(files)
        #expect(Self.rules(found) == Array(repeating: "code-duplicate", count: 3))
        #expect(found.first?.message.contains("B.contract.yaml:3, C.contract.yaml:3") == true)
        #expect(found.first?.related.count == 2)
    }

    @Test func categoryMismatchSaysWhichDigitAndWhatItShouldBe() throws {
        let text = Examples.base(replacing: "code: \"1101\"", with: "code: \"2101\"")
        let d = try #require(Linter.lint([("A.contract.yaml", text)]).first)
        #expect(d.rule == "code-category-mismatch")
        #expect(d.message.hasPrefix("code 2101 starts with 2 (专项业务数据) but resource is general (1)"))
        #expect(d.message.contains("starts with 11"))
        #expect(d.related.count == 1)
    }

    @Test func exhaustedGroupIsReportedAtTheContractLeftWithout() {
        var files = ServiceCode.numberedSerials.map { serial -> (String, String) in
            let code = ServiceCode(group: "11", serial: serial).description
            return ("S\(code).contract.yaml", Self.service("PersonQuery\(code)", code: code))
        }
        files.append(("Z.contract.yaml", Self.service("PersonQueryNew", code: nil)))
        let found = Linter.lint(files)
        #expect(Self.rules(found) == ["code-serial-exhausted"])
        #expect(found.first?.file == "Z.contract.yaml")
        #expect(found.first?.message.contains("other: true") == true)
    }
}
