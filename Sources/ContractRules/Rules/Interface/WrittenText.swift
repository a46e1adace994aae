import ContractModel
import ContractSyntax

/// What was written for a text key the interface and returns rules require.
///
/// The reader gives `nil` both for a key that is absent and for one written with nothing
/// after it (`summary:`), and records a `value-type` problem only for a value of the wrong
/// kind. These cases decide who reports what: an absent or empty key is the requiring rule's
/// to report, a wrong kind of value is `value-type`'s.
enum WrittenText {
    /// Written with real text.
    case text(Located<String>)
    /// Not written at all.
    case absent
    /// Written with no value (`summary:`, `summary: ~`).
    case empty
    /// Written with only white space (`summary: " "`), at the value.
    case blank(SourcePlace)
    /// Written with a value of the wrong kind, which `value-type` reports, or under a misspelt
    /// key (`adress:`), which `unknown-key` reports.
    case unreadable

    /// Classifies a text key of a mapping.
    ///
    /// - Parameters:
    ///   - value: what the reader read.
    ///   - key: the key's name.
    ///   - writtenKeys: the keys written in the mapping.
    ///   - contract: the contract, whose shape problems tell a wrong kind from an empty value.
    ///   - start: where the mapping (or the smallest enclosing part known) starts.
    ///   - end: where the next sibling starts; nil for the end of the file.
    init(
        _ value: Located<String>?, key: String, writtenKeys: Set<String>, in contract: Contract,
        from start: SourcePlace, before end: SourcePlace?
    ) {
        if let value {
            self = value.value.unicodeScalars.allSatisfy(\.properties.isWhitespace) ? .blank(value.place) : .text(value)
        } else if !writtenKeys.contains(key) {
            self = .absent
        } else if contract.hasMisspelling(of: key, from: start, before: end) {
            // A misspelt key (`adress:`) stands for the key: `unknown-key` reports it, once.
            self = .unreadable
        } else if contract.hasWrongKindValue(from: start, before: end) {
            self = .unreadable
        } else {
            self = .empty
        }
    }
}

extension Contract {
    /// Whether the reader found a value of the wrong kind in `[start, end)`.
    func hasWrongKindValue(from start: SourcePlace, before end: SourcePlace?) -> Bool {
        problems.contains { problem in
            guard problem.kind == .wrongKind, problem.place >= start else { return false }
            guard let end else { return true }
            return problem.place < end
        }
    }

    /// Whether `unknown-key` reports, in `[start, end)`, a misspelt key that most likely means `key`.
    func hasMisspelling(of key: String, from start: SourcePlace, before end: SourcePlace?) -> Bool {
        problems.contains { problem in
            guard case .unknownKey(_, let suggestion) = problem.kind, suggestion == key, problem.place >= start else { return false }
            guard let end else { return true }
            return problem.place < end
        }
    }

    /// Where the top-level key written after `place` starts: the end of the section at `place`.
    func topLevelEnd(after place: SourcePlace) -> SourcePlace? {
        keyPlaces.values.filter { $0 > place }.min()
    }

    /// Where the text of the method at `index` ends: the next method, or the next top-level key.
    func methodTextEnd(_ index: Int) -> SourcePlace? {
        if index + 1 < methods.count { return methods[index + 1].place }
        return keyPlaces["methods"].flatMap { topLevelEnd(after: $0) }
    }
}

extension Method {
    /// "method 'name'", or "a method" when it has no name.
    var findingLabel: String { name.map { "method '\($0.value)'" } ?? "a method" }
}
