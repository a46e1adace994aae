import ContractRuntime
import Foundation
import Testing

/// A transport answering from a closure and remembering what it was sent.
final class MockTransport: ContractTransport, @unchecked Sendable {
    private let answer: @Sendable (ContractRequest) throws -> ContractResponse
    private let lock = NSLock()
    private var sent: [ContractRequest] = []

    init(_ answer: @escaping @Sendable (ContractRequest) throws -> ContractResponse) {
        self.answer = answer
    }

    convenience init(status: Int = 200, json: String) {
        self.init { _ in ContractResponse(status: status, body: Data(json.utf8)) }
    }

    var requests: [ContractRequest] { lock.withLock { sent } }

    func send(_ request: ContractRequest, baseURL: URL) async throws -> ContractResponse {
        lock.withLock { sent.append(request) }
        return try answer(request)
    }
}

struct Money: Codable, Hashable, Sendable {
    var amount: Decimal
    var currency: String
}

func makeCore(_ transport: MockTransport) throws -> ContractClientCore {
    ContractClientCore(baseURL: try #require(URL(string: "https://hrss.example.cn/api/")), transport: transport, headers: ["Authorization": "Bearer t"])
}

@Suite("Envelope and client core")
struct ClientCoreTests {
    @Test func envelopeEncoding() throws {
        let encoder = ContractClientCore.makeEncoder()
        let money = Money(amount: Decimal(string: "1234567890.12") ?? 0, currency: "CNY")
        let success = ContractEnvelope.success(money)
        #expect(String(decoding: try encoder.encode(success), as: UTF8.self) == "{\"code\":0,\"data\":{\"amount\":1234567890.12,\"currency\":\"CNY\"}}")
        let failure = ContractEnvelope<Money>.failure(code: 1001, message: "未找到该人员")
        #expect(String(decoding: try encoder.encode(failure), as: UTF8.self) == "{\"code\":1001,\"message\":\"未找到该人员\"}")
        #expect(String(decoding: try encoder.encode(ContractEnvelope<ContractNone>.success()), as: UTF8.self) == "{\"code\":0}")
        #expect(success.isSuccess && !failure.isSuccess)
        #expect(Set([success, success, ContractEnvelope.success(Money(amount: 1, currency: "CNY"))]).count == 2)
    }

    @Test func envelopeRoundTrip() throws {
        let decoder = ContractClientCore.makeDecoder()
        let encoder = ContractClientCore.makeEncoder()
        for text in ["0.1", "1234567890.12", "-0.01", "99999999999999999999999999999999999999", "0.00000000000000000001"] {
            let value = ContractEnvelope.success(Money(amount: Decimal(string: text) ?? .nan, currency: "CNY"))
            let json = try encoder.encode(value)
            #expect(String(decoding: json, as: UTF8.self).contains(text.hasPrefix("0.0000") ? "amount\":" : text))
            #expect(try decoder.decode(ContractEnvelope<Money>.self, from: json) == value)
        }
        let fromServer = Data("{\"data\":null,\"message\":null,\"code\":7}".utf8)
        #expect(try decoder.decode(ContractEnvelope<Money>.self, from: fromServer) == .failure(code: 7))
        let date = try #require(ContractDate("2026-11-29"))
        let json = try encoder.encode(ContractEnvelope.success([date]))
        #expect(try decoder.decode(ContractEnvelope<[ContractDate]>.self, from: json).data == [date])
        let binary = try encoder.encode(ContractEnvelope.success(Data([0, 1, 2, 255])))
        #expect(String(decoding: binary, as: UTF8.self) == "{\"code\":0,\"data\":\"AAEC/w==\"}")
    }

    @Test func encoderIsDeterministic() throws {
        let values = (0..<20).map { ["z\($0)": $0, "a\($0)": $0, "m/\($0)": $0] }
        let first = try ContractClientCore.makeEncoder().encode(values)
        for _ in 0..<5 {
            #expect(try ContractClientCore.makeEncoder().encode(values) == first)
        }
        #expect(String(decoding: first, as: UTF8.self).hasPrefix("[{\"a0\":0,\"m/0\":0,\"z0\":0}"))
    }

    @Test func successfulCall() async throws {
        let transport = MockTransport(json: "{\"code\":0,\"data\":{\"amount\":0.1,\"currency\":\"CNY\"}}")
        let core = try makeCore(transport)
        let input = Money(amount: 5, currency: "元")
        let result = try await core.call(method: "POST", path: "/pay/{id}", query: [ContractQueryItem("a", "b")], body: input, returning: Money.self)
        #expect(result == Money(amount: Decimal(string: "0.1") ?? 0, currency: "CNY"))
        let request = try #require(transport.requests.first)
        #expect(request.method == "POST")
        #expect(request.path == "/pay/{id}")
        #expect(request.query == [ContractQueryItem("a", "b")])
        #expect(request.headers["Content-Type"] == "application/json; charset=utf-8")
        #expect(request.headers["Accept"] == "application/json")
        #expect(request.headers["Authorization"] == "Bearer t")
        #expect(request.body == Data("{\"amount\":5,\"currency\":\"元\"}".utf8))
    }

    @Test func callWithoutBodyOrResult() async throws {
        let transport = MockTransport(json: "{\"code\":0}")
        let core = try makeCore(transport)
        try await core.call(method: "DELETE", path: "/x")
        try await core.call(method: "PUT", path: "/x", body: Money(amount: 1, currency: "CNY"))
        #expect(transport.requests.count == 2)
        #expect(transport.requests[0].body == nil)
        #expect(transport.requests[0].headers["Content-Type"] == nil)
        let withData = MockTransport(json: "{\"code\":0,\"data\":[1,2]}")
        #expect(try await makeCore(withData).call(method: "GET", path: "/", returning: [Int].self) == [1, 2])
        try await makeCore(withData).call(method: "GET", path: "/")
    }

    @Test func serviceError() async throws {
        let core = try makeCore(MockTransport(json: "{\"code\":1001,\"message\":\"未找到该人员\",\"data\":\"ignored\"}"))
        await #expect(throws: ContractServiceError(code: 1001, message: "未找到该人员")) {
            _ = try await core.call(method: "GET", path: "/p", returning: Money.self)
        }
        await #expect(throws: ContractServiceError(code: -1)) {
            try await makeCore(MockTransport(json: "{\"code\":-1}")).call(method: "GET", path: "/p")
        }
        #expect(ContractServiceError(code: 1001, message: "未找到该人员").description == "service returned code 1001: 未找到该人员")
        #expect(ContractServiceError(code: 2).description == "service returned code 2")
    }

    @Test func httpStatusWins() async throws {
        let core = try makeCore(MockTransport(status: 503, json: "{\"code\":0,\"data\":{}}"))
        await #expect(throws: ContractTransportError.httpStatus(503, body: "{\"code\":0,\"data\":{}}")) {
            _ = try await core.call(method: "GET", path: "/p", returning: Money.self)
        }
        let huge = MockTransport { _ in ContractResponse(status: 500, body: Data(repeating: 0x41, count: 100_000)) }
        do {
            try await makeCore(huge).call(method: "GET", path: "/")
            Issue.record("expected an error")
        } catch let ContractTransportError.httpStatus(status, body) {
            #expect(status == 500 && body.utf8.count == 4096)
        }
        let redirect = try makeCore(MockTransport(status: 302, json: ""))
        await #expect(throws: ContractTransportError.httpStatus(302, body: "")) { try await redirect.call(method: "GET", path: "/") }
    }

    @Test(arguments: [
        "", "not json", "[]", "{}", "{\"code\":\"0\"}", "{\"code\":0.5}", "{\"code\":0,\"data\":{\"amount\":\"x\",\"currency\":\"CNY\"}}",
        "{\"code\":0,\"data\":{\"currency\":\"CNY\"}}", "\u{FEFF}{\"code\":0", "{\"code\":99999999999999999999999}",
    ])
    func badBodiesAreDecodingErrors(_ body: String) async throws {
        let core = try makeCore(MockTransport(json: body))
        do {
            _ = try await core.call(method: "GET", path: "/", returning: Money.self)
            Issue.record("expected a decoding error")
        } catch let error as ContractTransportError {
            guard case .decoding = error else {
                Issue.record("unexpected \(error)")
                return
            }
        }
    }

    @Test func missingData() async throws {
        for body in ["{\"code\":0}", "{\"code\":0,\"data\":null}"] {
            let core = try makeCore(MockTransport(json: body))
            await #expect(throws: ContractTransportError.missingData) {
                _ = try await core.call(method: "GET", path: "/", returning: Money.self)
            }
        }
    }

    @Test func invalidInputIsNotSent() async throws {
        let transport = MockTransport(json: "{\"code\":0}")
        let core = try makeCore(transport)
        var person = validPerson()
        person.fullName = ""
        await #expect(throws: ValidationError.self) {
            try await core.call(method: "POST", path: "/", body: person)
        }
        #expect(transport.requests.isEmpty)
    }

    @Test func transportErrorsPassThrough() async throws {
        let core = try makeCore(MockTransport { _ in throw ContractTransportError.timedOut })
        await #expect(throws: ContractTransportError.timedOut) { try await core.call(method: "GET", path: "/") }
        #expect(ContractTransportError.timedOut.description == "the request timed out")
        #expect(ContractTransportError.httpStatus(503, body: "busy").description == "HTTP status 503: busy")
    }
}

@Suite("Requests and URLs")
struct RequestTests {
    @Test func expandPath() throws {
        #expect(try ContractRequest.expandPath("/persons/{idNumber}", ["idNumber": "510104199001011234"]) == "/persons/510104199001011234")
        #expect(try ContractRequest.expandPath("/persons/{id}/x", ["id": "a/b c?d#e%f"]) == "/persons/a%2Fb%20c%3Fd%23e%25f/x")
        #expect(try ContractRequest.expandPath("/p/{a}-{b}", ["a": "张", "b": "~._-"]) == "/p/%E5%BC%A0-~._-")
        #expect(try ContractRequest.expandPath("/p/{a}", ["a": ".."]) == "/p/..")
        #expect(try ContractRequest.expandPath("/plain", [:]) == "/plain")
        #expect(throws: ContractTransportError.missingPathParameter("id")) { try ContractRequest.expandPath("/p/{id}", [:]) }
        for bad in ["/p/{id", "/p/}", "/p/{}", "/p/{a{b}}"] {
            #expect(throws: ContractTransportError.invalidPathTemplate(bad)) { try ContractRequest.expandPath(bad, ["a": "1", "id": "1", "b": "2"]) }
        }
    }

    @Test func joinsBaseAndPath() throws {
        func join(_ base: String, _ path: String, _ query: [ContractQueryItem] = []) throws -> String {
            try ContractRequest(method: "GET", path: path, query: query).url(relativeTo: try #require(URL(string: base))).absoluteString
        }
        #expect(try join("https://h.example/api/", "/persons/1") == "https://h.example/api/persons/1")
        #expect(try join("https://h.example/api", "/persons/1") == "https://h.example/api/persons/1")
        #expect(try join("https://h.example/api//", "//persons/1") == "https://h.example/api/persons/1")
        #expect(try join("https://h.example", "/x") == "https://h.example/x")
        #expect(try join("https://h.example/", "x") == "https://h.example/x")
        #expect(try join("http://127.0.0.1:8080/a", "") == "http://127.0.0.1:8080/a/")
        #expect(try join("https://h.example/api", "/p", [ContractQueryItem("q", "a b&c=d+e"), ContractQueryItem("名", "张三"), ContractQueryItem("flag", nil)])
            == "https://h.example/api/p?q=a%20b%26c%3Dd%2Be&%E5%90%8D=%E5%BC%A0%E4%B8%89&flag")
        #expect(try join("https://h.example/api?key=1", "/p", [ContractQueryItem("a", "2")]) == "https://h.example/api/p?key=1&a=2")
        #expect(try join("https://h.example/api", "/a b/%41%zz") == "https://h.example/api/a%20b/%41%25zz")
    }
}
