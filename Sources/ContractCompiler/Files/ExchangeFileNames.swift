import ContractRules
import ContractSyntax

/// The table of administrative division codes a file name's region is checked against: the
/// GB/T 2260 table compiled into the rules (``gbt2260``), or one read from a CSV file of
/// `code,name` lines (`contractc files check --regions FILE`), which replaces it.
public struct RegionTable: Sendable {
    private let codes: [String: String]?
    /// Where a custom table came from; nil for the built-in one.
    public let source: String?

    /// The GB/T 2260 table shipped with contractc (every province, prefecture and county).
    public static let gbt2260 = RegionTable(codes: nil, source: nil)

    /// A table of the given codes (6 digits) and names; `source` names it in messages.
    public init(codes: [String: String], source: String) {
        self.init(codes: Optional(codes), source: source)
    }

    private init(codes: [String: String]?, source: String?) {
        self.codes = codes
        self.source = source
    }

    /// The number of codes.
    public var count: Int { codes?.count ?? GBT2260.count }

    /// The name of a code, or nil when the table does not hold it.
    public func name(of code: String) -> String? {
        guard let codes else { return GBT2260.name(of: code) }
        return codes[code]
    }

    /// Whether the table holds a code.
    public func contains(_ code: String) -> Bool { name(of: code) != nil }

    /// The code of the table one digit away in the same prefecture and numerically closest (the
    /// lower on a tie): the likely intended code for one the table lacks (`510199` → `510129`).
    public func nearest(to code: String) -> String? {
        guard code.utf8.count == 6, code.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Int(code) else { return nil }
        var candidates: [Int] = []
        for scale in [10, 1] {
            let digit = (value / scale) % 10
            for other in 0...9 where other != digit {
                let candidate = value + (other - digit) * scale
                if candidate / 100 == value / 100, contains(Self.pad(candidate)) { candidates.append(candidate) }
            }
        }
        return candidates.min { a, b in
            let (da, db) = (abs(a - value), abs(b - value))
            return da != db ? da < db : a < b
        }.map(Self.pad)
    }

    private static func pad(_ value: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, 6 - text.count)) + text
    }

    /// The rule id of problems with a regions file.
    public static let ruleID = "regions-invalid"

    /// Reads a CSV table: one `code,name` a line (the name may be left out), an optional
    /// `code,name` header, blank lines and `#` comments ignored, fields optionally in double
    /// quotes. A line whose code is not 6 digits is an error at its line; so is a file with no code.
    public static func parseCSV(_ bytes: [UInt8], file: String) -> Result<RegionTable, RegionTableError> {
        var body = bytes
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        guard let text = String(validating: body, as: UTF8.self) else {
            return .failure(RegionTableError(file: file, line: 1, "the regions file is not UTF-8 text"))
        }
        var codes: [String: String] = [:]
        var sawData = false
        // "\r\n" is one Character, so lines are split on any newline character.
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = trimmed.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)
            let code = unquote(fields[0].trimmingSpaces)
            let name = fields.count > 1 ? unquote(fields[1].trimmingSpaces) : ""
            if !sawData && code.lowercased() == "code" {
                sawData = true
                continue
            }
            sawData = true
            guard code.utf8.count == 6, code.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                return .failure(RegionTableError(file: file, line: index + 1,
                    "'\(DisplayText.escaped(code))' is not a 6-digit region code; a regions file has one 'code,name' line per division, e.g. 510100,成都市"))
            }
            codes[code] = name
        }
        guard !codes.isEmpty else {
            return .failure(RegionTableError(file: file, line: 1, "the regions file has no codes; write one 'code,name' line per division, e.g. 510100,成都市"))
        }
        return .success(RegionTable(codes: codes, source: file))
    }

    private static func unquote(_ text: String) -> String {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return text }
        return String(text.dropFirst().dropLast()).replacingAll("\"\"", "\"")
    }
}

/// Why a regions file cannot be used: a diagnostic at its line.
public struct RegionTableError: Error, Sendable, Hashable {
    /// The problem, at its line of the regions file.
    public var diagnostic: Diagnostic

    init(file: String, line: Int, _ message: String) {
        diagnostic = Diagnostic(file: file, place: SourcePlace(line: line, column: 1), severity: .error, rule: RegionTable.ruleID, message: message)
    }
}

/// What one file-exchange contract allows: its classification (filled with 0 to 5 characters)
/// and its extensions.
public struct FileExchangeAllowance: Sendable, Hashable {
    /// The classification code filled to 5 characters (`A01` → `A0100`).
    public var classification: String
    /// The extensions, without the dot.
    public var extensions: [String]

    /// Creates an allowance; the classification is filled with 0 to 5 characters.
    public init(classification: String, extensions: [String]) {
        self.classification = ExchangeFileNames.fill(classification)
        self.extensions = extensions
    }
}

/// What file names are checked against.
public struct ExchangeFileNameRules: Sendable {
    /// The region table (GB/T 2260 unless `--regions` replaces it).
    public var regions: RegionTable
    /// The file-exchange contracts; empty when there are none, and then any extension of
    /// lower-case ASCII letters and digits is accepted and the classification is not matched.
    public var allowances: [FileExchangeAllowance]

    /// Creates rules.
    public init(regions: RegionTable = .gbt2260, allowances: [FileExchangeAllowance] = []) {
        self.regions = regions
        self.allowances = allowances
    }
}

/// One thing wrong with an exchange file name.
public enum ExchangeFileNameProblem: Sendable, Hashable {
    /// No `.extension` after the code.
    case missingExtension
    /// Characters other than ASCII letters and digits in the code, in order of appearance.
    case notAlphanumeric([Character])
    /// The code before the extension does not have 15 characters; how many it has.
    case wrongLength(Int)
    /// The classification has lower-case letters.
    case classificationLowerCase(String)
    /// No file-exchange contract has this classification; the ones that exist.
    case classificationUnknown(String, known: [String])
    /// The year is not 4 digits.
    case yearNotDigits(String)
    /// The year is outside 1949...2100.
    case yearOutOfRange(Int)
    /// The region is not 6 digits.
    case regionNotDigits(String)
    /// The region is not in the table; the nearest code and its name, and the table's file
    /// (nil for GB/T 2260 as shipped).
    case regionUnknown(String, nearest: String?, nearestName: String?, table: String?)
    /// The region code left GB/T 2260: its former name, and the code that replaced it (with its
    /// name) where the shipped data knows one.
    case regionRetired(String, name: String, successor: String?, successorName: String?)
    /// The extension is not allowed; the allowed ones, and the classification they belong to
    /// (nil when they are every contract's).
    case extensionNotAllowed(String, allowed: [String], classification: String?)
    /// Without contracts: the extension is not 1 to 10 lower-case ASCII letters and digits.
    case extensionInvalid(String)

    /// The problem in words.
    public var message: String {
        switch self {
        case .missingExtension:
            return "the name has no extension; an exchange file name is the 15-character code, '.', and an extension, as in A01002026510100.csv"
        case .notAlphanumeric(let characters):
            let shown = characters.map { $0 == " " ? "' ' (space)" : "'\($0)'" }.joined(separator: ", ")
            return "the code contains \(shown); it is ASCII letters and digits only"
        case .wrongLength(let count):
            return "the code before the extension has \(count) character\(count == 1 ? "" : "s"), not 15: classification (5, filled with 0) + year (4) + GB/T 2260 region (6), as in A01002026510100"
        case .classificationLowerCase(let code):
            return "classification '\(code)' has lower-case letters; DB5101/T 132 codes are upper case: did you mean '\(code.uppercased())'?"
        case .classificationUnknown(let code, let known):
            let list = known.isEmpty ? "" : " (known: \(known.joined(separator: ", ")))"
            return "no file-exchange contract has classification \(code)\(list)"
        case .yearNotDigits(let text):
            return "year '\(text)' is not 4 digits"
        case .yearOutOfRange(let year):
            return "year \(year) is out of range \(ExchangeFileNames.years.lowerBound)..\(ExchangeFileNames.years.upperBound)"
        case .regionNotDigits(let text):
            return "region '\(text)' is not 6 digits"
        case .regionUnknown(let code, let nearest, let name, let table):
            var text = "region \(code) is not a GB/T 2260 code"
            if let table { text += " in \(table)" }
            if let nearest {
                text += "; did you mean \(nearest)" + (name.map { $0.isEmpty ? "" : " (\($0))" } ?? "") + "?"
            }
            return text
        case .regionRetired(let code, let name, let successor, let successorName):
            var text = "region \(code) (\(name)) is no longer a GB/T 2260 code"
            if let successor {
                text += ": it is now \(successor)" + (successorName.map { $0.isEmpty ? "" : " (\($0))" } ?? "")
            }
            return text
        case .extensionNotAllowed(let ext, let allowed, let classification):
            let whose = classification.map { "the file-exchange contract of classification \($0)" } ?? "any file-exchange contract"
            var text = "extension '\(ext)' is not allowed by \(whose) (allowed: \(allowed.joined(separator: ", ")))"
            if ext != ext.lowercased(), allowed.contains(ext.lowercased()) { text += "; did you mean '\(ext.lowercased())'?" }
            return text
        case .extensionInvalid(let ext):
            var text = "extension '\(ext)' is not 1 to 10 lower-case ASCII letters and digits"
            if ExchangeFileExtensionRule.isValid(ext.lowercased()) { text += "; did you mean '\(ext.lowercased())'?" }
            return text
        }
    }
}

/// Exchange file names (文件名命名规则): the 15-character code, then `.` and an extension. The code
/// is the DB5101/T 132 classification code left-aligned and filled with `0` to 5 characters,
/// the 4-digit year (1949...2100), and the 6-digit GB/T 2260 region code:
/// `A01` + `2026` + `510100` + `csv` → `A01002026510100.csv`.
public enum ExchangeFileNames {
    /// The years a name may carry.
    public static let years = 1949...2100
    /// The length of the code before the extension.
    public static let codeLength = 15

    /// A classification code filled with `0` on the right to 5 characters (`A01` → `A0100`).
    public static func fill(_ classification: String) -> String {
        classification.count >= 5 ? classification : classification + String(repeating: "0", count: 5 - classification.count)
    }

    /// The name of an exchange file, or nil when a part cannot form one (the classification is
    /// not 1–5 upper-case letters or digits, the year is out of range, the region not 6 digits,
    /// the extension not lower-case letters and digits).
    public static func name(classification: String, year: Int, region: String, extension ext: String) -> String? {
        guard ExchangeFileClassificationRule.isValid(classification), years.contains(year),
            region.utf8.count == 6, region.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            ExchangeFileExtensionRule.isValid(ext)
        else { return nil }
        return fill(classification) + String(year) + region + "." + ext
    }

    /// Everything wrong with a file name (without folders), in the order of the name; empty when
    /// it follows the rule.
    ///
    /// The code is what comes before the first `.`, the extension what follows it. The parts of
    /// the code are judged only when it is 15 ASCII letters and digits (otherwise their positions
    /// mean nothing). With contracts, the classification must be one of theirs, and the
    /// extension one that a contract of that classification lists (any contract's when the
    /// classification matches none); without contracts, any extension of 1 to 10 lower-case
    /// ASCII letters and digits is accepted.
    public static func problems(in name: String, rules: ExchangeFileNameRules = ExchangeFileNameRules()) -> [ExchangeFileNameProblem] {
        var problems: [ExchangeFileNameProblem] = []
        let code: Substring
        let ext: Substring?
        if let dot = name.firstIndex(of: ".") {
            code = name[..<dot]
            let rest = name[name.index(after: dot)...]
            ext = rest.isEmpty ? nil : rest
        } else {
            code = name[...]
            ext = nil
        }
        var odd: [Character] = []
        for c in code where !isAlphanumeric(c) && !odd.contains(c) { odd.append(c) }
        if !odd.isEmpty { problems.append(.notAlphanumeric(odd)) }
        if code.count != codeLength { problems.append(.wrongLength(code.count)) }
        var matching: [FileExchangeAllowance] = []
        if odd.isEmpty && code.count == codeLength {
            let chars = Array(code)
            let classification = String(chars[0..<5])
            let yearText = String(chars[5..<9])
            let region = String(chars[9..<15])
            if classification != classification.uppercased() {
                problems.append(.classificationLowerCase(classification))
            } else if !rules.allowances.isEmpty {
                matching = rules.allowances.filter { $0.classification == classification }
                if matching.isEmpty {
                    let known = Set(rules.allowances.map(\.classification)).sorted()
                    problems.append(.classificationUnknown(classification, known: known))
                }
            }
            if !yearText.allSatisfy(isDigit) {
                problems.append(.yearNotDigits(yearText))
            } else if let year = Int(yearText), !years.contains(year) {
                problems.append(.yearOutOfRange(year))
            }
            if !region.allSatisfy(isDigit) {
                problems.append(.regionNotDigits(region))
            } else if !rules.regions.contains(region), rules.regions.source == nil, let retired = GBT2260.retired(region) {
                // A code that left the table is not a typo: name what replaced it, never a neighbour.
                problems.append(.regionRetired(region, name: retired.name, successor: retired.successor,
                    successorName: retired.successor.flatMap(rules.regions.name(of:))))
            } else if !rules.regions.contains(region) {
                let nearest = rules.regions.nearest(to: region)
                problems.append(.regionUnknown(region, nearest: nearest, nearestName: nearest.flatMap(rules.regions.name(of:)), table: rules.regions.source))
            }
        }
        guard let ext else {
            problems.append(.missingExtension)
            return problems
        }
        let extText = String(ext)
        if rules.allowances.isEmpty {
            if !ExchangeFileExtensionRule.isValid(extText) { problems.append(.extensionInvalid(extText)) }
        } else {
            let source = matching.isEmpty ? rules.allowances : matching
            var allowed: [String] = []
            for a in source {
                for e in a.extensions where !allowed.contains(e) { allowed.append(e) }
            }
            allowed.sort()
            if !allowed.contains(extText) {
                problems.append(.extensionNotAllowed(extText, allowed: allowed, classification: matching.isEmpty ? nil : matching[0].classification))
            }
        }
        return problems
    }

    /// The one-line reason for a diagnostic: the problems' messages joined with `; `. The
    /// messages quote parts of the file name (characters, year, region, extension), which come
    /// from whoever named the file: they are escaped (`DisplayText.escaped(_:)`), so that a name
    /// cannot end the line, forge another or reorder what the reader sees.
    public static func message(for problems: [ExchangeFileNameProblem]) -> String {
        DisplayText.escaped(problems.map(\.message).joined(separator: "; "))
    }

    static func isAlphanumeric(_ c: Character) -> Bool {
        guard c.isASCII, let a = c.asciiValue else { return false }
        return (a >= 0x30 && a <= 0x39) || (a >= 0x41 && a <= 0x5A) || (a >= 0x61 && a <= 0x7A)
    }

    static func isDigit(_ c: Character) -> Bool {
        guard let a = c.asciiValue else { return false }
        return a >= 0x30 && a <= 0x39
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
            let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
