import Foundation

/// One problem found while validating a value against its contract.
///
/// `path` names the offending value the way the contract names it: the type, then the field,
/// then list indexes, e.g. `QueryPersonInfoInput.persons[2].fullName`. `problem` says what is wrong
/// in plain English, e.g. `51 characters, at most 50`.
public struct ValidationIssue: Hashable, Sendable, CustomStringConvertible {
    /// Where the problem is, e.g. `PersonInfo.fullName`.
    public let path: String
    /// What the problem is, e.g. `51 characters, at most 50` or `required`.
    public let problem: String

    /// Creates an issue at `path` describing `problem`.
    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    /// `path: problem`, e.g. `PersonInfo.fullName: 51 characters, at most 50`.
    public var description: String {
        path.isEmpty ? problem : "\(path): \(problem)"
    }
}

/// The error thrown by a generated `validate()` when a value breaks its contract.
///
/// It carries every issue found, not just the first, in the order the fields are declared.
public struct ValidationError: Error, Hashable, Sendable, CustomStringConvertible, LocalizedError {
    /// Every issue found, in declaration order.
    public let issues: [ValidationIssue]

    /// Creates an error carrying `issues`.
    public init(issues: [ValidationIssue]) {
        self.issues = issues
    }

    /// The issues joined with `"; "`, e.g.
    /// `PersonInfo.fullName: 51 characters, at most 50; PersonInfo.age: 4 digits, at most 3`.
    public var description: String {
        issues.map(\.description).joined(separator: "; ")
    }

    /// The same text as ``description``.
    public var errorDescription: String? { description }
}

/// A value generated from a contract type that can check itself against the contract's lengths,
/// precisions and required fields.
///
/// Generated types implement ``collectIssues(into:at:)``; ``validate()`` has a default
/// implementation that starts a ``Validator`` at the type's own name and throws a
/// ``ValidationError`` when anything is wrong:
///
/// ```swift
/// extension PersonInfo: ContractValidatable {
///     public func collectIssues(into v: inout Validator, at path: String) {
///         v.string(fullName, at: path + ".fullName", min: 1, max: 50)
///         v.nested(address, at: path + ".address")            // another ContractValidatable
///         v.each(phones, at: path + ".phones") { v, phone, at in
///             v.string(phone, at: at, min: 11, max: 11)
///         }
///     }
/// }
/// ```
public protocol ContractValidatable {
    /// Checks every constraint of this value, appending issues to `validator` with paths that
    /// start with `path` (the type name for a top-level value, or the path of the field or list
    /// element holding this value).
    func collectIssues(into validator: inout Validator, at path: String)

    /// Throws a ``ValidationError`` listing every issue when the value breaks its contract.
    func validate() throws
}

extension ContractValidatable {
    /// The type's name without module prefix or generic arguments, used as the root of issue paths.
    public static var contractTypeName: String {
        let full = String(describing: Self.self)
        let withoutGenerics = full.split(separator: "<", maxSplits: 1).first.map(String.init) ?? full
        return withoutGenerics.split(separator: ".").last.map(String.init) ?? withoutGenerics
    }

    /// Validates the value with paths rooted at the type's name (``contractTypeName``) and throws a
    /// ``ValidationError`` if any issue is found.
    public func validate() throws {
        var validator = Validator()
        collectIssues(into: &validator, at: Self.contractTypeName)
        try validator.finish()
    }
}

/// Accumulates ``ValidationIssue``s while generated code checks a value, then throws them all at
/// once from ``finish()``.
///
/// Every check appends at most one issue and never stops early, so a caller learns about every
/// problem in one go. Counting rules:
/// - strings count Swift `Character`s (grapheme clusters): `"👨‍👩‍👧"` and `"é"` written with a
///   combining accent are one character each;
/// - integers count the decimal digits of their magnitude (the sign is not a digit);
/// - decimals count the digits of the exact decimal value, ignoring leading zeros of the whole part
///   and trailing zeros of the fraction;
/// - binaries count bytes; lists count items.
///
/// Optional overloads skip `nil` unless `required` is true, in which case `nil` is reported as
/// `required`.
public struct Validator: Hashable, Sendable {
    /// The issues found so far, in the order they were found.
    public private(set) var issues: [ValidationIssue] = []

    /// Creates a validator with no issues.
    public init() {}

    /// True while no issue has been found.
    public var isValid: Bool { issues.isEmpty }

    /// Throws a ``ValidationError`` carrying every issue found, or returns if there is none.
    public func finish() throws {
        if !issues.isEmpty {
            throw ValidationError(issues: issues)
        }
    }

    // MARK: - Building blocks

    /// Records `problem` at `path`.
    public mutating func report(_ problem: String, at path: String) {
        issues.append(ValidationIssue(path: path, problem: problem))
    }

    /// Appends every issue of `other`, keeping its paths.
    public mutating func merge(_ other: Validator) {
        issues.append(contentsOf: other.issues)
    }

    /// Appends the issues of `error`. A ``ValidationError``'s issues are re-rooted: the first path
    /// component (the type name its own `validate()` used) is replaced by `prefix`. Any other error
    /// is recorded at `prefix` with its description.
    public mutating func merge(_ error: any Error, prefix: String) {
        if let validation = error as? ValidationError {
            for issue in validation.issues {
                issues.append(ValidationIssue(path: Validator.reroot(issue.path, at: prefix), problem: issue.problem))
            }
        } else {
            report(String(describing: error), at: prefix)
        }
    }

    /// The path of element `index` of the list at `path`: `path[index]`.
    public static func path(_ path: String, index: Int) -> String {
        "\(path)[\(index)]"
    }

    /// The path of field `field` of the value at `path`: `path.field`.
    public static func path(_ path: String, field: String) -> String {
        path.isEmpty ? field : "\(path).\(field)"
    }

    private static func reroot(_ path: String, at prefix: String) -> String {
        guard let cut = path.firstIndex(where: { $0 == "." || $0 == "[" }) else { return prefix }
        return prefix + path[cut...]
    }

    // MARK: - Required

    /// Reports `required` at `path` when `value` is `nil`. Returns whether a value is present.
    @discardableResult
    public mutating func required<Value>(_ value: Value?, at path: String) -> Bool {
        if value == nil {
            report("required", at: path)
            return false
        }
        return true
    }

    // MARK: - Strings

    /// Checks that `value` has `min...max` characters (`Character`s, i.e. grapheme clusters).
    ///
    /// Messages: `51 characters, at most 50`; `0 characters, at least 1`; and when `min == max`,
    /// `17 characters, exactly 18`.
    public mutating func string(_ value: String, at path: String, min: Int = 1, max: Int) {
        let count = value.count
        guard count < min || count > max else { return }
        let counted = Validator.plural(count, "character", "characters")
        if min == max {
            report("\(counted), exactly \(max)", at: path)
        } else if count > max {
            report("\(counted), at most \(max)", at: path)
        } else {
            report("\(counted), at least \(min)", at: path)
        }
    }

    /// Checks an optional string: `nil` is fine unless `required`, otherwise as
    /// ``string(_:at:min:max:)``.
    public mutating func string(_ value: String?, at path: String, min: Int = 1, max: Int, required: Bool = false) {
        guard let value else {
            if required { report("required", at: path) }
            return
        }
        string(value, at: path, min: min, max: max)
    }

    // MARK: - Integers

    /// Checks that `value` has at most `digits` decimal digits, sign not counted
    /// (message: `4 digits, at most 3`).
    public mutating func integer(_ value: Int64, at path: String, digits: Int) {
        let count = Validator.decimalDigitCount(value.magnitude)
        if count > digits {
            report("\(Validator.plural(count, "digit", "digits")), at most \(digits)", at: path)
        }
    }

    /// Checks an `Int` the same way as the `Int64` overload.
    public mutating func integer(_ value: Int, at path: String, digits: Int) {
        integer(Int64(value), at: path, digits: digits)
    }

    /// Checks an optional integer: `nil` is fine unless `required`.
    public mutating func integer(_ value: Int64?, at path: String, digits: Int, required: Bool = false) {
        guard let value else {
            if required { report("required", at: path) }
            return
        }
        integer(value, at: path, digits: digits)
    }

    /// Checks an optional `Int`: `nil` is fine unless `required`.
    public mutating func integer(_ value: Int?, at path: String, digits: Int, required: Bool = false) {
        integer(value.map(Int64.init), at: path, digits: digits, required: required)
    }

    // MARK: - Decimals

    /// Checks that `value` fits a `decimal "P,S"`: at most `scale` digits after the point, at most
    /// `precision` digits in all, hence at most `precision - scale` before the point.
    ///
    /// Leading zeros of the whole part and trailing zeros of the fraction do not count, so `0.1`
    /// has one digit and one decimal place, and `-1234567890.12` has twelve digits. Messages, in the
    /// order they are tried (one issue at most): `3 decimal places, at most 2`;
    /// `13 digits, at most 12`; `11 digits before the point, at most 10`; `not a number` for NaN.
    public mutating func decimal(_ value: Decimal, at path: String, precision: Int, scale: Int) {
        guard let (whole, fraction) = Validator.decimalDigits(value) else {
            report("not a number", at: path)
            return
        }
        if fraction > scale {
            report("\(Validator.plural(fraction, "decimal place", "decimal places")), at most \(scale)", at: path)
        } else if whole + fraction > precision {
            report("\(Validator.plural(whole + fraction, "digit", "digits")), at most \(precision)", at: path)
        } else if whole > precision - scale {
            report("\(Validator.plural(whole, "digit", "digits")) before the point, at most \(precision - scale)", at: path)
        }
    }

    /// Checks an optional decimal: `nil` is fine unless `required`.
    public mutating func decimal(_ value: Decimal?, at path: String, precision: Int, scale: Int, required: Bool = false) {
        guard let value else {
            if required { report("required", at: path) }
            return
        }
        decimal(value, at: path, precision: precision, scale: scale)
    }

    // MARK: - Binary

    /// Checks that `value` has at most `max` bytes (message: `1025 bytes, at most 1024`).
    public mutating func binary(_ value: Data, at path: String, max: Int) {
        if value.count > max {
            report("\(Validator.plural(value.count, "byte", "bytes")), at most \(max)", at: path)
        }
    }

    /// Checks optional binary data: `nil` is fine unless `required`.
    public mutating func binary(_ value: Data?, at path: String, max: Int, required: Bool = false) {
        guard let value else {
            if required { report("required", at: path) }
            return
        }
        binary(value, at: path, max: max)
    }

    // MARK: - Lists

    /// Checks that a list of `count` items has `minItems...maxItems` items (messages:
    /// `101 items, at most 100`; `0 items, at least 1`). `maxItems: nil` means no upper bound.
    public mutating func count(_ count: Int, at path: String, minItems: Int = 0, maxItems: Int? = nil) {
        let counted = Validator.plural(count, "item", "items")
        if let maxItems, count > maxItems {
            report("\(counted), at most \(maxItems)", at: path)
        } else if count < minItems {
            report("\(counted), at least \(minItems)", at: path)
        }
    }

    /// Runs `check` on every element of `elements`, passing the element's path `path[i]`.
    ///
    /// ```swift
    /// v.each(names, at: path + ".names") { v, name, at in v.string(name, at: at, max: 50) }
    /// ```
    public mutating func each<Element>(
        _ elements: [Element],
        at path: String,
        _ check: (inout Validator, Element, String) -> Void
    ) {
        for (index, element) in elements.enumerated() {
            check(&self, element, Validator.path(path, index: index))
        }
    }

    /// Runs `check` on every element of an optional list; `nil` is fine unless `required`.
    public mutating func each<Element>(
        _ elements: [Element]?,
        at path: String,
        required: Bool = false,
        _ check: (inout Validator, Element, String) -> Void
    ) {
        guard let elements else {
            if required { report("required", at: path) }
            return
        }
        each(elements, at: path, check)
    }

    // MARK: - Nested contract types

    /// Validates a nested contract value, its issues' paths starting with `path`
    /// (e.g. `QueryPersonInfoInput.person.fullName`).
    public mutating func nested<Value: ContractValidatable>(_ value: Value, at path: String) {
        value.collectIssues(into: &self, at: path)
    }

    /// Validates an optional nested contract value; `nil` is fine unless `required`.
    public mutating func nested<Value: ContractValidatable>(_ value: Value?, at path: String, required: Bool = false) {
        guard let value else {
            if required { report("required", at: path) }
            return
        }
        nested(value, at: path)
    }

    /// Validates every element of a list of contract values, paths `path[i]...`
    /// (e.g. `QueryPersonInfoInput.persons[2].fullName`).
    public mutating func nested<Value: ContractValidatable>(_ values: [Value], at path: String) {
        for (index, value) in values.enumerated() {
            value.collectIssues(into: &self, at: Validator.path(path, index: index))
        }
    }

    /// Validates every element of an optional list of contract values; `nil` is fine unless
    /// `required`.
    public mutating func nested<Value: ContractValidatable>(_ values: [Value]?, at path: String, required: Bool = false) {
        guard let values else {
            if required { report("required", at: path) }
            return
        }
        nested(values, at: path)
    }

    // MARK: - Helpers

    static func plural(_ count: Int, _ singular: String, _ plural: String) -> String {
        "\(count) \(count == 1 ? singular : plural)"
    }

    static func decimalDigitCount(_ magnitude: UInt64) -> Int {
        var count = 1
        var rest = magnitude / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        return count
    }

    /// Digits before the point (without leading zeros) and after it (without trailing zeros) of
    /// the exact value, or `nil` for NaN.
    static func decimalDigits(_ value: Decimal) -> (whole: Int, fraction: Int)? {
        if value.isNaN { return nil }
        if value.isZero { return (0, 0) }
        // `Decimal.description` is locale-independent and never uses exponent notation.
        var text = Substring(value.description)
        if text.first == "-" || text.first == "+" { text = text.dropFirst() }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let wholeText = parts.first ?? ""
        let fractionText = parts.count > 1 ? parts[1] : ""
        guard wholeText.allSatisfy({ $0.isASCII && $0.isNumber }),
              fractionText.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        let whole = wholeText.drop(while: { $0 == "0" }).count
        var fraction = fractionText.count
        for character in fractionText.reversed() {
            guard character == "0" else { break }
            fraction -= 1
        }
        return (whole, fraction)
    }
}
