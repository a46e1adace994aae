import ContractModel
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// How an HTTP answer counts (服务发布与巡检 asks whether the service "can be accessed"):
///
/// - 2xx: up.
/// - 3xx: up; redirects are not followed, and the detail names the `Location`, so that the
///   catalogue's address can be updated to it.
/// - 404 Not Found and 410 Gone: down. The server runs but the address names nothing, which is
///   exactly what the standard's action, "update the address", repairs.
/// - any other 4xx (401, 403, 405, 400, 429, …): up, with the status noted. The service answers;
///   it only wants credentials, another method (a SOAP endpoint wants a POST with an envelope)
///   or other parameters than a bare probe sends.
/// - 5xx: down.
/// - no answer (refused, unreachable, TLS failure, timeout): down.
public enum HTTPStatusPolicy {
    /// Reason phrases of the common status codes, for report lines (fixed here rather than
    /// taken from the platform, so reports read the same everywhere).
    public static let reasons: [Int: String] = [
        200: "OK", 201: "Created", 202: "Accepted", 204: "No Content",
        301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified",
        307: "Temporary Redirect", 308: "Permanent Redirect",
        400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
        405: "Method Not Allowed", 406: "Not Acceptable", 407: "Proxy Authentication Required",
        410: "Gone", 415: "Unsupported Media Type", 429: "Too Many Requests",
        500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway",
        503: "Service Unavailable", 504: "Gateway Timeout",
    ]

    /// The status an HTTP status code gives, and a note for the report.
    public static func judge(_ code: Int) -> (status: InspectionStatus, note: String?) {
        switch code {
        case 200..<300: return (.up, nil)
        case 300..<400: return (.up, "redirect not followed")
        case 401, 407: return (.up, "answers; needs credentials")
        case 403: return (.up, "answers; access forbidden to the inspector")
        case 404, 410: return (.down, "the address names no resource")
        case 400..<500: return (.up, "answers; refused the probe request")
        case 500..<600: return (.down, "server error")
        default: return (.down, "not an HTTP status")
        }
    }
}

/// An HTTP/HTTPS (and SOAP over HTTP) probe: `HEAD` first, `GET` when the server refuses
/// `HEAD` (405, 501); redirects are not followed; the body of a `GET` is not read.
final class HTTPProbe: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private var received: HTTPURLResponse?
    private var finish: (@Sendable (Result<HTTPURLResponse, any Error>) -> Void)?

    /// Probes an http(s) URL before the deadline.
    static func run(url: URL, deadline: Deadline) async -> ProbeOutcome {
        let head = await request(url: url, method: "HEAD", deadline: deadline)
        if case .answered(let response) = head, response.statusCode == 405 || response.statusCode == 501, !deadline.hasPassed {
            let get = await request(url: url, method: "GET", deadline: deadline)
            return outcome(get, method: "GET", deadline: deadline)
        }
        return outcome(head, method: "HEAD", deadline: deadline)
    }

    enum Answer: Sendable {
        case answered(HTTPURLResponse)
        case failed(String)
        case timedOut
    }

    static func outcome(_ answer: Answer, method: String, deadline: Deadline) -> ProbeOutcome {
        switch answer {
        case .timedOut:
            return ProbeOutcome(.down, "no answer to \(method) before the timeout")
        case .failed(let message):
            return ProbeOutcome(.down, message)
        case .answered(let response):
            let code = response.statusCode
            let (status, note) = HTTPStatusPolicy.judge(code)
            var detail = "HTTP \(code)"
            if let reason = HTTPStatusPolicy.reasons[code] { detail += " \(reason)" }
            if method == "GET" { detail += " (GET; HEAD not allowed)" }
            if let note { detail += ": \(note)" }
            if (300..<400).contains(code), let location = response.value(forHTTPHeaderField: "Location") {
                detail += " → \(Sockets.text(Array(location.utf8)))"
            }
            return ProbeOutcome(status, detail)
        }
    }

    /// One request; whatever happens, it answers by the deadline.
    static func request(url: URL, method: String, deadline: Deadline) async -> Answer {
        let seconds = deadline.remainingSeconds
        guard seconds > 0 else { return .timedOut }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = seconds
        configuration.timeoutIntervalForResource = seconds
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpShouldSetCookies = false
        configuration.httpAdditionalHeaders = ["User-Agent": "contractc-inspect/\(InspectionInfo.version)"]
        let probe = HTTPProbe()
        let session = URLSession(configuration: configuration, delegate: probe, delegateQueue: nil)
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: seconds)
        request.httpMethod = method
        let task = session.dataTask(with: request)
        let answer: Answer = await withCheckedContinuation { continuation in
            let once = Once(continuation)
            probe.setFinish { result in
                switch result {
                case .success(let response): once.resume(.answered(response))
                case .failure(let error): once.resume(describe(error))
                }
            }
            task.resume()
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
                if once.resume(.timedOut) { task.cancel() }
            }
        }
        session.invalidateAndCancel()
        return answer
    }

    static func describe(_ error: any Error) -> Answer {
        guard let error = error as? URLError else { return .failed("request failed: \(error.localizedDescription)") }
        switch error.code {
        case .timedOut: return .timedOut
        case .cannotConnectToHost: return .failed("cannot connect (connection refused or host unreachable)")
        case .cannotFindHost, .dnsLookupFailed: return .failed("host not found")
        case .networkConnectionLost: return .failed("the server closed the connection without an answer")
        case .badServerResponse: return .failed("the answer is not HTTP")
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected:
            return .failed("TLS failed: \(error.localizedDescription)")
        case .notConnectedToInternet: return .failed("no network")
        default: return .failed("request failed: \(error.localizedDescription)")
        }
    }

    private func setFinish(_ finish: @escaping @Sendable (Result<HTTPURLResponse, any Error>) -> Void) {
        lock.withLock { self.finish = finish }
    }

    private func complete(_ result: Result<HTTPURLResponse, any Error>) {
        let finish = lock.withLock { () -> (@Sendable (Result<HTTPURLResponse, any Error>) -> Void)? in
            let f = self.finish
            self.finish = nil
            return f
        }
        finish?(result)
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        lock.withLock { received = response }
        completionHandler(nil)
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        if let http = response as? HTTPURLResponse {
            lock.withLock { received = http }
            complete(.success(http))
        }
        // The headers say all inspection needs; do not read the body.
        completionHandler(.cancel)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let response = lock.withLock { received } ?? (task.response as? HTTPURLResponse)
        if let response {
            complete(.success(response))
        } else if let error {
            complete(.failure(error))
        } else {
            complete(.failure(URLError(.badServerResponse)))
        }
    }
}
