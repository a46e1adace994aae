import ContractRuntime
import Foundation
import Testing

struct Greeting: Codable, Hashable, Sendable {
    var text: String
    var amount: Decimal
}

/// These tests talk HTTP to a real server on 127.0.0.1 (see `TestHTTPServer`).
@Suite("URLSessionTransport against a loopback server")
struct URLSessionTransportTests {
    private static func router(_ request: ReceivedRequest) -> CannedResponse {
        let path = request.target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? request.target
        switch path {
        case "/api/greet/%E5%BC%A0%20%E4%B8%89":
            return .json("{\"code\":0,\"data\":{\"amount\":1234567890.12,\"text\":\"你好\"}}")
        case "/api/missing":
            return .json("{\"code\":1001,\"message\":\"未找到该人员\"}")
        case "/api/busy":
            return .json("Service Unavailable", status: 503)
        case "/api/slow":
            return .json("{\"code\":0}", delay: 4)
        case "/api/none":
            return .json("{\"code\":0}")
        default:
            return .json("{}", status: 404)
        }
    }

    @Test func successCarriesPathQueryHeadersAndBody() async throws {
        let server = try TestHTTPServer { Self.router($0) }
        defer { server.stop() }
        let core = ContractClientCore(
            baseURL: server.baseURL.appendingPathComponent("api/"),
            transport: URLSessionTransport(timeout: 10),
            headers: ["X-Access-Key": "k1"]
        )
        let path = try ContractRequest.expandPath("/greet/{name}", ["name": "张 三"])
        let result = try await core.call(
            method: "POST", path: path,
            query: [ContractQueryItem("q", "a&b=c d"), ContractQueryItem("flag", nil)],
            body: Greeting(text: "hi", amount: Decimal(string: "0.1") ?? 0),
            returning: Greeting.self
        )
        #expect(result == Greeting(text: "你好", amount: Decimal(string: "1234567890.12") ?? 0))
        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.target == "/api/greet/%E5%BC%A0%20%E4%B8%89?q=a%26b%3Dc%20d&flag")
        #expect(request.headers["content-type"] == "application/json; charset=utf-8")
        #expect(request.headers["x-access-key"] == "k1")
        #expect(request.body == Data("{\"amount\":0.1,\"text\":\"hi\"}".utf8))
    }

    @Test func noneReturnAndGet() async throws {
        let server = try TestHTTPServer { Self.router($0) }
        defer { server.stop() }
        let core = ContractClientCore(baseURL: server.baseURL.appendingPathComponent("api"), transport: URLSessionTransport(timeout: 10))
        try await core.call(method: "GET", path: "/none")
        #expect(server.requests.first?.method == "GET")
        #expect(server.requests.first?.body.isEmpty == true)
    }

    @Test func nonZeroCodeIsServiceError() async throws {
        let server = try TestHTTPServer { Self.router($0) }
        defer { server.stop() }
        let core = ContractClientCore(baseURL: server.baseURL.appendingPathComponent("api"), transport: URLSessionTransport(timeout: 10))
        await #expect(throws: ContractServiceError(code: 1001, message: "未找到该人员")) {
            _ = try await core.call(method: "GET", path: "/missing", returning: Greeting.self)
        }
    }

    @Test func status503IsHTTPStatus() async throws {
        let server = try TestHTTPServer { Self.router($0) }
        defer { server.stop() }
        let core = ContractClientCore(baseURL: server.baseURL.appendingPathComponent("api"), transport: URLSessionTransport(timeout: 10))
        await #expect(throws: ContractTransportError.httpStatus(503, body: "Service Unavailable")) {
            _ = try await core.call(method: "GET", path: "/busy", returning: Greeting.self)
        }
    }

    @Test func slowServerTimesOut() async throws {
        let server = try TestHTTPServer { Self.router($0) }
        defer { server.stop() }
        let core = ContractClientCore(baseURL: server.baseURL.appendingPathComponent("api"), transport: URLSessionTransport(timeout: 1))
        let start = Date()
        await #expect(throws: ContractTransportError.timedOut) {
            try await core.call(method: "GET", path: "/slow")
        }
        let elapsed = Date().timeIntervalSince(start)
        // The transport gives up at its own deadline (1 s): `.timedOut` above, not the network error
        // the server's close at 30 s would give — that is what shows the server was not waited
        // for. Wall time after the deadline is not the transport's (on a 2-core CI machine other
        // suites' CPU-bound tests can hold both threads of Swift's cooperative pool and delay this
        // task's resumption), so only the lower bound is checked.
        #expect(elapsed >= 0.9)
    }

    @Test func refusedConnectionIsNetworkError() async throws {
        // A port that was just listening and is now closed.
        let server = try TestHTTPServer(maxConnections: 0) { Self.router($0) }
        let url = server.baseURL
        server.stop()
        try await Task.sleep(nanoseconds: 300_000_000)
        let transport = URLSessionTransport(timeout: 5)
        do {
            _ = try await transport.send(ContractRequest(method: "GET", path: "/x"), baseURL: url)
            Issue.record("expected a network error")
        } catch let error as ContractTransportError {
            guard case .network = error else {
                Issue.record("unexpected \(error)")
                return
            }
        }
    }

    @Test func returnsEveryStatus() async throws {
        let server = try TestHTTPServer { Self.router($0) }
        defer { server.stop() }
        let response = try await URLSessionTransport(timeout: 10).send(ContractRequest(method: "GET", path: "/nowhere"), baseURL: server.baseURL)
        #expect(response.status == 404)
        #expect(response.body == Data("{}".utf8))
    }
}
