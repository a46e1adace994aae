import ContractSyntax

/// A strict JSON (RFC 8259) reader that keeps the byte offset of every value, so that a problem
/// in a catalogue or a state file is reported at its `line:column` like every other diagnostic
/// of the tool. It needs no Foundation and never recurses deeper than ``maximumDepth``.
public struct JSONDocument: Sendable {
    /// How deep arrays and objects may nest before the reader gives up (a catalogue needs 4).
    public static let maximumDepth = 256

    /// One value and where it starts.
    public struct Node: Sendable {
        /// The value.
        public var value: Value
        /// Byte offset of the value's first byte in the text.
        public var offset: Int
    }

    /// One `"key": value` of an object, in the order written.
    public struct Member: Sendable {
        /// The key.
        public var key: String
        /// Byte offset of the key's opening quote.
        public var keyOffset: Int
        /// The value.
        public var node: Node
    }

    /// A JSON value.
    public indirect enum Value: Sendable {
        /// An object, members in the order written.
        case object([Member])
        /// An array.
        case array([Node])
        /// A string.
        case string(String)
        /// A number, as written.
        case number(String)
        /// `true` or `false`.
        case bool(Bool)
        /// `null`.
        case null

        /// How a message names the kind of value: `a string`, `an object`.
        public var kindDescription: String {
            switch self {
            case .object: "an object"
            case .array: "an array"
            case .string: "a string"
            case .number: "a number"
            case .bool: "a boolean"
            case .null: "null"
            }
        }
    }

    /// Why a text is not JSON, and where.
    public struct SyntaxError: Error, Sendable, Hashable {
        /// What is wrong.
        public var message: String
        /// Byte offset of the problem.
        public var offset: Int
    }

    /// The root value.
    public var root: Node
    /// The bytes read.
    public let bytes: [UInt8]
    /// Where each line of ``bytes`` starts, for turning offsets into places.
    public let places: PlaceIndex

    /// Reads a whole text. A UTF-8 byte-order mark at the start is skipped.
    public static func parse(_ bytes: [UInt8]) -> Result<JSONDocument, SyntaxError> {
        var parser = Parser(bytes: bytes)
        do {
            let root = try parser.document()
            return .success(JSONDocument(root: root, bytes: bytes, places: PlaceIndex(bytes)))
        } catch let error as SyntaxError {
            return .failure(error)
        } catch {
            return .failure(SyntaxError(message: "\(error)", offset: 0))
        }
    }

    /// The 1-based line and column (counted in Unicode scalars) of a byte offset.
    ///
    /// This reads the text from its start: one call is linear, so a caller that needs the places
    /// of many offsets of the same text (one per catalogue entry) uses a ``PlaceIndex`` instead,
    /// which gives the same answers.
    public static func place(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        var index = 0
        let end = min(max(offset, 0), bytes.count)
        while index < end {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return (line, column)
    }

    /// The place of a byte offset in this document, found in ``places`` (no scan of the text).
    public func place(of offset: Int) -> (line: Int, column: Int) { places.place(of: offset) }

    /// Turns byte offsets of one text into 1-based lines and columns (columns counted in Unicode
    /// scalars, as ``JSONDocument/place(of:in:)`` counts them) without reading the text from its
    /// start each time.
    ///
    /// Built in one pass over the text; each look-up then costs a binary search over the line
    /// starts and a count of at most ``stride`` bytes, however long the line is (a minified
    /// catalogue is one line of megabytes). The places of a whole catalogue are thereby linear
    /// in its size, not quadratic.
    public struct PlaceIndex: Sendable {
        /// How many bytes apart the counts of scalar starts are kept.
        public static let stride = 64

        /// The text.
        private let bytes: [UInt8]
        /// The offset of the first byte of each line: 0, then one past every line feed.
        private let lineStarts: [Int]
        /// `scalarStarts[k]`: how many bytes of `bytes[0 ..< k * stride]` start a scalar (are
        /// not UTF-8 continuation bytes).
        private let scalarStarts: [Int]

        /// Indexes a text in one pass.
        public init(_ bytes: [UInt8]) {
            self.bytes = bytes
            var lineStarts = [0]
            var scalarStarts: [Int] = []
            scalarStarts.reserveCapacity(bytes.count / Self.stride + 1)
            var starts = 0
            bytes.withUnsafeBufferPointer { buffer in
                var block = 0
                while block < buffer.count {
                    scalarStarts.append(starts)
                    let end = min(block + Self.stride, buffer.count)
                    var index = block
                    while index < end {
                        let byte = buffer[index]
                        if byte & 0xC0 != 0x80 { starts += 1 }
                        if byte == 0x0A { lineStarts.append(index + 1) }
                        index += 1
                    }
                    block = end
                }
            }
            if bytes.count % Self.stride == 0 { scalarStarts.append(starts) }
            self.lineStarts = lineStarts
            self.scalarStarts = scalarStarts
        }

        /// The 1-based line and column of a byte offset (clamped to the text).
        public func place(of offset: Int) -> (line: Int, column: Int) {
            let end = min(max(offset, 0), bytes.count)
            // The last line start at or before `end`.
            var low = 0
            var high = lineStarts.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if lineStarts[middle] <= end { low = middle } else { high = middle - 1 }
            }
            let column = scalarStartsBefore(end) - scalarStartsBefore(lineStarts[low]) + 1
            return (low + 1, column)
        }

        /// How many bytes of `bytes[0 ..< offset]` start a scalar.
        private func scalarStartsBefore(_ offset: Int) -> Int {
            let checkpoint = offset / Self.stride
            var count = scalarStarts[checkpoint]
            var index = checkpoint * Self.stride
            while index < offset {
                if bytes[index] & 0xC0 != 0x80 { count += 1 }
                index += 1
            }
            return count
        }
    }
}

extension JSONDocument.Node {
    /// The members, when the value is an object.
    public var members: [JSONDocument.Member]? {
        if case .object(let members) = value { return members }
        return nil
    }

    /// The items, when the value is an array.
    public var items: [JSONDocument.Node]? {
        if case .array(let items) = value { return items }
        return nil
    }

    /// The text, when the value is a string.
    public var string: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    /// Whether the value is `null`.
    public var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// The first member with a key, when the value is an object.
    public func member(_ key: String) -> JSONDocument.Member? {
        members?.first { $0.key == key }
    }
}

private struct Parser {
    let bytes: [UInt8]
    var index = 0
    var depth = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    typealias SyntaxError = JSONDocument.SyntaxError

    func fail(_ message: String, at offset: Int? = nil) -> SyntaxError {
        SyntaxError(message: message, offset: offset ?? index)
    }

    /// The character at the index, for messages.
    func describeHere() -> String {
        guard index < bytes.count else { return "the end of the file" }
        let byte = bytes[index]
        if byte < 0x20 { return "a control character (0x\(String(byte, radix: 16)))" }
        if byte < 0x80 { return "'\(Character(Unicode.Scalar(byte)))'" }
        var end = index + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80, end - index < 4 { end += 1 }
        return "'\(DisplayText.escaped(String(decoding: bytes[index..<end], as: UTF8.self)))'"
    }

    mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    mutating func document() throws -> JSONDocument.Node {
        skipSpace()
        guard index < bytes.count else { throw fail("the file is empty; expected a JSON value") }
        let root = try value()
        skipSpace()
        if index < bytes.count {
            throw fail("unexpected \(describeHere()) after the end of the JSON value")
        }
        return root
    }

    mutating func value() throws -> JSONDocument.Node {
        skipSpace()
        guard index < bytes.count else { throw fail("unexpected end of the file; expected a value") }
        let start = index
        switch bytes[index] {
        case UInt8(ascii: "{"): return JSONDocument.Node(value: try object(), offset: start)
        case UInt8(ascii: "["): return JSONDocument.Node(value: try array(), offset: start)
        case UInt8(ascii: "\""): return JSONDocument.Node(value: .string(try string()), offset: start)
        case UInt8(ascii: "t"): try literal("true"); return JSONDocument.Node(value: .bool(true), offset: start)
        case UInt8(ascii: "f"): try literal("false"); return JSONDocument.Node(value: .bool(false), offset: start)
        case UInt8(ascii: "n"): try literal("null"); return JSONDocument.Node(value: .null, offset: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONDocument.Node(value: .number(try number()), offset: start)
        case UInt8(ascii: "'"):
            throw fail("JSON strings are written in double quotes, not single quotes")
        default:
            throw fail("unexpected \(describeHere()); expected a value (object, array, string, number, true, false or null)")
        }
    }

    mutating func enter() throws {
        depth += 1
        if depth > JSONDocument.maximumDepth {
            throw fail("values are nested more than \(JSONDocument.maximumDepth) deep")
        }
    }

    mutating func object() throws -> JSONDocument.Value {
        try enter()
        defer { depth -= 1 }
        index += 1
        var members: [JSONDocument.Member] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    throw fail("a trailing comma before '}' is not allowed in JSON")
                }
                throw fail("unexpected \(describeHere()); expected a key in double quotes")
            }
            let keyOffset = index
            let key = try string()
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw fail("unexpected \(describeHere()); expected ':' after the key \"\(DisplayText.escaped(key))\"")
            }
            index += 1
            let node = try value()
            members.append(JSONDocument.Member(key: key, keyOffset: keyOffset, node: node))
            skipSpace()
            guard index < bytes.count else { throw fail("unexpected end of the file; the object has no closing '}'") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            throw fail("unexpected \(describeHere()); expected ',' or '}' in the object")
        }
    }

    mutating func array() throws -> JSONDocument.Value {
        try enter()
        defer { depth -= 1 }
        index += 1
        var items: [JSONDocument.Node] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(items)
        }
        while true {
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                throw fail("a trailing comma before ']' is not allowed in JSON")
            }
            items.append(try value())
            skipSpace()
            guard index < bytes.count else { throw fail("unexpected end of the file; the array has no closing ']'") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            }
            throw fail("unexpected \(describeHere()); expected ',' or ']' in the array")
        }
    }

    mutating func literal(_ word: String) throws {
        let expected = Array(word.utf8)
        guard bytes.count - index >= expected.count, Array(bytes[index..<(index + expected.count)]) == expected else {
            throw fail("unexpected \(describeHere()); expected a value (did you mean \(word)?)")
        }
        index += expected.count
    }

    mutating func number() throws -> String {
        let start = index
        func digits() -> Int {
            let from = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            return index - from
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        let intStart = index
        let intDigits = digits()
        guard intDigits > 0 else { throw fail("a number needs digits after '-'") }
        if intDigits > 1, bytes[intStart] == UInt8(ascii: "0") {
            throw fail("a JSON number has no leading zeros", at: intStart)
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw fail("a decimal point needs digits after it") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw fail("an exponent needs digits") }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func hex4() throws -> UInt32 {
        guard bytes.count - index >= 4 else { throw fail("'\\u' needs four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw fail("'\\u' needs four hex digits")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    mutating func string() throws -> String {
        let open = index
        index += 1
        var scalars = String.UnicodeScalarView()
        var runStart = index
        func flush(_ parser: Parser, upTo end: Int) throws {
            guard end > runStart else { return }
            guard let text = String(validating: parser.bytes[runStart..<end], as: UTF8.self) else {
                throw parser.fail("the text is not valid UTF-8", at: runStart)
            }
            scalars.append(contentsOf: text.unicodeScalars)
        }
        while true {
            guard index < bytes.count else { throw fail("the string has no closing '\"'", at: open) }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                try flush(self, upTo: index)
                index += 1
                return String(scalars)
            }
            if byte < 0x20 {
                throw fail(byte == 0x0A ? "the string has no closing '\"' before the end of the line" : "a control character in a string must be escaped")
            }
            if byte != UInt8(ascii: "\\") {
                index += 1
                continue
            }
            try flush(self, upTo: index)
            index += 1
            guard index < bytes.count else { throw fail("the string has no closing '\"'", at: open) }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                let first = try hex4()
                var value = first
                if (0xD800...0xDBFF).contains(first) {
                    guard bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                        throw fail("a high surrogate '\\u\(String(first, radix: 16))' must be followed by a low one")
                    }
                    index += 2
                    let second = try hex4()
                    guard (0xDC00...0xDFFF).contains(second) else { throw fail("a high surrogate must be followed by a low one") }
                    value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(first) {
                    throw fail("a low surrogate '\\u\(String(first, radix: 16))' without a high one")
                }
                guard let scalar = Unicode.Scalar(value) else { throw fail("'\\u' escape is not a character") }
                scalars.append(scalar)
            default:
                index -= 1
                throw fail("'\\\(describeHere().trimmingQuotes)' is not a JSON escape")
            }
            runStart = index
        }
    }
}

extension String {
    fileprivate var trimmingQuotes: String {
        hasPrefix("'") && hasSuffix("'") && count >= 2 ? String(dropFirst().dropLast()) : self
    }
}
