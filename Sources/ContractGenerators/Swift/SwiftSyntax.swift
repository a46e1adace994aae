import ContractModel

/// Spelling contract text for its place in Swift source: identifiers, string literals, doc
/// comments. Whatever a contract says, the result is valid Swift that means what the contract said.
enum SwiftSyntax {
    /// Words that must be written in backticks to be used as a name in a declaration or after a
    /// dot (reserved words, and contextual ones that change meaning after a dot: `Type`, `Protocol`).
    static let keywords: Set<String> = [
        // Declarations
        "associatedtype", "borrowing", "class", "consuming", "deinit", "enum", "extension", "fileprivate",
        "func", "import", "init", "inout", "internal", "let", "nonisolated", "open", "operator", "private",
        "precedencegroup", "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias", "var",
        // Statements
        "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard",
        "if", "in", "repeat", "return", "throw", "switch", "where", "while",
        // Expressions and types
        "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try",
        // Contextual words with a meaning after a dot or in type position
        "Type", "Protocol", "some", "any", "package",
    ]

    /// The only word an argument label must write in backticks at a call site (Swift warns about
    /// needless backticks there, `let` and `var` included).
    static let labelKeywords: Set<String> = ["inout"]

    /// A name made a valid Swift identifier, without backticks: ASCII letters, digits and `_` are
    /// kept, other ASCII characters become `_`, other characters `uXXXX`; a leading digit gets a
    /// `_` before it.
    static func identifierText(_ name: String) -> String {
        GeneratedNames.swiftIdentifier(name)
    }

    /// An identifier for a declaration, a type position or after a dot: backticked when it is a
    /// keyword (`` `default` ``, `` `Type` ``).
    static func declared(_ identifier: String) -> String {
        keywords.contains(identifier) ? "`\(identifier)`" : identifier
    }

    /// An identifier as an argument label at a call site: backticked only for `inout`.
    static func callLabel(_ identifier: String) -> String {
        labelKeywords.contains(identifier) ? "`\(identifier)`" : identifier
    }

    /// A function parameter declaration `label local: Type` (just `name: Type` when the two are
    /// the same); `local` is the name inside the body (see ``LocalNames``).
    static func parameter(_ identifier: String, local: String, type: String) -> String {
        local == identifier ? "\(identifier): \(type)" : "\(declared(identifier)) \(local): \(type)"
    }

    /// `text` as a Swift string literal, quotes included. Backslash, quote, line breaks and every
    /// control, format or separator character are escaped, so the literal stays on one line and
    /// holds exactly `text`; interpolation (`\(`), `"""` and `#"` lose their meaning.
    static func stringLiteral(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\0": out += "\\0"
            default:
                if isInvisible(scalar) {
                    out += "\\u{" + hex(scalar.value) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// `text` as the lines of a `///` comment, each line complete with its `///`: line breaks of
    /// every kind start a new line, control and direction-changing characters are written as
    /// `\u{…}`, trailing blanks are dropped, and empty lines at the start and end are left out.
    /// `indent` goes between `///` and the text of every line but the first.
    static func docLines(_ text: String, firstPrefix: String = "", indent: String = "") -> [String] {
        var lines: [String] = []
        var current = ""
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = scalar == "\r"
            switch scalar.value {
            case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029:
                lines.append(current)
                current = ""
            case 0x09:
                current += "    "
            default:
                if isInvisible(scalar) {
                    current += "\\u{" + hex(scalar.value) + "}"
                } else {
                    current.unicodeScalars.append(scalar)
                }
            }
        }
        lines.append(current)
        lines = lines.map { trimTrailing($0) }
        while let first = lines.first, first.isEmpty { lines.removeFirst() }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines.enumerated().map { index, line in
            if line.isEmpty { return "///" }
            return "/// " + (index == 0 ? firstPrefix : indent) + line
        }
    }

    /// `text` on one line, for a `//` comment: line breaks become spaces, invisible characters
    /// `\u{…}`.
    static func lineComment(_ text: String) -> String {
        docLines(text).map { $0 == "///" ? "" : String($0.dropFirst(4)) }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// `text` made safe inside a Markdown code span in a doc comment (backticks become `'`).
    static func codeSpan(_ text: String) -> String {
        "`" + lineComment(text).replacingBackticks() + "`"
    }

    /// Control characters (C0, DEL, C1), bidirectional and other format characters, and line or
    /// paragraph separators: characters that are invisible or move text around when shown.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v <= 0x9F) { return true }
        switch scalar.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator, .control, .surrogate, .privateUse, .unassigned:
            return true
        default:
            return false
        }
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return digits.count < 4 ? String(repeating: "0", count: 4 - digits.count) + digits : digits
    }

    private static func trimTrailing(_ line: String) -> String {
        var s = Substring(line)
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return String(s)
    }
}

extension String {
    func replacingBackticks() -> String {
        String(map { $0 == "`" ? "'" : $0 })
    }

    /// The string with its first character upper-cased (ASCII letters only).
    var capitalisedFirst: String {
        guard let first, first.isASCII, first.isLowercase else { return self }
        return first.uppercased() + dropFirst()
    }
}
