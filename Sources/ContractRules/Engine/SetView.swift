import ContractModel
import ContractSyntax

/// What the set-wide rules (`code-duplicate`, `code-serial-exhausted`, `code-missing`) need of a
/// file: its path, its `# contractc:disable-next-line` comments and the contract's top-level keys
/// and classification, without methods and types.
///
/// A lint run keeps only these once a file's own rules have run, so memory does not grow with
/// the size of the contracts; `contractc lint --changed` stores them in its cache so unchanged
/// files are not parsed again. ``checkedFile`` gives the set rules exactly what they would see
/// in the whole file.
public struct SetView: Sendable, Codable, Hashable {
    /// The file, as given to the compiler.
    public var path: String
    /// Rules silenced by comments, by line.
    public var suppressions: [Int: [String]]
    /// The contract's top of file, when the file could be read as a contract.
    public var header: Header?

    /// The top-level part of a contract that set rules read. Sets are kept as sorted lists so
    /// that the same view always encodes to the same bytes.
    public struct Header: Sendable, Codable, Hashable {
        var place: SourcePlace
        var keyPlaces: [String: SourcePlace]
        var writtenKeys: [String]
        var misspeltKeys: [String]
        var isDocument: Bool
        var interface: Located<String>?
        var code: Located<String>?
        var classification: Classification?
        var classificationKeys: [String]
        var problems: [ShapeProblem]
    }

    /// The view of a checked file.
    public init(_ file: CheckedFile) {
        path = file.path
        suppressions = file.suppressions.mapValues { $0.map(\.value) }
        header = file.contract.map { c in
            var classification = c.classification
            classification?.writtenKeys = []
            return Header(place: c.place, keyPlaces: c.keyPlaces, writtenKeys: c.writtenKeys.sorted(), misspeltKeys: c.misspeltKeys.sorted(),
                isDocument: c.isDocument, interface: c.interface, code: c.code, classification: classification,
                classificationKeys: (c.classification?.writtenKeys ?? []).sorted(),
                // Set rules look at value-kind problems of top-level keys only; the rest are the file's.
                problems: c.problems.filter { $0.kind == .wrongKind })
        }
    }

    /// A checked file holding only this view: what the set rules need, nothing more.
    public var checkedFile: CheckedFile {
        let contract = header.map { h in
            var c = Contract(file: path)
            c.place = h.place
            c.keyPlaces = h.keyPlaces
            c.writtenKeys = Set(h.writtenKeys)
            c.misspeltKeys = Set(h.misspeltKeys)
            c.isDocument = h.isDocument
            c.interface = h.interface
            c.code = h.code
            c.classification = h.classification
            c.classification?.writtenKeys = Set(h.classificationKeys)
            c.problems = h.problems
            return c
        }
        var file = CheckedFile(path: path, syntaxProblems: [], contract: contract)
        file.suppressions = suppressions.mapValues { $0.map { Located($0, at: .start) } }
        return file
    }
}
