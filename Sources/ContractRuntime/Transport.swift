import Foundation

/// One `name=value` pair of a request's query string, unencoded (the transport percent-encodes it).
/// A `nil` value is sent as a bare `name`.
public struct ContractQueryItem: Sendable, Hashable {
    /// The parameter name.
    public var name: String
    /// The parameter value, or `nil` for a bare name.
    public var value: String?

    /// Creates a query item.
    public init(_ name: String, _ value: String?) {
        self.name = name
        self.value = value
    }
}

/// A request as generated clients describe it, independent of how it is sent.
public struct ContractRequest: Sendable, Hashable {
    /// The HTTP method, e.g. `GET` or `POST`.
    public var method: String
    /// The path below the base URL, already percent-encoded (see ``expandPath(_:_:)``), e.g.
    /// `/persons/510104199001011234`.
    public var path: String
    /// Query parameters, unencoded, in order.
    public var query: [ContractQueryItem]
    /// Header fields.
    public var headers: [String: String]
    /// The body, if any (JSON for generated clients).
    public var body: Data?

    /// Creates a request.
    public init(
        method: String,
        path: String,
        query: [ContractQueryItem] = [],
        headers: [String: String] = [:],
        body: Data? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// Fills the `{name}` placeholders of a path template with percent-encoded values:
    /// `expandPath("/persons/{idNumber}", ["idNumber": "5101 04/x"])` is `/persons/5101%2004%2Fx`.
    ///
    /// Every character but the RFC 3986 unreserved ones (`A-Z a-z 0-9 - . _ ~`) is encoded as
    /// UTF-8 `%XX`, so a value can never add a path segment, a query or a fragment.
    /// - Throws: ``ContractTransportError/missingPathParameter(_:)`` when a placeholder has no value,
    ///   ``ContractTransportError/invalidPathTemplate(_:)`` for an unclosed `{`, a stray `}` or an
    ///   empty `{}`.
    public static func expandPath(_ template: String, _ values: [String: String]) throws -> String {
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
            guard rest[open] == "{" else { throw ContractTransportError.invalidPathTemplate(template) }
            result += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(where: { $0 == "}" || $0 == "{" }),
                  rest[close] == "}"
            else { throw ContractTransportError.invalidPathTemplate(template) }
            let name = String(rest[afterOpen..<close])
            guard !name.isEmpty else { throw ContractTransportError.invalidPathTemplate(template) }
            guard let value = values[name] else { throw ContractTransportError.missingPathParameter(name) }
            result += PercentEncoding.encode(value, keeping: PercentEncoding.unreserved)
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return result
    }

    /// The full URL: the base URL's path joined to ``path`` with exactly one `/` between them, the
    /// base URL's own query kept, then ``query`` appended, percent-encoded (only unreserved
    /// characters stay as they are, so `+`, `&` and `=` inside names and values are encoded).
    /// Characters of ``path`` that may not appear in a URL path are percent-encoded; existing
    /// `%XX` escapes are kept.
    /// - Throws: ``ContractTransportError/invalidURL(_:)`` if no URL can be formed.
    public func url(relativeTo baseURL: URL) throws -> URL {
        guard var components = URLComponents(url: baseURL, resolvingAgainstBaseURL: true) else {
            throw ContractTransportError.invalidURL(baseURL.absoluteString)
        }
        var basePath = components.percentEncodedPath
        while basePath.hasSuffix("/") { basePath.removeLast() }
        var relative = Substring(path)
        while relative.hasPrefix("/") { relative = relative.dropFirst() }
        let encodedRelative = PercentEncoding.sanitizePath(String(relative))
        components.percentEncodedPath = encodedRelative.isEmpty && basePath.isEmpty ? "" : basePath + "/" + encodedRelative

        var queryParts: [String] = []
        if let existing = components.percentEncodedQuery, !existing.isEmpty {
            queryParts.append(PercentEncoding.sanitizeQuery(existing))
        }
        for item in query {
            var part = PercentEncoding.encode(item.name, keeping: PercentEncoding.unreserved)
            if let value = item.value {
                part += "=" + PercentEncoding.encode(value, keeping: PercentEncoding.unreserved)
            }
            queryParts.append(part)
        }
        components.percentEncodedQuery = queryParts.isEmpty ? nil : queryParts.joined(separator: "&")
        components.fragment = nil
        guard let url = components.url else {
            throw ContractTransportError.invalidURL(baseURL.absoluteString + "/" + path)
        }
        return url
    }
}

/// A response as a transport hands it back.
public struct ContractResponse: Sendable, Hashable {
    /// The HTTP status code.
    public var status: Int
    /// Header fields.
    public var headers: [String: String]
    /// The body, possibly empty.
    public var body: Data

    /// Creates a response.
    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Sends a ``ContractRequest`` to a service and returns its ``ContractResponse``.
///
/// ``URLSessionTransport`` is the default; tests and servers-in-process can supply their own.
/// Implementations throw ``ContractTransportError`` (`.timedOut`, `.network`, `.invalidURL`) for
/// requests that got no HTTP answer, and return every HTTP answer, whatever its status.
public protocol ContractTransport: Sendable {
    /// Sends `request` to the URL formed from `baseURL` and the request's path and query.
    func send(_ request: ContractRequest, baseURL: URL) async throws -> ContractResponse
}

enum PercentEncoding {
    /// RFC 3986 unreserved characters.
    static let unreserved: Set<UInt8> = Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8))
    /// Characters allowed as they are in a path (unreserved, sub-delims, `:`, `@`, `/`).
    static let pathAllowed: Set<UInt8> = unreserved.union(Array("!$&'()*+,;=:@/".utf8))
    /// Characters allowed as they are in a query.
    static let queryAllowed: Set<UInt8> = pathAllowed.union(Array("?".utf8))

    static func encode(_ text: String, keeping allowed: Set<UInt8>) -> String {
        var result = ""
        for byte in text.utf8 {
            if allowed.contains(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += hex(byte)
            }
        }
        return result
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "%" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }

    /// Encodes what may not stand in a URL component as it is, keeping valid `%XX` escapes.
    static func sanitize(_ text: String, allowed: Set<UInt8>) -> String {
        let bytes = Array(text.utf8)
        var result = ""
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
               isHexDigit(bytes[index + 1]), isHexDigit(bytes[index + 2]) {
                result += "%"
                result.unicodeScalars.append(Unicode.Scalar(bytes[index + 1]))
                result.unicodeScalars.append(Unicode.Scalar(bytes[index + 2]))
                index += 3
                continue
            }
            if allowed.contains(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += hex(byte)
            }
            index += 1
        }
        return result
    }

    static func sanitizePath(_ text: String) -> String { sanitize(text, allowed: pathAllowed) }
    static func sanitizeQuery(_ text: String) -> String { sanitize(text, allowed: queryAllowed) }
}
