import ContractCompiler
import ContractModel
import ContractTestSupport
import Foundation
import Testing

// `contractc diff`: one test per kind of change on two folders made in the test, then the built
// binary on real git repositories made in the test (two commits).

/// A contract using every part `diff` compares: HTTP binding, scalar and record parameters,
/// a returned record, a returned list, return codes, sharing, catalogue facts.
private let base = """
    contract: 1
    interface: PersonInfoQuery
    code: "1101"
    title: 参保人员信息查询
    summary: 按公民身份号码查询参保人员
    version: 1.2.0
    owner: 成都市人力资源和社会保障局信息中心
    classification:
      resource: general
      service: basicQuery
      content: basicInfoQuery
    protocol: HTTPS
    endpoint:
      address: https://hrss.example.cn/api/person
      inspection: P1D
    sharing:
      level: conditional
      conditions: 仅限本辖区人社业务部门
    exchange: interface
    methods:
      - name: queryPerson
        summary: 按公民身份号码查询参保人员
        http:
          method: GET
          path: /persons/{idNumber}
        parameters:
          - name: idNumber
            type: C18
            description: 公民身份号码
            masking: idNumber
          - name: fullName
            type: string
            length: 1..50
            description: 姓名
            required: false
          - name: pageSize
            type: N..4
            description: 每页条数
            required: false
        returns:
          type: PersonInfo
          description: 参保人员基础信息
          codes:
            - code: 0
              name: success
              meaning: 查询成功
            - code: 1001
              name: personNotFound
              meaning: 未找到该人员
      - name: listPayments
        summary: 查询缴费记录
        parameters:
          - name: query
            type: PaymentQuery
            description: 查询条件
        returns:
          type: "[Payment]"
          maxItems: 100
          description: 缴费记录
          codes:
            - code: 0
              meaning: 查询成功
    types:
      PersonInfo:
        description: 参保人员基础信息
        fields:
          - name: fullName
            type: C..50
            description: 姓名
            masking: name
          - name: phone
            type: C..20
            description: 联系电话
            required: false
      PaymentQuery:
        description: 缴费查询条件
        fields:
          - name: idNumber
            type: C18
            description: 公民身份号码
          - name: year
            type: N..4
            description: 年度
            required: false
      Payment:
        description: 缴费记录
        fields:
          - name: amount
            type: N12,2
            description: 金额
          - name: month
            type: C6
            description: 缴费月份

    """

/// Another contract, for additions and removals.
private let other = """
    contract: 1
    interface: EmployerQuery
    code: "1102"
    title: 参保单位查询
    version: 1.0.0
    owner: 成都市人力资源和社会保障局信息中心
    classification:
      resource: general
      service: basicQuery
      content: basicInfoQuery
    protocol: HTTPS
    endpoint:
      address: https://hrss.example.cn/api/employer
      inspection: P1D
    sharing:
      level: unconditional
    exchange: interface
    methods:
      - name: queryEmployer
        summary: 查询参保单位
        parameters:
          - name: creditCode
            type: C18
            description: 统一社会信用代码
        returns:
          type: none
          description: 无返回数据
          codes:
            - code: 0
              meaning: 成功

    """

/// `text` with each edit applied once. An edit whose old text is missing leaves a marker that
/// makes the scenario's test fail (see ``Scenario/isValid``).
private func edited(_ text: String, _ edits: [(String, String)]) -> String {
    var result = text
    for (old, new) in edits {
        guard let range = result.range(of: old) else { return result + "\n# EDIT NOT APPLIED: \(old)\n" }
        result.replaceSubrange(range, with: new)
    }
    return result
}

/// `line:column` (1-based, columns in Unicode scalars) of `token` on the first line holding `line`
/// (after the first line holding `after`, when given).
private func place(in text: String, line: String, token: String? = nil, after: String? = nil) -> String {
    let lines = text.components(separatedBy: "\n")
    let start = after.flatMap { a in lines.firstIndex { $0.contains(a) } }.map { $0 + 1 } ?? 0
    guard let index = lines[start...].firstIndex(where: { $0.contains(line) }) else { return "no line '\(line)'" }
    let l = lines[index]
    guard let range = l.range(of: token ?? line) else { return "no token" }
    return "\(index + 1):\(l[l.startIndex..<range.lowerBound].unicodeScalars.count + 1)"
}

/// One change made to the contracts: the files before and after, and the kind it must report.
/// Each runs on two folders (``FolderDiff``) and on a git repository with two commits.
private struct Scenario: Sendable, CustomTestStringConvertible {
    var name: String
    var kind: DiffKind
    var old: [String: String]
    var new: [String: String]

    /// A change to `Person.contract.yaml`.
    init(_ name: String, _ kind: DiffKind, old: String = base, new: String) {
        self.name = name
        self.kind = kind
        self.old = ["Person.contract.yaml": old]
        self.new = ["Person.contract.yaml": new]
    }

    /// A change to the set of files.
    init(_ name: String, _ kind: DiffKind, oldFiles: [String: String], newFiles: [String: String]) {
        self.name = name
        self.kind = kind
        self.old = oldFiles
        self.new = newFiles
    }

    /// The old text of `Person.contract.yaml`.
    var oldText: String { old["Person.contract.yaml"] ?? "" }
    /// The new text of `Person.contract.yaml`.
    var newText: String { new["Person.contract.yaml"] ?? "" }
    /// Whether every edit applied.
    var isValid: Bool { !(old.values.contains { $0.contains("# EDIT NOT APPLIED") } || new.values.contains { $0.contains("# EDIT NOT APPLIED") }) }
    var testDescription: String { "\(name) (\(kind.id))" }
}

/// Every scenario, at least one per kind.
private enum Scenarios {
    static let interfaceRemoved = Scenario("interface removed", .interfaceRemoved,
        oldFiles: ["Person.contract.yaml": base], newFiles: ["Employer.contract.yaml": other])
    static let interfaceRenamed = Scenario("interface renamed", .interfaceRenamed,
        new: edited(base, [("interface: PersonInfoQuery", "interface: PersonQuery")]))
    static let codeChanged = Scenario("code changed", .codeChanged, new: edited(base, [("code: \"1101\"", "code: \"1199\"")]))
    static let codeRemoved = Scenario("code removed", .codeChanged, new: edited(base, [("code: \"1101\"\n", "")]))
    static let protocolChanged = Scenario("protocol changed", .protocolChanged, new: edited(base, [("protocol: HTTPS", "protocol: SOAP")]))
    static let sharingStricter = Scenario("sharing stricter", .sharingStricter, new: edited(base, [("level: conditional", "level: none")]))
    static let exchangeChanged = Scenario("exchange changed", .exchangeChanged, new: edited(base, [("exchange: interface", "exchange: cascade")]))
    static let methodRemoved = Scenario("method removed", .methodRemoved,
        new: edited(base, [("  - name: listPayments", "  - name: listPaymentRecords")]))
    static let httpBindingChanged = Scenario("HTTP binding changed", .httpBindingChanged, new: edited(base, [("method: GET", "method: POST")]))
    static let parameterRemoved = Scenario("parameter removed", .parameterRemoved,
        new: edited(base, [("      - name: pageSize\n        type: N..4\n        description: 每页条数\n        required: false\n", "")]))
    static let parameterRenamed = Scenario("parameter renamed", .parameterRenamed, new: edited(base, [("name: pageSize", "name: limit")]))
    static let parameterNowRequired = Scenario("parameter now required", .parameterNowRequired,
        new: edited(base, [("description: 姓名\n        required: false", "description: 姓名\n        required: true")]))
    static let newRequiredParameter = Scenario("new required parameter", .parameterNowRequired,
        new: edited(base, [("      - name: pageSize\n", "      - name: region\n        type: C6\n        description: 行政区划\n      - name: pageSize\n")]))
    static let parameterTypeChanged = Scenario("parameter type changed", .parameterTypeChanged,
        new: edited(base, [("name: pageSize\n        type: N..4", "name: pageSize\n        type: C..4")]))
    static let lengthNarrowed = Scenario("parameter length narrowed", .lengthNarrowed, new: edited(base, [("length: 1..50", "length: 1..30")]))
    static let inputFieldNarrowed = Scenario("field of a type callers send narrowed", .lengthNarrowed,
        new: edited(base, [("name: year\n        type: N..4", "name: year\n        type: N..2")]))
    static let returnTypeChanged = Scenario("return type changed", .returnTypeChanged,
        new: edited(base, [("type: PersonInfo\n      description:", "type: \"[PersonInfo]\"\n      description:")]))
    static let returnedFieldTypeChanged = Scenario("returned field type changed", .returnTypeChanged,
        new: edited(base, [("type: C..20", "type: N..11")]))
    static let fieldRemoved = Scenario("returned field removed", .fieldRemoved,
        new: edited(base, [("      - name: phone\n        type: C..20\n        description: 联系电话\n        required: false\n", "")]))
    static let fieldRenamed = Scenario("returned field renamed", .fieldRenamed, new: edited(base, [("name: month", "name: period")]))
    static let fieldWidened = Scenario("returned field widened", .fieldWidened, new: edited(base, [("type: C..50", "type: C..80")]))
    static let fieldNowOptional = Scenario("returned field now optional", .fieldWidened,
        new: edited(base, [("        masking: name\n", "        masking: name\n        required: false\n")]))
    static let returnedListBoundWidened = Scenario("returned list bound widened", .fieldWidened,
        new: edited(base, [("maxItems: 100", "maxItems: 500")]))
    static let returnCodeRemoved = Scenario("return code removed", .returnCodeRemoved,
        new: edited(base, [("        - code: 1001\n          name: personNotFound\n          meaning: 未找到该人员\n", "")]))
    static let returnCodeMeaningChanged = Scenario("return code meaning changed", .returnCodeMeaningChanged,
        new: edited(base, [("meaning: 未找到该人员", "meaning: 该人员已注销")]))
    static let returnCodeRenamed = Scenario("return code renamed", .returnCodeRenamed,
        new: edited(base, [("name: personNotFound", "name: notFound")]))

    static let interfaceAdded = Scenario("interface added", .interfaceAdded,
        oldFiles: ["Person.contract.yaml": base], newFiles: ["Person.contract.yaml": base, "Employer.contract.yaml": other])
    static let codeAdded = Scenario("code added", .codeAdded, old: edited(base, [("code: \"1101\"\n", "")]), new: base)
    static let methodAdded = Scenario("method added", .methodAdded, new: edited(base, [("types:", """
          - name: countPersons
            summary: 统计参保人数
            returns:
              type: N..10
              description: 人数
              codes:
                - code: 0
                  meaning: 成功
        types:
        """)]))
    static let parameterAdded = Scenario("optional parameter added", .parameterAdded,
        new: edited(base, [("      - name: pageSize\n", "      - name: region\n        type: C6\n        description: 行政区划\n        required: false\n      - name: pageSize\n")]))
    static let parameterNowOptional = Scenario("parameter now optional", .parameterNowOptional,
        new: edited(base, [("masking: idNumber", "masking: idNumber\n        required: false")]))
    static let lengthWidened = Scenario("parameter length widened", .lengthWidened, new: edited(base, [("length: 1..50", "length: 1..100")]))
    static let fieldAdded = Scenario("returned field added", .fieldAdded,
        new: edited(base, [("        masking: name\n", "        masking: name\n      - name: gender\n        type: C1\n        description: 性别\n")]))
    static let fieldNarrowed = Scenario("returned field narrowed", .fieldNarrowed, new: edited(base, [("type: C..50", "type: C..30")]))
    static let decimalNarrowed = Scenario("returned decimal narrowed", .fieldNarrowed, new: edited(base, [("type: N12,2", "type: N10,2")]))
    static let fieldNowRequired = Scenario("returned field now required", .fieldNowRequired,
        new: edited(base, [("description: 联系电话\n        required: false\n", "description: 联系电话\n")]))
    static let returnCodeAdded = Scenario("return code added", .returnCodeAdded,
        new: edited(base, [("          meaning: 未找到该人员\n", "          meaning: 未找到该人员\n        - code: 1002\n          meaning: 证件号码错误\n")]))
    static let sharingRelaxed = Scenario("sharing relaxed", .sharingRelaxed,
        new: edited(base, [("level: conditional\n  conditions: 仅限本辖区人社业务部门", "level: unconditional")]))
    static let maskingChanged = Scenario("masking changed", .maskingChanged, new: edited(base, [("masking: name", "masking: full")]))
    static let documentationChanged = Scenario("documentation changed", .documentationChanged,
        new: edited(base, [("title: 参保人员信息查询", "title: 参保人员基础信息查询"), ("description: 每页条数", "description: 每页返回的条数")]))
    static let addressChanged = Scenario("address changed", .addressChanged, new: edited(base, [("api/person", "api/v2/person")]))
    static let catalogueChanged = Scenario("catalogue changed", .catalogueChanged, new: edited(base, [("inspection: P1D", "inspection: PT12H")]))
    static let contractUnreadable = Scenario("new file unreadable", .contractUnreadable, new: "contract: 1\ninterface: [unclosed\n")

    static let all: [Scenario] = [
        interfaceRemoved, interfaceRenamed, codeChanged, codeRemoved, protocolChanged, sharingStricter, exchangeChanged,
        methodRemoved, httpBindingChanged, parameterRemoved, parameterRenamed, parameterNowRequired, newRequiredParameter,
        parameterTypeChanged, lengthNarrowed, inputFieldNarrowed, returnTypeChanged, returnedFieldTypeChanged, fieldRemoved,
        fieldRenamed, fieldWidened, fieldNowOptional, returnedListBoundWidened, returnCodeRemoved, returnCodeMeaningChanged,
        returnCodeRenamed,
        interfaceAdded, codeAdded, methodAdded, parameterAdded, parameterNowOptional, lengthWidened, fieldAdded, fieldNarrowed,
        decimalNarrowed, fieldNowRequired, returnCodeAdded, sharingRelaxed, maskingChanged, documentationChanged,
        addressChanged, catalogueChanged, contractUnreadable,
    ]
}

/// Two folders made for one test: `old/` and `new/` holding the given files.
private struct FolderDiff {
    var root: URL
    var run: DiffRun
    var oldFile: String
    var newFile: String

    /// Writes the files (by name) into `old/` and `new/` and compares them.
    init(old: [String: String], new: [String: String], name: String = #function) throws {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        root = FileManager.default.temporaryDirectory.appendingPathComponent("contractc-diff-\(safe)-\(UUID().uuidString.prefix(8))")
        for (side, files) in [("old", old), ("new", new)] {
            let folder = root.appendingPathComponent(side)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (file, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(file)) }
        }
        run = DiffDriver.run(old: root.appendingPathComponent("old").path, new: root.appendingPathComponent("new").path)
        oldFile = root.appendingPathComponent("old/Person.contract.yaml").path
        newFile = root.appendingPathComponent("new/Person.contract.yaml").path
        try? FileManager.default.removeItem(at: root)
    }

    /// One contract file, old and new text.
    init(_ old: String, _ new: String, name: String = #function) throws {
        try self.init(old: ["Person.contract.yaml": old], new: ["Person.contract.yaml": new], name: name)
    }

    /// A scenario's files.
    init(_ scenario: Scenario, name: String = #function) throws {
        #expect(scenario.isValid, "an edit of '\(scenario.name)' does not apply to the fixture")
        try self.init(old: scenario.old, new: scenario.new, name: name)
    }

    /// The report as text, with the folders' paths written as `contracts/` (as a git revision shows them).
    var textAsInRepository: String {
        DiffReporter.render(run, format: .text)
            .replacingOccurrences(of: root.appendingPathComponent("old").path + "/", with: "contracts/")
            .replacingOccurrences(of: root.appendingPathComponent("new").path + "/", with: "contracts/")
    }

    /// The rule ids reported, in report order.
    var rules: [String] { run.changes.map(\.rule) }

    /// The changes of a kind.
    func changes(_ kind: DiffKind) -> [DiffChange] { run.changes.filter { $0.kind == kind } }
}

@Suite("contractc diff: breaking changes (folders)")
struct DiffBreakingTests {
    /// Checks one breaking change: its only appearance, its file and place, severity error
    /// (same major version) and exit code 1.
    private func expectBreaking(
        _ diff: FolderDiff, _ kind: DiffKind, inOld: Bool = false, at expected: String, message: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let found = diff.changes(kind)
        #expect(found.count == 1, "\(kind.id): \(diff.run.changes.map { "\($0.rule) \($0.message)" })", sourceLocation: sourceLocation)
        guard let c = found.first else { return }
        #expect(c.isBreaking, sourceLocation: sourceLocation)
        #expect(c.severity == .error, sourceLocation: sourceLocation)
        #expect(c.file == (inOld ? diff.oldFile : diff.newFile), sourceLocation: sourceLocation)
        #expect("\(c.line):\(c.column)" == expected, "\(c.message)", sourceLocation: sourceLocation)
        if let message { #expect(c.message.contains(message), "\(c.message)", sourceLocation: sourceLocation) }
        if kind != .interfaceRemoved {
            #expect(c.message.contains("raise the major version to 2.0.0"), sourceLocation: sourceLocation)
        }
        #expect(diff.run.exitCode(strict: false) == 1, sourceLocation: sourceLocation)
        #expect(diff.run.errorCount >= 1, sourceLocation: sourceLocation)
    }

    @Test func identicalContractsHaveNoChanges() throws {
        let diff = try FolderDiff(base, base)
        #expect(diff.run.changes.isEmpty)
        #expect(diff.run.exitCode(strict: true) == 0)
        #expect(diff.run.summary == "0 breaking changes (0 errors, 0 warnings), 0 other changes in 1 contract")
    }

    @Test func interfaceRemoved() throws {
        let diff = try FolderDiff(Scenarios.interfaceRemoved)
        expectBreaking(diff, .interfaceRemoved, inOld: true, at: "2:12", message: "interface PersonInfoQuery (code 1101, version 1.2.0) was removed")
        #expect(diff.rules.sorted() == ["diff-interface-added", "diff-interface-removed"])
    }

    @Test func interfaceRemovalIsAlwaysAnError() throws {
        // Nothing in NEW can announce the removal: it stays an error.
        let diff = try FolderDiff(old: ["Person.contract.yaml": base], new: [:])
        #expect(diff.rules == ["diff-interface-removed"])
        #expect(diff.run.changes.first?.severity == .error)
    }

    @Test func interfaceRenamedKeepsItsCode() throws {
        let diff = try FolderDiff(Scenarios.interfaceRenamed)
        expectBreaking(diff, .interfaceRenamed, at: "2:12", message: "interface PersonInfoQuery was renamed to PersonQuery")
        // A rename, compared in full: not a removal and an addition.
        #expect(diff.rules == ["diff-interface-renamed"])
    }

    @Test func codeChanged() throws {
        let diff = try FolderDiff(Scenarios.codeChanged)
        expectBreaking(diff, .codeChanged, at: "3:7", message: "changed from 1101 to 1199")
        #expect(diff.rules == ["diff-code-changed"])
    }

    @Test func codeRemoved() throws {
        let diff = try FolderDiff(Scenarios.codeRemoved)
        expectBreaking(diff, .codeChanged, at: "1:1", message: "the service code 1101 of PersonInfoQuery was removed")
    }

    @Test func protocolChanged() throws {
        let s = Scenarios.protocolChanged
        let diff = try FolderDiff(s)
        expectBreaking(diff, .protocolChanged, at: place(in: s.newText, line: "protocol: SOAP", token: "SOAP"), message: "from HTTPS to SOAP")
        #expect(diff.rules == ["diff-protocol-changed"])
    }

    @Test func sharingStricter() throws {
        let s = Scenarios.sharingStricter
        let diff = try FolderDiff(s)
        expectBreaking(diff, .sharingStricter, at: place(in: s.newText, line: "level: none", token: "none"), message: "from conditional (有条件共享) to none (不予共享)")
        #expect(diff.rules == ["diff-sharing-stricter"])
    }

    @Test func exchangeChanged() throws {
        let s = Scenarios.exchangeChanged
        let diff = try FolderDiff(s)
        expectBreaking(diff, .exchangeChanged, at: place(in: s.newText, line: "exchange: cascade", token: "cascade"))
    }

    @Test func methodRemovedPointsAtOld() throws {
        let diff = try FolderDiff(Scenarios.methodRemoved)
        expectBreaking(diff, .methodRemoved, inOld: true, at: place(in: base, line: "name: listPayments", token: "listPayments"),
            message: "method listPayments of PersonInfoQuery was removed")
        // The related place is the methods of NEW.
        #expect(diff.changes(.methodRemoved).first?.related.first?.file == diff.newFile)
        #expect(diff.changes(.methodAdded).count == 1)
    }

    @Test func httpBindingChanged() throws {
        let s = Scenarios.httpBindingChanged
        let diff = try FolderDiff(s)
        expectBreaking(diff, .httpBindingChanged, at: place(in: s.newText, line: "method: POST", token: "POST"),
            message: "moved from GET /persons/{idNumber} to POST /persons/{idNumber}")
    }

    @Test func parameterRemovedPointsAtOld() throws {
        let diff = try FolderDiff(Scenarios.parameterRemoved)
        expectBreaking(diff, .parameterRemoved, inOld: true, at: place(in: base, line: "name: pageSize", token: "pageSize"),
            message: "parameter 'pageSize' of queryPerson was removed")
        #expect(diff.rules == ["diff-parameter-removed"])
    }

    @Test func parameterRenamedAtTheSamePositionWithTheSameType() throws {
        let s = Scenarios.parameterRenamed
        let diff = try FolderDiff(s)
        expectBreaking(diff, .parameterRenamed, at: place(in: s.newText, line: "name: limit", token: "limit"),
            message: "parameter 'pageSize' of queryPerson was renamed to 'limit'")
        #expect(diff.rules == ["diff-parameter-renamed"])
    }

    @Test func parameterWithAnotherTypeIsRemovedAndAddedNotRenamed() throws {
        let new = edited(base, [("name: pageSize\n        type: N..4", "name: limit\n        type: N..6")])
        let diff = try FolderDiff(base, new)
        #expect(diff.rules.sorted() == ["diff-parameter-added", "diff-parameter-removed"])
    }

    @Test func parameterNowRequired() throws {
        let s = Scenarios.parameterNowRequired
        let diff = try FolderDiff(s)
        expectBreaking(diff, .parameterNowRequired, at: place(in: s.newText, line: "required: true", token: "true"),
            message: "parameter 'fullName' of queryPerson is now required")
        #expect(diff.rules == ["diff-parameter-now-required"])
    }

    @Test func newRequiredParameter() throws {
        let s = Scenarios.newRequiredParameter
        let diff = try FolderDiff(s)
        expectBreaking(diff, .parameterNowRequired, at: place(in: s.newText, line: "name: region", token: "region"),
            message: "parameter 'region' of queryPerson is new and required")
        #expect(diff.rules == ["diff-parameter-now-required"])
    }

    @Test func parameterTypeChanged() throws {
        let s = Scenarios.parameterTypeChanged
        let diff = try FolderDiff(s)
        expectBreaking(diff, .parameterTypeChanged, at: place(in: s.newText, line: "type: C..4", token: "C..4"),
            message: "the type of parameter 'pageSize' of queryPerson changed from integer 4 to string 1..4")
        #expect(diff.rules == ["diff-parameter-type-changed"])
    }

    @Test func lengthNarrowed() throws {
        let s = Scenarios.lengthNarrowed
        let diff = try FolderDiff(s)
        expectBreaking(diff, .lengthNarrowed, at: place(in: s.newText, line: "length: 1..30", token: "1..30"),
            message: "maximum length 50 → 30 (string 1..50 → string 1..30)")
        #expect(diff.rules == ["diff-length-narrowed"])
    }

    @Test func lengthNarrowedInAFieldCallersSend() throws {
        // PaymentQuery is a parameter type: its fields are judged as parameters.
        let s = Scenarios.inputFieldNarrowed
        let diff = try FolderDiff(s)
        expectBreaking(diff, .lengthNarrowed, at: place(in: s.newText, line: "type: N..2", token: "N..2"), message: "field 'year' of PaymentQuery (a type callers send)")
    }

    @Test func returnTypeChanged() throws {
        let s = Scenarios.returnTypeChanged
        let diff = try FolderDiff(s)
        expectBreaking(diff, .returnTypeChanged, at: place(in: s.newText, line: "type: \"[PersonInfo]\"", token: "\"[PersonInfo]\""),
            message: "the type of the return value of queryPerson changed from PersonInfo to [PersonInfo]")
        #expect(diff.rules == ["diff-return-type-changed"])
    }

    @Test func returnedFieldTypeChanged() throws {
        let s = Scenarios.returnedFieldTypeChanged
        let diff = try FolderDiff(s)
        expectBreaking(diff, .returnTypeChanged, at: place(in: s.newText, line: "type: N..11", token: "N..11"), message: "field 'phone' of PersonInfo")
    }

    @Test func fieldRemovedPointsAtOld() throws {
        let diff = try FolderDiff(Scenarios.fieldRemoved)
        expectBreaking(diff, .fieldRemoved, inOld: true, at: place(in: base, line: "name: phone", token: "phone"),
            message: "field 'phone' of PersonInfo (a type the service returns) was removed")
        #expect(diff.rules == ["diff-field-removed"])
    }

    @Test func fieldRenamed() throws {
        let s = Scenarios.fieldRenamed
        let diff = try FolderDiff(s)
        expectBreaking(diff, .fieldRenamed, at: place(in: s.newText, line: "name: period", token: "period"), message: "field 'month' of Payment")
        #expect(diff.rules == ["diff-field-renamed"])
    }

    @Test func fieldWidened() throws {
        let s = Scenarios.fieldWidened
        let diff = try FolderDiff(s)
        expectBreaking(diff, .fieldWidened, at: place(in: s.newText, line: "type: C..80", token: "C..80"),
            message: "field 'fullName' of PersonInfo (a type the service returns) was widened: maximum length 50 → 80")
        #expect(diff.rules == ["diff-field-widened"])
    }

    @Test func returnedFieldBecomingOptionalIsWidened() throws {
        let s = Scenarios.fieldNowOptional
        let diff = try FolderDiff(s)
        expectBreaking(diff, .fieldWidened, at: place(in: s.newText, line: "required: false", token: "false", after: "masking: name"),
            message: "field 'fullName' of PersonInfo (a type the service returns) is now optional")
    }

    @Test func returnedListBoundWidened() throws {
        let s = Scenarios.returnedListBoundWidened
        let diff = try FolderDiff(s)
        expectBreaking(diff, .fieldWidened, at: place(in: s.newText, line: "maxItems: 500", token: "500"), message: "maxItems 100 → 500")
    }

    @Test func returnCodeRemovedPointsAtOld() throws {
        let diff = try FolderDiff(Scenarios.returnCodeRemoved)
        expectBreaking(diff, .returnCodeRemoved, inOld: true, at: place(in: base, line: "code: 1001", token: "1001"),
            message: "return code 1001 of queryPerson was removed")
        #expect(diff.rules == ["diff-return-code-removed"])
    }

    @Test func returnCodeMeaningChanged() throws {
        let s = Scenarios.returnCodeMeaningChanged
        let diff = try FolderDiff(s)
        expectBreaking(diff, .returnCodeMeaningChanged, at: place(in: s.newText, line: "meaning: 该人员已注销", token: "该人员已注销"),
            message: "from '未找到该人员' to '该人员已注销'")
        #expect(diff.rules == ["diff-return-code-meaning-changed"])
    }

    @Test func returnCodeRenamed() throws {
        let s = Scenarios.returnCodeRenamed
        let diff = try FolderDiff(s)
        expectBreaking(diff, .returnCodeRenamed, at: place(in: s.newText, line: "name: notFound", token: "notFound"))
    }
}

@Suite("contractc diff: other changes (folders)")
struct DiffNoteTests {
    /// Checks one change that breaks nobody: a note at its place in NEW, and exit 0 even under --strict.
    private func expectNote(
        _ diff: FolderDiff, _ kind: DiffKind, at expected: String, message: String? = nil, only: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let found = diff.changes(kind)
        #expect(found.count == 1, "\(kind.id): \(diff.run.changes.map { "\($0.rule) \($0.message)" })", sourceLocation: sourceLocation)
        if only { #expect(diff.rules == [kind.id], sourceLocation: sourceLocation) }
        guard let c = found.first else { return }
        #expect(!c.isBreaking, sourceLocation: sourceLocation)
        #expect(c.severity == .note, sourceLocation: sourceLocation)
        #expect(c.diagnostic == nil, sourceLocation: sourceLocation)
        #expect(c.file == diff.newFile, sourceLocation: sourceLocation)
        #expect("\(c.line):\(c.column)" == expected, "\(c.message)", sourceLocation: sourceLocation)
        if let message { #expect(c.message.contains(message), "\(c.message)", sourceLocation: sourceLocation) }
        #expect(diff.run.exitCode(strict: true) == 0, sourceLocation: sourceLocation)
        #expect(diff.run.diagnostics.isEmpty, sourceLocation: sourceLocation)
    }

    @Test func interfaceAdded() throws {
        let diff = try FolderDiff(Scenarios.interfaceAdded)
        #expect(diff.rules == ["diff-interface-added"])
        let c = try #require(diff.changes(.interfaceAdded).first)
        #expect(c.file.hasSuffix("new/Employer.contract.yaml"))
        #expect("\(c.line):\(c.column)" == "2:12")
        #expect(c.severity == .note)
        #expect(diff.run.exitCode(strict: true) == 0)
        #expect(diff.run.summary == "0 breaking changes (0 errors, 0 warnings), 1 other change in 2 contracts")
    }

    @Test func codeAdded() throws {
        let diff = try FolderDiff(Scenarios.codeAdded)
        expectNote(diff, .codeAdded, at: "3:7", message: "was given the service code 1101")
    }

    @Test func methodAdded() throws {
        let s = Scenarios.methodAdded
        let diff = try FolderDiff(s)
        expectNote(diff, .methodAdded, at: place(in: s.newText, line: "name: countPersons", token: "countPersons"), message: "method countPersons of PersonInfoQuery is new")
    }

    @Test func optionalParameterAdded() throws {
        let s = Scenarios.parameterAdded
        let diff = try FolderDiff(s)
        expectNote(diff, .parameterAdded, at: place(in: s.newText, line: "name: region", token: "region"), message: "parameter 'region' of queryPerson is new (optional)")
    }

    @Test func parameterNowOptional() throws {
        let s = Scenarios.parameterNowOptional
        let diff = try FolderDiff(s)
        expectNote(diff, .parameterNowOptional, at: place(in: s.newText, line: "required: false", token: "false", after: "masking: idNumber"),
            message: "parameter 'idNumber' of queryPerson is now optional")
    }

    @Test func lengthWidened() throws {
        let s = Scenarios.lengthWidened
        let diff = try FolderDiff(s)
        expectNote(diff, .lengthWidened, at: place(in: s.newText, line: "length: 1..100", token: "1..100"), message: "maximum length 50 → 100")
    }

    @Test func fieldAdded() throws {
        let s = Scenarios.fieldAdded
        let diff = try FolderDiff(s)
        expectNote(diff, .fieldAdded, at: place(in: s.newText, line: "name: gender", token: "gender"), message: "field 'gender' of PersonInfo (a type the service returns) is new")
    }

    @Test func fieldNarrowed() throws {
        let s = Scenarios.fieldNarrowed
        let diff = try FolderDiff(s)
        expectNote(diff, .fieldNarrowed, at: place(in: s.newText, line: "type: C..30", token: "C..30"), message: "maximum length 50 → 30")
    }

    @Test func decimalDigitsNarrowedInAReturnedFieldIsANote() throws {
        // Returned values that get shorter still fit what consumers store.
        let s = Scenarios.decimalNarrowed
        let diff = try FolderDiff(s)
        expectNote(diff, .fieldNarrowed, at: place(in: s.newText, line: "type: N10,2", token: "N10,2"), message: "digits before the point 10 → 8")
    }

    @Test func fieldNowRequired() throws {
        let s = Scenarios.fieldNowRequired
        let diff = try FolderDiff(s)
        expectNote(diff, .fieldNowRequired, at: place(in: s.newText, line: "name: phone", token: "phone"), message: "field 'phone' of PersonInfo (a type the service returns) is now required")
    }

    @Test func returnCodeAdded() throws {
        let s = Scenarios.returnCodeAdded
        let diff = try FolderDiff(s)
        expectNote(diff, .returnCodeAdded, at: place(in: s.newText, line: "code: 1002", token: "1002"), message: "return code 1002 of queryPerson is new")
    }

    @Test func sharingRelaxed() throws {
        let s = Scenarios.sharingRelaxed
        let diff = try FolderDiff(s)
        expectNote(diff, .sharingRelaxed, at: place(in: s.newText, line: "level: unconditional", token: "unconditional"), only: false)
        // The conditions went with it.
        #expect(diff.rules.sorted() == ["diff-catalogue-changed", "diff-sharing-relaxed"])
    }

    @Test func maskingChanged() throws {
        let s = Scenarios.maskingChanged
        let diff = try FolderDiff(s)
        expectNote(diff, .maskingChanged, at: place(in: s.newText, line: "masking: full", token: "full"), message: "from name to full")
    }

    @Test func documentationChanged() throws {
        let s = Scenarios.documentationChanged
        let diff = try FolderDiff(s)
        #expect(diff.rules == ["diff-documentation-changed", "diff-documentation-changed"])
        #expect(diff.run.changes.map { "\($0.line):\($0.column)" } == [
            place(in: s.newText, line: "title:", token: "参保"), place(in: s.newText, line: "description: 每页返回的条数", token: "每页"),
        ])
        #expect(diff.run.changes.allSatisfy { $0.severity == .note })
        #expect(diff.run.changes.first?.message.contains("the title of PersonInfoQuery changed") == true)
        #expect(diff.run.exitCode(strict: true) == 0)
    }

    @Test func addressChangedAsksToRepublishTheCatalogue() throws {
        let s = Scenarios.addressChanged
        let diff = try FolderDiff(s)
        expectNote(diff, .addressChanged, at: place(in: s.newText, line: "address:", token: "https"), message: "republish the catalogue (`contractc catalogue`)")
    }

    @Test func catalogueChanged() throws {
        let s = Scenarios.catalogueChanged
        let diff = try FolderDiff(s)
        expectNote(diff, .catalogueChanged, at: place(in: s.newText, line: "inspection:", token: "PT12H"), message: "the inspection period of PersonInfoQuery changed from P1D to PT12H")
    }

    @Test func unreadableNewFileIsANoteAndNotARemoval() throws {
        let diff = try FolderDiff(Scenarios.contractUnreadable)
        #expect(diff.rules == ["diff-contract-unreadable"])
        #expect(diff.run.changes.first?.severity == .note)
        #expect(diff.run.exitCode(strict: true) == 0)
    }

    @Test func everyKindHasAScenario() {
        #expect(Set(Scenarios.all.map(\.kind)) == Set(DiffKind.allCases))
        #expect(Scenarios.all.allSatisfy { $0.isValid })
    }
}

@Suite("contractc diff: severity policy and reports")
struct DiffPolicyTests {
    @Test func majorBumpMakesBreakingChangesWarnings() throws {
        let new = edited(base, [("version: 1.2.0", "version: 2.0.0"), ("length: 1..50", "length: 1..30"), ("api/person", "api/v2/person")])
        let diff = try FolderDiff(base, new)
        #expect(diff.rules == ["diff-address-changed", "diff-length-narrowed"])
        let narrowed = try #require(diff.changes(.lengthNarrowed).first)
        #expect(narrowed.severity == .warning)
        #expect(narrowed.message.contains("announced by the major version 1.2.0 → 2.0.0"))
        #expect(diff.changes(.addressChanged).first?.severity == .note)
        #expect(diff.run.exitCode(strict: false) == 0)
        #expect(diff.run.exitCode(strict: true) == 1)
        #expect(diff.run.summary == "1 breaking change (0 errors, 1 warning), 1 other change in 1 contract")
    }

    @Test func minorBumpKeepsThemErrors() throws {
        let new = edited(base, [("version: 1.2.0", "version: 1.3.0"), ("length: 1..50", "length: 1..30")])
        let diff = try FolderDiff(base, new)
        #expect(diff.changes(.lengthNarrowed).first?.severity == .error)
        #expect(diff.run.exitCode(strict: false) == 1)
    }

    @Test func renameWithMajorBumpIsAWarning() throws {
        let new = edited(base, [("version: 1.2.0", "version: 2.0.0"), ("interface: PersonInfoQuery", "interface: PersonQuery")])
        let diff = try FolderDiff(base, new)
        #expect(diff.changes(.interfaceRenamed).first?.severity == .warning)
    }

    @Test func majorVersions() {
        #expect(ContractDiff.major("1.2.0") == 1)
        #expect(ContractDiff.major("12.0.1-rc.1+b") == 12)
        #expect(ContractDiff.major("v2.0.0") == 2)
        #expect(ContractDiff.major("x") == nil)
        #expect(ContractDiff.major(nil) == nil)
    }

    @Test func typeUsedBothWaysReportsTheBreakingSide() throws {
        // Payment both sent and returned: narrowing breaks callers, widening breaks consumers.
        let both = edited(base, [("      - name: query\n        type: PaymentQuery", "      - name: query\n        type: Payment")])
        let narrowed = try FolderDiff(both, edited(both, [("type: N12,2", "type: N10,2")]))
        #expect(narrowed.rules == ["diff-length-narrowed"])
        #expect(narrowed.run.changes.first?.message.contains("(a type both sent and returned)") == true)
        let widened = try FolderDiff(both, edited(both, [("type: N12,2", "type: N14,2")]))
        #expect(widened.rules == ["diff-field-widened"])
        // An exact length that moves both ways breaks both sides.
        let shifted = try FolderDiff(both, edited(both, [("type: C6", "type: C8")]))
        #expect(shifted.rules == ["diff-field-widened", "diff-length-narrowed"])
    }

    @Test func orderIsFileLineColumnRule() throws {
        let new = edited(base, [("title: 参保人员信息查询", "title: 新标题"), ("length: 1..50", "length: 1..30"), ("api/person", "api/v2/person")])
        let diff = try FolderDiff(base, new)
        let keys = diff.run.changes.map { ($0.line, $0.column) }
        #expect(keys.map(\.0) == keys.map(\.0).sorted())
        #expect(diff.rules == ["diff-documentation-changed", "diff-address-changed", "diff-length-narrowed"])
    }

    @Test func reportsInEveryFormatParse() throws {
        let new = edited(base, [("length: 1..50", "length: 1..30"), ("api/person", "api/v2/person")])
        let diff = try FolderDiff(base, new)
        let text = DiffReporter.render(diff.run, format: .text)
        #expect(text.contains(": error: parameter 'fullName' of queryPerson was narrowed"))
        #expect(text.contains(": note: the address of PersonInfoQuery changed"))
        #expect(text.hasSuffix("1 breaking change (1 error, 0 warnings), 1 other change in 1 contract\n"))

        let json = try #require(try JSONSerialization.jsonObject(with: Data(DiffReporter.render(diff.run, format: .json).utf8)) as? [[String: Any]])
        #expect(json.compactMap { $0["severity"] as? String } == ["note", "error"])
        #expect(json.compactMap { $0["rule"] as? String } == ["diff-address-changed", "diff-length-narrowed"])
        #expect(json.compactMap { $0["breaking"] as? Bool } == [false, true])

        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(DiffReporter.render(diff.run, format: .sarif).utf8)) as? [String: Any])
        #expect(sarif["version"] as? String == "2.1.0")
        let runs = try #require(sarif["runs"] as? [[String: Any]])
        let results = try #require(runs.first?["results"] as? [[String: Any]])
        #expect(results.compactMap { $0["level"] as? String } == ["note", "error"])
        let driver = try #require((runs.first?["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect((driver["rules"] as? [Any])?.count == DiffKind.allCases.count)

        let github = DiffReporter.render(diff.run, format: .github).split(separator: "\n")
        #expect(github.count == 3)
        #expect(github[0].hasPrefix("::notice file="))
        #expect(github[1].hasPrefix("::error file="))
        #expect(github[1].contains(",title=diff-length-narrowed::"))
    }

    @Test func everyKindHasAUniqueKebabCaseIdAndASummary() {
        let ids = DiffKind.allCases.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.hasPrefix("diff-") && $0.allSatisfy { $0.isLowercase || $0 == "-" } })
        #expect(DiffKind.allCases.allSatisfy { !$0.summary.isEmpty })
        #expect(DiffKind.allCases.filter { $0.isRemoval }.allSatisfy { $0.isBreaking })
    }

    @Test func docsListEveryKind() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: root.appendingPathComponent("docs/breaking-changes.md"), encoding: .utf8)
        for kind in DiffKind.allCases {
            #expect(doc.contains("| `\(kind.id)` |"), "docs/breaking-changes.md does not describe \(kind.id)")
        }
        #expect(doc.contains("contractc diff origin/${{ github.base_ref }} HEAD --format github"))
        #expect(doc.contains("fetch-depth: 0"))
    }

    @Test func missingFolderAndUnknownRevisionCannotRun() {
        let run = DiffDriver.run(old: "/nonexistent/contractc-diff-old", new: "/nonexistent/contractc-diff-new")
        #expect(run.exitCode(strict: false) == 2)
        #expect(run.toolProblems.count == 2)
    }
}

// MARK: - Git repositories and the built binary

/// Runs the built `contractc` binary and git (the pattern of EndToEndTests/Support.swift).
private enum DiffCLI {
    typealias Output = TestProcess.Output

    static let root = TestProcess.root
    static let binary = TestProcess.contractc

    /// Runs `contractc ARGUMENTS` in a folder.
    static func contractc(_ arguments: [String], in directory: URL) async throws -> Output {
        try await run(binary, arguments, in: directory)
    }

    /// Runs `git ARGUMENTS` in a folder, failing the test when git fails.
    @discardableResult
    static func git(_ arguments: [String], in directory: URL, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Output {
        let out = try await run(URL(fileURLWithPath: "/usr/bin/env"), ["git"] + arguments, in: directory)
        #expect(out.status == 0, "git \(arguments.joined(separator: " ")): \(out.stderr)", sourceLocation: sourceLocation)
        return out
    }

    /// Runs a program, waiting off Swift concurrency's cooperative pool.
    static func run(_ executable: URL, _ arguments: [String], in directory: URL) async throws -> Output {
        try await TestProcess.runOffPool(executable, arguments, in: directory)
    }

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// A new git repository with one commit per state of the files (path → text; a file of one
    /// state missing from the next is deleted), configured locally so that no global
    /// configuration matters.
    static func repository(_ commits: [[String: String]], name: String = #function) async throws -> URL {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("contractc-diff-git-\(safe)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try await git(["init", "-q"], in: url)
        try await git(["config", "user.name", "Contract Tester"], in: url)
        try await git(["config", "user.email", "tester@example.cn"], in: url)
        try await git(["config", "commit.gpgsign", "false"], in: url)
        var previous: [String: String] = [:]
        for (i, files) in commits.enumerated() {
            for path in previous.keys where files[path] == nil { try FileManager.default.removeItem(at: url.appendingPathComponent(path)) }
            for (path, text) in files { try write(text, to: url.appendingPathComponent(path)) }
            previous = files
            try await git(["add", "-A"], in: url)
            try await git(["commit", "-q", "-m", "state \(i + 1)"], in: url)
        }
        return url
    }
}

@Suite("contractc diff on git repositories (the built binary)")
struct DiffGitTests {
    private static let path = "contracts/Person.contract.yaml"

    /// Every scenario of the folder tests as two commits: `diff HEAD~1 HEAD` prints what the
    /// folders print (paths aside), with the exit code of its severity.
    @Test(arguments: Scenarios.all) fileprivate func everyKindBetweenTwoCommits(_ scenario: Scenario) async throws {
        func inContracts(_ files: [String: String]) -> [String: String] {
            Dictionary(uniqueKeysWithValues: files.map { ("contracts/" + $0.key, $0.value) })
        }
        let repo = try await DiffCLI.repository([inContracts(scenario.old), inContracts(scenario.new)], name: scenario.name)
        defer { try? FileManager.default.removeItem(at: repo) }
        let out = try await DiffCLI.contractc(["diff", "HEAD~1", "HEAD"], in: repo)
        let folders = try FolderDiff(scenario, name: scenario.name)
        #expect(out.stdout.contains("[\(scenario.kind.id)]\n"), "\(out.stdout)\(out.stderr)")
        #expect(out.stdout == folders.textAsInRepository)
        #expect(out.status == (scenario.kind.isBreaking ? 1 : 0))
        #expect(out.stderr.isEmpty)
    }

    @Test func breakingChangesBetweenTwoCommits() async throws {
        let new = edited(base, [
            ("      - name: pageSize\n        type: N..4\n        description: 每页条数\n        required: false\n", ""),
            ("length: 1..50", "length: 1..30"),
            ("api/person", "api/v2/person"),
            ("name: month", "name: period"),
        ])
        let repo = try await DiffCLI.repository([[Self.path: base], [Self.path: new]])
        defer { try? FileManager.default.removeItem(at: repo) }
        let out = try await DiffCLI.contractc(["diff", "HEAD~1", "HEAD"], in: repo)
        #expect(out.status == 1, "\(out.stdout)\(out.stderr)")
        let lines = out.stdout.split(separator: "\n").map(String.init)
        let p = Self.path
        #expect(lines.contains { $0.hasPrefix("\(p):\(place(in: new, line: "address:", token: "https")): note: ") && $0.hasSuffix("[diff-address-changed]") })
        #expect(lines.contains { $0.hasPrefix("\(p):\(place(in: new, line: "length: 1..30", token: "1..30")): error: ") && $0.hasSuffix("[diff-length-narrowed]") })
        #expect(lines.contains { $0.hasPrefix("\(p):\(place(in: new, line: "name: period", token: "period")): error: ") && $0.hasSuffix("[diff-field-renamed]") })
        // A removal points at the old file and line.
        #expect(lines.contains { $0.hasPrefix("\(p):\(place(in: base, line: "name: pageSize", token: "pageSize")): error: ") && $0.hasSuffix("[diff-parameter-removed]") })
        #expect(lines.last == "3 breaking changes (3 errors, 0 warnings), 1 other change in 1 contract")
    }

    @Test func revisionAgainstTheWorkingFolder() async throws {
        let repo = try await DiffCLI.repository([[Self.path: base], [Self.path: edited(base, [("api/person", "api/v2/person")])]])
        defer { try? FileManager.default.removeItem(at: repo) }
        // Uncommitted: a return code removed, a new interface.
        let working = edited(base, [
            ("api/person", "api/v2/person"),
            ("        - code: 1001\n          name: personNotFound\n          meaning: 未找到该人员\n", ""),
        ])
        try DiffCLI.write(working, to: repo.appendingPathComponent(Self.path))
        try DiffCLI.write(other, to: repo.appendingPathComponent("contracts/Employer.contract.yaml"))
        let out = try await DiffCLI.contractc(["diff", "HEAD~1", "."], in: repo)
        #expect(out.status == 1, "\(out.stdout)\(out.stderr)")
        let rules = out.stdout.split(separator: "\n").filter { $0.hasSuffix("]") }.compactMap { $0.split(separator: "[").last.map { String($0.dropLast()) } }
        #expect(rules.sorted() == ["diff-address-changed", "diff-interface-added", "diff-return-code-removed"])
        #expect(out.stdout.contains("\(Self.path):\(place(in: base, line: "code: 1001", token: "1001")): error: return code 1001 of queryPerson was removed"))
        #expect(out.stdout.contains("contracts/Employer.contract.yaml:2:12: note: interface EmployerQuery (code 1102) is new"))
        // Committed history alone: only the address.
        let committed = try await DiffCLI.contractc(["diff", "HEAD~1", "HEAD"], in: repo)
        #expect(committed.status == 0)
        #expect(committed.stdout.hasSuffix("0 breaking changes (0 errors, 0 warnings), 1 other change in 1 contract\n"))
    }

    @Test func renameAcrossCommitsAndMajorBump() async throws {
        let renamed = edited(base, [("interface: PersonInfoQuery", "interface: PersonQuery"), ("version: 1.2.0", "version: 2.0.0")])
        let repo = try await DiffCLI.repository([
            [Self.path: base],
            // The file is renamed too: paired by service code, reported as a rename.
            ["contracts/PersonQuery.contract.yaml": renamed],
        ])
        defer { try? FileManager.default.removeItem(at: repo) }
        let out = try await DiffCLI.contractc(["diff", "HEAD~1", "HEAD"], in: repo)
        #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
        #expect(out.stdout.contains("contracts/PersonQuery.contract.yaml:2:12: warning: interface PersonInfoQuery was renamed to PersonQuery"))
        #expect(!out.stdout.contains("diff-interface-removed"))
        let strict = try await DiffCLI.contractc(["diff", "HEAD~1", "HEAD", "--strict"], in: repo)
        #expect(strict.status == 1)
    }

    @Test func formatsParse() async throws {
        let new = edited(base, [("length: 1..50", "length: 1..30"), ("title: 参保人员信息查询", "title: 参保人员基础信息查询")])
        let repo = try await DiffCLI.repository([[Self.path: base], [Self.path: new]])
        defer { try? FileManager.default.removeItem(at: repo) }

        let json = try await DiffCLI.contractc(["diff", "HEAD~1", "HEAD", "--format", "json"], in: repo)
        #expect(json.status == 1)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(array.compactMap { $0["rule"] as? String } == ["diff-documentation-changed", "diff-length-narrowed"])
        #expect(array.compactMap { $0["severity"] as? String } == ["note", "error"])
        #expect(array.compactMap { $0["file"] as? String } == [Self.path, Self.path])
        #expect(json.stderr.contains("1 breaking change (1 error, 0 warnings), 1 other change in 1 contract"))

        let sarif = try await DiffCLI.contractc(["diff", "HEAD~1", "HEAD", "--format", "sarif"], in: repo)
        #expect(sarif.status == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        #expect(document["version"] as? String == "2.1.0")
        let results = try #require((document["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        #expect(results.compactMap { $0["ruleId"] as? String } == ["diff-documentation-changed", "diff-length-narrowed"])

        let github = try await DiffCLI.contractc(["diff", "HEAD~1", "HEAD", "--format", "github"], in: repo)
        #expect(github.status == 1)
        let lines = github.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("::notice file=contracts/Person.contract.yaml,line=4,col=8,title=diff-documentation-changed::") == true)
        #expect(lines.dropFirst().first?.hasPrefix("::error file=contracts/Person.contract.yaml,line=\(place(in: new, line: "length: 1..30", token: "1..30").replacingOccurrences(of: ":", with: ",col=")),title=diff-length-narrowed::") == true)

        let junit = try await DiffCLI.contractc(["diff", "HEAD~1", "HEAD", "--format", "junit"], in: repo)
        #expect(junit.status == 2)
    }

    @Test func unknownRevisionCannotRun() async throws {
        let repo = try await DiffCLI.repository([[Self.path: base]])
        defer { try? FileManager.default.removeItem(at: repo) }
        let out = try await DiffCLI.contractc(["diff", "no-such-branch", "HEAD"], in: repo)
        #expect(out.status == 2)
        #expect(out.stderr.contains("'no-such-branch' is neither a file or folder nor a revision of the git repository"))
        #expect(out.stdout.isEmpty)
        let outside = FileManager.default.temporaryDirectory
        let notRepo = try await DiffCLI.contractc(["diff", "HEAD~1", "HEAD"], in: outside.appendingPathComponent("."))
        #expect(notRepo.status == 2)
    }

    @Test func linksHiddenFoldersAndSubfolders() async throws {
        // A link to a contract is read through (as the folder walk does); hidden folders are skipped.
        let repo = try await DiffCLI.repository([[Self.path: base, ".hidden/Old.contract.yaml": other]])
        defer { try? FileManager.default.removeItem(at: repo) }
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("example"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: repo.appendingPathComponent("example/Person.contract.yaml").path,
            withDestinationPath: "../contracts/Person.contract.yaml")
        try await DiffCLI.git(["add", "-A"], in: repo)
        try await DiffCLI.git(["commit", "-q", "-m", "link"], in: repo)
        let same = try await DiffCLI.contractc(["diff", "HEAD", "."], in: repo)
        #expect(same.status == 0, "\(same.stdout)\(same.stderr)")
        #expect(same.stdout == "0 breaking changes (0 errors, 0 warnings), 0 other changes in 2 contracts\n")
        // From a subfolder, like git ls-tree: only what is below it, with paths relative to it.
        try DiffCLI.write(edited(base, [("length: 1..50", "length: 1..30")]), to: repo.appendingPathComponent(Self.path))
        let sub = try await DiffCLI.contractc(["diff", "HEAD", "."], in: repo.appendingPathComponent("contracts"))
        #expect(sub.status == 1)
        #expect(sub.stdout.hasPrefix("Person.contract.yaml:\(place(in: base, line: "length: 1..50", token: "1..50")): error: "))
        #expect(sub.stdout.hasSuffix("1 breaking change (1 error, 0 warnings), 0 other changes in 1 contract\n"))
    }
}
