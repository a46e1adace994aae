/// YAML 1.1 plain-scalar resolution, the way libyaml-based readers (PyYAML, Yams) resolve.
///
/// Only the distinction matters to contracts: `code: 0101` is a number (and YAML 1.1
/// would read it as octal 65), `region: 510100` is a number, `other: yes` is a boolean.
public enum ScalarResolver {
    /// Resolves a plain scalar's text to its kind.
    public static func resolve(_ text: String) -> ScalarKind {
        // Fast path: most scalars of a contract are names and prose, which no YAML 1.1 form can
        // start with. Only a first byte of a keyword (null, booleans, .inf/.nan), a sign or a
        // digit can make a scalar anything but a string.
        let utf8 = text.utf8
        guard let first = utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
            UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "o"), UInt8(ascii: "O"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            break
        default:
            return .string
        }
        // Keywords are at most 6 bytes (`+.inf`, `.nan`, `false`); longer text starting with a
        // letter is a string.
        if utf8.count > 6, first >= UInt8(ascii: "A") { return .string }
        switch text {
        case "", "~", "null", "Null", "NULL":
            return .null
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON":
            return .boolean(true)
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF":
            return .boolean(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
            ".nan", ".NaN", ".NAN":
            return .float
        default:
            break
        }
        // Past the keywords, only a digit, a sign or a point can start a number.
        guard first < UInt8(ascii: "A") else { return .string }
        let bytes = Array(utf8)
        if isInteger(bytes) { return .integer }
        if isFloat(bytes) { return .float }
        return .string
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    private static func isInteger(_ b: [UInt8]) -> Bool {
        var i = 0
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < b.count else { return false }
        // 0x1F hexadecimal, 0b101 binary
        if b.count - i > 2, b[i] == UInt8(ascii: "0"), b[i + 1] == UInt8(ascii: "x") || b[i + 1] == UInt8(ascii: "b") {
            let hex = b[i + 1] == UInt8(ascii: "x")
            return b[(i + 2)...].allSatisfy { c in
                c == UInt8(ascii: "_") || isDigit(c)
                    || (hex && ((c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)))
            }
        }
        guard isDigit(b[i]) else { return false }
        var sawColon = false
        for c in b[i...] {
            if isDigit(c) || c == UInt8(ascii: "_") { continue }
            if c == UInt8(ascii: ":") { sawColon = true; continue }  // sexagesimal 1:30
            return false
        }
        return !sawColon || b[i] != UInt8(ascii: "0")
    }

    private static func isFloat(_ b: [UInt8]) -> Bool {
        var i = 0
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
        var digits = 0
        var point = false
        while i < b.count, isDigit(b[i]) || b[i] == UInt8(ascii: "_") {
            if isDigit(b[i]) { digits += 1 }
            i += 1
        }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            point = true
            i += 1
            while i < b.count, isDigit(b[i]) || b[i] == UInt8(ascii: "_") {
                if isDigit(b[i]) { digits += 1 }
                i += 1
            }
        }
        guard digits > 0 else { return false }
        var exponent = false
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            exponent = true
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            let start = i
            while i < b.count, isDigit(b[i]) { i += 1 }
            if i == start { return false }
        }
        return i == b.count && (point || exponent)
    }
}
