import ContractRuntime
import Foundation
import Testing

@Suite("Routing, parameters and handler answers")
struct RoutingTests {
    // MARK: - Path templates

    @Test func templateMatchesSegmentsAndDecodesValues() {
        let template = ContractPathTemplate("/persons/{idNumber}/insurances")
        #expect(template.isValid)
        #expect(template.variables == ["idNumber"])
        #expect(template.match("/persons/510104199001011234/insurances") == ["idNumber": "510104199001011234"])
        #expect(template.match("/persons/5101%2004%2Fx/insurances") == ["idNumber": "5101 04/x"])
        #expect(template.match("/persons/%E5%BC%A0/insurances/") == ["idNumber": "张"])
        #expect(template.match("/persons//insurances") == nil)
        #expect(template.match("/persons/a/b/insurances") == nil)
        #expect(template.match("/persons/a") == nil)
        #expect(template.match("/persons/%zz/insurances") == nil)
    }

    @Test func templateWithTextAndVariablesInOneSegment() {
        let template = ContractPathTemplate("/files/{name}.{extension}")
        #expect(template.match("/files/A01022026510100.csv") == ["name": "A01022026510100", "extension": "csv"])
        #expect(template.match("/files/a.b.csv") == ["name": "a", "extension": "b.csv"])
        #expect(template.match("/files/.csv") == nil)
    }

    @Test func invalidTemplatesMatchNothing() {
        for text in ["/a/{x", "/a/{}", "/a/x}", "/a/{x}{y}", "/a/{{x}}"] {
            let template = ContractPathTemplate(text)
            #expect(!template.isValid, "\(text)")
            #expect(template.match("/a/b") == nil)
        }
        #expect(ContractPathTemplate("/").match("/") == [:])
        #expect(ContractPathTemplate("/").match("") == [:])
    }

    @Test func routerPrefersTheMostSpecificTemplate() {
        var router = ContractRouter<String>()
        router.add(method: "GET", path: "/persons/{idNumber}", route: "byId")
        router.add(method: "GET", path: "/persons/by-ssn", route: "list")
        router.add(method: "GET", path: "/persons/by-ssn/{number}", route: "bySSN")
        router.add(method: "POST", path: "/persons/search", route: "search")
        router.add(method: "GET", path: "/{anything}/by-ssn/{number}", route: "loose")

        func found(_ method: String, _ path: String) -> (String, [String: String])? {
            if case .found(let route, let values) = router.match(method: method, path: path) { return (route, values) }
            return nil
        }
        #expect(found("GET", "/persons/42")?.0 == "byId")
        #expect(found("GET", "/persons/42")?.1 == ["idNumber": "42"])
        #expect(found("GET", "/persons/by-ssn")?.0 == "list")
        #expect(found("GET", "/persons/by-ssn/7")?.0 == "bySSN")
        #expect(found("GET", "/other/by-ssn/7")?.0 == "loose")
        #expect(found("GET", "/persons/search")?.0 == "byId")
        #expect(found("POST", "/persons/search")?.0 == "search")
        if case .methodNotAllowed(let allowed) = router.match(method: "DELETE", path: "/persons/search") {
            #expect(allowed == ["GET", "POST"])
        } else {
            Issue.record("expected 405")
        }
        if case .notFound = router.match(method: "GET", path: "/nothing/here/at/all") {} else {
            Issue.record("expected 404")
        }
        if case .methodNotAllowed = router.match(method: "get", path: "/persons/42") {} else {
            Issue.record("methods compare exactly")
        }
    }

    // MARK: - Parameter values

    @Test func parameterTextRoundTrips() throws {
        #expect(Int64(parameterText: "-42") == -42)
        #expect(Int64(parameterText: "+7") == 7)
        #expect(Int64(parameterText: "4.0") == nil)
        #expect(Int64(parameterText: "") == nil)
        #expect(Int64(parameterText: "99999999999999999999") == nil)
        #expect(Int64(-42).parameterText == "-42")
        #expect(Decimal(parameterText: "1234.50")?.parameterText == "1234.5")
        #expect(Decimal(parameterText: "-0.01") == Decimal(string: "-0.01"))
        for bad in ["1e5", "1.", ".5", "12abc", "1,5", "NaN", ""] {
            #expect(Decimal(parameterText: bad) == nil, "\(bad)")
        }
        #expect(Bool(parameterText: "true") == true)
        #expect(Bool(parameterText: "false") == false)
        #expect(Bool(parameterText: "1") == nil)
        #expect(Data(parameterText: "AAEC") == Data([0, 1, 2]))
        #expect(Data([0, 1, 2]).parameterText == "AAEC")
        #expect(Data(parameterText: "not base64!") == nil)
        #expect(ContractDate(parameterText: "2026-02-28")?.parameterText == "2026-02-28")
        #expect(ContractDate(parameterText: "2026-02-30") == nil)
        #expect(ContractDateTime(parameterText: "2026-11-29T08:30:00+08:00")?.parameterText == "2026-11-29T08:30:00+08:00")
        #expect(ContractDateTime(parameterText: "2026-11-29T08:30:00") == nil)
        #expect(String(parameterText: "任何 text") == "任何 text")
    }

    @Test func queryWriterLeavesOutNilAndRepeatsLists() throws {
        struct Filter: Codable { var b: Int; var a: String }
        var query = ContractQueryWriter()
        query.add("name", "张三")
        query.add("missing", Optional<String>.none)
        query.add("months", [Int64(202601), 202602])
        query.add("none", Optional<[Int64]>.none)
        query.add("flag", true)
        try query.addJSON("filter", Filter(b: 1, a: "x/y"))
        try query.addJSON("nothing", Optional<Filter>.none)
        #expect(query.items == [
            ContractQueryItem("name", "张三"), ContractQueryItem("months", "202601"), ContractQueryItem("months", "202602"),
            ContractQueryItem("flag", "true"), ContractQueryItem("filter", #"{"a":"x/y","b":1}"#),
        ])
    }

    @Test func readerCollectsEveryProblem() {
        var reader = ContractParameterReader(
            typeName: "ListInput",
            pathValues: ["id": "42", "month": "abc"],
            query: [ContractQueryItem("page", "x"), ContractQueryItem("tag", "a"), ContractQueryItem("tag", "b"),
                    ContractQueryItem("n", "1"), ContractQueryItem("n", "z"), ContractQueryItem("json", "{bad")])
        #expect(reader.path("id", as: Int64.self) == 42)
        #expect(reader.path("month", as: Int64.self) == nil)
        #expect(reader.path("absent", as: String.self) == nil)
        #expect(reader.query("page", as: Int64.self, required: false) == nil)
        #expect(reader.query("tag", as: String.self, required: false) == nil)
        #expect(reader.query("optional", as: String.self, required: false) == nil)
        #expect(reader.query("needed", as: String.self, required: true) == nil)
        #expect(reader.queryList("tag", of: String.self, required: true) == ["a", "b"])
        #expect(reader.queryList("n", of: Int64.self, required: true) == nil)
        #expect(reader.queryList("none", of: Int64.self, required: false) == nil)
        #expect(reader.queryJSON("json", as: [String].self, required: false) == nil)
        #expect(!reader.isValid)
        #expect(reader.error.issues.map(\.description) == [
            "ListInput.month: 'abc' is not an integer",
            "ListInput.absent: required",
            "ListInput.page: 'x' is not an integer",
            "ListInput.tag: given 2 times, expected once",
            "ListInput.needed: required",
            "ListInput.n[1]: 'z' is not an integer",
            reader.error.issues.last.map(\.description) ?? "",
        ])
        #expect(reader.error.issues.last?.path == "ListInput.json")

        var agreeing = ContractParameterReader(typeName: "In", pathValues: [:], query: [])
        agreeing.agree("id", path: "a", body: "a")
        agreeing.agree("id", path: nil, body: "b")
        #expect(agreeing.isValid)
        agreeing.agree("id", path: "a", body: "b")
        #expect(agreeing.error.description == "In.id: the path gives 'a' but the body 'b'")
    }

    // MARK: - Answers

    struct Payload: Codable, Sendable, Equatable { var name: String }

    func envelope(_ response: ContractResponse) throws -> ContractEnvelope<Payload> {
        try ContractClientCore.makeDecoder().decode(ContractEnvelope<Payload>.self, from: response.body)
    }

    @Test func repliesFollowTheWireConvention() throws {
        let success = ContractReply.success(Payload(name: "张三"))
        #expect(success.status == 200)
        #expect(success.headers["Content-Type"] == "application/json; charset=utf-8")
        #expect(String(decoding: success.body, as: UTF8.self) == #"{"code":0,"data":{"name":"张三"}}"#)
        #expect(String(decoding: ContractReply.success().body, as: UTF8.self) == #"{"code":0}"#)

        let declared = ContractReply.failure(ContractServiceError(code: 1001, message: "未找到"))
        #expect(declared.status == 200)
        #expect(String(decoding: declared.body, as: UTF8.self) == #"{"code":1001,"message":"未找到"}"#)

        struct Secret: Error { var detail = "password=hunter2" }
        let hidden = ContractReply.failure(Secret())
        #expect(hidden.status == 500)
        #expect(!String(decoding: hidden.body, as: UTF8.self).contains("hunter2"))

        let bad = ContractReply.badRequest(ValidationError(issues: [ValidationIssue(path: "In.id", problem: "required")]))
        #expect(bad.status == 400)
        #expect(try envelope(bad).message == "In.id: required")
        #expect(try envelope(bad).code == 400)

        let request = ContractRequest(method: "DELETE", path: "/x")
        #expect(ContractReply.notFound(request).status == 404)
        let notAllowed = ContractReply.methodNotAllowed(request, allowed: ["GET", "POST"])
        #expect(notAllowed.status == 405)
        #expect(notAllowed.headers["Allow"] == "GET, POST")
    }

    @Test func decodeBodyReadsEmptyAsAnEmptyObject() throws {
        struct Empty: Codable, Equatable {}
        struct Named: Codable, Equatable { var name: String }
        #expect(try ContractReply.decodeBody(Empty.self, from: ContractRequest(method: "POST", path: "/")) == Empty())
        #expect(try ContractReply.decodeBody(Empty.self, from: ContractRequest(method: "POST", path: "/", body: Data(" \n".utf8))) == Empty())
        #expect(try ContractReply.decodeBody(Named.self, from: ContractRequest(method: "POST", path: "/", body: Data(#"{"name":"a"}"#.utf8))) == Named(name: "a"))
        #expect(throws: ContractTransportError.self) {
            try ContractReply.decodeBody(Named.self, from: ContractRequest(method: "POST", path: "/", body: Data("{}".utf8)))
        }
    }

    @Test func checkedServiceCodes() {
        #expect(ServiceCode(checked: "1101").description == "1101")
        #expect(ServiceCode(checked: "1101").isStandard)
        #expect(ServiceCode(checked: "11x1").description == "0000")
        #expect(!ServiceCode(checked: "11x1").isStandard)
    }
}
