import ContractRuntime
import Foundation
import Testing

struct PersonInfo: Codable, Hashable, Sendable, ContractValidatable {
    var fullName: String
    var idNumber: String
    var age: Int64
    var salary: Decimal
    var photo: Data?
    var nickname: String?
    var phones: [String]

    func collectIssues(into v: inout Validator, at path: String) {
        v.string(fullName, at: path + ".fullName", min: 1, max: 50)
        v.string(idNumber, at: path + ".idNumber", min: 18, max: 18)
        v.integer(age, at: path + ".age", digits: 3)
        v.decimal(salary, at: path + ".salary", precision: 12, scale: 2)
        v.binary(photo, at: path + ".photo", max: 1024)
        v.string(nickname, at: path + ".nickname", max: 10)
        v.count(phones.count, at: path + ".phones", maxItems: 3)
        v.each(phones, at: path + ".phones") { v, phone, at in
            v.string(phone, at: at, min: 11, max: 11)
        }
    }
}

struct QueryPersonInfoInput: Codable, Hashable, Sendable, ContractValidatable {
    var persons: [PersonInfo]
    var owner: PersonInfo?
    var note: String?

    func collectIssues(into v: inout Validator, at path: String) {
        v.count(persons.count, at: path + ".persons", minItems: 1, maxItems: 100)
        v.nested(persons, at: path + ".persons")
        v.nested(owner, at: path + ".owner", required: true)
        v.string(note, at: path + ".note", max: 5)
    }
}

func validPerson() -> PersonInfo {
    PersonInfo(
        fullName: "张三", idNumber: "510104199001011234", age: 36,
        salary: Decimal(string: "1234567890.12") ?? 0, photo: nil, nickname: nil, phones: ["13812345678"]
    )
}

/// The single problem a validator found, or nil.
func problem(_ build: (inout Validator) -> Void) -> String? {
    var v = Validator()
    build(&v)
    return v.issues.count == 1 ? v.issues[0].problem : (v.issues.isEmpty ? nil : v.issues.map(\.problem).joined(separator: "|"))
}

func dec(_ text: String) -> Decimal {
    Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? .nan
}

@Suite("Validation")
struct ValidationTests {
    @Test func issueAndErrorDescriptions() {
        let issue = ValidationIssue(path: "PersonInfo.fullName", problem: "51 characters, at most 50")
        #expect(issue.description == "PersonInfo.fullName: 51 characters, at most 50")
        let error = ValidationError(issues: [issue, ValidationIssue(path: "PersonInfo.age", problem: "4 digits, at most 3")])
        #expect(error.description == "PersonInfo.fullName: 51 characters, at most 50; PersonInfo.age: 4 digits, at most 3")
        #expect(error.errorDescription == error.description)
    }

    @Test func stringMessages() {
        #expect(problem { $0.string(String(repeating: "字", count: 51), at: "p", min: 1, max: 50) } == "51 characters, at most 50")
        #expect(problem { $0.string(String(repeating: "1", count: 17), at: "p", min: 18, max: 18) } == "17 characters, exactly 18")
        #expect(problem { $0.string(String(repeating: "1", count: 19), at: "p", min: 18, max: 18) } == "19 characters, exactly 18")
        #expect(problem { $0.string("", at: "p", min: 1, max: 50) } == "0 characters, at least 1")
        #expect(problem { $0.string("", at: "p", max: 50) } == "0 characters, at least 1")
        #expect(problem { $0.string("ab", at: "p", min: 0, max: 1) } == "2 characters, at most 1")
        #expect(problem { $0.string("ab", at: "p", max: 1) } == "2 characters, exactly 1")
        #expect(problem { $0.string("a", at: "p", min: 2, max: 5) } == "1 character, at least 2")
        #expect(problem { $0.string(String(repeating: "a", count: 50), at: "p", max: 50) } == nil)
        #expect(problem { $0.string(String(repeating: "1", count: 18), at: "p", min: 18, max: 18) } == nil)
    }

    @Test func stringsCountCharactersNotScalarsOrBytes() {
        let family = "👨‍👩‍👧"          // 5 scalars, 18 UTF-8 bytes, one Character
        let accented = "e\u{301}"     // e + combining acute, one Character
        let flag = "🇨🇳"
        #expect(family.unicodeScalars.count == 5)
        #expect(problem { $0.string(family, at: "p", max: 1) } == nil)
        #expect(problem { $0.string(accented, at: "p", max: 1) } == nil)
        #expect(problem { $0.string(flag + family + accented, at: "p", max: 3) } == nil)
        #expect(problem { $0.string(flag + family + accented, at: "p", max: 2) } == "3 characters, at most 2")
        #expect(problem { $0.string("张三丰", at: "p", min: 3, max: 3) } == nil)
    }

    @Test func optionalAndRequired() {
        let none: String? = nil
        #expect(problem { $0.string(none, at: "p", max: 5) } == nil)
        #expect(problem { $0.string(none, at: "p", max: 5, required: true) } == "required")
        #expect(problem { $0.string(Optional("toolong"), at: "p", max: 5) } == "7 characters, at most 5")
        let noInt: Int64? = nil
        #expect(problem { $0.integer(noInt, at: "p", digits: 2, required: true) } == "required")
        let noDecimal: Decimal? = nil
        #expect(problem { $0.decimal(noDecimal, at: "p", precision: 2, scale: 0, required: true) } == "required")
        let noData: Data? = nil
        #expect(problem { $0.binary(noData, at: "p", max: 1, required: true) } == "required")
        var v = Validator()
        #expect(v.required(Optional<Int>.none, at: "X.y") == false)
        #expect(v.required(Optional(1), at: "X.z") == true)
        #expect(v.issues == [ValidationIssue(path: "X.y", problem: "required")])
    }

    @Test func integerDigits() {
        #expect(problem { $0.integer(Int64(999), at: "p", digits: 3) } == nil)
        #expect(problem { $0.integer(Int64(-999), at: "p", digits: 3) } == nil)
        #expect(problem { $0.integer(Int64(1000), at: "p", digits: 3) } == "4 digits, at most 3")
        #expect(problem { $0.integer(Int64(-1000), at: "p", digits: 3) } == "4 digits, at most 3")
        #expect(problem { $0.integer(Int64(0), at: "p", digits: 1) } == nil)
        #expect(problem { $0.integer(Int64.min, at: "p", digits: 18) } == "19 digits, at most 18")
        #expect(problem { $0.integer(Int64.max, at: "p", digits: 18) } == "19 digits, at most 18")
        #expect(problem { $0.integer(999_999_999_999_999_999 as Int64, at: "p", digits: 18) } == nil)
        #expect(problem { $0.integer(1_234_567_890_123, at: "p", digits: 12) } == "13 digits, at most 12")
    }

    @Test func decimalPrecisionAndScale() {
        #expect(problem { $0.decimal(dec("1234567890.12"), at: "p", precision: 12, scale: 2) } == nil)
        #expect(problem { $0.decimal(dec("-1234567890.12"), at: "p", precision: 12, scale: 2) } == nil)
        #expect(problem { $0.decimal(dec("12345678901.12"), at: "p", precision: 12, scale: 2) } == "13 digits, at most 12")
        #expect(problem { $0.decimal(dec("-12345678901.12"), at: "p", precision: 12, scale: 2) } == "13 digits, at most 12")
        #expect(problem { $0.decimal(dec("12345678901.1"), at: "p", precision: 12, scale: 2) } == "11 digits before the point, at most 10")
        #expect(problem { $0.decimal(dec("1.234"), at: "p", precision: 12, scale: 2) } == "3 decimal places, at most 2")
        #expect(problem { $0.decimal(dec("-1.234"), at: "p", precision: 12, scale: 2) } == "3 decimal places, at most 2")
        #expect(problem { $0.decimal(dec("0.1"), at: "p", precision: 1, scale: 1) } == nil)
        #expect(problem { $0.decimal(dec("-0.1"), at: "p", precision: 1, scale: 1) } == nil)
        #expect(problem { $0.decimal(dec("0.1"), at: "p", precision: 12, scale: 0) } == "1 decimal place, at most 0")
        #expect(problem { $0.decimal(dec("0.001"), at: "p", precision: 3, scale: 3) } == nil)
        #expect(problem { $0.decimal(dec("0"), at: "p", precision: 1, scale: 0) } == nil)
        #expect(problem { $0.decimal(dec("1.50"), at: "p", precision: 2, scale: 1) } == nil)
        #expect(problem { $0.decimal(dec("100"), at: "p", precision: 3, scale: 0) } == nil)
        #expect(problem { $0.decimal(dec("1000"), at: "p", precision: 3, scale: 0) } == "4 digits, at most 3")
        #expect(problem { $0.decimal(dec("1e20"), at: "p", precision: 21, scale: 0) } == nil)
        #expect(problem { $0.decimal(dec("1e20"), at: "p", precision: 20, scale: 0) } == "21 digits, at most 20")
        #expect(problem { $0.decimal(dec("1e-20"), at: "p", precision: 38, scale: 19) } == "20 decimal places, at most 19")
        #expect(problem { $0.decimal(Decimal.nan, at: "p", precision: 12, scale: 2) } == "not a number")
        #expect(problem { $0.decimal(Decimal(0.1), at: "p", precision: 12, scale: 2) } == nil)
    }

    @Test func binaryAndCount() {
        #expect(problem { $0.binary(Data(count: 1024), at: "p", max: 1024) } == nil)
        #expect(problem { $0.binary(Data(count: 1025), at: "p", max: 1024) } == "1025 bytes, at most 1024")
        #expect(problem { $0.count(100, at: "p", maxItems: 100) } == nil)
        #expect(problem { $0.count(101, at: "p", maxItems: 100) } == "101 items, at most 100")
        #expect(problem { $0.count(0, at: "p", minItems: 1, maxItems: 100) } == "0 items, at least 1")
        #expect(problem { $0.count(1_000_000, at: "p", maxItems: nil) } == nil)
    }

    @Test func validModelPasses() throws {
        try validPerson().validate()
        try QueryPersonInfoInput(persons: [validPerson()], owner: validPerson(), note: nil).validate()
    }

    @Test func topLevelPathsAndAccumulation() {
        var person = validPerson()
        person.fullName = String(repeating: "名", count: 51)
        person.age = 1000
        person.idNumber = "51010419900101123"
        #expect(throws: ValidationError.self) { try person.validate() }
        do {
            try person.validate()
            Issue.record("expected a ValidationError")
        } catch let error as ValidationError {
            #expect(error.issues == [
                ValidationIssue(path: "PersonInfo.fullName", problem: "51 characters, at most 50"),
                ValidationIssue(path: "PersonInfo.idNumber", problem: "17 characters, exactly 18"),
                ValidationIssue(path: "PersonInfo.age", problem: "4 digits, at most 3"),
            ])
            #expect(error.description == "PersonInfo.fullName: 51 characters, at most 50; PersonInfo.idNumber: 17 characters, exactly 18; PersonInfo.age: 4 digits, at most 3")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func nestedAndListPaths() {
        var bad = validPerson()
        bad.fullName = ""
        bad.phones = ["1381234567", "13812345678"]
        let input = QueryPersonInfoInput(persons: [validPerson(), validPerson(), bad], owner: nil, note: "123456")
        var v = Validator()
        input.collectIssues(into: &v, at: "QueryPersonInfoInput")
        #expect(v.issues.map(\.description) == [
            "QueryPersonInfoInput.persons[2].fullName: 0 characters, at least 1",
            "QueryPersonInfoInput.persons[2].phones[0]: 10 characters, exactly 11",
            "QueryPersonInfoInput.owner: required",
            "QueryPersonInfoInput.note: 6 characters, at most 5",
        ])
        #expect(throws: ValidationError(issues: v.issues)) { try input.validate() }
    }

    @Test func mergeReroots() {
        var bad = validPerson()
        bad.age = -1234
        var v = Validator()
        do {
            try bad.validate()
        } catch {
            v.merge(error, prefix: "Outer.people[1]")
        }
        v.merge(CancellationError(), prefix: "Outer.x")
        #expect(v.issues.first == ValidationIssue(path: "Outer.people[1].age", problem: "4 digits, at most 3"))
        #expect(v.issues.count == 2)
        var w = Validator()
        w.merge(v)
        #expect(w == v)
        #expect(!w.isValid)
        #expect(throws: ValidationError.self) { try w.finish() }
        #expect(Validator.path("A.list", index: 3) == "A.list[3]")
        #expect(Validator.path("A", field: "b") == "A.b")
        #expect(PersonInfo.contractTypeName == "PersonInfo")
    }

    @Test func emptyValidatorFinishes() throws {
        let v = Validator()
        #expect(v.isValid)
        try v.finish()
    }
}
