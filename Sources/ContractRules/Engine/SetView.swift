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
public struct SetView: Sendable, Hashable {
    /// The file, as given to the compiler.
    public var path: String
    /// Rules silenced by comments, by line.
    public var suppressions: [Int: [String]]
    /// The contract's top of file, when the file could be read as a contract.
    public var header: Header?

    /// The top-level part of a contract that set rules read. Sets are kept as sorted lists so
    /// that the same view always encodes to the same bytes.
    public struct Header: Sendable, Hashable {
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

// MARK: - A compact binary form, for caches

extension SetView {
    /// The view as bytes: a small, fast format for caches (Foundation's JSON decoding of 2,000
    /// views took longer than reading the contracts again). ``init(bytes:at:)`` reads it back.
    public func encode(into out: inout [UInt8]) {
        var w = ByteWriter(out: out)
        w.string(path)
        w.int(suppressions.count)
        for (line, rules) in suppressions.sorted(by: { $0.key < $1.key }) {
            w.int(line)
            w.strings(rules)
        }
        if let h = header {
            w.bool(true)
            w.place(h.place)
            w.int(h.keyPlaces.count)
            for (key, place) in h.keyPlaces.sorted(by: { $0.key < $1.key }) {
                w.string(key)
                w.place(place)
            }
            w.strings(h.writtenKeys)
            w.strings(h.misspeltKeys)
            w.bool(h.isDocument)
            w.located(h.interface)
            w.located(h.code)
            if let c = h.classification {
                w.bool(true)
                w.place(c.place)
                w.located(c.resource)
                w.located(c.service)
                w.located(c.content)
                w.bool(c.other != nil)
                if let other = c.other {
                    w.bool(other.value)
                    w.place(other.place)
                }
            } else {
                w.bool(false)
            }
            w.strings(h.classificationKeys)
            w.int(h.problems.count)
            for p in h.problems {
                switch p.kind {
                case .unknownKey(let key, let suggestion):
                    w.int(0)
                    w.string(key)
                    w.bool(suggestion != nil)
                    if let suggestion { w.string(suggestion) }
                case .wrongKind:
                    w.int(1)
                case .missingKey(let key):
                    w.int(2)
                    w.string(key)
                }
                w.place(p.place)
                w.string(p.message)
            }
        } else {
            w.bool(false)
        }
        out = w.out
    }

    /// Reads a view written by ``encode(into:)`` at `offset`, moving it past the view; nil when
    /// the bytes are not a view (a damaged cache is only a slower run).
    public init?(bytes: [UInt8], at offset: inout Int) {
        var r = ByteReader(bytes: bytes, offset: offset)
        guard let path = r.string(), let count = r.count() else { return nil }
        var suppressions: [Int: [String]] = [:]
        for _ in 0..<count {
            guard let line = r.int(), let rules = r.strings() else { return nil }
            suppressions[line] = rules
        }
        guard let hasHeader = r.bool() else { return nil }
        var header: Header?
        if hasHeader {
            guard let place = r.place(), let keyCount = r.count() else { return nil }
            var keyPlaces: [String: SourcePlace] = [:]
            for _ in 0..<keyCount {
                guard let key = r.string(), let at = r.place() else { return nil }
                keyPlaces[key] = at
            }
            guard let written = r.strings(), let misspelt = r.strings(), let isDocument = r.bool(),
                let interface = r.located(), let code = r.located(), let hasClassification = r.bool()
            else { return nil }
            var classification: Classification?
            if hasClassification {
                guard let at = r.place(), let resource = r.located(), let service = r.located(), let content = r.located(),
                    let hasOther = r.bool()
                else { return nil }
                var c = Classification(place: at)
                c.resource = resource
                c.service = service
                c.content = content
                if hasOther {
                    guard let value = r.bool(), let otherPlace = r.place() else { return nil }
                    c.other = Located(value, at: otherPlace)
                }
                classification = c
            }
            guard let classificationKeys = r.strings(), let problemCount = r.count() else { return nil }
            var problems: [ShapeProblem] = []
            for _ in 0..<problemCount {
                guard let tag = r.int() else { return nil }
                let kind: ShapeProblem.Kind
                switch tag {
                case 0:
                    guard let key = r.string(), let hasSuggestion = r.bool() else { return nil }
                    var suggestion: String?
                    if hasSuggestion {
                        guard let s = r.string() else { return nil }
                        suggestion = s
                    }
                    kind = .unknownKey(key: key, suggestion: suggestion)
                case 1:
                    kind = .wrongKind
                case 2:
                    guard let key = r.string() else { return nil }
                    kind = .missingKey(key: key)
                default:
                    return nil
                }
                guard let at = r.place(), let message = r.string() else { return nil }
                problems.append(ShapeProblem(kind, at: at, message))
            }
            header = Header(place: place, keyPlaces: keyPlaces, writtenKeys: written, misspeltKeys: misspelt,
                isDocument: isDocument, interface: interface, code: code, classification: classification,
                classificationKeys: classificationKeys, problems: problems)
        }
        self.path = path
        self.suppressions = suppressions
        self.header = header
        offset = r.offset
    }
}

extension SetView {
    /// One entry of a cache of views: a key (the file's absolute path), the hash of the bytes
    /// the view was read from, and the view.
    public struct CacheEntry: Sendable, Equatable {
        /// The file's absolute path.
        public var key: String
        /// The hash of the file's bytes when the view was made.
        public var hash: String
        /// The view.
        public var view: SetView

        /// Creates an entry.
        public init(key: String, hash: String, view: SetView) {
            self.key = key
            self.hash = hash
            self.view = view
        }
    }

    /// A cache file: `stamp` (format and tool version, compared on reading), then the entries.
    public static func encodeCache(_ entries: [CacheEntry], stamp: String) -> [UInt8] {
        var w = ByteWriter(out: Array("contractc-set-views\n".utf8))
        w.string(stamp)
        w.int(entries.count)
        for entry in entries.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            w.string(entry.key)
            w.string(entry.hash)
            entry.view.encode(into: &w.out)
        }
        return w.out
    }

    /// The entries of a cache file written with the same `stamp`; nil when the bytes are not
    /// such a file.
    public static func decodeCache(_ bytes: [UInt8], stamp: String) -> [CacheEntry]? {
        let magic = Array("contractc-set-views\n".utf8)
        guard bytes.starts(with: magic) else { return nil }
        var r = ByteReader(bytes: bytes, offset: magic.count)
        guard r.string() == stamp, let count = r.count() else { return nil }
        var entries: [CacheEntry] = []
        entries.reserveCapacity(count)
        for _ in 0..<count {
            guard let key = r.string(), let hash = r.string() else { return nil }
            var offset = r.offset
            guard let view = SetView(bytes: bytes, at: &offset) else { return nil }
            r.offset = offset
            entries.append(CacheEntry(key: key, hash: hash, view: view))
        }
        return r.offset == bytes.count ? entries : nil
    }
}

/// Writes the binary form: integers as LEB128, strings as length and UTF-8 bytes.
struct ByteWriter {
    var out: [UInt8]

    mutating func int(_ value: Int) {
        var v = UInt64(bitPattern: Int64(value))
        repeat {
            let byte = UInt8(v & 0x7F)
            v >>= 7
            out.append(v == 0 ? byte : byte | 0x80)
        } while v != 0
    }

    mutating func bool(_ value: Bool) { out.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        int(value.utf8.count)
        out.append(contentsOf: value.utf8)
    }

    mutating func strings(_ values: [String]) {
        int(values.count)
        for v in values { string(v) }
    }

    mutating func place(_ p: SourcePlace) {
        int(p.line)
        int(p.column)
    }

    mutating func located(_ value: Located<String>?) {
        bool(value != nil)
        if let value {
            string(value.value)
            place(value.place)
        }
    }
}

/// Reads what ``ByteWriter`` wrote; every read is checked against the end.
struct ByteReader {
    let bytes: [UInt8]
    var offset: Int

    mutating func int() -> Int? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return Int(Int64(bitPattern: value)) }
            shift += 7
        }
        return nil
    }

    /// A count of things that follow: never negative, never more than the bytes left.
    mutating func count() -> Int? {
        guard let n = int(), n >= 0, n <= bytes.count - offset else { return nil }
        return n
    }

    mutating func bool() -> Bool? {
        guard offset < bytes.count, bytes[offset] <= 1 else { return nil }
        offset += 1
        return bytes[offset - 1] == 1
    }

    mutating func string() -> String? {
        guard let count = count() else { return nil }
        let s = String(decoding: bytes[offset..<(offset + count)], as: UTF8.self)
        offset += count
        return s
    }

    mutating func strings() -> [String]? {
        guard let count = count() else { return nil }
        var out: [String] = []
        out.reserveCapacity(count)
        for _ in 0..<count {
            guard let s = string() else { return nil }
            out.append(s)
        }
        return out
    }

    mutating func place() -> SourcePlace? {
        guard let line = int(), let column = int() else { return nil }
        return SourcePlace(line: line, column: column)
    }

    /// nil: unreadable; .some(nil): absent.
    mutating func located() -> Located<String>?? {
        guard let present = bool() else { return nil }
        guard present else { return .some(nil) }
        guard let value = string(), let at = place() else { return nil }
        return .some(Located(value, at: at))
    }
}
