import ContractModel
import ContractSyntax
import Foundation

/// Escaping of contract text for the catalogue's text formats. A contract is written by people and
/// may hold anything; these functions make sure its text shows as text and never as structure.
public enum CatalogueText {
    // MARK: - Markdown

    /// Contract text as Markdown inline text (a table cell, a list item, a paragraph): every
    /// character that CommonMark or GitHub Flavored Markdown could read as markup is
    /// backslash-escaped (`\`, `` ` ``, `*`, `_`, `[`, `]`, `<`, `>`, `|`, `#`, `!`, `~`, `&`, `$`),
    /// line breaks become spaces (a cell is one line), and a leading `-`, `+`, `=` or `1. ` cannot
    /// start a list or a heading. Nothing that a reader sees is lost.
    public static func markdown(_ text: String) -> String {
        var out = ""
        let flat = oneLine(text)
        for scalar in flat.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "!", "~", "&", "$":
                out += "\\"
                out.unicodeScalars.append(scalar)
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        // Block markers at the start of a line: `- x`, `+ x`, `= x` (a setext underline) and `1. x`.
        if let first = out.first, first == "-" || first == "+" || first == "=" {
            out = "\\" + out
        } else {
            // An ordered-list marker is 1-9 digits, `.` or `)`, then a space or the end.
            let digits = out.prefix { $0.isASCII && $0.isNumber }
            let rest = out.dropFirst(digits.count)
            if (1...9).contains(digits.count), let next = rest.first, next == "." || next == ")",
               rest.dropFirst().first.map({ $0 == " " }) ?? true {
                out = digits + "\\" + rest
            }
        }
        return out
    }

    /// Contract text as a Markdown code span (for names, types, addresses): fenced with more
    /// backticks than the text holds in a row, padded when it starts or ends with a backtick,
    /// with `|` escaped so that a table cell still ends where it should (GitHub Flavored Markdown
    /// reads `\|` inside a code span in a table as `|`). Empty text becomes an empty string.
    public static func markdownCode(_ text: String) -> String {
        let flat = oneLine(text)
        guard !flat.isEmpty else { return "" }
        var longest = 0
        var run = 0
        for ch in flat {
            if ch == "`" {
                run += 1
                longest = max(longest, run)
            } else {
                run = 0
            }
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") || (flat.hasPrefix(" ") && flat.hasSuffix(" ")) ? " " : ""
        return fence + pad + flat.replacingOccurrences(of: "|", with: "\\|") + pad + fence
    }

    /// Text on one line: CR, LF, tab, and the other line and paragraph separators become spaces;
    /// the other control characters (C0, DEL, C1) and the bidirectional controls become U+FFFD
    /// (see `DisplayText.isUnsafe`), so that nothing invisible reaches the page; spaces at both
    /// ends are trimmed.
    static func oneLine(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x0D, 0x85, 0x2028, 0x2029, 0x09: out += " "
            default:
                if DisplayText.isUnsafe(scalar) {
                    out.unicodeScalars.append(replacement)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out.trimmingCharacters(in: .whitespaces)
    }

    /// U+FFFD REPLACEMENT CHARACTER: what a control character of contract text shows as.
    static let replacement: Unicode.Scalar = "\u{FFFD}"

    // MARK: - Whole pages

    /// A finished page (HTML or Markdown) with no control character but its own line feeds and
    /// tabs: CR LF and a lone CR become LF, NEL (U+0085) and the line and paragraph separators
    /// become LF, and every other control (C0, DEL, C1) and bidirectional control becomes U+FFFD,
    /// as an HTML parser treats NUL. HTML forbids these characters even as character references,
    /// and a Markdown reader passes them to the page; this is the last guard behind the escaping
    /// of each view, catching text a template places from anywhere. Clean text is returned as it
    /// is after one scan.
    public static func withoutControls(_ text: String) -> String {
        func keeps(_ scalar: Unicode.Scalar) -> Bool { scalar == "\n" || scalar == "\t" || !DisplayText.isUnsafe(scalar) }
        guard !text.unicodeScalars.allSatisfy(keeps) else { return text }
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            if keeps(scalar) {
                if !(scalar == "\n" && previousWasCR) { out.append(scalar) }
                continue
            }
            switch scalar.value {
            case 0x0D, 0x85, 0x2028, 0x2029: out.append("\n")
            default: out.append(replacement)
            }
        }
        return String(out)
    }

    // MARK: - YAML

    /// Contract text as a YAML double-quoted scalar, quotes included: `\` and `"` escaped, and
    /// every character outside YAML's printable set, line breaks included, written as an escape
    /// (`\n`, `\t`, `\x07`, `\u2028`, …), as are the bidirectional controls (`\u202E`), which
    /// YAML allows but which reorder what a reader of the file sees. Any text becomes one scalar
    /// that a YAML 1.1 or 1.2 reader gives back unchanged.
    public static func yaml(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            let v = scalar.value
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                let printable = (0x20...0x7E).contains(v) || (0xA0...0xD7FF).contains(v)
                    || (0xE000...0xFFFD).contains(v) || v >= 0x10000
                // U+0085, U+2028 and U+2029 are line breaks to YAML 1.1: escaped, or a reader folds them.
                if printable && v != 0xFEFF && v != 0x2028 && v != 0x2029 && !DisplayText.isUnsafe(scalar) {
                    out.unicodeScalars.append(scalar)
                } else if v <= 0xFF {
                    out += "\\x" + hex(v, width: 2)
                } else {
                    out += "\\u" + hex(v, width: 4)
                }
            }
        }
        return out + "\""
    }

    // MARK: - Names

    /// A name for systems that allow only `[a-z0-9-]` (Backstage entity names, HTML ids):
    /// lower-kebab-case, word breaks found at case changes (`PersonInfoQuery` →
    /// `person-info-query`, `IDCardQuery` → `id-card-query`). Han characters are spelt in pinyin
    /// without tones (ICU's Han-Latin transform), other letters reduced to ASCII, anything else is
    /// a break. At most `limit` characters: a longer name is cut and ends with 8 hex digits of a
    /// hash of the whole text, so that two long names stay apart. Empty text gives `fallback`
    /// and a hash.
    public static func slug(_ text: String, limit: Int = 63, fallback: String = "x") -> String {
        // One function for the publisher and for lint's `interface-name-conflict`.
        GeneratedNames.slug(text, limit: limit, fallback: fallback)
    }

    /// 8 hex digits of the 32-bit FNV-1a hash of the text's UTF-8 bytes: stable across runs and
    /// machines (Swift's `hashValue` is not).
    static func hash(_ text: String) -> String {
        var value: UInt32 = 0x811C9DC5
        for byte in text.utf8 {
            value ^= UInt32(byte)
            value = value &* 0x0100_0193
        }
        return hex(value, width: 8)
    }

    static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: false)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
