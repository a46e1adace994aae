import ContractSyntax

/// A resolved value type (服务接口 4): every built-in type carries its length.
///
/// The long form (`type: string` + `length: 1..50`) and the data-element shorthand
/// (`C..50`) resolve to the same value.
public indirect enum ValueType: Hashable, Sendable {
    /// Unicode text of `min...max` characters.
    case string(min: Int, max: Int)
    /// A whole number of at most `digits` digits.
    case integer(digits: Int)
    /// At most `precision` digits, `scale` of them after the point.
    case decimal(precision: Int, scale: Int)
    /// At most `maxBytes` bytes (base64 in JSON).
    case binary(maxBytes: Int)
    /// true or false.
    case boolean
    /// yyyy-MM-dd.
    case date
    /// ISO 8601 date and time with offset.
    case datetime
    /// A type under `types:` of the same file.
    case named(String)
    /// A list of elements, with an optional bound.
    case list(ValueType, maxItems: Int?)

    /// The long-form type name: `string`, `integer`, …, the type's name, or `[T]`.
    public var typeName: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .decimal: "decimal"
        case .binary: "binary"
        case .boolean: "boolean"
        case .date: "date"
        case .datetime: "datetime"
        case .named(let n): n
        case .list(let e, _): "[\(e.typeName)]"
        }
    }

    /// The length in long form (`1..50`, `18..18`, `10`, `12,2`, `1024`), or nil when the type has none.
    public var lengthText: String? {
        switch self {
        case .string(let min, let max): "\(min)..\(max)"
        case .integer(let d): "\(d)"
        case .decimal(let p, let s): "\(p),\(s)"
        case .binary(let n): "\(n)"
        case .boolean, .date, .datetime, .named: nil
        case .list(let e, _): e.lengthText
        }
    }

    /// The data-element shorthand for the type, where one exists (`C..50`, `N12,2`).
    public var shorthand: String? {
        switch self {
        case .string(let min, let max): min == max ? "C\(max)" : (min == 1 ? "C..\(max)" : "C\(min)..\(max)")
        case .integer(let d): "N..\(d)"
        case .decimal(let p, let s): "N\(p),\(s)"
        case .binary(let n): "BY..\(n)"
        case .boolean: "B"
        case .date: "D8"
        case .datetime: "DT"
        case .named: nil
        case .list(let e, _): e.shorthand.map { "[\($0)]" }
        }
    }

    /// The element type of a list, or the type itself.
    public var element: ValueType {
        if case .list(let e, _) = self { return e }
        return self
    }

    /// Whether the type is a string (masking applies only to strings).
    public var isString: Bool {
        if case .string = element { return true }
        return false
    }
}

/// What resolving a type found.
public struct TypeFinding: Sendable, Hashable {
    /// The kind of finding; each is reported by its own rule.
    public enum Kind: String, Sendable, Hashable {
        /// No `type:`, or one that names nothing (`""`, `"[]"`) (rule `type-missing`).
        case missing
        /// A type that is neither built in, a shorthand, nor defined in the file (`type-unknown`);
        /// shorthand written in lower case (`c..50`) is named in capitals in the message.
        case unknown
        /// A built-in type that needs a length has none (`length-missing`).
        case lengthMissing
        /// A length that does not fit its type (`length-invalid`).
        case lengthInvalid
        /// A length on a type that takes none (`length-ignored`).
        case lengthIgnored
        /// A shorthand type together with a `length:` (`length-conflict`).
        case lengthConflict
    }

    /// The kind.
    public var kind: Kind
    /// Where it is.
    public var place: SourcePlace
    /// What is wrong and how to fix it.
    public var message: String

    /// Creates a finding.
    public init(_ kind: Kind, at place: SourcePlace, _ message: String) {
        self.kind = kind
        self.place = place
        self.message = message
    }
}

/// The result of resolving a `type:`/`length:` pair.
public struct TypeResolution: Sendable, Hashable {
    /// The type, when it could be resolved (possibly with warnings).
    public var type: ValueType?
    /// What resolving found.
    public var findings: [TypeFinding] = []

    /// Creates a resolution.
    public init(type: ValueType? = nil, findings: [TypeFinding] = []) {
        self.type = type
        self.findings = findings
    }
}

/// Resolves written types and lengths to ``ValueType``s.
public struct TypeResolver: Sendable {
    /// The names of the file's own types.
    public var localTypes: Set<String>

    /// The built-in long-form names.
    public static let builtins = ["string", "integer", "decimal", "binary", "boolean", "date", "datetime"]

    /// Creates a resolver for a file's types.
    public init(localTypes: Set<String>) { self.localTypes = localTypes }

    /// Resolves a parameter's or field's type.
    public func resolve(
        type: Located<String>?, length: Located<LengthText>?, maxItems: Located<Int>?, anchor: SourcePlace,
        what: String, isReturn: Bool = false
    ) -> TypeResolution {
        var result = TypeResolution()
        guard let type else {
            result.findings.append(TypeFinding(.missing, at: anchor,
                "\(what) has no type; add 'type:' — a built-in type with a length (string, integer, decimal, binary), boolean, date, datetime, a shorthand like C..50, or a type under 'types:'"))
            return result
        }
        var text = type.value.trimmingSpaces
        var isList = false
        if text.hasPrefix("["), text.hasSuffix("]"), text.count >= 2 {
            isList = true
            text = String(text.dropFirst().dropLast()).trimmingSpaces
        }
        guard !text.isEmpty else {
            // `type: ""` or `type: "[]"`: written, but it names nothing.
            let written = isList ? "'[]' is a list of nothing" : "'type:' is empty"
            result.findings.append(TypeFinding(.missing, at: type.place,
                "\(what) has no type: \(written); write \(isList ? "the element type inside, e.g. [C..50]" : "a type, e.g. C..50, N..10 or a type under 'types:'")"))
            return result
        }
        if let maxItems {
            if !isList {
                result.findings.append(TypeFinding(.lengthIgnored, at: maxItems.place,
                    "'maxItems' applies to lists only; remove it or make the type a list '[\(text)]'"))
            } else if maxItems.value < 1 {
                result.findings.append(TypeFinding(.lengthInvalid, at: maxItems.place,
                    "'maxItems' is \(maxItems.value); a list bound must be at least 1"))
            }
        }
        guard let element = resolveElement(text, typePlace: type.place, length: length, what: what, isReturn: isReturn, into: &result) else {
            return result
        }
        if isList {
            let bound = maxItems.flatMap { $0.value >= 1 ? $0.value : nil }
            result.type = .list(element, maxItems: bound)
        } else {
            result.type = element
        }
        return result
    }

    private func resolveElement(
        _ text: String, typePlace: SourcePlace, length: Located<LengthText>?, what: String, isReturn: Bool,
        into result: inout TypeResolution
    ) -> ValueType? {
        if let shorthand = Shorthand.parse(text) {
            switch shorthand {
            case .success(let value):
                if let length {
                    result.findings.append(TypeFinding(.lengthConflict, at: length.place,
                        "'\(text)' already gives the length; remove 'length: \(length.value)' or write the long form 'type: \(value.typeName)'"))
                }
                return value
            case .failure(let message):
                result.findings.append(TypeFinding(.lengthInvalid, at: typePlace, "shorthand '\(text)': \(message.message)"))
                return nil
            }
        }
        switch text {
        case "string", "integer", "decimal", "binary":
            guard let length else {
                let example = ["string": "1..50 (or 18..18 for exactly 18)", "integer": "10 (digits)", "decimal": "\"12,2\" (precision,scale)", "binary": "1024 (bytes)"][text] ?? ""
                let advice = isReturn
                    ? "a returned \(text) needs a length: write it in shorthand (e.g. \(Self.shorthandHint(text))) or return a type under 'types:'"
                    : "add 'length:', e.g. \(example)"
                result.findings.append(TypeFinding(.lengthMissing, at: typePlace, "\(what) has type \(text) but no length; \(advice)"))
                return nil
            }
            switch Self.parseLength(text, length.value) {
            case .success(let value): return value
            case .failure(let message):
                result.findings.append(TypeFinding(.lengthInvalid, at: length.place, message.message))
                return nil
            }
        case "boolean", "date", "datetime":
            if let length {
                result.findings.append(TypeFinding(.lengthIgnored, at: length.place,
                    "type \(text) takes no length; remove 'length: \(length.value)'"))
            }
            return text == "boolean" ? .boolean : (text == "date" ? .date : .datetime)
        default:
            if localTypes.contains(text) {
                if let length {
                    result.findings.append(TypeFinding(.lengthIgnored, at: length.place,
                        "type \(text) is a record and takes no length; remove 'length: \(length.value)'"))
                }
                return .named(text)
            }
            var message = "type '\(text)' is not a built-in type, a shorthand, or a type defined under 'types:' of this file"
            if text == "none" {
                message = isReturn
                    ? "a list cannot hold 'none'; write 'type: none' to return nothing, or name the element type"
                    : "'none' is only for 'returns'; \(what) needs a real type"
            } else if text.uppercased() != text, case .success(let value)? = Shorthand.parse(text.uppercased()) {
                // `c..50`: a shorthand written in lower case.
                message += "; shorthand types are written in capitals: did you mean '\(text.uppercased())' (\(value.typeName))?"
                result.findings.append(TypeFinding(.unknown, at: typePlace, message))
                return nil
            }
            let candidates = Self.builtins + localTypes.sorted()
            message += Suggestion.didYouMean(text, in: candidates)
            result.findings.append(TypeFinding(.unknown, at: typePlace, message))
            return nil
        }
    }

    static func shorthandHint(_ type: String) -> String {
        switch type {
        case "string": "C..50"
        case "integer": "N..10"
        case "decimal": "N12,2"
        default: "BY..1024"
        }
    }

    /// Parses a long-form length for a built-in type.
    public static func parseLength(_ type: String, _ length: LengthText) -> Result<ValueType, LengthError> {
        switch type {
        case "string":
            if case .number(let n) = length {
                return n >= 1 ? .success(.string(min: 1, max: n)) : .failure(LengthError("string length \(n) must be at least 1"))
            }
            let t = length.description.trimmingSpaces
            if let (lo, hi) = parseRange(t) {
                guard hi >= 1 else { return .failure(LengthError("string length '\(t)': the maximum must be at least 1")) }
                guard lo <= hi else { return .failure(LengthError("string length '\(t)': the minimum \(lo) is above the maximum \(hi); write \(hi)..\(lo)?")) }
                return .success(.string(min: lo, max: hi))
            }
            if let n = Int(t), n >= 1 { return .success(.string(min: 1, max: n)) }
            if let overflow = overflowMessage(t) { return .failure(LengthError("string length '\(t)': \(overflow)")) }
            if let range = dashedRange(t) {
                return .failure(LengthError("string length '\(t)' is not N or M..N; a range is written with two dots: did you mean \(range)?"))
            }
            return .failure(LengthError("string length '\(t)' is not N or M..N (e.g. 50 or 18..18)"))
        case "integer":
            let t = length.description.trimmingSpaces
            if let n = Int(t), (1...18).contains(n) { return .success(.integer(digits: n)) }
            if let p = decimalWithPoint(t) {
                return .failure(LengthError("integer length '\(t)' must be a digit count from 1 to 18; for a decimal write type: decimal, length: \"\(p)\""))
            }
            return .failure(LengthError("integer length '\(t)' must be a digit count from 1 to 18"))
        case "decimal":
            let t = length.description.trimmingSpaces
            let parts = t.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
            guard parts.count == 2, let p = Int(parts[0]), let s = Int(parts[1]) else {
                if let fixed = decimalWithPoint(t) {
                    return .failure(LengthError("decimal length '\(t)' separates precision and scale with a comma: did you mean \"\(fixed)\"?"))
                }
                if let overflow = overflowMessage(t, separator: ",", names: ("precision", "scale")) {
                    return .failure(LengthError("decimal length '\(t)': \(overflow)"))
                }
                return .failure(LengthError("decimal length '\(t)' must be \"P,S\": precision and scale, e.g. \"12,2\""))
            }
            guard (1...38).contains(p) else { return .failure(LengthError("decimal precision \(p) must be from 1 to 38")) }
            guard (0...p).contains(s) else { return .failure(LengthError("decimal scale \(s) must be from 0 to the precision \(p)")) }
            return .success(.decimal(precision: p, scale: s))
        default:
            let t = length.description.trimmingSpaces
            if let n = Int(t), n >= 1 { return .success(.binary(maxBytes: n)) }
            if let overflow = overflowMessage(t) { return .failure(LengthError("binary length '\(t)': \(overflow)")) }
            return .failure(LengthError("binary length '\(t)' must be a byte count of at least 1"))
        }
    }

    /// `P,S` for a decimal length written `P.S` (`12.2`), else nil.
    static func decimalWithPoint(_ t: String) -> String? {
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        return "\(parts[0]),\(parts[1])"
    }

    /// `M..N` for a range written `M-N` (`18-18`), else nil.
    static func dashedRange(_ t: String) -> String? {
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        return "\(parts[0])..\(parts[1])"
    }

    /// What is too large in a length made of digits that does not fit a 64-bit number: the
    /// number, or the bound of `M..N` (or part of `P,S`) that overflows. Nil when nothing overflows.
    static func overflowMessage(_ t: String, separator: String = "..", names: (String, String) = ("minimum", "maximum")) -> String? {
        func isDigits(_ s: String) -> Bool { !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }
        let limit = "at most \(Int.max)"
        if isDigits(t) {
            return Int(t) == nil ? "\(t) is too large (\(limit)); write the length the value really has" : nil
        }
        let parts = t.components(separatedBy: separator)
        guard parts.count == 2, parts[0].isEmpty || isDigits(parts[0]), isDigits(parts[1]) else { return nil }
        let tooLarge = [(names.0, parts[0]), (names.1, parts[1])].filter { !$0.1.isEmpty && Int($0.1) == nil }
        guard !tooLarge.isEmpty else { return nil }
        let which = tooLarge.map { "the \($0.0) \($0.1)" }.joined(separator: " and ")
        return "\(which) \(tooLarge.count == 1 ? "is" : "are") too large (\(limit)); write the length the value really has"
    }

    static func parseRange(_ t: String) -> (Int, Int)? {
        // `M..N` or `..N`: exactly one `..` (found on the bytes; Foundation's splitting is slow).
        let bytes = Array(t.utf8)
        guard let split = dotsIndex(bytes), dotsIndex(Array(bytes[(split + 2)...])) == nil else { return nil }
        let low = String(decoding: bytes[..<split], as: UTF8.self)
        let lo = low.isEmpty ? 1 : Int(low)
        guard let lo, let hi = Int(String(decoding: bytes[(split + 2)...], as: UTF8.self)), lo >= 0 else { return nil }
        return (lo, hi)
    }

    /// The index of the first `..` in the bytes, if any.
    static func dotsIndex(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 2 else { return nil }
        for i in 0..<(bytes.count - 1) where bytes[i] == 0x2E && bytes[i + 1] == 0x2E { return i }
        return nil
    }
}

/// Why a length is not valid, in words to show the author.
public struct LengthError: Error, Sendable, Hashable {
    /// The explanation.
    public var message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
}

/// The data-element shorthand of Chinese government data standards.
public enum Shorthand {
    /// Parses a shorthand type; nil when the text is not shaped like one.
    ///
    /// `C..50` string 1..50, `C18` string 18..18, `C2..50` string 2..50, `N..10` and `N10`
    /// integer of 10 digits, `N12,2` and `N..12,2` decimal, `D8` date, `DT` datetime,
    /// `B` boolean, `BY..1024` and `BY1024` binary.
    public static func parse(_ text: String) -> Result<ValueType, LengthError>? {
        switch text {
        case "B": return .success(.boolean)
        case "DT": return .success(.datetime)
        case "D8": return .success(.date)
        default: break
        }
        if text.hasPrefix("BY"), let rest = Optional(String(text.dropFirst(2))), isNumeric(rest, allowDots: true) {
            let n = rest.hasPrefix("..") ? String(rest.dropFirst(2)) : rest
            guard let v = Int(n), v >= 1 else {
                return .failure(LengthError(TypeResolver.overflowMessage(n) ?? "the byte count must be a number of at least 1"))
            }
            return .success(.binary(maxBytes: v))
        }
        if text.hasPrefix("C"), let rest = Optional(String(text.dropFirst())), isNumeric(rest, allowDots: true), !rest.isEmpty {
            if TypeResolver.dotsIndex(Array(rest.utf8)) != nil {
                guard let (lo, hi) = TypeResolver.parseRange(rest) else {
                    if let overflow = TypeResolver.overflowMessage(rest) { return .failure(LengthError(overflow)) }
                    return .failure(LengthError("write C..N, CM..N or CN (e.g. C..50, C18)"))
                }
                guard hi >= 1, lo <= hi else { return .failure(LengthError("the range \(lo)..\(hi) is empty")) }
                return .success(.string(min: lo, max: hi))
            }
            guard let n = Int(rest) else {
                return .failure(LengthError(TypeResolver.overflowMessage(rest) ?? "write C..N, CM..N or CN (e.g. C..50, C18)"))
            }
            guard n >= 1 else { return .failure(LengthError("the length must be at least 1")) }
            return .success(.string(min: n, max: n))
        }
        if text.hasPrefix("N"), let rest = Optional(String(text.dropFirst())), !rest.isEmpty,
            rest.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") })
        {
            let body = rest.hasPrefix("..") ? String(rest.dropFirst(2)) : rest
            if body.contains(",") {
                return TypeResolver.parseLength("decimal", .text(body)).mapError { LengthError($0.message) }
            }
            guard let n = Int(body), (1...18).contains(n) else {
                if let fixed = TypeResolver.decimalWithPoint(body) {
                    return .failure(LengthError("a decimal separates precision and scale with a comma: did you mean 'N\(fixed)'?"))
                }
                return .failure(LengthError("an integer has 1 to 18 digits"))
            }
            return .success(.integer(digits: n))
        }
        return nil
    }

    private static func isNumeric(_ s: String, allowDots: Bool) -> Bool {
        !s.isEmpty && s.allSatisfy { $0.isASCII && ($0.isNumber || (allowDots && $0 == ".")) }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }

    /// Splits on a separator string (no Foundation).
    func components(separatedBy separator: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(self)
        while let r = rest.firstRange(of: separator) {
            parts.append(String(rest[rest.startIndex..<r.lowerBound]))
            rest = rest[r.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}
