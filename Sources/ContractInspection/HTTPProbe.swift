import ContractModel
import ContractRules
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
///
/// A SOAP endpoint is asked again when `HEAD` is refused (405, 501) or its answer would count
/// down (404, 410, 5xx): with a `POST` of an empty SOAP 1.1 envelope, whose answer decides.
/// When that answer's body is a SOAP Fault (``SOAPFault``), the service is up whatever the
/// status (SOAP sends faults under 500): a fault is the SOAP stack answering at the address.
/// A 500 with anything else (an HTML error page) is down.
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

/// The request a SOAP endpoint is probed with when `HEAD` says nothing: an empty SOAP 1.1
/// envelope, which names no operation, so that the service can only answer with a fault.
enum SOAPProbeRequest {
    static let envelope = Array(
        #"<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body/></soap:Envelope>"#.utf8)
    static let headers: [(name: String, value: String)] = [("Content-Type", "text/xml; charset=utf-8"), ("SOAPAction", "\"\"")]
}

/// What an HTTP request got.
enum HTTPAnswer: Sendable {
    /// A status line (and the `Location` header, if any); `soapFault` when the body was read
    /// and is a SOAP Fault.
    case answered(status: Int, location: String?, soapFault: Bool = false)
    /// No answer: refused, unreachable, TLS failure, not HTTP.
    case failed(String)
    /// Nothing before the deadline.
    case timedOut

    /// Whether the server refuses `HEAD` (405, 501), so that `GET` is tried.
    var refusesHEAD: Bool {
        if case .answered(let status, _, _) = self { return status == 405 || status == 501 }
        return false
    }

    /// Whether a SOAP endpoint's answer to `HEAD` leaves open whether it works, so that an
    /// envelope is posted: `HEAD` refused, or a status that would count down (404, 410, 5xx).
    var callsForSOAPPost: Bool {
        if case .answered(let status, _, _) = self { return refusesHEAD || HTTPStatusPolicy.judge(status).status == .down }
        return false
    }

    /// The verdict, worded for the report; `head` is the answer to the `HEAD` that came first
    /// when this is the answer to a later request.
    func outcome(method: String, after head: HTTPAnswer? = nil) -> ProbeOutcome {
        switch self {
        case .timedOut:
            return ProbeOutcome(.down, "no answer to \(method) before the timeout")
        case .failed(let message):
            return ProbeOutcome(.down, message)
        case .answered(let code, let location, let soapFault):
            let (status, note) = soapFault ? (.up, "SOAP fault (the service answers)") : HTTPStatusPolicy.judge(code)
            var detail = "HTTP \(code)"
            if let reason = HTTPStatusPolicy.reasons[code] { detail += " \(reason)" }
            if method == "GET" { detail += " (GET; HEAD not allowed)" }
            if method == "POST" {
                var why = "HEAD not allowed"
                if let head, !head.refusesHEAD, case .answered(let headCode, _, _) = head { why = "HEAD gave \(headCode)" }
                detail += " (POST of an empty SOAP envelope; \(why))"
            }
            if let note { detail += ": \(note)" }
            if (300..<400).contains(code), let location { detail += " → \(Sockets.text(Array(location.utf8)))" }
            return ProbeOutcome(status, detail)
        }
    }
}

/// Plain HTTP over a non-blocking socket: `HEAD` first, `GET` when the server refuses `HEAD`
/// (405, 501) — for SOAP a `POST` of an empty envelope instead, when `HEAD` is refused or would
/// count down, whose body (a bounded prefix) is read for a fault. Otherwise only the status
/// line and headers are read; redirects are not followed, and no proxy is used. Every step is
/// bounded by the deadline. Runs on a thread of its own.
enum PlainHTTPProbe {
    /// The most header bytes read.
    static let headerLimit = 64 * 1024

    static func run(address: ServiceAddress, soap: Bool = false, lookup: HostLookup, deadline: Deadline) -> ProbeOutcome {
        let head = request(address: address, method: "HEAD", lookup: lookup, deadline: deadline)
        if soap, head.callsForSOAPPost, !deadline.hasPassed {
            let post = request(address: address, method: "POST", body: SOAPProbeRequest.envelope, headers: SOAPProbeRequest.headers,
                readBody: true, lookup: lookup, deadline: deadline)
            return post.outcome(method: "POST", after: head)
        }
        if head.refusesHEAD, !deadline.hasPassed {
            return request(address: address, method: "GET", lookup: lookup, deadline: deadline).outcome(method: "GET")
        }
        return head.outcome(method: "HEAD")
    }

    /// One request; with `readBody`, a prefix of the body (at most ``SOAPFault/prefixLimit``
    /// bytes, de-chunked) is read and checked for a SOAP fault.
    static func request(
        address: ServiceAddress, method: String, body: [UInt8] = [], headers: [(name: String, value: String)] = [], readBody: Bool = false,
        lookup: HostLookup, deadline: Deadline
    ) -> HTTPAnswer {
        let port = address.port ?? 80
        let addresses: [ResolvedAddress]
        switch lookup.resolve(address.host, port) {
        case .failure(let failure): return .failed("host \(address.host) does not resolve: \(failure.message)")
        case .success(let found): addresses = found
        }
        let fd: Int32
        switch Sockets.connect(to: addresses, until: deadline) {
        case .failure(.timedOut): return .timedOut
        case .failure(.failed(let message)): return .failed(message)
        case .success(let connected): fd = connected
        }
        defer { close(fd) }
        let target = (address.path.isEmpty ? "/" : address.path) + (address.query.map { "?\($0)" } ?? "")
        let host = address.hostForURL + (address.port.map { ":\($0)" } ?? "")
        var text = "\(method) \(target) HTTP/1.1\r\nHost: \(host)\r\nUser-Agent: contractc-inspect/\(InspectionInfo.version)\r\n"
            + "Accept: */*\r\nConnection: close\r\n"
        for header in headers { text += "\(header.name): \(header.value)\r\n" }
        if !body.isEmpty || method == "POST" { text += "Content-Length: \(body.count)\r\n" }
        text += "\r\n"
        if let failure = Sockets.sendAll(fd, Array(text.utf8) + body, until: deadline) {
            return failure == "timed out" ? .timedOut : .failed("sending the request failed: \(failure)")
        }
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !buffer.contains(subsequence: [13, 10, 13, 10]) && !buffer.contains(subsequence: [10, 10]) && buffer.count < headerLimit {
            switch Sockets.wait(fd, for: Int32(POLLIN), until: deadline) {
            case .failure(let failure): return .failed(failure.message)
            case .success(false): return .timedOut
            case .success(true): break
            }
            let count = recv(fd, &chunk, chunk.count, 0)
            if count < 0 {
                if errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK { continue }
                if buffer.isEmpty { return .failed("the server closed the connection without an answer (\(Sockets.errnoText()))") }
                break
            }
            if count == 0 {
                if buffer.isEmpty { return .failed("the server closed the connection without an answer") }
                break
            }
            buffer.append(contentsOf: chunk[0..<count])
        }
        let answer = parse(buffer)
        guard readBody, case .answered(let code, let location, _) = answer, let bodyStart = headEnd(buffer) else { return answer }
        let fields = headerFields(buffer[..<bodyStart])
        let chunked = fields["transfer-encoding"]?.lowercased().contains("chunked") == true
        let length = chunked ? nil : fields["content-length"].flatMap { Int($0) }
        var raw = Array(buffer[bodyStart...])
        // A chunked body carries its sizes too: read a little past the limit of what is kept.
        let rawLimit = chunked ? SOAPFault.prefixLimit + 4096 : min(length ?? SOAPFault.prefixLimit, SOAPFault.prefixLimit)
        while raw.count < rawLimit && !(chunked && dechunk(raw).complete) {
            guard case .success(true) = Sockets.wait(fd, for: Int32(POLLIN), until: deadline) else { break }
            let count = recv(fd, &chunk, min(chunk.count, rawLimit - raw.count), 0)
            if count < 0 {
                if errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK { continue }
                break
            }
            if count == 0 { break }
            raw.append(contentsOf: chunk[0..<count])
        }
        let content = chunked ? dechunk(raw).body : Array(raw.prefix(rawLimit))
        return .answered(status: code, location: location, soapFault: SOAPFault.isFault(content))
    }

    /// Where the body starts: after the first empty line.
    static func headEnd(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count {
            if bytes[index] == 10 {
                if index + 1 < bytes.count && bytes[index + 1] == 10 { return index + 2 }
                if index + 2 < bytes.count && bytes[index + 1] == 13 && bytes[index + 2] == 10 { return index + 3 }
            }
            index += 1
        }
        return nil
    }

    /// The header fields of a head, names in lower case, values trimmed (the last of a name wins).
    static func headerFields(_ head: ArraySlice<UInt8>) -> [String: String] {
        var fields: [String: String] = [:]
        let text = String(decoding: head, as: UTF8.self)
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        }
        return fields
    }

    /// A chunked body's content so far, and whether its last chunk has come.
    static func dechunk(_ raw: [UInt8]) -> (body: [UInt8], complete: Bool) {
        var body: [UInt8] = []
        var index = 0
        while index < raw.count {
            guard let lineEnd = raw[index...].firstIndex(of: 10) else { break }
            let sizeText = String(decoding: raw[index..<lineEnd], as: UTF8.self)
            let digits = sizeText.prefix { $0.isHexDigit }
            guard !digits.isEmpty, digits.count <= 8, let size = Int(digits, radix: 16) else { break }
            if size == 0 { return (body, true) }
            let start = lineEnd + 1
            let end = min(start + size, raw.count)
            body += raw[start..<end]
            guard start + size < raw.count else { break }
            // Skip the CRLF after the data.
            index = start + size
            if index < raw.count && raw[index] == 13 { index += 1 }
            if index < raw.count && raw[index] == 10 { index += 1 }
        }
        return (body, false)
    }

    /// Reads the status code and `Location` from the head of an answer.
    static func parse(_ bytes: [UInt8]) -> HTTPAnswer {
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard let statusLine = lines.first, statusLine.hasPrefix("HTTP/") else {
            return .failed("the answer is not HTTP: '\(Sockets.text(Array(bytes.prefix(60))))'")
        }
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[1].count == 3, let code = Int(parts[1]) else {
            return .failed("the answer has no HTTP status: '\(Sockets.text(Array(statusLine.utf8)))'")
        }
        var location: String?
        for line in lines.dropFirst() {
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: ":") else { continue }
            if line[..<colon].lowercased() == "location" {
                location = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            }
        }
        return .answered(status: code, location: location)
    }
}

extension Array where Element == UInt8 {
    fileprivate func contains(subsequence: [UInt8]) -> Bool {
        guard count >= subsequence.count else { return false }
        for start in 0...(count - subsequence.count) where self[start..<(start + subsequence.count)].elementsEqual(subsequence) {
            return true
        }
        return false
    }
}

/// HTTPS through URLSession (TLS comes from the platform): `HEAD` first, `GET` when the server
/// refuses `HEAD` (405, 501) — for SOAP a `POST` of an empty envelope instead, as
/// ``PlainHTTPProbe`` does, whose body prefix is read for a fault; redirects are not followed;
/// the body of a `GET` is not read.
///
/// It is built on callbacks (URLSession's delegate queue and Dispatch timers), not on tasks,
/// so that a busy cooperative pool cannot delay it past its deadline. FoundationNetworking on
/// Linux does not honour its own timeout against a server that accepts and never answers (and
/// spins while it waits), so the deadline timer cancels the task and invalidates the session.
final class HTTPProbe: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private var received: HTTPURLResponse?
    private var body: [UInt8] = []
    private var readsBody = false
    private var finish: (@Sendable (Result<Received, any Error>) -> Void)?

    /// A response and the prefix of its body read (empty unless the body is read).
    struct Received {
        var response: HTTPURLResponse
        var body: [UInt8]
    }

    /// Probes an http(s) URL and calls `completion` once, by the deadline.
    static func run(url: URL, soap: Bool = false, deadline: Deadline, completion: @escaping @Sendable (ProbeOutcome) -> Void) {
        request(url: url, method: "HEAD", deadline: deadline) { head in
            if soap, head.callsForSOAPPost, !deadline.hasPassed {
                request(url: url, method: "POST", body: SOAPProbeRequest.envelope, headers: SOAPProbeRequest.headers, deadline: deadline) { post in
                    completion(post.outcome(method: "POST", after: head))
                }
                return
            }
            if head.refusesHEAD, !deadline.hasPassed {
                request(url: url, method: "GET", deadline: deadline) { get in
                    completion(get.outcome(method: "GET"))
                }
                return
            }
            completion(head.outcome(method: "HEAD"))
        }
    }


    /// One request; `completion` is called once, by the deadline whatever the server does. With
    /// a body, the answer's body prefix is read and checked for a SOAP fault.
    static func request(
        url: URL, method: String, body: [UInt8]? = nil, headers: [(name: String, value: String)] = [], deadline: Deadline,
        completion: @escaping @Sendable (HTTPAnswer) -> Void
    ) {
        let seconds = deadline.remainingSeconds
        guard seconds > 0 else {
            completion(.timedOut)
            return
        }
        // FoundationNetworking counts these timeouts in whole seconds (0.9 s would time out at
        // once), so they are set a little past the deadline; the timer below keeps it exact.
        let sessionTimeout = seconds.rounded(.up) + 1
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = sessionTimeout
        configuration.timeoutIntervalForResource = sessionTimeout
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpShouldSetCookies = false
        configuration.httpAdditionalHeaders = ["User-Agent": "contractc-inspect/\(InspectionInfo.version)"]
        let probe = HTTPProbe()
        probe.lock.withLock { probe.readsBody = body != nil }
        let session = URLSession(configuration: configuration, delegate: probe, delegateQueue: nil)
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: sessionTimeout)
        request.httpMethod = method
        if let body {
            request.httpBody = Data(body)
            for header in headers { request.setValue(header.value, forHTTPHeaderField: header.name) }
        }
        let task = session.dataTask(with: request)
        let once = OnceCall<HTTPAnswer> { answer in
            // The session holds its delegate until it is invalidated.
            DispatchQueue.global().async {
                task.cancel()
                session.invalidateAndCancel()
            }
            completion(answer)
        }
        probe.setFinish { result in
            switch result {
            case .success(let received):
                let response = received.response
                let fault = body != nil && SOAPFault.isFault(received.body)
                once.call(.answered(status: response.statusCode, location: response.value(forHTTPHeaderField: "Location"), soapFault: fault))
            case .failure(let error): once.call(describe(error))
            }
        }
        task.resume()
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
            once.call(.timedOut)
        }
    }

    static func describe(_ error: any Error) -> HTTPAnswer {
        guard let error = error as? URLError else { return .failed("request failed: \(error.localizedDescription)") }
        switch error.code {
        case .timedOut, .cancelled: return .timedOut
        case .cannotConnectToHost: return .failed("cannot connect (connection refused or host unreachable)")
        case .cannotFindHost, .dnsLookupFailed: return .failed("host not found")
        case .networkConnectionLost: return .failed("the server closed the connection without an answer")
        case .badServerResponse: return .failed("the answer is not HTTP")
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected:
            return .failed("TLS failed: \(error.localizedDescription)")
        case .notConnectedToInternet: return .failed("no network")
        default:
            let text = error.localizedDescription
            if text.contains("SSL") || text.contains("TLS") { return .failed("TLS failed: \(text)") }
            return .failed("request failed: \(text)")
        }
    }

    private func setFinish(_ finish: @escaping @Sendable (Result<Received, any Error>) -> Void) {
        lock.withLock { self.finish = finish }
    }

    private func complete(_ result: Result<Received, any Error>) {
        let finish = lock.withLock { () -> (@Sendable (Result<Received, any Error>) -> Void)? in
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
        let readsBody = lock.withLock { self.readsBody }
        if let http = response as? HTTPURLResponse {
            lock.withLock { received = http }
            if readsBody {
                completionHandler(.allow)
                return
            }
            complete(.success(Received(response: http, body: [])))
        }
        // The headers say all inspection needs; do not read the body.
        completionHandler(.cancel)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let (response, prefix) = lock.withLock { () -> (HTTPURLResponse?, [UInt8]?) in
            body += data.prefix(SOAPFault.prefixLimit - body.count)
            return body.count >= SOAPFault.prefixLimit ? (received, body) : (nil, nil)
        }
        // Enough of the body: the task is cancelled once the answer is given.
        if let response, let prefix { complete(.success(Received(response: response, body: prefix))) }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let (stored, prefix) = lock.withLock { (received, body) }
        let response = stored ?? (task.response as? HTTPURLResponse)
        if let response {
            complete(.success(Received(response: response, body: prefix)))
        } else if let error {
            complete(.failure(error))
        } else {
            complete(.failure(URLError(.badServerResponse)))
        }
    }
}
