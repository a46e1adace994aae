/// The limits the syntax layer enforces before and while it reads a file.
///
/// Contracts are small hand-written files; these limits keep a hostile or broken file
/// from costing more than a fraction of a second or a few megabytes.
public struct SyntaxLimits: Sendable, Hashable {
    /// Largest file read, in bytes. Larger files get one diagnostic and are not parsed.
    public var maxBytes: Int
    /// Deepest nesting of mappings and sequences. A contract needs about 8.
    public var maxDepth: Int
    /// Most nodes that aliases may add to a document by expansion.
    public var maxAliasExpansion: Int

    /// Creates limits.
    public init(maxBytes: Int = 8 * 1024 * 1024, maxDepth: Int = 64, maxAliasExpansion: Int = 10_000) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
    }

    /// The limits used unless configured otherwise.
    public static let standard = SyntaxLimits()
}

/// What kind of syntax problem the reader found.
public enum SyntaxProblemKind: String, Sendable, Hashable {
    /// Not valid YAML, not UTF-8, too large, too deep, or aliases expanding too far.
    case syntax
    /// A key written twice in one mapping.
    case duplicateKey
    /// The file could not be read at all (permissions, a folder, an I/O error).
    case unreadable
}

/// A problem found while reading the bytes of a file as YAML.
public struct SyntaxProblem: Sendable, Hashable {
    /// The kind of problem.
    public var kind: SyntaxProblemKind
    /// Where it is.
    public var place: SourcePlace
    /// What is wrong, in words a contract author can act on.
    public var message: String

    /// Creates a problem.
    public init(_ kind: SyntaxProblemKind, at place: SourcePlace, _ message: String) {
        self.kind = kind
        self.place = place
        self.message = message
    }
}

/// Checks that bytes are UTF-8 and finds the place of the first byte that is not.
public enum UTF8Check {
    /// Returns the place (line, column in scalars) of the first invalid byte, or nil.
    public static func firstInvalidPlace(in bytes: [UInt8]) -> (place: SourcePlace, byte: UInt8)? {
        // The standard library's validation is fast; the place is looked for only when it fails.
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var line = 1
        var column = 1
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            var length = 0
            if b < 0x80 {
                length = 1
            } else if b >= 0xC2 && b <= 0xDF {
                length = 2
            } else if b >= 0xE0 && b <= 0xEF {
                length = 3
            } else if b >= 0xF0 && b <= 0xF4 {
                length = 4
            } else {
                return (SourcePlace(line: line, column: column), b)
            }
            if i + length > n { return (SourcePlace(line: line, column: column), b) }
            if length > 1 {
                for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 {
                    return (SourcePlace(line: line, column: column), b)
                }
                let b1 = bytes[i + 1]
                // Overlong forms, surrogates and code points above U+10FFFF.
                if (b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 > 0x9F) || (b == 0xF0 && b1 < 0x90)
                    || (b == 0xF4 && b1 > 0x8F)
                {
                    return (SourcePlace(line: line, column: column), b)
                }
            }
            if b == 0x0A {
                line += 1
                column = 1
            } else {
                column += 1
            }
            i += length
        }
        return nil
    }
}

/// Comment directives that silence rules, read from the raw text (libyaml drops comments).
public enum SuppressionDirectives {
    /// The directive keyword.
    public static let nextLine = "contractc:disable-next-line"

    /// For each line that a `# contractc:disable-next-line RULE[, RULE]` comment silences,
    /// the rules silenced there, with the place of the directive for reporting typos.
    public static func scan(_ text: String) -> [Int: [Located<String>]] {
        var result: [Int: [Located<String>]] = [:]
        let keyword = Array(nextLine.unicodeScalars)
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            guard line.utf8.contains(UInt8(ascii: "#")) else { continue }
            let scalars = Array(line.unicodeScalars)
            // The directive must follow a `#` that starts a comment (line start or after a blank).
            guard let hash = scalars.indices.first(where: { i in
                scalars[i] == "#" && (i == 0 || scalars[i - 1] == " " || scalars[i - 1] == "\t")
            }) else { continue }
            var i = hash + 1
            while i < scalars.count, scalars[i] == " " { i += 1 }
            guard i + keyword.count <= scalars.count, Array(scalars[i..<(i + keyword.count)]) == keyword else { continue }
            i += keyword.count
            var rules: [Located<String>] = []
            var current = ""
            var start = i
            while i <= scalars.count {
                let ch: Unicode.Scalar = i < scalars.count ? scalars[i] : " "
                if ch == "," || ch == " " || ch == "\t" || ch == "\r" {
                    if !current.isEmpty {
                        rules.append(Located(current, at: SourcePlace(line: lineNumber, column: start + 1)))
                    }
                    current = ""
                } else {
                    if current.isEmpty { start = i }
                    current.unicodeScalars.append(ch)
                }
                i += 1
            }
            result[lineNumber + 1, default: []].append(contentsOf: rules)
        }
        return result
    }
}
