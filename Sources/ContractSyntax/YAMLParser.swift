import CYaml

/// The outcome of reading one file as YAML: a tree when the text was readable, and
/// the problems found on the way (there may be both: a duplicate key does not stop reading).
public struct YAMLDocument: Sendable {
    /// The root node, or nil when the text could not be read at all.
    public var root: YAMLNode?
    /// Problems found, in the order found.
    public var problems: [SyntaxProblem]
}

/// Reads YAML through libyaml's event API (the `CYaml` target that Yams vendors).
///
/// Why events and not `Yams.compose`: compose reports a duplicate key at the mapping with the
/// whole document in the message, gives an alias the place of its anchor, and hashes
/// alias-expanded keys (exponential on a billion-laughs key). Building the tree here gives a
/// place to every key and value, reports the *second* occurrence of a duplicate key, and counts
/// alias expansion against ``SyntaxLimits/maxAliasExpansion`` before anything walks the tree.
public enum YAMLParser {
    /// Parses bytes. Checks size and UTF-8 first, then reads one YAML document.
    public static func parse(bytes: [UInt8], limits: SyntaxLimits = .standard) -> YAMLDocument {
        if bytes.count > limits.maxBytes {
            return YAMLDocument(root: nil, problems: [
                SyntaxProblem(.syntax, at: .start,
                    "file is \(formatBytes(bytes.count)); contracts are limited to \(formatBytes(limits.maxBytes)) — split it or check that it is a contract")
            ])
        }
        if let (place, byte) = UTF8Check.firstInvalidPlace(in: bytes) {
            let hex = String(byte, radix: 16, uppercase: true)
            return YAMLDocument(root: nil, problems: [
                SyntaxProblem(.syntax, at: place,
                    "byte 0x\(hex.count == 1 ? "0" + hex : hex) is not valid UTF-8; save the file as UTF-8")
            ])
        }
        if let (place, message) = LineBreaks.firstAmbiguous(in: bytes) {
            return YAMLDocument(root: nil, problems: [SyntaxProblem(.syntax, at: place, message)])
        }
        var builder = TreeBuilder(limits: limits)
        bytes.withUnsafeBufferPointer { buffer in
            builder.run(buffer)
        }
        return YAMLDocument(root: builder.root, problems: builder.problems)
    }

    /// Parses a string (always valid UTF-8).
    public static func parse(_ text: String, limits: SyntaxLimits = .standard) -> YAMLDocument {
        parse(bytes: Array(text.utf8), limits: limits)
    }

    static func formatBytes(_ n: Int) -> String {
        if n >= 1024 * 1024 {
            let tenths = (n * 10) / (1024 * 1024)
            return "\(tenths / 10).\(tenths % 10) MB"
        }
        if n >= 1024 { return "\(n / 1024) KB" }
        return "\(n) bytes"
    }
}

/// A mapping or sequence being read. A class so that appending stays amortised O(1).
private final class Frame {
    let isMapping: Bool
    let place: SourcePlace
    let anchor: String?
    var entries: [MappingEntry] = []
    var items: [YAMLNode] = []
    var pendingKey: (key: String, place: SourcePlace, duplicate: Bool)?
    /// Keys seen, for duplicate detection: a linear search while the mapping is small (most are),
    /// a dictionary once it is not, so that a huge mapping cannot make the reading quadratic.
    var keys: [String: SourcePlace] = [:]

    func place(ofKey key: String) -> SourcePlace? {
        if entries.count <= 16 && keys.isEmpty {
            return entries.first { $0.key == key }?.keyPlace
        }
        if keys.isEmpty {
            for entry in entries where keys[entry.key] == nil { keys[entry.key] = entry.keyPlace }
        }
        return keys[key]
    }

    init(isMapping: Bool, place: SourcePlace, anchor: String?) {
        self.isMapping = isMapping
        self.place = place
        self.anchor = anchor
    }
}

private struct TreeBuilder {
    let limits: SyntaxLimits
    var stack: [Frame] = []
    var anchors: [String: YAMLNode] = [:]
    var expanded = 0
    var documents = 0
    var root: YAMLNode?
    var problems: [SyntaxProblem] = []

    init(limits: SyntaxLimits) { self.limits = limits }

    static func place(_ mark: yaml_mark_t) -> SourcePlace {
        SourcePlace(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    mutating func run(_ buffer: UnsafeBufferPointer<UInt8>) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            problems.append(SyntaxProblem(.syntax, at: .start, "the YAML reader could not start (out of memory)"))
            return
        }
        defer { yaml_parser_delete(&parser) }
        var empty: UInt8 = 0
        if let base = buffer.baseAddress {
            yaml_parser_set_input_string(&parser, base, buffer.count)
        } else {
            yaml_parser_set_input_string(&parser, &empty, 0)
        }
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                reportParserError(parser, buffer)
                root = nil
                return
            }
            let keepGoing = handle(event)
            let isEnd = event.type == YAML_STREAM_END_EVENT
            yaml_event_delete(&event)
            if !keepGoing {
                root = nil
                return
            }
            if isEnd { break }
        }
    }

    mutating func reportParserError(_ parser: yaml_parser_t, _ buffer: UnsafeBufferPointer<UInt8>) {
        let problem = parser.problem.map { String(cString: $0) } ?? "not valid YAML"
        let context = parser.context.map { String(cString: $0) }
        if parser.error == YAML_READER_ERROR {
            // Reader errors carry a byte offset rather than a line; control characters land here.
            let place = placeOfByte(Int(parser.problem_offset), in: buffer)
            let value = parser.problem_value
            let code = String(value, radix: 16, uppercase: true)
            let detail = value >= 0 ? " (U+\(String(repeating: "0", count: max(0, 4 - code.count)))\(code))" : ""
            problems.append(SyntaxProblem(.syntax, at: place,
                "\(problem)\(detail); remove it, or write it as an escape inside double quotes"))
            return
        }
        var place = Self.place(parser.problem_mark)
        var message = context.map { "\($0), \(problem)" } ?? problem
        if problem.contains("Maximum nesting level") {
            // libyaml's scanner stops flow collections at 1000 levels before any event reaches us.
            problems.append(SyntaxProblem(.syntax, at: place,
                "nesting is deeper than \(limits.maxDepth) levels; a contract needs far fewer — check the brackets"))
            return
        }
        if problem.contains("end of stream"), context != nil {
            // An unclosed quote or bracket: point at where it opened, which is what needs fixing.
            let opened = Self.place(parser.context_mark)
            message += " (it opened at line \(opened.line), column \(opened.column)); close it"
            place = opened
        }
        let index = Int(parser.problem_mark.index)
        if problem.contains("tab") || (index >= 0 && index < buffer.count && buffer[index] == 0x09) {
            message += "; indent with spaces, not tabs"
        }
        problems.append(SyntaxProblem(.syntax, at: place, message))
    }

    func placeOfByte(_ offset: Int, in buffer: UnsafeBufferPointer<UInt8>) -> SourcePlace {
        var line = 1
        var column = 1
        var i = 0
        while i < min(offset, buffer.count) {
            let b = buffer[i]
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return SourcePlace(line: line, column: column)
    }

    /// Returns false to stop reading.
    mutating func handle(_ event: yaml_event_t) -> Bool {
        let place = Self.place(event.start_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                problems.append(SyntaxProblem(.syntax, at: place, "a contract file holds one YAML document; remove the second '---' and what follows"))
                return false
            }
            return true
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let text: String
            if let value = data.value {
                text = String(decoding: UnsafeBufferPointer(start: value, count: Int(data.length)), as: UTF8.self)
            } else {
                text = ""
            }
            let style: ScalarStyle
            switch data.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE, YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .quoted
            case YAML_LITERAL_SCALAR_STYLE, YAML_FOLDED_SCALAR_STYLE: style = .block
            default: style = .plain
            }
            let tag = Self.string(data.tag)
            let forceString = tag != nil && tag != "?" && tag != "!"
                && !(tag?.hasPrefix("tag:yaml.org,2002:") == true && tag != "tag:yaml.org,2002:str")
            let node = YAMLNode(.scalar(Scalar(text: text, style: style, forceString: forceString)), at: place)
            if let anchor = Self.string(data.anchor) { anchors[anchor] = node }
            return add(node)
        case YAML_SEQUENCE_START_EVENT:
            guard checkDepth(place) else { return false }
            stack.append(Frame(isMapping: false, place: place, anchor: Self.string(event.data.sequence_start.anchor)))
            return true
        case YAML_MAPPING_START_EVENT:
            guard checkDepth(place) else { return false }
            stack.append(Frame(isMapping: true, place: place, anchor: Self.string(event.data.mapping_start.anchor)))
            return true
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return true }
            let node = frame.isMapping
                ? YAMLNode(.mapping(frame.entries), at: frame.place)
                : YAMLNode(.sequence(frame.items), at: frame.place)
            if let anchor = frame.anchor { anchors[anchor] = node }
            return add(node)
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard var node = anchors[name] else {
                problems.append(SyntaxProblem(.syntax, at: place, "alias '*\(name)' refers to no anchor"))
                return false
            }
            expanded += node.size
            if expanded > limits.maxAliasExpansion {
                problems.append(SyntaxProblem(.syntax, at: place,
                    "aliases expand to more than \(limits.maxAliasExpansion) nodes; write the values out instead of nesting aliases"))
                return false
            }
            node.place = place
            return add(node)
        default:
            return true
        }
    }

    mutating func checkDepth(_ place: SourcePlace) -> Bool {
        if stack.count >= limits.maxDepth {
            problems.append(SyntaxProblem(.syntax, at: place,
                "nesting is deeper than \(limits.maxDepth) levels; a contract needs far fewer — check the indentation"))
            return false
        }
        return true
    }

    mutating func add(_ node: YAMLNode) -> Bool {
        guard let top = stack.last else {
            root = node
            return true
        }
        guard top.isMapping else {
            top.items.append(node)
            return true
        }
        if let pending = top.pendingKey {
            top.pendingKey = nil
            if !pending.duplicate {
                top.entries.append(MappingEntry(key: pending.key, keyPlace: pending.place, value: node))
            }
            return true
        }
        guard let scalar = node.scalar else {
            problems.append(SyntaxProblem(.syntax, at: node.place, "a key must be a plain word, not \(node.kindDescription)"))
            return false
        }
        if let first = top.place(ofKey: scalar.text) {
            problems.append(SyntaxProblem(.duplicateKey, at: node.place,
                "key '\(scalar.text)' is already defined at line \(first.line); remove one of them"))
            top.pendingKey = (scalar.text, node.place, true)
            return true
        }
        if !top.keys.isEmpty { top.keys[scalar.text] = node.place }
        top.pendingKey = (scalar.text, node.place, false)
        return true
    }
}

/// Line breaks that YAML and the people reading a file count differently.
///
/// libyaml ends a line at LF, CR LF, a lone CR, NEL (U+0085), LINE SEPARATOR (U+2028) and
/// PARAGRAPH SEPARATOR (U+2029); editors, diffs and code review show the last four inside a line
/// (or not at all). A comment `# note<U+2028>code: "1199"` would then be a live key that looks
/// like a comment, and every line number after it would disagree with the editor's — and with
/// `contractc codes`, which inserts by line. A contract may hold these only as escapes in double
/// quotes (`"\u2028"`); raw, the file is refused at the place an editor shows.
enum LineBreaks {
    /// The first NEL, LS, PS or lone CR, at its place counted in LF lines and scalar columns, and
    /// what to do about it. Linear, one pass over the bytes.
    static func firstAmbiguous(in bytes: [UInt8]) -> (SourcePlace, String)? {
        var line = 1
        var column = 1
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            var found: String?
            if b == 0x0A {
                line += 1
                column = 1
                i += 1
                continue
            } else if b == 0x0D {
                if i + 1 >= n || bytes[i + 1] != 0x0A { found = "a lone carriage return (CR without LF)" }
            } else if b == 0xC2, i + 1 < n, bytes[i + 1] == 0x85 {
                found = "U+0085 (NEXT LINE)"
            } else if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
                found = bytes[i + 2] == 0xA8 ? "U+2028 (LINE SEPARATOR)" : "U+2029 (PARAGRAPH SEPARATOR)"
            }
            if let found {
                return (SourcePlace(line: line, column: column),
                    "\(found) is a line break to YAML but not to editors or diffs, so the file would not read as it looks; "
                        + "use a plain newline, or write the character as an escape inside double quotes")
            }
            // Columns count Unicode scalars: continuation bytes do not start one.
            if b & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return nil
    }
}
