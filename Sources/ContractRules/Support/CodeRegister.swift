import ContractModel
import ContractSyntax

/// The code register of a catalogue (服务编目): every service code the catalogue has ever given, to
/// which interface, and which are retired. A code is a service's identity — applications, grants,
/// catalogues and other systems refer to it — so once given it is never given to another service,
/// even after that service is withdrawn.
///
/// The register is `service-codes.yaml` beside the catalogue's `.contractc.yaml`:
///
/// ```yaml
/// register: 1
/// codes:
///   "1101": {interface: PersonInsuranceInfoQuery}
///   "1103": {interface: LegacyPensionQuery, retired: 2026-12-04, reason: 并入 1101}
/// ```
///
/// `contractc codes` writes it; people retire entries in review.
public struct CodeRegister: Sendable, Hashable {
    /// The register's file name, beside `.contractc.yaml`.
    public static let fileName = "service-codes.yaml"

    /// One code of the register.
    public struct Entry: Sendable, Hashable {
        /// The code, four digits.
        public var code: String
        /// The interface the code was given to (its latest name).
        public var interface: String
        /// The date the service was withdrawn (`yyyy-MM-dd`), when it was.
        public var retired: String?
        /// Why it was retired.
        public var reason: String?
        /// Where the entry's code is written in the register.
        public var place: SourcePlace

        /// Creates an entry.
        public init(code: String, interface: String, retired: String? = nil, reason: String? = nil, place: SourcePlace = .start) {
            self.code = code
            self.interface = interface
            self.retired = retired
            self.reason = reason
            self.place = place
        }

        /// Whether the code belongs to a withdrawn service (it is still never given again).
        public var isRetired: Bool { retired != nil }
    }

    /// The register file, as the compiler names it in diagnostics.
    public var path: String
    /// The entries by code.
    public var entries: [String: Entry]
    /// Whether the run that reads the register checks every contract of its catalogue (only then
    /// can a code without a contract be told from a contract the run did not read).
    public var coversCatalogue = true

    /// Creates a register.
    public init(path: String, entries: [String: Entry] = [:]) {
        self.path = path
        self.entries = entries
    }

    /// Every code the register holds, retired ones included: none is ever given again.
    public var heldCodes: Set<ServiceCode> {
        Set(entries.keys.compactMap { ServiceCode($0) })
    }

    /// A problem reading a register, at its place.
    public struct Problem: Sendable, Hashable {
        /// Where.
        public var place: SourcePlace
        /// What is wrong and what to do.
        public var message: String
    }

    /// Reads a register from its bytes. Problems are reported with places; entries that can be
    /// read are kept, so one bad entry does not hide the others.
    public static func parse(_ bytes: [UInt8], path: String) -> (register: CodeRegister, problems: [Problem]) {
        var register = CodeRegister(path: path)
        var problems: [Problem] = []
        let document = YAMLParser.parse(bytes: bytes)
        problems += document.problems.map { Problem(place: $0.place, message: $0.message) }
        guard let root = document.root else {
            if document.problems.isEmpty {
                problems.append(Problem(place: .start, message: "the register is empty; it starts with 'register: 1' and 'codes:'"))
            }
            return (register, problems)
        }
        guard let top = root.entries else {
            problems.append(Problem(place: root.place, message: "a register is a mapping with 'register: 1' and 'codes:'"))
            return (register, problems)
        }
        var sawVersion = false
        for entry in top {
            switch entry.key {
            case "register":
                sawVersion = true
                if entry.value.scalar?.text != "1" || entry.value.scalar?.style != .plain {
                    problems.append(Problem(place: entry.value.place, message: "only register version 1 exists; write 'register: 1'"))
                }
            case "codes":
                guard let codes = entry.value.entries else {
                    if entry.value.scalar?.kind != .null {
                        problems.append(Problem(place: entry.value.place, message: "'codes' is a mapping of \"NNNN\": {interface: Name}"))
                    }
                    continue
                }
                for item in codes {
                    readEntry(item, into: &register, problems: &problems)
                }
            default:
                let suggestion = Suggestion.closest(to: entry.key, in: ["register", "codes"])
                problems.append(Problem(place: entry.keyPlace,
                    message: "unknown key '\(entry.key)' in the register" + (suggestion.map { "; did you mean '\($0)'?" } ?? "; known keys are register, codes")))
            }
        }
        if !sawVersion {
            problems.append(Problem(place: root.place, message: "missing 'register: 1'"))
        }
        return (register, problems)
    }

    private static func readEntry(_ item: MappingEntry, into register: inout CodeRegister, problems: inout [Problem]) {
        let code = item.key
        guard let parsed = ServiceCode(code), parsed.serial != 0 else {
            problems.append(Problem(place: item.keyPlace, message: "'\(code)' is not a service code; a code is four digits, quoted: \"1101\""))
            return
        }
        guard let fields = item.value.entries else {
            problems.append(Problem(place: item.value.place, message: "the entry of \(code) is a mapping: {interface: Name}"))
            return
        }
        var entry = Entry(code: parsed.description, interface: "", place: item.keyPlace)
        for field in fields {
            let text = field.value.scalar.map { $0.kind == .null ? "" : $0.text } ?? ""
            switch field.key {
            case "interface": entry.interface = text
            case "retired": entry.retired = text
            case "reason": entry.reason = text
            default:
                let suggestion = Suggestion.closest(to: field.key, in: ["interface", "retired", "reason"])
                problems.append(Problem(place: field.keyPlace,
                    message: "unknown key '\(field.key)' in the entry of \(code)" + (suggestion.map { "; did you mean '\($0)'?" } ?? "; known keys are interface, retired, reason")))
            }
        }
        if entry.interface.isEmpty {
            problems.append(Problem(place: item.keyPlace, message: "the entry of \(code) names no interface; write {interface: Name}"))
            return
        }
        if let retired = entry.retired {
            if !isDate(retired) {
                problems.append(Problem(place: item.keyPlace, message: "'retired' of \(code) is not a date yyyy-MM-dd"))
            }
            if (entry.reason ?? "").isEmpty {
                problems.append(Problem(place: item.keyPlace, message: "the retirement of \(code) gives no reason; add reason: … (reviewers read it)"))
            }
        }
        register.entries[entry.code] = entry
    }

    static func isDate(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return false }
        return b.enumerated().allSatisfy { i, c in i == 4 || i == 7 || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) }
    }

    /// The register as its file holds it: a header, `register: 1`, then one line per code in code
    /// order. Deterministic: the same register gives the same bytes.
    public func rendered() -> String {
        var out = "# 服务编目 — every service code this catalogue has given. Written by `contractc codes`; review it like code.\n"
        out += "# A code is never given to another service: retire a withdrawn one with a date and a reason, never delete it.\n"
        out += "register: 1\ncodes:\n"
        for code in entries.keys.sorted() {
            guard let entry = entries[code] else { continue }
            var fields = "interface: \(Self.plain(entry.interface))"
            if let retired = entry.retired { fields += ", retired: \(Self.plain(retired))" }
            if let reason = entry.reason { fields += ", reason: \(Self.plain(reason))" }
            out += "  \"\(code)\": {\(fields)}\n"
        }
        return out
    }

    /// A value as a flow-mapping scalar: plain when that reads back as the same text, else
    /// double-quoted with escapes.
    static func plain(_ text: String) -> String {
        let special: Set<Unicode.Scalar> = [",", "{", "}", "[", "]", ":", "#", "\"", "'", "&", "*", "!", "|", ">", "%", "@", "`", "\\"]
        let needsQuotes = text.isEmpty || text.unicodeScalars.contains { special.contains($0) || $0.value < 0x20 || DisplayText.isUnsafe($0) }
            || text.hasPrefix("-") || text.hasPrefix("?")
            || text.first == " " || text.last == " " || ["true", "false", "null", "yes", "no", "on", "off", "~"].contains(text.lowercased())
            || Double(text) != nil
        guard needsQuotes else { return text }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if scalar.value < 0x20 || DisplayText.isUnsafe(scalar) {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// What the register rules know of a catalogue's register.
public enum CodeRegisterState: Sendable, Hashable {
    /// The catalogue has no configuration to keep a register beside: no register is expected.
    case notExpected
    /// The catalogue has a configuration (its path) but no register yet.
    case missing(configuration: String)
    /// The register, read.
    case present(CodeRegister)
}
