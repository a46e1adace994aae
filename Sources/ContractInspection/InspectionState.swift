import ContractSyntax
import ContractGenerators
import Foundation

/// The `--due` state file: when each service code was last inspected and found up,
/// `{ "<code>": "<ISO 8601 UTC time>" }`, keys sorted so the file is byte-identical for the same
/// content. Only an inspection that finds the service up is recorded (``InspectDriver``), so a
/// service that is down or unchecked stays due until it is found up.
public struct InspectionState: Sendable, Hashable {
    /// The rule id of problems with the state file.
    public static let ruleID = "state-invalid"

    /// The last time each code was inspected and found up.
    public var lastInspected: [String: Date]

    /// Creates a state.
    public init(lastInspected: [String: Date] = [:]) { self.lastInspected = lastInspected }

    /// Reads a state file. An empty file is an empty state.
    public static func parse(_ bytes: [UInt8], file: String) -> Result<InspectionState, InspectionStateError> {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .success(InspectionState()) }
        func problem(_ offset: Int, _ message: String) -> InspectionStateError {
            let (line, column) = JSONDocument.place(of: offset, in: bytes)
            return InspectionStateError(diagnostic: Diagnostic(file: file, place: SourcePlace(line: line, column: column), severity: .error, rule: ruleID, message: message))
        }
        let document: JSONDocument
        switch JSONDocument.parse(bytes) {
        case .failure(let error): return .failure(problem(error.offset, "the inspection state is not valid JSON: \(error.message)"))
        case .success(let parsed): document = parsed
        }
        guard let members = document.root.members else {
            return .failure(problem(document.root.offset,
                "the inspection state is an object of service codes to ISO 8601 UTC times, not \(document.root.value.kindDescription)"))
        }
        var state = InspectionState()
        let times = TimeFormat()
        for member in members {
            guard let text = member.node.string, let date = times.parse(text) else {
                return .failure(problem(member.node.offset,
                    "the last inspection of \(DisplayText.escaped(member.key)) must be an ISO 8601 UTC time such as \"2026-03-01T08:00:00Z\""))
            }
            state.lastInspected[member.key] = date
        }
        return .success(state)
    }

    /// The file's bytes: keys sorted, times in whole seconds, UTC.
    public func rendered() -> [UInt8] {
        let keys = lastInspected.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let times = TimeFormat()
        let pairs: [(String, JSONWriter.Value)] = keys.compactMap { key in
            lastInspected[key].map { (key, .string(times.format($0))) }
        }
        return Array(JSONWriter.render(.object(pairs)).utf8)
    }

    /// Whether an entry is due at `now`: never inspected, no valid period, a last time in the
    /// future (a clock that went back must not stop inspection), or the period has passed.
    public func isDue(_ entry: CatalogueEntry, now: Date) -> Bool {
        guard let last = lastInspected[entry.code], let period = entry.period else { return true }
        let since = now.timeIntervalSince(last)
        return since < 0 || since >= period.seconds
    }

    /// Records an inspection that found the service up at `now` (whole seconds).
    public mutating func record(_ code: String, at now: Date) {
        lastInspected[code] = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
    }

    /// `2026-03-01T08:00:00Z`.
    public static func formatTime(_ date: Date) -> String { TimeFormat().format(date) }

    /// Reads `2026-03-01T08:00:00Z`, with fractional seconds or a numeric offset too.
    public static func parseTime(_ text: String) -> Date? { TimeFormat().parse(text) }
}

/// The state's times, written and read once per service of the catalogue: a state of 200,000
/// services must not take minutes. Making an `ISO8601DateFormatter` costs far more than using
/// one, and using one (ICU) costs tens of microseconds, so the form the tool writes,
/// `2026-03-01T08:00:00Z` in years 1600 to 9999, is written and read here directly; any other
/// text (fractional seconds, an offset, a date ICU must judge) goes to formatters made once per
/// file, so what is accepted is exactly what the formatters accept. Not shared between
/// threads: each parse or render makes its own.
struct TimeFormat {
    /// Whole seconds, UTC.
    private let plain: ISO8601DateFormatter
    /// With fractional seconds, for reading.
    private let fractional: ISO8601DateFormatter

    init() {
        plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        plain.timeZone = TimeZone(identifier: "UTC")
        fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    }

    /// The years written and read without ICU: Gregorian in both (ICU's calendar is Julian
    /// before 1582) and four digits.
    static let directYears = 1600...9999

    /// `2026-03-01T08:00:00Z` (the seconds rounded down).
    func format(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970.rounded(.down)
        guard interval.isFinite, abs(interval) < 1e12 else { return plain.string(from: date) }
        let seconds = Int(interval)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let inDay = seconds - days * 86_400
        let (year, month, day) = Self.civil(fromDays: days)
        guard Self.directYears.contains(year) else { return plain.string(from: date) }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(inDay / 3600)):\(two(inDay / 60 % 60)):\(two(inDay % 60))Z"
    }

    /// The time of `2026-03-01T08:00:00Z`, with fractional seconds or a numeric offset too.
    func parse(_ text: String) -> Date? {
        if let seconds = Self.directSeconds(text) { return Date(timeIntervalSince1970: Double(seconds)) }
        return plain.date(from: text) ?? fractional.date(from: text)
    }

    /// Seconds since 1970 of exactly `YYYY-MM-DDTHH:MM:SSZ` with a valid date and time in
    /// ``directYears``; nil for anything else, which the formatters then judge.
    static func directSeconds(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "Z")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            directYears.contains(year), (1...12).contains(month), hour < 24, minute < 60, second < 60
        else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...lengths[month - 1]).contains(day) else { return nil }
        return days(fromCivil: year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a day since 1970-01-01 (H. Hinnant's `civil_from_days`).
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// Why a state file cannot be used: a diagnostic at its place.
public struct InspectionStateError: Error, Sendable, Hashable {
    /// The problem, at its place in the state file.
    public var diagnostic: Diagnostic

    /// Creates an error.
    public init(diagnostic: Diagnostic) { self.diagnostic = diagnostic }
}
