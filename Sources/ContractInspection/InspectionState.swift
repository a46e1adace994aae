import ContractSyntax
import ContractGenerators
import Foundation

/// The `--due` state file: when each service code was last inspected,
/// `{ "<code>": "<ISO 8601 UTC time>" }`, keys sorted so the file is byte-identical for the same
/// content.
public struct InspectionState: Sendable, Hashable {
    /// The rule id of problems with the state file.
    public static let ruleID = "state-invalid"

    /// The last inspection time of each code.
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
        for member in members {
            guard let text = member.node.string, let date = parseTime(text) else {
                return .failure(problem(member.node.offset,
                    "the last inspection of \(member.key) must be an ISO 8601 UTC time such as \"2026-03-01T08:00:00Z\""))
            }
            state.lastInspected[member.key] = date
        }
        return .success(state)
    }

    /// The file's bytes: keys sorted, times in whole seconds, UTC.
    public func rendered() -> [UInt8] {
        let keys = lastInspected.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let pairs: [(String, JSONWriter.Value)] = keys.compactMap { key in
            lastInspected[key].map { (key, .string(Self.formatTime($0))) }
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

    /// Records an inspection at `now` (whole seconds).
    public mutating func record(_ code: String, at now: Date) {
        lastInspected[code] = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
    }

    /// `2026-03-01T08:00:00Z`.
    public static func formatTime(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// Reads `2026-03-01T08:00:00Z`, with fractional seconds or a numeric offset too.
    public static func parseTime(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}

/// Why a state file cannot be used: a diagnostic at its place.
public struct InspectionStateError: Error, Sendable, Hashable {
    /// The problem, at its place in the state file.
    public var diagnostic: Diagnostic

    /// Creates an error.
    public init(diagnostic: Diagnostic) { self.diagnostic = diagnostic }
}
