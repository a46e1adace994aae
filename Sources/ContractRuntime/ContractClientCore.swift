import Foundation

/// What every generated `<Interface>Client` is built on: the base URL, a ``ContractTransport`` and
/// the JSON settings of the wire convention.
///
/// ## Wire convention
/// - Parameters travel in the path (filled by ``ContractRequest/expandPath(_:_:)``), in the query,
///   and/or as a JSON request body (`Content-Type: application/json`).
/// - Every answer is HTTP 2xx with a JSON ``ContractEnvelope`` body: `{"code": 0, "data": ...}` on
///   success, `{"code": N, "message": "..."}` for a declared return code `N`.
/// - JSON is written with sorted keys and unescaped slashes, so the same value always gives the same
///   bytes. `Decimal` travels as a JSON number with its exact digits, `Data` (`binary`) as base64,
///   ``ContractDate`` as `"yyyy-MM-dd"`, ``ContractDateTime`` as ISO 8601 with offset; plain `Date`
///   values (not used by generated code) as ISO 8601 in UTC.
///
/// A call:
/// 1. validates the request body if it is ``ContractValidatable`` (throwing ``ValidationError``
///    before anything is sent);
/// 2. sends it; a non-2xx status throws ``ContractTransportError/httpStatus(_:body:)``;
/// 3. decodes the envelope; a body that is not one throws ``ContractTransportError/decoding(_:)``;
/// 4. a non-zero `code` throws ``ContractServiceError``;
/// 5. returns `data`; code 0 without `data` for a method that returns a value throws
///    ``ContractTransportError/missingData``. Methods returning `none` ignore `data`.
public struct ContractClientCore: Sendable {
    /// The service's address, e.g. `https://hrss.example.cn/api/person-info`.
    public let baseURL: URL
    /// How requests are sent.
    public let transport: any ContractTransport
    /// Header fields added to every request (e.g. an authorisation header).
    public var headers: [String: String]

    /// Creates a client core for `baseURL`, sending through `transport` (by default a
    /// ``URLSessionTransport`` with a 30-second timeout).
    public init(baseURL: URL, transport: any ContractTransport = URLSessionTransport(), headers: [String: String] = [:]) {
        self.baseURL = baseURL
        self.transport = transport
        self.headers = headers
    }

    /// A JSON encoder with the wire convention's deterministic settings: sorted keys, unescaped
    /// slashes, base64 data, ISO 8601 dates.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dataEncodingStrategy = .base64
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .throw
        encoder.keyEncodingStrategy = .useDefaultKeys
        return encoder
    }

    /// A JSON decoder matching ``makeEncoder()``.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dataDecodingStrategy = .base64
        decoder.dateDecodingStrategy = .iso8601
        decoder.nonConformingFloatDecodingStrategy = .throw
        decoder.keyDecodingStrategy = .useDefaultKeys
        return decoder
    }

    // MARK: - Calls

    /// Calls a method that takes a JSON body and returns a value.
    public func call<Input: Encodable & Sendable, Output: Decodable & Sendable>(
        method: String,
        path: String,
        query: [ContractQueryItem] = [],
        body: Input?,
        returning: Output.Type
    ) async throws -> Output {
        let response = try await send(method: method, path: path, query: query, body: try encodeBody(body))
        return try decodeData(response, as: Output.self)
    }

    /// Calls a method without a body that returns a value.
    public func call<Output: Decodable & Sendable>(
        method: String,
        path: String,
        query: [ContractQueryItem] = [],
        returning: Output.Type
    ) async throws -> Output {
        let response = try await send(method: method, path: path, query: query, body: nil)
        return try decodeData(response, as: Output.self)
    }

    /// Calls a method that takes a JSON body and returns `none`.
    public func call<Input: Encodable & Sendable>(
        method: String,
        path: String,
        query: [ContractQueryItem] = [],
        body: Input?
    ) async throws {
        let response = try await send(method: method, path: path, query: query, body: try encodeBody(body))
        _ = try decodeHead(response)
    }

    /// Calls a method without a body that returns `none`.
    public func call(method: String, path: String, query: [ContractQueryItem] = []) async throws {
        let response = try await send(method: method, path: path, query: query, body: nil)
        _ = try decodeHead(response)
    }

    // MARK: - Steps

    private func encodeBody<Input: Encodable>(_ body: Input?) throws -> Data? {
        guard let body else { return nil }
        if let validatable = body as? any ContractValidatable {
            try validatable.validate()
        }
        do {
            return try ContractClientCore.makeEncoder().encode(body)
        } catch {
            throw ContractTransportError.encoding(String(describing: error))
        }
    }

    private func send(method: String, path: String, query: [ContractQueryItem], body: Data?) async throws -> ContractResponse {
        var requestHeaders = headers
        requestHeaders["Accept"] = "application/json"
        if body != nil {
            requestHeaders["Content-Type"] = "application/json; charset=utf-8"
        }
        let request = ContractRequest(method: method, path: path, query: query, headers: requestHeaders, body: body)
        let response = try await transport.send(request, baseURL: baseURL)
        guard (200...299).contains(response.status) else {
            let prefix = response.body.prefix(4096)
            throw ContractTransportError.httpStatus(response.status, body: String(decoding: prefix, as: UTF8.self))
        }
        return response
    }

    private struct Head: Decodable {
        let code: Int
        let message: String?
    }

    private struct Payload<T: Decodable>: Decodable {
        let data: T?
    }

    /// Decodes `code` and `message`, throwing ``ContractServiceError`` for a non-zero code.
    private func decodeHead(_ response: ContractResponse) throws -> Head {
        let head: Head
        do {
            head = try ContractClientCore.makeDecoder().decode(Head.self, from: response.body)
        } catch {
            throw ContractTransportError.decoding(ContractClientCore.describe(error))
        }
        guard head.code == 0 else {
            throw ContractServiceError(code: head.code, message: head.message)
        }
        return head
    }

    private func decodeData<Output: Decodable>(_ response: ContractResponse, as type: Output.Type) throws -> Output {
        _ = try decodeHead(response)
        let payload: Payload<Output>
        do {
            payload = try ContractClientCore.makeDecoder().decode(Payload<Output>.self, from: response.body)
        } catch {
            throw ContractTransportError.decoding(ContractClientCore.describe(error))
        }
        guard let data = payload.data else { throw ContractTransportError.missingData }
        return data
    }

    private static func describe(_ error: any Error) -> String {
        guard let decodingError = error as? DecodingError else { return String(describing: error) }
        func at(_ path: [any CodingKey]) -> String {
            let text = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "the top level" : String(text.drop(while: { $0 == "." }))
        }
        switch decodingError {
        case let .dataCorrupted(context):
            return "\(context.debugDescription) at \(at(context.codingPath))"
        case let .keyNotFound(key, context):
            return "missing '\(key.stringValue)' at \(at(context.codingPath))"
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return "\(context.debugDescription) at \(at(context.codingPath))"
        @unknown default:
            return String(describing: error)
        }
    }
}
