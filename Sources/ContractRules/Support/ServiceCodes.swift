import ContractModel
import ContractSyntax

/// A 4-digit service code of 服务分类: resource digit, service digit, 2-digit serial.
///
/// Serials 01…98 are handed out in order within a group (the first two digits); 99 is the
/// group's "other" entry (`classification.other: true`). 00 is not a serial.
public struct ServiceCode: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The two-digit group, resource digit then service digit (`"11"`).
    public var group: String
    /// The serial within the group, 1…99.
    public var serial: Int

    /// The serial of a group's "other" entry.
    public static let otherSerial = 99
    /// The numbered serials, in the order they are handed out.
    public static let numberedSerials = 1...98

    /// Creates a code from a group and a serial.
    public init(group: String, serial: Int) {
        self.group = group
        self.serial = serial
    }

    /// Reads a code written as exactly four ASCII digits; nil for anything else.
    ///
    /// The digits are not checked against the categories here (that is `code-category-mismatch`),
    /// and serial 00 is read as serial 0 so that `code-format` can name it.
    public init?(_ text: String) {
        let digits = Array(text.utf8)
        guard digits.count == 4, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        group = String(text.prefix(2))
        serial = Int(digits[2] - UInt8(ascii: "0")) * 10 + Int(digits[3] - UInt8(ascii: "0"))
    }

    /// The code as written in a contract: `1101`.
    public var description: String { group + (serial < 10 ? "0" : "") + "\(serial)" }

    /// Whether this is its group's "other" entry (serial 99).
    public var isOther: Bool { serial == Self.otherSerial }

    /// Orders codes as text.
    public static func < (lhs: ServiceCode, rhs: ServiceCode) -> Bool { lhs.description < rhs.description }

    /// The group's name in the standard's words: `11 (通用基础数据 / 基础信息查询)`.
    public static func groupLabel(_ group: String) -> String {
        let digits = group.compactMap { $0.wholeNumberValue }
        guard digits.count == 2, let r = ResourceCategory(digit: digits[0]), let s = ServiceCategory(digit: digits[1]) else {
            return group
        }
        return "\(group) (\(r.label) / \(s.label))"
    }
}

/// Assigns service codes to contracts that have none (服务分类), the way `contractc codes` does.
///
/// The rules it follows, so that every run and every machine agree:
///
/// - A code once written is never changed: every well-formed code in the set takes its serial
///   in the group its digits name, whatever the contract's classification says.
/// - Contracts without a code are taken in file-path order (byte-wise), and each gets the lowest
///   serial of its group (from `classification.resource` and `.service`) that no contract holds
///   and the catalogue's register has never held (`held`: retired codes are never reused).
/// - A contract with `classification.other: true` gets 99, whatever its service digit (3299 is
///   group 32's "other" entry); only one contract of a group can hold it.
///
/// The allocator only proposes; it writes nothing. Use ``assign(_:)`` with contracts or
/// ``assign(members:)`` with plain data.
///
/// ```swift
/// for a in ServiceCodeAllocator.assign(contracts) {
///     switch a.outcome {
///     case .assigned(let code): write(code, into: a.file)
///     default: report(a.message ?? "")
///     }
/// }
/// ```
public enum ServiceCodeAllocator {
    /// What the allocator needs to know about one contract.
    public struct Member: Sendable, Hashable {
        /// The file, as given to the compiler.
        public var file: String
        /// The code as written, when it could be read as a string.
        public var code: Located<String>?
        /// Whether a `code:` key is written at all (even with an empty or unreadable value).
        public var codeKeyWritten: Bool
        /// The group from the classification (`"11"`), nil when it is missing or invalid.
        public var group: String?
        /// `classification.other: true`.
        public var isOther: Bool
        /// Where to report about the contract as a whole (its `interface:` key, else its first key).
        public var place: SourcePlace
        /// Where `other: true` is written, if it is.
        public var otherPlace: SourcePlace?

        /// Creates a member from plain data.
        public init(
            file: String, code: Located<String>?, codeKeyWritten: Bool? = nil, group: String?, isOther: Bool = false,
            place: SourcePlace = .start, otherPlace: SourcePlace? = nil
        ) {
            self.file = file
            self.code = code
            self.codeKeyWritten = codeKeyWritten ?? (code != nil)
            self.group = group
            self.isOther = isOther
            self.place = place
            self.otherPlace = otherPlace
        }

        /// The member for a contract.
        public init(_ contract: Contract) {
            let other = contract.classification?.other
            self.init(
                file: contract.file, code: contract.code, codeKeyWritten: contract.keyPlaces["code"] != nil,
                group: contract.classification?.group, isOther: other?.value ?? false,
                place: contract.keyPlaces["interface"] ?? contract.place,
                otherPlace: other?.value == true ? other?.place : nil)
        }

        /// The code, when it is well-formed.
        public var serviceCode: ServiceCode? { code.flatMap { ServiceCode($0.value) } }
    }

    /// Who holds a code: a contract that has it written, or one the same run gives it to.
    public struct Holder: Sendable, Hashable {
        /// Creates a holder.
        public init(file: String, place: SourcePlace, code: ServiceCode, isWritten: Bool) {
            self.file = file
            self.place = place
            self.code = code
            self.isWritten = isWritten
        }

        /// The holder's file.
        public var file: String
        /// Where the holder's code is written, or the holder's ``Member/place`` when this run assigns it.
        public var place: SourcePlace
        /// The code it holds.
        public var code: ServiceCode
        /// Whether the code is written in the file (false: this run assigns it).
        public var isWritten: Bool

        /// `file:line`.
        public var location: String { "\(file):\(place.line)" }
    }

    /// What becomes of one contract without a code.
    public enum Outcome: Sendable, Hashable {
        /// The code it gets.
        case assigned(ServiceCode)
        /// Its group has no numbered serial left: 01…98 are all taken.
        case exhausted(group: String)
        /// It is `other: true`, but its group's 99 is already held.
        case otherTaken(by: Holder)
        /// Its classification has no valid resource and service, so it has no group.
        case unclassified
        /// A `code:` key is written but its value could not be read (empty, or not a string);
        /// it must be fixed by hand, and no second `code:` line may be added.
        case unreadableCode
    }

    /// One contract without a code and what becomes of it.
    public struct Assignment: Sendable, Hashable {
        /// The contract.
        public var member: Member
        /// What becomes of it.
        public var outcome: Outcome

        /// The contract's file.
        public var file: String { member.file }

        /// The assigned code, if any.
        public var code: ServiceCode? {
            if case .assigned(let code) = outcome { return code }
            return nil
        }

        /// Why no code could be given, in words to show the author; nil when one was.
        public var message: String? {
            switch outcome {
            case .assigned:
                return nil
            case .exhausted(let group):
                return "group \(ServiceCode.groupLabel(group)) has no free serial: 01..98 are all taken, so this contract cannot get a code"
            case .otherTaken(let holder):
                let how = holder.isWritten ? "has code \(holder.code)" : "is also 'other: true' and comes first, so it gets \(holder.code)"
                return "the 'other' entry (serial 99) of group \(ServiceCode.groupLabel(holder.code.group)) is taken: \(holder.location) \(how); only one contract of a group can be 'other: true'"
            case .unclassified:
                return "the contract has no group: 'classification' needs a valid resource and service before a code can be assigned"
            case .unreadableCode:
                return "'code:' is written but has no readable value; write code: \"NNNN\" or delete the line"
            }
        }
    }

    /// The codes the contracts without one would get, in file-path order.
    /// `held` are codes taken outside the contracts: the register's (retired ones included),
    /// and those written in files that cannot be read as contracts. None is given again.
    public static func assign(_ contracts: [Contract], held: [Holder] = []) -> [Assignment] {
        assign(members: contracts.map(Member.init), held: held)
    }

    /// The codes the members without one would get, in file-path order (byte-wise; members with
    /// the same path keep their given order). Members with a code get no assignment.
    public static func assign(members: [Member], held: [Holder] = []) -> [Assignment] {
        let ordered = members.enumerated().sorted { a, b in
            if a.element.file != b.element.file { return a.element.file.utf8.lexicographicallyPrecedes(b.element.file.utf8) }
            return a.offset < b.offset
        }.map(\.element)

        // Serials already written, per group; the first holder of each code in path order.
        var holders: [ServiceCode: Holder] = [:]
        for m in ordered {
            guard let code = m.serviceCode, let place = m.code?.place, holders[code] == nil else { continue }
            holders[code] = Holder(file: m.file, place: place, code: code, isWritten: true)
        }
        for holder in held where holders[holder.code] == nil { holders[holder.code] = holder }
        var assignments: [Assignment] = []
        for m in ordered where m.code == nil {
            guard !m.codeKeyWritten else {
                assignments.append(Assignment(member: m, outcome: .unreadableCode))
                continue
            }
            guard let group = m.group else {
                assignments.append(Assignment(member: m, outcome: .unclassified))
                continue
            }
            if m.isOther {
                let code = ServiceCode(group: group, serial: ServiceCode.otherSerial)
                if let holder = holders[code] {
                    assignments.append(Assignment(member: m, outcome: .otherTaken(by: holder)))
                } else {
                    holders[code] = Holder(file: m.file, place: m.place, code: code, isWritten: false)
                    assignments.append(Assignment(member: m, outcome: .assigned(code)))
                }
                continue
            }
            guard let serial = ServiceCode.numberedSerials.first(where: { holders[ServiceCode(group: group, serial: $0)] == nil }) else {
                assignments.append(Assignment(member: m, outcome: .exhausted(group: group)))
                continue
            }
            let code = ServiceCode(group: group, serial: serial)
            holders[code] = Holder(file: m.file, place: m.place, code: code, isWritten: false)
            assignments.append(Assignment(member: m, outcome: .assigned(code)))
        }
        return assignments
    }
}
