import ContractSyntax

/// Writes JSON with keys in the order given and a fixed layout, so output is byte-identical
/// across runs and machines (Foundation's encoder orders keys only alphabetically).
///
/// Strings are escaped so that the output can be embedded in an HTML `<script>` element as is
/// (`<` is written `\u003c`), and so that no control or direction-changing character of
/// untrusted text reaches the file raw (C0, DEL, C1, U+2028, U+2029 and the bidirectional
/// controls are written `\uXXXX`; see `DisplayText.isUnsafe`): the reports of the compiler,
/// `catalogue.json` and the OpenAPI documents all use it.
public struct JSONWriter: Sendable {
    /// A JSON value.
    public indirect enum Value: Sendable, Hashable {
        /// A string.
        case string(String)
        /// A whole number.
        case int(Int)
        /// A number written exactly as given: a JSON number literal such as `0.01` or
        /// `9999999999.99`, for values an `Int` cannot hold (decimal bounds). The text is not
        /// checked; callers pass literals they built from digits.
        case number(String)
        /// true or false.
        case bool(Bool)
        /// null.
        case null
        /// An array.
        case array([Value])
        /// An object with keys in order.
        case object([(String, Value)])

        /// Two values are equal when they render to the same text (object key order counts).
        public static func == (lhs: Value, rhs: Value) -> Bool {
            JSONWriter.render(lhs) == JSONWriter.render(rhs)
        }

        /// Hashes the rendered text, consistent with ``==``.
        public func hash(into hasher: inout Hasher) { hasher.combine(JSONWriter.render(self)) }
    }

    /// Renders a value with two-space indentation and a final newline.
    public static func render(_ value: Value) -> String {
        var out = ""
        write(value, indent: 0, into: &out)
        out += "\n"
        return out
    }

    private static func write(_ value: Value, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent + 1)
        let closePad = String(repeating: "  ", count: indent)
        switch value {
        case .string(let s): escape(s, into: &out)
        case .int(let n): out += String(n)
        case .number(let text): out += text
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += pad
                write(item, indent: indent + 1, into: &out)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += closePad + "]"
        case .object(let pairs):
            if pairs.isEmpty {
                out += "{}"
                return
            }
            out += "{\n"
            for (i, (key, item)) in pairs.enumerated() {
                out += pad
                escape(key, into: &out)
                out += ": "
                write(item, indent: indent + 1, into: &out)
                out += i == pairs.count - 1 ? "\n" : ",\n"
            }
            out += closePad + "}"
        }
    }

    /// Appends a JSON string literal. Non-ASCII text is kept as UTF-8; `<`, `>`, `&` and the
    /// line separators are escaped so the JSON can be embedded in an HTML `<script>` safely.
    public static func escape(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if DisplayText.isUnsafe(scalar) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
