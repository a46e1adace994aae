import Foundation

/// The JSON envelope every contract service answers with — the wire convention shared by generated
/// clients (``ContractClientCore``) and servers.
///
/// ```json
/// {"code": 0, "data": {"fullName": "张三"}}
/// {"code": 1001, "message": "未找到该人员"}
/// ```
///
/// - `code` 0 means success; any other value is one of the method's declared return codes, and a
///   client throws ``ContractServiceError`` carrying it and `message`.
/// - `message` is optional human-readable text.
/// - `data` holds the method's return value on success; it is absent for methods that return
///   `none` and for failures. `nil` members are left out when encoding (never written as `null`).
///
/// Servers answer every declared return code, including failures, with HTTP status 200; a non-2xx
/// status means the request never reached the service logic (see ``ContractTransportError``).
public struct ContractEnvelope<T: Codable & Sendable>: Codable, Sendable {
    /// 0 for success, otherwise a declared return code.
    public var code: Int
    /// Optional human-readable text, typically the return code's meaning.
    public var message: String?
    /// The return value; present on success of a method that returns something.
    public var data: T?

    /// Creates an envelope from its three members.
    public init(code: Int, message: String? = nil, data: T? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    /// A success (`code` 0) carrying `data`.
    public static func success(_ data: T) -> ContractEnvelope<T> {
        ContractEnvelope(code: 0, data: data)
    }

    /// A success (`code` 0) without data, for methods that return `none`.
    public static func success() -> ContractEnvelope<T> {
        ContractEnvelope(code: 0)
    }

    /// A failure with a declared return code (non-zero) and optional message, without data.
    public static func failure(code: Int, message: String? = nil) -> ContractEnvelope<T> {
        ContractEnvelope(code: code, message: message)
    }

    /// True when `code` is 0.
    public var isSuccess: Bool { code == 0 }

    private enum CodingKeys: String, CodingKey {
        case code, message, data
    }

    /// Decodes `code` (required), `message` and `data` (both optional; `null` reads as absent).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(Int.self, forKey: .code)
        message = try container.decodeIfPresent(String.self, forKey: .message)
        data = try container.decodeIfPresent(T.self, forKey: .data)
    }

    /// Encodes `code`, and `message` and `data` only when present.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encodeIfPresent(message, forKey: .message)
        try container.encodeIfPresent(data, forKey: .data)
    }
}

extension ContractEnvelope: Equatable where T: Equatable {}
extension ContractEnvelope: Hashable where T: Hashable {}

/// The payload type of a ``ContractEnvelope`` for methods that return `none`: it never appears on
/// the wire (such envelopes have no `data`), and encodes as `{}` if ever encoded.
public struct ContractNone: Codable, Sendable, Hashable {
    /// The only value.
    public init() {}
}

/// A declared, non-zero return code answered by a service (see ``ContractEnvelope``).
///
/// Generated code maps ``code`` to the method's `<Method>Code` enum.
public struct ContractServiceError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// The return code, never 0.
    public let code: Int
    /// The envelope's `message`, if any.
    public let message: String?

    /// Creates the error for `code` and `message`.
    public init(code: Int, message: String? = nil) {
        self.code = code
        self.message = message
    }

    /// `service returned code 1001: 未找到该人员` (without the message part when there is none).
    public var description: String {
        if let message, !message.isEmpty {
            return "service returned code \(code): \(message)"
        }
        return "service returned code \(code)"
    }

    /// The same text as ``description``.
    public var errorDescription: String? { description }
}

/// Failures below the contract level: the request could not be built or sent, or the answer was not
/// a well-formed envelope.
public enum ContractTransportError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// The server answered with a non-2xx HTTP status; `body` is the start of the response body
    /// (at most 4096 bytes, decoded as UTF-8 with invalid bytes replaced).
    case httpStatus(Int, body: String)
    /// The response body was not a valid envelope, or `data` did not match the return type.
    case decoding(String)
    /// The request body could not be encoded.
    case encoding(String)
    /// The envelope had `code` 0 but no `data`, for a method that returns a value.
    case missingData
    /// No complete answer arrived within the transport's timeout.
    case timedOut
    /// The connection failed (refused, reset, DNS, TLS, ...); the text says how.
    case network(String)
    /// The base URL and path did not form a valid URL.
    case invalidURL(String)
    /// A path template had an unclosed `{` or an empty placeholder.
    case invalidPathTemplate(String)
    /// A path template named a placeholder without a value.
    case missingPathParameter(String)

    /// A one-line English explanation.
    public var description: String {
        switch self {
        case let .httpStatus(status, body):
            return body.isEmpty ? "HTTP status \(status)" : "HTTP status \(status): \(body)"
        case let .decoding(detail): return "could not decode the response: \(detail)"
        case let .encoding(detail): return "could not encode the request: \(detail)"
        case .missingData: return "the response has code 0 but no data"
        case .timedOut: return "the request timed out"
        case let .network(detail): return "network error: \(detail)"
        case let .invalidURL(detail): return "invalid URL: \(detail)"
        case let .invalidPathTemplate(template): return "invalid path template '\(template)'"
        case let .missingPathParameter(name): return "no value for path parameter '\(name)'"
        }
    }

    /// The same text as ``description``.
    public var errorDescription: String? { description }
}
