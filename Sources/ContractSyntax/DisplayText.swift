/// Text from untrusted input (contracts, configuration, catalogues, file names) made safe for a
/// line-oriented report that a terminal, an editor or a CI log reads.
///
/// Such text must not end a report line early (a forged `::error` line or `file:1:1: error:`
/// line), move the cursor or recolour the terminal (ESC and the C1 controls), or reorder what the
/// reader sees (the bidirectional controls behind "Trojan Source"). Every escape works on Unicode
/// scalars, never on `Character`s: `"\r\n"` is one `Character` in Swift, and a replacement of
/// `"\n"` by characters would leave it in place.
public enum DisplayText {
    /// Whether a scalar must not reach a report line as it is: the C0 controls and DEL, the C1
    /// controls (U+0080–U+009F, NEL among them), the line and paragraph separators
    /// (U+2028, U+2029), and the bidirectional formatting controls (U+061C, U+200E, U+200F,
    /// U+202A–U+202E, U+2066–U+2069).
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x2028, 0x2029: return true
        case 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// Whether `text` holds any scalar that ``isUnsafe(_:)`` names.
    public static func needsEscaping(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: isUnsafe)
    }

    /// `text` with every unsafe scalar written as a visible escape: `\n`, `\r`, `\t`, and
    /// `\u{1B}` for the others. Safe text is returned unchanged (the common case costs one scan).
    public static func escaped(_ text: String) -> String {
        guard needsEscaping(text) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isUnsafe(scalar) else {
                out.append(scalar)
                continue
            }
            switch scalar {
            case "\n": out.append(contentsOf: #"\n"#.unicodeScalars)
            case "\r": out.append(contentsOf: #"\r"#.unicodeScalars)
            case "\t": out.append(contentsOf: #"\t"#.unicodeScalars)
            default: out.append(contentsOf: "\\u{\(hex(scalar.value))}".unicodeScalars)
            }
        }
        return String(out)
    }

    /// `text` with every unsafe scalar but the line feed and the tab escaped as ``escaped(_:)``
    /// does: for whole reports, whose lines are the report's own. Used at the very end, where the
    /// tool writes to standard output or error, as a last guard behind the escaping each
    /// report format does of its fields.
    public static func escapedKeepingLines(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isUnsafe($0) && $0 != "\n" && $0 != "\t" }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\t" || !isUnsafe(scalar) {
                out.append(scalar)
            } else {
                out.append(contentsOf: escaped(String(scalar)).unicodeScalars)
            }
        }
        return String(out)
    }

    /// Upper-case hexadecimal of a scalar value, at least two digits (`1B`, `202E`).
    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return digits.count < 2 ? "0" + digits : digits
    }
}
