import ContractModel
import Foundation
import ContractRules
import ContractSyntax

/// One entry of a published `catalogue.json` (服务发布与巡检), reduced to what inspection needs.
///
/// The catalogue holds more (title, methods, sharing, …); keys other than those below are
/// ignored, so the catalogue may grow without breaking inspection.
public struct CatalogueEntry: Sendable, Hashable {
    /// The 4-digit service code, the key of the inspection state.
    public var code: String
    /// The interface name.
    public var interface: String
    /// The protocol as written (`HTTPS`); one of the nine unless the catalogue is wrong.
    public var protocolName: String
    /// The address to inspect.
    public var address: String
    /// Local (本地数据: repaired here) or remote (异地数据: reported to its origin).
    public var hosting: Hosting
    /// Who publishes and repairs a remote service; nil when not recorded.
    public var origin: String?
    /// The inspection period as written (`P1D`); nil when the entry has none.
    public var inspection: String?
    /// Where the entry starts in the catalogue file.
    public var place: SourcePlace

    /// Creates an entry.
    public init(
        code: String, interface: String, protocolName: String, address: String,
        hosting: Hosting = .local, origin: String? = nil, inspection: String? = "P1D",
        place: SourcePlace = .start
    ) {
        self.code = code
        self.interface = interface
        self.protocolName = protocolName
        self.address = address
        self.hosting = hosting
        self.origin = origin
        self.inspection = inspection
        self.place = place
    }

    /// The protocol, when it is one of the nine.
    public var protocolKind: ProtocolKind? { ProtocolKind(rawValue: protocolName) }

    /// The inspection period, when it is a valid ISO 8601 duration.
    public var period: ISODuration? { inspection.flatMap { ISODuration($0) } }

    /// What the standard asks when the service is down: a local service is repaired here and its
    /// address updated; for a remote one its origin is notified (服务发布与巡检).
    public var actionWhenDown: String {
        switch hosting {
        case .local:
            return "repair and update address"
        case .remote:
            if let origin, !origin.trimmingCharacters(in: .whitespaces).isEmpty {
                return "notify \(origin)"
            }
            return "notify the origin (not named in the catalogue)"
        }
    }
}

/// Reads `catalogue.json`.
public enum CatalogueReader {
    /// The rule id of problems with the catalogue file.
    public static let ruleID = "catalogue-invalid"

    /// What reading gave: the entries in catalogue order, and problems. Any error-severity
    /// problem means the catalogue cannot be inspected (exit 2); warnings do not.
    public struct Result: Sendable {
        /// The entries that could be read.
        public var entries: [CatalogueEntry] = []
        /// Problems, at their places in the file.
        public var problems: [Diagnostic] = []

        /// Whether the catalogue can be inspected.
        public var isReadable: Bool { !problems.contains { $0.severity == .error } }
    }

    /// Reads a catalogue: a JSON array of objects with at least `code`, `interface`, `protocol`
    /// and `address` (strings); `hosting` (`local`, the default, or `remote`), `origin` (a string
    /// or null) and `inspection` (an ISO 8601 duration) when written.
    public static func read(_ bytes: [UInt8], file: String) -> Result {
        var result = Result()
        let document: JSONDocument
        switch JSONDocument.parse(bytes) {
        case .failure(let error):
            let (line, column) = JSONDocument.place(of: error.offset, in: bytes)
            result.problems.append(Diagnostic(file: file, place: SourcePlace(line: line, column: column), severity: .error,
                rule: ruleID, message: "the catalogue is not valid JSON: \(error.message)"))
            return result
        case .success(let parsed):
            document = parsed
        }
        func place(_ offset: Int) -> SourcePlace {
            let (line, column) = document.place(of: offset)
            return SourcePlace(line: line, column: column)
        }
        func problem(_ offset: Int, _ message: String, _ severity: Severity = .error) {
            result.problems.append(Diagnostic(file: file, place: place(offset), severity: severity, rule: ruleID, message: message))
        }
        guard let items = document.root.items else {
            problem(document.root.offset, "a catalogue is a JSON array of services, not \(document.root.value.kindDescription)")
            return result
        }
        var firstByCode: [String: SourcePlace] = [:]
        for (index, item) in items.enumerated() {
            let number = index + 1
            guard item.members != nil else {
                problem(item.offset, "entry \(number) is \(item.value.kindDescription); each entry of the catalogue is an object")
                continue
            }
            var complete = true
            func text(_ key: String) -> String? {
                guard let member = item.member(key) else {
                    problem(item.offset, "entry \(number) has no '\(key)'")
                    complete = false
                    return nil
                }
                guard let value = member.node.string else {
                    problem(member.node.offset, "'\(key)' of entry \(number) is \(member.node.value.kindDescription); it must be a string")
                    complete = false
                    return nil
                }
                return value
            }
            let code = text("code")
            let interface = text("interface")
            let protocolName = text("protocol")
            let address = text("address")
            var hosting = Hosting.local
            if let member = item.member("hosting"), !member.node.isNull {
                if let value = member.node.string, let kind = Hosting(rawValue: value) {
                    hosting = kind
                } else {
                    problem(member.node.offset, "'hosting' of entry \(number) must be \"local\" or \"remote\"")
                    complete = false
                }
            }
            var origin: String?
            if let member = item.member("origin"), !member.node.isNull {
                if let value = member.node.string {
                    origin = value
                } else {
                    problem(member.node.offset, "'origin' of entry \(number) must be a string or null")
                    complete = false
                }
            }
            var inspection: String?
            if let member = item.member("inspection"), !member.node.isNull {
                if let value = member.node.string {
                    inspection = value
                } else {
                    problem(member.node.offset, "'inspection' of entry \(number) must be an ISO 8601 duration such as \"P1D\"")
                    complete = false
                }
            }
            guard complete, let code, let interface, let protocolName, let address else { continue }
            let entryPlace = place(item.offset)
            if let first = firstByCode[code] {
                problem(item.offset, "code \(DisplayText.escaped(code)) appears twice in the catalogue (first at line \(first.line)); the inspection state is kept by code")
                continue
            }
            firstByCode[code] = entryPlace
            result.entries.append(CatalogueEntry(code: code, interface: interface, protocolName: protocolName, address: address,
                hosting: hosting, origin: origin, inspection: inspection, place: entryPlace))
        }
        return result
    }
}
