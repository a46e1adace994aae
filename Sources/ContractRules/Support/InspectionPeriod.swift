/// An ISO 8601 duration such as `P1D`, `PT12H` or `P1Y2M3DT4H5M6S`: the form of
/// `endpoint.inspection`, the period on which a service's address is inspected (服务发布与巡检).
///
/// The accepted form is `PnYnMnWnDTnHnMnS`:
///
/// - it starts with `P`; every designator is upper case;
/// - at least one component is written, each at most once and in the order Y, M, W, D, then
///   `T`, then H, M, S (`M` before `T` is months, after it minutes);
/// - `T` is written only when time components follow it (`PT` and `P1DT` are refused), and
///   hours, minutes and seconds need it (`P1H` is refused: write `PT1H`);
/// - a number is one or more ASCII digits; the last component written may have a fraction,
///   with `.` or `,` as ISO 8601 allows (`P0.5D`, `PT1,5H`);
/// - no sign: a period is never negative (`-P1D` is refused).
///
/// Zero is a valid duration here (`PT0S`); whether a period is long enough is for the caller to
/// judge (`inspection-invalid` refuses periods under a minute). The alternative format
/// `P0001-02-03T04:05:06` is not accepted.
///
/// ``seconds`` counts a year as 365 days and a month as 30 days, so that a period has one
/// length whatever the calendar: `contractc inspect --due` compares it with the time since the
/// last inspection. The type uses only the standard library.
public struct ISODuration: Sendable, Hashable, CustomStringConvertible {
    /// A component of a duration.
    public enum Unit: Int, Sendable, Hashable, CaseIterable, Comparable {
        /// `Y`, counted as 365 days.
        case years
        /// `M` before `T`, counted as 30 days.
        case months
        /// `W`, 7 days.
        case weeks
        /// `D`, 86,400 seconds.
        case days
        /// `H` after `T`.
        case hours
        /// `M` after `T`.
        case minutes
        /// `S` after `T`.
        case seconds

        /// The letter that ends the component.
        public var designator: Character {
            switch self {
            case .years: "Y"
            case .months: "M"
            case .weeks: "W"
            case .days: "D"
            case .hours: "H"
            case .minutes: "M"
            case .seconds: "S"
            }
        }

        /// Whether the component is written after `T`.
        public var isTime: Bool { self >= .hours }

        /// Seconds in one of this unit (a year is 365 days, a month 30 days).
        public var secondsEach: Double {
            switch self {
            case .years: 365 * 86_400
            case .months: 30 * 86_400
            case .weeks: 7 * 86_400
            case .days: 86_400
            case .hours: 3_600
            case .minutes: 60
            case .seconds: 1
            }
        }

        /// Orders units as they are written: years first, seconds last.
        public static func < (lhs: Unit, rhs: Unit) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// One component as written: `1.5` hours.
    public struct Component: Sendable, Hashable {
        /// The unit.
        public var unit: Unit
        /// The number, which may have a fraction.
        public var value: Double

        /// Creates a component.
        public init(unit: Unit, value: Double) {
            self.unit = unit
            self.value = value
        }
    }

    /// Why a text is not a duration: a sentence fit to follow "not an ISO 8601 duration: ".
    public struct SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
        /// What is wrong and how to write it.
        public var message: String

        /// Creates an error.
        public init(_ message: String) { self.message = message }

        /// The message.
        public var description: String { message }
    }

    /// The text as written.
    public let text: String
    /// The components, in the order written.
    public let components: [Component]
    /// The whole length in seconds (a year is 365 days, a month 30 days).
    public let seconds: Double

    /// Reads a duration; nil when the text is not one (see ``parse(_:)`` for the reason).
    public init?(_ text: String) {
        guard case .success(let duration) = Self.parse(text) else { return nil }
        self = duration
    }

    private init(text: String, components: [Component], seconds: Double) {
        self.text = text
        self.components = components
        self.seconds = seconds
    }

    /// The text as written.
    public var description: String { text }

    /// Reads a duration, or says why the text is not one.
    public static func parse(_ text: String) -> Result<ISODuration, SyntaxError> {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.first else {
            return .failure(SyntaxError("the text is empty; write a period such as P1D (daily) or PT12H"))
        }
        if first == "-" || first == "+" || first == "−" {
            return .failure(SyntaxError("a period has no sign and is never negative; write it without '\(first)'"))
        }
        guard first == "P" else {
            if first == "p" {
                return .failure(SyntaxError("the designators are upper case: 'P', 'T', 'Y', 'M', 'W', 'D', 'H', 'S'"))
            }
            return .failure(SyntaxError("a duration starts with 'P' (period), as in P1D or PT12H"))
        }
        var components: [Component] = []
        var inTime = false
        var timeComponents = 0
        var fractionWritten = false
        var index = 1
        while index < scalars.count {
            let c = scalars[index]
            if c == "T" {
                if inTime { return .failure(SyntaxError("'T' is written once, before the time components")) }
                if fractionWritten { return .failure(SyntaxError("only the last component may have a fraction")) }
                inTime = true
                index += 1
                continue
            }
            // A number: digits, then optionally a decimal sign and more digits.
            let start = index
            while index < scalars.count, isDigit(scalars[index]) { index += 1 }
            guard index > start else {
                if let unit = unit(for: c, inTime: inTime) {
                    return .failure(SyntaxError("'\(unit.designator)' needs a number before it, as in \(example(unit))"))
                }
                if c == "." || c == "," {
                    return .failure(SyntaxError("a fraction needs a digit before the decimal sign, as in P0.5D"))
                }
                return .failure(SyntaxError("unexpected '\(c)'; a duration is written PnYnMnWnDTnHnMnS"))
            }
            var number = String(String.UnicodeScalarView(scalars[start..<index]))
            var hasFraction = false
            if index < scalars.count, scalars[index] == "." || scalars[index] == "," {
                index += 1
                let fractionStart = index
                while index < scalars.count, isDigit(scalars[index]) { index += 1 }
                guard index > fractionStart else {
                    return .failure(SyntaxError("a decimal sign needs digits after it, as in P0.5D"))
                }
                number += "." + String(String.UnicodeScalarView(scalars[fractionStart..<index]))
                hasFraction = true
            }
            guard index < scalars.count else {
                return .failure(SyntaxError("the number \(number) has no designator after it (Y, M, W or D; after T: H, M or S)"))
            }
            let d = scalars[index]
            guard let unit = unit(for: d, inTime: inTime) else {
                if !inTime, d == "H" || d == "S" {
                    return .failure(SyntaxError("'\(d)' is a time component and needs 'T' before it, as in PT\(number)\(d)"))
                }
                if inTime, d == "Y" || d == "W" || d == "D" {
                    return .failure(SyntaxError("'\(d)' is a date component and belongs before 'T'"))
                }
                return .failure(SyntaxError("'\(d)' is not a designator; use Y, M, W or D, and after T: H, M or S"))
            }
            if fractionWritten { return .failure(SyntaxError("only the last component may have a fraction")) }
            if let last = components.last, last.unit >= unit {
                return .failure(SyntaxError("each component is written at most once, in the order Y, M, W, D, T, H, M, S"))
            }
            guard let value = Double(number) else {
                return .failure(SyntaxError("the number \(number) cannot be read"))
            }
            components.append(Component(unit: unit, value: value))
            if inTime { timeComponents += 1 }
            fractionWritten = hasFraction
            index += 1
        }
        if inTime && timeComponents == 0 {
            return .failure(SyntaxError(components.isEmpty
                ? "'PT' has no components; write hours, minutes or seconds after 'T', as in PT12H"
                : "'T' must be followed by hours, minutes or seconds; remove it or add one, as in PT12H"))
        }
        if components.isEmpty {
            return .failure(SyntaxError("'P' alone has no components; write at least one, as in P1D"))
        }
        let seconds = components.reduce(0.0) { $0 + $1.value * $1.unit.secondsEach }
        guard seconds.isFinite else {
            return .failure(SyntaxError("the period is too long to count"))
        }
        return .success(ISODuration(text: text, components: components, seconds: seconds))
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

    private static func unit(for c: Unicode.Scalar, inTime: Bool) -> Unit? {
        switch (c, inTime) {
        case ("Y", false): .years
        case ("M", false): .months
        case ("W", false): .weeks
        case ("D", false): .days
        case ("H", true): .hours
        case ("M", true): .minutes
        case ("S", true): .seconds
        default: nil
        }
    }

    private static func example(_ unit: Unit) -> String {
        unit.isTime ? "PT1\(unit.designator)" : "P1\(unit.designator)"
    }
}
