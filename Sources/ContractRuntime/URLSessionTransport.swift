import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The default ``ContractTransport``: HTTP and HTTPS through Foundation's `URLSession`.
///
/// The URL is formed by ``ContractRequest/url(relativeTo:)``: base URL and path joined with one
/// `/`, query percent-encoded. Every HTTP answer is returned whatever its status; a request that
/// gets no answer within ``timeout`` seconds throws ``ContractTransportError/timedOut``, and other
/// connection failures throw ``ContractTransportError/network(_:)``. Cookies and caches are not
/// used.
public struct URLSessionTransport: ContractTransport {
    /// Seconds to wait for the whole answer before giving up.
    public let timeout: TimeInterval
    private let session: URLSession

    /// Creates a transport with its own ephemeral session, giving up after `timeout` seconds
    /// (values that are not positive and finite mean 30).
    public init(timeout: TimeInterval = 30) {
        let seconds = timeout.isFinite && timeout > 0 ? timeout : 30
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = seconds
        configuration.timeoutIntervalForResource = seconds
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        self.timeout = seconds
        self.session = URLSession(configuration: configuration)
    }

    /// Creates a transport on a session of the caller's, giving up after `timeout` seconds.
    public init(session: URLSession, timeout: TimeInterval = 30) {
        self.timeout = timeout.isFinite && timeout > 0 ? timeout : 30
        self.session = session
    }

    /// Sends `request` and returns the HTTP answer.
    public func send(_ request: ContractRequest, baseURL: URL) async throws -> ContractResponse {
        let url = try request.url(relativeTo: baseURL)
        var urlRequest = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) {
            urlRequest.setValue(value, forHTTPHeaderField: name)
        }
        urlRequest.httpBody = request.body

        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: urlRequest)
        } catch let error as URLError {
            if error.code == .timedOut { throw ContractTransportError.timedOut }
            if error.code == .cancelled { throw CancellationError() }
            throw ContractTransportError.network(error.localizedDescription)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw ContractTransportError.network(String(describing: error))
        }
        guard let http = response as? HTTPURLResponse else {
            throw ContractTransportError.network("not an HTTP response")
        }
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            if let name = key as? String {
                headers[name] = (value as? String) ?? String(describing: value)
            }
        }
        return ContractResponse(status: http.statusCode, headers: headers, body: data)
    }
}
