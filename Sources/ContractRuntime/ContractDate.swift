import Foundation

/// Calendar arithmetic on the proleptic Gregorian calendar, independent of the machine's time
/// zone, locale and calendar settings.
enum CivilCalendar {
    static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        case 2: return isLeapYear(year) ? 29 : 28
        default: return 0
        }
    }

    static func isValid(year: Int, month: Int, day: Int) -> Bool {
        (1...9999).contains(year) && (1...12).contains(month) && day >= 1 && day <= daysInMonth(year: year, month: month)
    }

    /// Days from 1970-01-01 to the given date (negative before it).
    static func daysFromEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` days after 1970-01-01.
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// Parses exactly `count` ASCII digits starting at `index`, advancing it.
    static func digits(_ bytes: [UInt8], _ index: inout Int, count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<count {
            let byte = bytes[index + offset]
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        index += count
        return value
    }

    static func expect(_ bytes: [UInt8], _ index: inout Int, _ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

/// A calendar date without a time or time zone: the contract type `date` (`D8`).
///
/// In JSON it is a string `"yyyy-MM-dd"` (e.g. `"2026-11-29"`), years 0001 to 9999 of the Gregorian
/// calendar. Parsing is strict: exactly that shape, ASCII digits, and a day that exists in its month
/// (`2026-02-30` and `2025-02-29` are rejected; decoding them throws a `DecodingError`). Nothing
/// depends on the machine's time zone or locale. Dates order chronologically.
public struct ContractDate: Codable, Hashable, Sendable, Comparable, LosslessStringConvertible {
    /// The year, 1...9999.
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The day of the month, 1...31.
    public let day: Int

    /// Creates the date, or `nil` if it does not exist (e.g. February 30th) or the year is outside
    /// 1...9999.
    public init?(year: Int, month: Int, day: Int) {
        guard CivilCalendar.isValid(year: year, month: month, day: day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `"yyyy-MM-dd"`; `nil` for any other shape or a date that does not exist.
    public init?(_ description: String) {
        let bytes = Array(description.utf8)
        guard bytes.count == 10 else { return nil }
        var index = 0
        guard let year = CivilCalendar.digits(bytes, &index, count: 4),
              CivilCalendar.expect(bytes, &index, UInt8(ascii: "-")),
              let month = CivilCalendar.digits(bytes, &index, count: 2),
              CivilCalendar.expect(bytes, &index, UInt8(ascii: "-")),
              let day = CivilCalendar.digits(bytes, &index, count: 2)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The calendar date of the instant `date` as seen at UTC offset `offsetSeconds`
    /// (0 for UTC, 28800 for Beijing time). Instants outside years 1...9999 are clamped to the
    /// nearest representable date.
    public init(_ date: Date, offsetSeconds: Int = 0) {
        let seconds = date.timeIntervalSince1970 + Double(offsetSeconds)
        let lowest = Double(CivilCalendar.daysFromEpoch(year: 1, month: 1, day: 1))
        let highest = Double(CivilCalendar.daysFromEpoch(year: 9999, month: 12, day: 31))
        let dayNumber = (seconds / 86_400).rounded(.down)
        let days = dayNumber.isNaN ? 0 : Int(Swift.min(Swift.max(dayNumber, lowest), highest))
        let civil = CivilCalendar.civilFromDays(days)
        self.year = civil.year
        self.month = civil.month
        self.day = civil.day
    }

    /// The instant this date starts at UTC offset `offsetSeconds` (midnight local time).
    public func startDate(offsetSeconds: Int = 0) -> Date {
        let days = CivilCalendar.daysFromEpoch(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: Double(days * 86_400 - offsetSeconds))
    }

    /// `"yyyy-MM-dd"`, e.g. `"2026-11-29"`.
    public var description: String {
        "\(CivilCalendar.pad(year, 4))-\(CivilCalendar.pad(month, 2))-\(CivilCalendar.pad(day, 2))"
    }

    /// Chronological order.
    public static func < (lhs: ContractDate, rhs: ContractDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Decodes a `"yyyy-MM-dd"` string; any other string or a date that does not exist throws
    /// `DecodingError.dataCorrupted`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = ContractDate(text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "'\(text)' is not a valid date; expected yyyy-MM-dd"
            )
        }
        self = value
    }

    /// Encodes the `"yyyy-MM-dd"` string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// An instant written with its UTC offset: the contract type `datetime` (`DT`).
///
/// In JSON it is an ISO 8601 / RFC 3339 string `yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:mm)`, e.g.
/// `"2026-11-29T08:30:00+08:00"`, `"2026-11-29T00:30:00Z"` or `"2026-11-29T08:30:00.125+08:00"`.
/// The offset is required (a local time without one is rejected), the fraction may have 1 to 9
/// digits, the seconds are 00...59 and the offset at most ±23:59.
///
/// The value keeps the text it was read from, so re-encoding gives back the very same bytes
/// (`Z` stays `Z`, `+00:00` stays `+00:00`, `.500` stays `.500`). Two values are equal when they
/// are written the same; two spellings of one instant in different offsets are different values,
/// which order by instant and then by text. Compare ``date`` to compare instants only.
public struct ContractDateTime: Codable, Hashable, Sendable, Comparable, LosslessStringConvertible {
    /// The instant, with sub-microsecond digits of the fraction rounded away by `Date`.
    public let date: Date
    /// The UTC offset the value was written with, in seconds east of UTC (`+08:00` is 28800).
    public let offsetSeconds: Int
    /// The exact text, e.g. `"2026-11-29T08:30:00+08:00"`.
    public let description: String
    /// Whole seconds since 1970-01-01T00:00:00Z, exact.
    private let epochSeconds: Int64
    /// Nanoseconds past ``epochSeconds``, exact for up to 9 fraction digits.
    private let nanoseconds: Int32

    /// Parses an RFC 3339 date-time with offset; `nil` for anything else.
    public init?(_ description: String) {
        let bytes = Array(description.utf8)
        guard bytes.count >= 20, bytes.count <= 40 else { return nil }
        var index = 0
        guard let year = CivilCalendar.digits(bytes, &index, count: 4),
              CivilCalendar.expect(bytes, &index, UInt8(ascii: "-")),
              let month = CivilCalendar.digits(bytes, &index, count: 2),
              CivilCalendar.expect(bytes, &index, UInt8(ascii: "-")),
              let day = CivilCalendar.digits(bytes, &index, count: 2),
              CivilCalendar.expect(bytes, &index, UInt8(ascii: "T")),
              let hour = CivilCalendar.digits(bytes, &index, count: 2),
              CivilCalendar.expect(bytes, &index, UInt8(ascii: ":")),
              let minute = CivilCalendar.digits(bytes, &index, count: 2),
              CivilCalendar.expect(bytes, &index, UInt8(ascii: ":")),
              let second = CivilCalendar.digits(bytes, &index, count: 2),
              CivilCalendar.isValid(year: year, month: month, day: day),
              hour <= 23, minute <= 59, second <= 59
        else { return nil }

        var nanos = 0
        if CivilCalendar.expect(bytes, &index, UInt8(ascii: ".")) {
            var digitCount = 0
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                guard digitCount < 9 else { return nil }
                nanos = nanos * 10 + Int(bytes[index] - 0x30)
                digitCount += 1
                index += 1
            }
            guard digitCount > 0 else { return nil }
            for _ in digitCount..<9 { nanos *= 10 }
        }

        var offset = 0
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "Z") {
            index += 1
        } else if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let negative = bytes[index] == UInt8(ascii: "-")
            index += 1
            guard let offsetHours = CivilCalendar.digits(bytes, &index, count: 2),
                  CivilCalendar.expect(bytes, &index, UInt8(ascii: ":")),
                  let offsetMinutes = CivilCalendar.digits(bytes, &index, count: 2),
                  offsetHours <= 23, offsetMinutes <= 59
            else { return nil }
            offset = (offsetHours * 3600 + offsetMinutes * 60) * (negative ? -1 : 1)
        } else {
            return nil
        }
        guard index == bytes.count else { return nil }

        let days = CivilCalendar.daysFromEpoch(year: year, month: month, day: day)
        let local = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        let epoch = local - Int64(offset)
        self.epochSeconds = epoch
        self.nanoseconds = Int32(nanos)
        self.offsetSeconds = offset
        self.description = description
        self.date = Date(timeIntervalSince1970: Double(epoch) + Double(nanos) / 1_000_000_000)
    }

    /// Writes the instant `date` as seen at UTC offset `offsetSeconds` (whole minutes, at most
    /// ±23:59; other values are rounded towards zero to whole minutes and clamped), with
    /// `fractionDigits` (0...9) digits of fractional seconds. Offset 0 is written `Z`.
    /// Instants outside years 1...9999 are clamped into that range.
    public init(_ date: Date, offsetSeconds: Int = 0, fractionDigits: Int = 0) {
        let maxOffset = 23 * 3600 + 59 * 60
        let offset = (Swift.min(Swift.max(offsetSeconds, -maxOffset), maxOffset) / 60) * 60
        let digits = Swift.min(Swift.max(fractionDigits, 0), 9)

        let lowest = Double(CivilCalendar.daysFromEpoch(year: 1, month: 1, day: 1)) * 86_400 + 86_400
        let highest = Double(CivilCalendar.daysFromEpoch(year: 9999, month: 12, day: 31)) * 86_400 - 86_400
        var interval = date.timeIntervalSince1970
        if interval.isNaN { interval = 0 }
        interval = Swift.min(Swift.max(interval, lowest), highest)

        var unit: Int64 = 1
        for _ in 0..<digits { unit *= 10 }
        let wholeSeconds = interval.rounded(.down)
        let whole = Int64(wholeSeconds)
        let fraction = Swift.min(Int64(((interval - wholeSeconds) * Double(unit)).rounded(.down)), unit - 1)

        let local = whole + Int64(offset)
        let days = Int((Double(local) / 86_400).rounded(.down))
        let secondOfDay = Int(local - Int64(days) * 86_400)
        let civil = CivilCalendar.civilFromDays(days)
        var text = "\(CivilCalendar.pad(civil.year, 4))-\(CivilCalendar.pad(civil.month, 2))-\(CivilCalendar.pad(civil.day, 2))"
        text += "T\(CivilCalendar.pad(secondOfDay / 3600, 2)):\(CivilCalendar.pad(secondOfDay / 60 % 60, 2)):\(CivilCalendar.pad(secondOfDay % 60, 2))"
        if digits > 0 {
            text += "." + CivilCalendar.pad(Int(fraction), digits)
        }
        if offset == 0 {
            text += "Z"
        } else {
            let magnitude = abs(offset)
            text += (offset < 0 ? "-" : "+") + CivilCalendar.pad(magnitude / 3600, 2) + ":" + CivilCalendar.pad(magnitude / 60 % 60, 2)
        }
        // The text built above always parses; the fallback only guards the invariant.
        self = ContractDateTime(text) ?? ContractDateTime.epoch
    }

    private init(epoch: ()) {
        self.epochSeconds = 0
        self.nanoseconds = 0
        self.offsetSeconds = 0
        self.description = "1970-01-01T00:00:00Z"
        self.date = Date(timeIntervalSince1970: 0)
    }

    private static let epoch = ContractDateTime(epoch: ())

    /// The calendar date in the value's own offset (`2026-11-29T23:30:00-05:00` is 2026-11-29).
    public var localDate: ContractDate {
        ContractDate(date, offsetSeconds: offsetSeconds)
    }

    /// Equal when written identically.
    public static func == (lhs: ContractDateTime, rhs: ContractDateTime) -> Bool {
        lhs.description == rhs.description
    }

    /// Hashes the written text.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(description)
    }

    /// Orders by instant (exact to the nanosecond), then by text for one instant written two ways.
    public static func < (lhs: ContractDateTime, rhs: ContractDateTime) -> Bool {
        if lhs.epochSeconds != rhs.epochSeconds { return lhs.epochSeconds < rhs.epochSeconds }
        if lhs.nanoseconds != rhs.nanoseconds { return lhs.nanoseconds < rhs.nanoseconds }
        return lhs.description < rhs.description
    }

    /// Decodes an RFC 3339 string with offset; anything else throws `DecodingError.dataCorrupted`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = ContractDateTime(text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "'\(text)' is not a valid date-time; expected ISO 8601 with offset, e.g. 2026-11-29T08:30:00+08:00"
            )
        }
        self = value
    }

    /// Encodes the text exactly as it was written.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
