import ContractRules
import ContractSyntax
import Testing

/// The publishing, sharing and exchange rules (服务发布与巡检, 数据共享, 数据交换, 文件名命名规则)
/// and their helpers: ISO 8601 durations and the GB/T 2260 table.
@Suite("Publishing rules")
struct PublishingRuleTests {
    static func lint(_ text: String) -> [Diagnostic] {
        Linter.lint([("Example.contract.yaml", text)])
    }

    static func base(_ replacements: [(String, String)]) -> String { Examples.base(replacements) }

    static let fileFiles = "exchange: file\nfiles:\n  classification: A0102\n  region: \"510100\"\n  extensions: [csv, zip]\n"

    static func fileExchange(_ old: String, _ new: String) -> String {
        Examples.base(replacing: "exchange: interface\n",
            with: fileFiles.replacingOccurrencesOfFirst(old, with: new))
    }

    // MARK: ISO 8601 durations

    static let durations: [(text: String, seconds: Double)] = [
        ("P1D", 86_400), ("PT12H", 43_200), ("P1W", 604_800), ("PT1M", 60), ("P1M", 2_592_000),
        ("P1Y", 31_536_000), ("P0.5D", 43_200), ("PT1,5H", 5_400), ("PT0.5S", 0.5), ("PT0S", 0),
        ("P1Y2M3DT4H5M6S", 31_536_000 + 5_184_000 + 259_200 + 14_400 + 300 + 6),
        ("P1W2D", 777_600), ("P1DT0.5H", 88_200),
    ]

    @Test(arguments: durations)
    func durationsAreRead(text: String, seconds: Double) throws {
        let duration = try #require(ISODuration(text))
        #expect(duration.seconds == seconds)
        #expect(duration.description == text)
    }

    @Test(arguments: [
        "P", "PT", "P1H", "-P1D", "+P1D", "1D", "", "p1d", "P1DT", "PT1D", "P1S", "P1D1Y", "P1D1D",
        "P0.5D1H", "P0.5DT1H", "P.5D", "P1.D", "P1", "PD", "P1DTT1H", "P1Q", "P 1D", "P1D ", "P0001-02-03",
        "PT1H1M1H",
    ])
    func nonDurationsAreRefused(text: String) {
        #expect(ISODuration(text) == nil, "'\(text)' read as a duration")
        if case .failure(let error) = ISODuration.parse(text) {
            #expect(!error.message.isEmpty)
        } else {
            Issue.record("'\(text)' parsed")
        }
    }

    @Test func durationComponentsKeepTheirUnits() throws {
        let d = try #require(ISODuration("P1MT1M"))
        #expect(d.components.map(\.unit) == [.months, .minutes])
        #expect(d.seconds == 2_592_000 + 60)
    }

    @Test func durationReasonsSayWhatToWrite() {
        guard case .failure(let e) = ISODuration.parse("P1H") else { Issue.record("P1H parsed"); return }
        #expect(e.message.contains("PT1H"))
        guard case .failure(let n) = ISODuration.parse("-P1D") else { Issue.record("-P1D parsed"); return }
        #expect(n.message.contains("negative"))
    }

    @Test(arguments: ["P1D", "PT12H", "P1Y2M3DT4H5M6S", "P0.5D", "PT1M", "P1W"])
    func inspectionPeriodsAreAccepted(text: String) {
        let found = Self.lint(Examples.base(replacing: "  inspection: P1D", with: "  inspection: \(text)"))
        #expect(found.isEmpty, "\(found.map(\.message))")
    }

    @Test(arguments: ["PT0.5S", "PT59S", "PT0S", "P", "PT", "P1H", "-P1D", "1D", "PT1D"])
    func inspectionPeriodsAreRefused(text: String) throws {
        let found = Self.lint(Examples.base(replacing: "  inspection: P1D", with: "  inspection: \(text)"))
        #expect(found.map(\.rule) == ["inspection-invalid"], "\(found.map(\.message))")
        let d = try #require(found.first)
        #expect(d.line == 15 && d.column == 15, "reported at \(d.line):\(d.column)")
    }

    @Test func underAMinuteSaysSo() throws {
        let found = Self.lint(Examples.base(replacing: "  inspection: P1D", with: "  inspection: PT0.5S"))
        let d = try #require(found.first)
        #expect(d.message.contains("0.5 seconds"))
        #expect(d.message.contains("every minute"))
    }

    @Test func lowerCaseInspectionGetsTheUpperCaseForm() throws {
        let found = Self.lint(Examples.base(replacing: "  inspection: P1D", with: "  inspection: pt12h"))
        let d = try #require(found.first)
        #expect(d.message.contains("did you mean 'PT12H'?"))
    }

    // MARK: GB/T 2260

    @Test func gbt2260Table() {
        #expect(GBT2260.count == 3_429)
        #expect(GBT2260.name(of: "510100") == "成都市")
        #expect(GBT2260.name(of: "510118") == "新津区")
        #expect(GBT2260.name(of: "510117") == "郫都区")
        #expect(GBT2260.name(of: "510199") == nil)
        #expect(GBT2260.contains("110101"))
        #expect(!GBT2260.contains("510199"))
        #expect(!GBT2260.contains("5101"))
        #expect(!GBT2260.contains("51010O"))
        #expect(!GBT2260.contains("+51010"))
        #expect(!GBT2260.contains("５１０１００"))
        #expect(GBT2260.neighbours(of: "510199") == ["510129"])
        #expect(GBT2260.neighbours(of: "510100").allSatisfy { $0.hasPrefix("5101") && $0 != "510100" })
        #expect(GBT2260.neighbours(of: "abc") == [])
    }

    @Test func regionNotInTheTable() throws {
        let found = Self.lint(Self.fileExchange("\"510100\"", "\"510199\""))
        #expect(found.map(\.rule) == ["exchange-file-region"])
        let d = try #require(found.first)
        #expect(d.message.hasPrefix("region 510199 is not a GB/T 2260 code"))
        #expect(d.message.contains("did you mean \"510129\" (大邑县)?"))
        #expect(d.line == 21 && d.column == 11)
    }

    @Test func regionOneDigitAwayPrefersTheClosest() throws {
        let found = Self.lint(Self.fileExchange("\"510100\"", "\"510119\""))
        let d = try #require(found.first)
        #expect(d.message.contains("\"510118\" (新津区)"), "\(d.message)")
    }

    @Test func regionWithoutNeighbourSaysWhatToWrite() throws {
        let found = Self.lint(Self.fileExchange("\"510100\"", "\"000000\""))
        let d = try #require(found.first)
        #expect(d.message.hasPrefix("region 000000 is not a GB/T 2260 code"))
        #expect(!d.message.contains("did you mean"))
    }

    @Test(arguments: ["\"510100\"", "\"510118\"", "\"510117\"", "\"110101\""])
    func regionsInTheTableAreAccepted(region: String) {
        #expect(Self.lint(Self.fileExchange("\"510100\"", region)).isEmpty)
    }

    @Test func shortRegionSuggestsTheDivision() throws {
        let found = Self.lint(Self.fileExchange("\"510100\"", "\"5101\""))
        let d = try #require(found.first)
        #expect(found.map(\.rule) == ["exchange-file-region"])
        #expect(d.message.contains("did you mean \"510100\" (成都市)?"))
    }

    @Test func unquotedRegionIsOnlyAValueTypeError() {
        let found = Self.lint(Self.fileExchange("\"510100\"", "510100"))
        #expect(found.map(\.rule) == ["value-type"])
    }

    @Test func missingRegionIsReportedAtFiles() throws {
        let found = Self.lint(Self.fileExchange("  region: \"510100\"\n", ""))
        let d = try #require(found.first)
        #expect(found.map(\.rule) == ["exchange-file-region"])
        #expect(d.line == 19 && d.column == 1)
    }

    // MARK: Extensions

    @Test func extensionWithDot() throws {
        let found = Self.lint(Self.fileExchange("[csv, zip]", "[.csv, zip]"))
        #expect(found.map(\.rule) == ["exchange-file-extension"])
        let d = try #require(found.first)
        #expect(d.message.contains("did you mean 'csv'?"))
        #expect(d.line == 22 && d.column == 16)
    }

    @Test func upperCaseExtension() throws {
        let found = Self.lint(Self.fileExchange("[csv, zip]", "[csv, ZIP]"))
        let d = try #require(found.first)
        #expect(d.message.contains("did you mean 'zip'?"))
        #expect(d.column == 21)
    }

    @Test func extensionFixedIntoARepeat() throws {
        let found = Self.lint(Self.fileExchange("[csv, zip]", "[csv, .csv]"))
        #expect(found.count == 1)
        let d = try #require(found.first)
        #expect(d.message.contains("already listed"))
    }

    @Test func repeatedExtension() throws {
        let found = Self.lint(Self.fileExchange("[csv, zip]", "[csv, zip, csv]"))
        #expect(found.map(\.rule) == ["exchange-file-extension"])
        let d = try #require(found.first)
        #expect(d.message.contains("listed twice (first at line 22)"))
        #expect(d.column == 26)
    }

    @Test(arguments: ["[tar.gz]", "[abcdefghijk]", "['']", "[c s v]", "[表格]", "[\"csv \"]"])
    func malformedExtensions(list: String) {
        let found = Self.lint(Self.fileExchange("[csv, zip]", list))
        #expect(found.map(\.rule) == ["exchange-file-extension"], "\(found.map(\.message))")
    }

    @Test(arguments: ["[csv]", "[xlsx, 7z, zip]", "[abcdefghij]", "csv"])
    func wellFormedExtensions(list: String) {
        #expect(Self.lint(Self.fileExchange("[csv, zip]", list)).isEmpty)
    }

    @Test func emptyExtensionsAreReportedOnce() {
        #expect(Self.lint(Self.fileExchange("[csv, zip]", "[]")).map(\.rule) == ["exchange-file-extension"])
        // An item of the wrong kind is value-type's; the list left empty is not reported again.
        #expect(Self.lint(Self.fileExchange("[csv, zip]", "[123]")).map(\.rule) == ["value-type"])
    }

    // MARK: Classification, exchange and sharing

    @Test func lowerCaseClassificationCode() throws {
        let found = Self.lint(Self.fileExchange("A0102", "a01b2"))
        let d = try #require(found.first)
        #expect(found.map(\.rule) == ["exchange-file-classification"])
        #expect(d.message.contains("did you mean 'A01B2'?"))
    }

    @Test(arguments: ["A01020", "A-01", "Ａ0102", "''"])
    func malformedClassificationCodes(code: String) {
        #expect(Self.lint(Self.fileExchange("A0102", code)).map(\.rule) == ["exchange-file-classification"])
    }

    @Test func filesUnderAnotherModeAreNotChecked() {
        let text = Examples.base(replacing: "exchange: interface\n",
            with: "exchange: database\nfiles:\n  classification: a\n  region: \"999999\"\n  extensions: [.csv]\n")
        let found = Self.lint(text)
        #expect(found.map(\.rule) == ["files-forbidden"])
        #expect(found.first?.line == 19)
    }

    @Test func filesOfAnUnknownModeAreChecked() {
        let text = Examples.base(replacing: "exchange: interface\n",
            with: "exchange: files\nfiles:\n  classification: A0102\n  region: \"510199\"\n  extensions: [csv]\n")
        let found = Self.lint(text)
        #expect(found.map(\.rule) == ["exchange-invalid", "exchange-file-region"])
        #expect(found.first?.message.contains("did you mean 'file'?") == true)
    }

    @Test func classificationValuesListTheirLabels() throws {
        let found = Self.lint(Examples.base(replacing: "  resource: general", with: "  resource: 通用基础数据"))
        let d = try #require(found.first { $0.rule == "classification-invalid" })
        #expect(d.message.contains("did you mean 'general'?"))
        #expect(d.message.contains("specialized (2 专项业务数据)"))
    }

    @Test func serviceDigitSuggestsTheCategory() throws {
        let found = Self.lint(Examples.base(replacing: "  service: basicQuery", with: "  service: \"9\""))
        let d = try #require(found.first { $0.rule == "classification-invalid" })
        #expect(d.message.contains("did you mean 'other'?"))
    }

    @Test func remoteWithoutOriginIsReportedAtEndpoint() throws {
        let found = Self.lint(Examples.base(replacing: "  hosting: local", with: "  hosting: remote"))
        let d = try #require(found.first)
        #expect(found.map(\.rule) == ["origin-missing"])
        #expect(d.line == 12 && d.column == 1)
    }

    @Test func hostingWrittenWronglyIsValueTypeOnly() {
        let found = Self.lint(Examples.base(replacing: "  hosting: local", with: "  hosting: [remote]"))
        #expect(found.map(\.rule) == ["value-type"])
    }

    @Test func conditionsOfAWrongKindAreNotMissing() {
        let found = Self.lint(Examples.base(replacing: "  level: unconditional", with: "  level: conditional\n  conditions: [a, b]"))
        #expect(found.map(\.rule) == ["value-type"])
    }

    @Test func emptyValuesAreReportedOnceAtTheirBlock() {
        let remote = Self.lint(Examples.base(replacing: "  hosting: local", with: "  hosting: remote\n  origin:"))
        #expect(remote.map(\.rule) == ["origin-missing"])
        #expect(remote.first?.line == 12)
        let conditional = Self.lint(Examples.base(replacing: "  level: unconditional", with: "  level: conditional\n  conditions:"))
        #expect(conditional.map(\.rule) == ["sharing-conditions-missing"])
        let files = Self.lint(Examples.base(replacing: "exchange: interface\n",
            with: "exchange: file\nfiles:\n  classification:\n  region:\n  extensions:\n"))
        #expect(files.map(\.rule).sorted() == ["exchange-file-classification", "exchange-file-extension", "exchange-file-region"])
        #expect(files.allSatisfy { $0.line == 19 && ($0.message.contains("'files' has no") || $0.message.contains("has no value")) })
    }

    @Test func emptyValueNextToAWrongKind() {
        let files = Self.lint(Examples.base(replacing: "exchange: interface\n",
            with: "exchange: file\nfiles:\n  classification:\n  region: 510100\n  extensions: [csv]\n"))
        // The unquoted region is value-type's alone; the empty classification is reported at
        // 'files:' unless the reader's written keys cannot tell it from a wrong kind.
        #expect(files.filter { $0.rule == "value-type" }.count == 1)
        #expect(!files.contains { $0.rule == "exchange-file-region" })
        #expect(files.allSatisfy { $0.rule == "value-type" || ($0.rule == "exchange-file-classification" && $0.line == 19) })
    }

    @Test func misspeltOrEmptyKeysAreReportedByTheirOwnRules() {
        let misspelt = Self.lint(Examples.base(replacing: "  hosting: local", with: "  hosting: remote\n  orign: 四川省人力资源和社会保障厅"))
        #expect(misspelt.map(\.rule) == ["unknown-key"])
        let file = Self.lint(Examples.base(replacing: "exchange: interface\n",
            with: "exchange: file\nfile:\n  classification: A0102\n  region: \"510100\"\n  extensions: [csv]\n"))
        #expect(file.map(\.rule) == ["unknown-key"])
        let empty = Self.lint(Examples.base(replacing: "exchange: interface\n", with: "exchange: file\nfiles:\n"))
        #expect(empty.map(\.rule) == ["value-type"])
        let region = Self.lint(Self.fileExchange("  region: \"510100\"", "  regoin: \"510100\""))
        #expect(region.map(\.rule) == ["unknown-key"])
    }

    @Test func conditionsIgnoredIsAWarning() throws {
        let found = Self.lint(Examples.base(replacing: "  level: unconditional", with: "  level: none\n  conditions: 仅限本单位"))
        let d = try #require(found.first)
        #expect(found.map(\.rule) == ["sharing-conditions-ignored"])
        #expect(d.severity == .warning)
        #expect(d.line == 18)
    }
}

extension String {
    fileprivate func replacingOccurrencesOfFirst(_ old: String, with new: String) -> String {
        guard let range = firstRange(of: old) else { return self + "\nnot-found: [\(old)\n" }
        return String(self[..<range.lowerBound]) + new + String(self[range.upperBound...])
    }
}
