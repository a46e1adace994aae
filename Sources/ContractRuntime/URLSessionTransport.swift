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

        let (data, response) = try await Self.perform(urlRequest, on: session, deadline: timeout)
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

    /// Runs a data task with a deadline of its own. FoundationNetworking on Linux does not always
    /// honour `timeoutInterval` against a server that accepts and never answers (and spins while
    /// it waits), so the transport cancels the task itself at the deadline and returns at once.
    static func perform(_ request: URLRequest, on session: URLSession, deadline: TimeInterval) async throws -> (Data, URLResponse) {
        let once = ResumeOnce()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<(Data, URLResponse), any Error>) in
                let task = session.dataTask(with: request) { data, response, error in
                    if let error {
                        let mapped: any Error
                        if let urlError = error as? URLError {
                            switch urlError.code {
                            case .timedOut: mapped = ContractTransportError.timedOut
                            case .cancelled: mapped = CancellationError()
                            default: mapped = ContractTransportError.network(urlError.localizedDescription)
                            }
                        } else {
                            mapped = ContractTransportError.network(String(describing: error))
                        }
                        once.resume(continuation, with: .failure(mapped))
                    } else if let response {
                        once.resume(continuation, with: .success((data ?? Data(), response)))
                    } else {
                        once.resume(continuation, with: .failure(ContractTransportError.network("no response")))
                    }
                }
                once.setCancel { task.cancel() }
                task.resume()
                DispatchQueue.global().asyncAfter(deadline: .now() + deadline) {
                    if once.resume(continuation, with: .failure(ContractTransportError.timedOut)) { task.cancel() }
                }
            }
        } onCancel: {
            once.cancel()
        }
    }
}

/// Resumes a continuation exactly once, from whichever of completion, deadline or cancellation
/// comes first.
private final class ResumeOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    private var cancelTask: (@Sendable () -> Void)?
    private var cancelled = false

    /// Resumes unless already resumed; returns whether this call resumed.
    @discardableResult
    func resume(_ continuation: CheckedContinuation<(Data, URLResponse), any Error>, with result: Result<(Data, URLResponse), any Error>) -> Bool {
        lock.lock()
        guard !done else {
            lock.unlock()
            return false
        }
        done = true
        lock.unlock()
        continuation.resume(with: result)
        return true
    }

    func setCancel(_ cancel: @escaping @Sendable () -> Void) {
        lock.lock()
        cancelTask = cancel
        let already = cancelled
        lock.unlock()
        if already { cancel() }
    }

    func cancel() {
        lock.lock()
        cancelled = true
        let cancel = cancelTask
        lock.unlock()
        cancel?()
    }
}
