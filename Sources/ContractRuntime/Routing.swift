import Foundation

// What generated `<Interface>Client`s and `<Interface>Handler`s share beyond ``ContractClientCore``:
// parameter values in paths and queries, path templates and routing, and the answers a handler gives.
//
// ## Parameters outside the body
//
// Methods bound to GET or DELETE send their parameters in the path (the `{variables}` of the
// binding) and in the query; POST, PUT and PATCH send the whole input as the JSON body, with the
// path variables also filled into the path. In the path and the query a value is written as text:
//
// | contract type | text |
// |---|---|
// | `string` | the string itself |
// | `integer` | decimal digits with an optional `-` (`-42`) |
// | `decimal` | its exact digits with `.` as the point (`1234.50`), no exponent |
// | `boolean` | `true` or `false` |
// | `date` | `yyyy-MM-dd` |
// | `datetime` | RFC 3339 with offset, as written |
// | `binary` | base64 |
// | `[T]` of the above | one query item per element, in order |
// | a record type, or a list of them | one query item holding its JSON (sorted keys) |
//
// An optional parameter without a value is left out.

// MARK: - Parameter values

/// A value that can travel as text in a request path or query (see the table above).
public protocol ContractParameterValue: Sendable {
    /// Parses the text form; `nil` when `parameterText` is not a valid value of the type.
    init?(parameterText: String)
    /// The text form sent in a path or query.
    var parameterText: String { get }
    /// What the text must look like, for error messages (e.g. `an integer`).
    static var parameterKind: String { get }
}

extension String: ContractParameterValue {
    /// Any text is a string.
    public init?(parameterText: String) { self = parameterText }
    /// The string itself.
    public var parameterText: String { self }
    /// `a string`.
    public static var parameterKind: String { "a string" }
}

extension Int64: ContractParameterValue {
    /// Parses decimal digits with an optional leading `-` or `+`; nothing else.
    public init?(parameterText: String) {
        var digits = Substring(parameterText)
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let value = Int64(parameterText)
        else { return nil }
        self = value
    }
    /// Decimal digits, `-` for negative values.
    public var parameterText: String { String(self) }
    /// `an integer`.
    public static var parameterKind: String { "an integer" }
}

extension Decimal: ContractParameterValue {
    /// Parses `[-+]digits[.digits]` exactly (no exponent, no grouping, `.` as the point).
    public init?(parameterText: String) {
        var body = Substring(parameterText)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty,
              whole.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        else { return nil }
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        }
        guard let value = Decimal(string: parameterText, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        self = value
    }
    /// The exact digits with `.` as the point.
    public var parameterText: String { description }
    /// `a decimal number`.
    public static var parameterKind: String { "a decimal number" }
}

extension Bool: ContractParameterValue {
    /// Parses `true` or `false`.
    public init?(parameterText: String) {
        switch parameterText {
        case "true": self = true
        case "false": self = false
        default: return nil
        }
    }
    /// `true` or `false`.
    public var parameterText: String { self ? "true" : "false" }
    /// `true or false`.
    public static var parameterKind: String { "true or false" }
}

extension Data: ContractParameterValue {
    /// Parses standard base64 (with padding).
    public init?(parameterText: String) {
        guard let data = Data(base64Encoded: parameterText) else { return nil }
        self = data
    }
    /// Standard base64.
    public var parameterText: String { base64EncodedString() }
    /// `base64 data`.
    public static var parameterKind: String { "base64 data" }
}

extension ContractDate: ContractParameterValue {
    /// Parses `yyyy-MM-dd`.
    public init?(parameterText: String) {
        guard let date = ContractDate(parameterText) else { return nil }
        self = date
    }
    /// `yyyy-MM-dd`.
    public var parameterText: String { description }
    /// `a date (yyyy-MM-dd)`.
    public static var parameterKind: String { "a date (yyyy-MM-dd)" }
}

extension ContractDateTime: ContractParameterValue {
    /// Parses an RFC 3339 date-time with offset.
    public init?(parameterText: String) {
        guard let value = ContractDateTime(parameterText) else { return nil }
        self = value
    }
    /// The text as written.
    public var parameterText: String { description }
    /// `a date-time with offset (RFC 3339)`.
    public static var parameterKind: String { "a date-time with offset (RFC 3339)" }
}

// MARK: - Writing the query

/// Builds the query items of a request, leaving out parameters without a value.
///
/// ```swift
/// var query = ContractQueryWriter()
/// query.add("insuranceType", input.insuranceType)      // String?: left out when nil
/// query.add("months", input.months)                    // [Int64]: one item per element
/// try query.addJSON("filter", input.filter)            // a record: its JSON
/// ```
public struct ContractQueryWriter: Sendable, Hashable {
    /// The items so far, in the order they were added.
    public private(set) var items: [ContractQueryItem] = []

    /// Creates an empty query.
    public init() {}

    /// Adds `name=value`.
    public mutating func add<Value: ContractParameterValue>(_ name: String, _ value: Value) {
        items.append(ContractQueryItem(name, value.parameterText))
    }

    /// Adds `name=value`, or nothing for `nil`.
    public mutating func add<Value: ContractParameterValue>(_ name: String, _ value: Value?) {
        if let value { add(name, value) }
    }

    /// Adds one `name=element` per element, in order.
    public mutating func add<Value: ContractParameterValue>(_ name: String, _ values: [Value]) {
        for value in values { add(name, value) }
    }

    /// Adds one `name=element` per element, or nothing for `nil`.
    public mutating func add<Value: ContractParameterValue>(_ name: String, _ values: [Value]?) {
        if let values { add(name, values) }
    }

    /// Adds `name=<JSON of value>` (sorted keys), or nothing for `nil`.
    /// - Throws: ``ContractTransportError/encoding(_:)`` when the value cannot be encoded.
    public mutating func addJSON<Value: Encodable>(_ name: String, _ value: Value?) throws {
        guard let value else { return }
        do {
            let data = try ContractClientCore.makeEncoder().encode(value)
            items.append(ContractQueryItem(name, String(decoding: data, as: UTF8.self)))
        } catch {
            throw ContractTransportError.encoding(String(describing: error))
        }
    }
}

// MARK: - Reading parameters

/// Reads a handler's parameters from the path variables and the query of a request, collecting
/// every problem as a ``ValidationIssue`` at `<Type>.<name>` instead of stopping at the first.
///
/// Each read returns the value, or `nil` when it is absent or malformed; a missing required
/// parameter is reported as `required`, a malformed one as e.g. `'abc' is not an integer`.
/// When ``isValid`` is false, throw ``error``.
public struct ContractParameterReader: Sendable {
    /// The root of issue paths: the input type's name, e.g. `QueryPersonInfoInput`.
    public let typeName: String
    /// The values of the path variables, already percent-decoded.
    public let pathValues: [String: String]
    /// The query items of the request.
    public let query: [ContractQueryItem]
    private var validator = Validator()

    /// Creates a reader for the input type `typeName`.
    public init(typeName: String, pathValues: [String: String], query: [ContractQueryItem]) {
        self.typeName = typeName
        self.pathValues = pathValues
        self.query = query
    }

    /// True while no problem has been found.
    public var isValid: Bool { validator.isValid }

    /// Every problem found so far.
    public var error: ValidationError { ValidationError(issues: validator.issues) }

    /// Records a problem with parameter `name`.
    public mutating func report(_ problem: String, for name: String) {
        validator.report(problem, at: Validator.path(typeName, field: name))
    }

    private mutating func parse<Value: ContractParameterValue>(_ text: String, _ name: String, as type: Value.Type) -> Value? {
        guard let value = Value(parameterText: text) else {
            report("'\(ContractParameterReader.excerpt(text))' is not \(Value.parameterKind)", for: name)
            return nil
        }
        return value
    }

    /// The value of the path variable `{name}`; reported as `required` when there is none.
    public mutating func path<Value: ContractParameterValue>(_ name: String, as type: Value.Type) -> Value? {
        guard let text = pathValues[name] else {
            report("required", for: name)
            return nil
        }
        return parse(text, name, as: type)
    }

    private mutating func single(_ name: String, required: Bool) -> String? {
        let texts = query.filter { $0.name == name }.map { $0.value ?? "" }
        if texts.count > 1 {
            report("given \(texts.count) times, expected once", for: name)
            return nil
        }
        guard let text = texts.first else {
            if required { report("required", for: name) }
            return nil
        }
        return text
    }

    /// The query parameter `name`; `nil` when absent (reported as `required` if `required`), and
    /// reported when it is malformed or given more than once.
    public mutating func query<Value: ContractParameterValue>(_ name: String, as type: Value.Type, required: Bool) -> Value? {
        guard let text = single(name, required: required) else { return nil }
        return parse(text, name, as: type)
    }

    /// Every query item named `name`, in order, as a list; `nil` when there is none (reported as
    /// `required` if `required`; an absent optional list is `nil`, not empty).
    public mutating func queryList<Value: ContractParameterValue>(_ name: String, of type: Value.Type, required: Bool) -> [Value]? {
        let texts = query.filter { $0.name == name }.map { $0.value ?? "" }
        if texts.isEmpty {
            if required { report("required", for: name) }
            return nil
        }
        var values: [Value] = []
        var ok = true
        for (index, text) in texts.enumerated() {
            if let value = Value(parameterText: text) {
                values.append(value)
            } else {
                validator.report("'\(ContractParameterReader.excerpt(text))' is not \(Value.parameterKind)",
                                 at: Validator.path(Validator.path(typeName, field: name), index: index))
                ok = false
            }
        }
        return ok ? values : nil
    }

    /// The query parameter `name` holding JSON; reported when absent and `required`, when given
    /// more than once, or when it is not the JSON of a `Value`.
    public mutating func queryJSON<Value: Decodable>(_ name: String, as type: Value.Type, required: Bool) -> Value? {
        guard let text = single(name, required: required) else { return nil }
        do {
            return try ContractClientCore.makeDecoder().decode(Value.self, from: Data(text.utf8))
        } catch {
            report("not valid JSON for this parameter: \(ContractReply.describe(error))", for: name)
            return nil
        }
    }

    /// Checks that a path variable and the same field of a JSON body agree.
    public mutating func agree<Value: Equatable & ContractParameterValue>(_ name: String, path: Value?, body: Value) {
        guard let path, path != body else { return }
        report("the path gives '\(ContractParameterReader.excerpt(path.parameterText))' but the body '\(ContractParameterReader.excerpt(body.parameterText))'", for: name)
    }

    static func excerpt(_ text: String) -> String {
        text.count > 64 ? String(text.prefix(64)) + "…" : text
    }
}

// MARK: - Path templates and routing

/// A path template of an `http:` binding, such as `/persons/{idNumber}/insurances`, matched
/// against request paths.
///
/// Paths are compared segment by segment (split at `/`; an empty last segment from a trailing `/`
/// is ignored on both sides). A `{variable}` matches one or more characters of one segment, never a
/// `/`; a segment may mix text and variables (`/files/{name}.csv`). Segments are percent-decoded
/// before comparing, and variable values are returned decoded. A template with unbalanced braces
/// or an empty `{}` matches nothing (``isValid`` is false).
public struct ContractPathTemplate: Sendable, Hashable, CustomStringConvertible {
    private enum Piece: Sendable, Hashable {
        case text(String)
        case variable(String)
    }

    /// The template as written.
    public let description: String
    /// The variables, in order.
    public let variables: [String]
    /// Whether the template is well formed.
    public let isValid: Bool
    private let segments: [[Piece]]

    /// Parses a template.
    public init(_ template: String) {
        description = template
        var segments: [[Piece]] = []
        var names: [String] = []
        var valid = true
        for raw in ContractPathTemplate.split(template) {
            var pieces: [Piece] = []
            var text = ""
            var name: String?
            for character in raw {
                if character == "{" {
                    if name != nil { valid = false }
                    if !text.isEmpty { pieces.append(.text(text)) }
                    text = ""
                    name = ""
                } else if character == "}" {
                    guard let current = name, !current.isEmpty else {
                        valid = false
                        continue
                    }
                    if let last = pieces.last, case .variable = last { valid = false }
                    pieces.append(.variable(current))
                    names.append(current)
                    name = nil
                } else if name != nil {
                    name?.append(character)
                } else {
                    text.append(character)
                }
            }
            if name != nil { valid = false }
            if !text.isEmpty { pieces.append(.text(ContractPathTemplate.decode(text) ?? text)) }
            segments.append(pieces)
        }
        self.segments = segments
        self.variables = names
        self.isValid = valid
    }

    /// How specific the template is, for choosing between templates that both match: per segment,
    /// 0 for plain text, 1 for text and variables, 2 for a variable alone. Smaller is more specific.
    public var specificity: [Int] {
        segments.map { pieces in
            if pieces.allSatisfy({ if case .text = $0 { true } else { false } }) { return 0 }
            return pieces.count == 1 ? 2 : 1
        }
    }

    /// The decoded values of the variables when `path` matches, else `nil`.
    public func match(_ path: String) -> [String: String]? {
        guard isValid else { return nil }
        let parts = ContractPathTemplate.split(path)
        guard parts.count == segments.count else { return nil }
        var values: [String: String] = [:]
        for (pieces, raw) in zip(segments, parts) {
            guard let decoded = ContractPathTemplate.decode(raw),
                  ContractPathTemplate.match(pieces[...], Substring(decoded), into: &values)
            else { return nil }
        }
        return values
    }

    /// Matches pieces against a segment, trying shorter variable values first and backtracking.
    private static func match(_ pieces: ArraySlice<Piece>, _ text: Substring, into values: inout [String: String]) -> Bool {
        guard let first = pieces.first else { return text.isEmpty }
        let rest = pieces.dropFirst()
        switch first {
        case .text(let literal):
            guard text.hasPrefix(literal) else { return false }
            return match(rest, text.dropFirst(literal.count), into: &values)
        case .variable(let name):
            guard !text.isEmpty else { return false }
            var end = text.index(after: text.startIndex)
            while true {
                var attempt = values
                attempt[name] = String(text[text.startIndex..<end])
                if match(rest, text[end...], into: &attempt) {
                    values = attempt
                    return true
                }
                guard end < text.endIndex else { return false }
                end = text.index(after: end)
            }
        }
    }

    /// The segments of a path: split at `/`, without the leading empty segment and a trailing one.
    static func split(_ path: String) -> [Substring] {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false)
        if parts.first == "" { parts.removeFirst() }
        if parts.count > 0, parts.last == "" { parts.removeLast() }
        return parts
    }

    /// Percent-decodes text; `nil` when an escape is malformed or the bytes are not UTF-8.
    static func decode<S: StringProtocol>(_ text: S) -> String? {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard iterator.count >= 2, let high = hexValue(iterator.removeFirst()), let low = hexValue(iterator.removeFirst()) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return String(bytes: bytes, encoding: .utf8)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}

/// The routes of a service: an HTTP method and a path template for each, mapped to a value of
/// the handler's (typically an enum case naming the contract method).
///
/// When several templates match a path, the most specific wins (see
/// ``ContractPathTemplate/specificity``): `/persons/by-ssn/{n}` before `/persons/{id}/{kind}`.
/// Methods are compared exactly (`GET`, not `get`).
public struct ContractRouter<Route: Sendable>: Sendable {
    /// What a request matched.
    public enum Match: Sendable {
        /// A route, with the decoded values of its path variables.
        case found(Route, pathValues: [String: String])
        /// The path matches routes, but none for this method; the methods that would match.
        case methodNotAllowed(allowed: [String])
        /// No route has this path.
        case notFound
    }

    private var routes: [(method: String, template: ContractPathTemplate, route: Route)] = []

    /// Creates a router without routes.
    public init() {}

    /// Adds a route. An invalid template (see ``ContractPathTemplate/isValid``) never matches.
    public mutating func add(method: String, path template: String, route: Route) {
        routes.append((method, ContractPathTemplate(template), route))
    }

    /// The route for a request's method and path (the path without its query).
    public func match(method: String, path: String) -> Match {
        var best: (specificity: [Int], route: Route, values: [String: String])?
        var allowed: [String] = []
        for candidate in routes {
            guard let values = candidate.template.match(path) else { continue }
            guard candidate.method == method else {
                if !allowed.contains(candidate.method) { allowed.append(candidate.method) }
                continue
            }
            let specificity = candidate.template.specificity
            if best == nil || specificity.lexicographicallyPrecedes(best?.specificity ?? []) {
                best = (specificity, candidate.route, values)
            }
        }
        if let best { return .found(best.route, pathValues: best.values) }
        return allowed.isEmpty ? .notFound : .methodNotAllowed(allowed: allowed.sorted())
    }
}

// MARK: - Answers of a handler

/// The responses a generated `<Interface>Handler` gives, following the wire convention of
/// ``ContractClientCore``: every answer is a JSON ``ContractEnvelope``.
///
/// | case | HTTP status | envelope |
/// |---|---|---|
/// | success | 200 | `{"code": 0, "data": …}` (no `data` for `none`) |
/// | a ``ContractServiceError`` from the service | 200 | `{"code": N, "message": …}` |
/// | invalid input (``ValidationError``, a body that is not JSON of the input) | 400 | `{"code": 400, "message": <the problems>}` |
/// | no route for the path | 404 | `{"code": 404, "message": …}` |
/// | a route for the path but not the method | 405, `Allow` header | `{"code": 405, "message": …}` |
/// | any other error of the service, or an answer that cannot be encoded | 500 | `{"code": 500, "message": "internal error"}` |
///
/// The envelope's `code` of a non-2xx answer repeats the HTTP status; clients look at the status.
/// A 500 answer never carries the error's text, which may hold internal details.
public enum ContractReply {
    /// The `Content-Type` of every answer.
    public static let contentType = "application/json; charset=utf-8"

    /// A success carrying `data`.
    public static func success<T: Codable & Sendable>(_ data: T) -> ContractResponse {
        envelope(status: 200, ContractEnvelope<T>.success(data))
    }

    /// A success without data, for methods that return `none`.
    public static func success() -> ContractResponse {
        envelope(status: 200, ContractEnvelope<ContractNone>.success())
    }

    /// The answer for an error thrown by the service: its return code for a
    /// ``ContractServiceError``, else 500.
    public static func failure(_ error: any Error) -> ContractResponse {
        if let service = error as? ContractServiceError {
            return envelope(status: 200, ContractEnvelope<ContractNone>.failure(code: service.code, message: service.message))
        }
        return status(500, message: "internal error")
    }

    /// The answer for input that could not be read or broke its contract: 400 with the problems.
    public static func badRequest(_ error: any Error) -> ContractResponse {
        status(400, message: describe(error))
    }

    /// The answer for a path no route has: 404.
    public static func notFound(_ request: ContractRequest) -> ContractResponse {
        status(404, message: "no method of this service at \(request.method) \(request.path)")
    }

    /// The answer for a path whose routes use other methods: 405 with an `Allow` header.
    public static func methodNotAllowed(_ request: ContractRequest, allowed: [String]) -> ContractResponse {
        var response = status(405, message: "\(request.method) is not allowed at \(request.path); use \(allowed.joined(separator: ", "))")
        response.headers["Allow"] = allowed.joined(separator: ", ")
        return response
    }

    /// An answer with a non-2xx status whose envelope repeats the status as its code.
    public static func status(_ status: Int, message: String) -> ContractResponse {
        envelope(status: status, ContractEnvelope<ContractNone>(code: status, message: message))
    }

    /// Decodes the JSON body of a request as `type`; an empty body reads as `{}`.
    /// - Throws: ``ContractTransportError/decoding(_:)`` describing where the body is wrong.
    public static func decodeBody<T: Decodable>(_ type: T.Type, from request: ContractRequest) throws -> T {
        let body = request.body ?? Data()
        let json = body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) ? Data("{}".utf8) : body
        do {
            return try ContractClientCore.makeDecoder().decode(T.self, from: json)
        } catch {
            throw ContractTransportError.decoding("the request body: \(describe(error))")
        }
    }

    private static func envelope<T: Codable & Sendable>(status: Int, _ envelope: ContractEnvelope<T>) -> ContractResponse {
        do {
            let body = try ContractClientCore.makeEncoder().encode(envelope)
            return ContractResponse(status: status, headers: ["Content-Type": contentType], body: body)
        } catch {
            let fallback = Data(#"{"code":500,"message":"internal error"}"#.utf8)
            return ContractResponse(status: 500, headers: ["Content-Type": contentType], body: fallback)
        }
    }

    /// A one-line description of an error, with coding paths for `DecodingError`s.
    static func describe(_ error: any Error) -> String {
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
        case let .typeMismatch(type, context):
            return "expected \(type) at \(at(context.codingPath))"
        case let .valueNotFound(type, context):
            return "expected \(type), found null at \(at(context.codingPath))"
        @unknown default:
            return String(describing: decodingError)
        }
    }
}

// MARK: - Catalogue constants of generated code

extension ServiceCode {
    /// A code whose digits the code generator has already checked, for the `code` constant of a
    /// generated `<Interface>Service`; not failable, so the constant needs no unwrapping.
    ///
    /// Text that is not four ASCII digits gives `0000` (never a standard code, see
    /// ``isStandard``). Use ``init(_:)`` to parse codes from elsewhere.
    public init(checked digits: StaticString) {
        let text = digits.description
        self = ServiceCode(text) ?? ServiceCode(unchecked: "0000")
    }

    private init(unchecked text: String) {
        self.description = text
    }
}
