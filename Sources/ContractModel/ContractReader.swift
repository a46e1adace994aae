import ContractSyntax

/// The keys the language knows, by place. `unknown-key` and the documentation use them.
public enum ContractKeys {
    /// Keys of the document.
    public static let top = ["contract", "interface", "code", "title", "summary", "version", "owner",
        "classification", "protocol", "endpoint", "sharing", "exchange", "files", "methods", "types"]
    /// Keys of `classification:`.
    public static let classification = ["resource", "service", "content", "other"]
    /// Keys of `endpoint:`.
    public static let endpoint = ["address", "hosting", "origin", "inspection"]
    /// Keys of `sharing:`.
    public static let sharing = ["level", "conditions"]
    /// Keys of `files:`.
    public static let files = ["classification", "region", "extensions"]
    /// Keys of a method.
    public static let method = ["name", "summary", "http", "parameters", "returns"]
    /// Keys of `http:`.
    public static let http = ["method", "path"]
    /// Keys of a parameter or field.
    public static let field = ["name", "type", "length", "description", "required", "masking", "maxItems"]
    /// Keys of `returns:`.
    public static let returns = ["type", "description", "codes", "maxItems"]
    /// Keys of a return code.
    public static let returnCode = ["code", "name", "meaning"]
    /// Keys of a named type.
    public static let namedType = ["description", "fields"]
}

/// Reads a located YAML tree into a ``Contract``.
///
/// The reader records the shape problems it meets (unknown keys, wrong kinds of value)
/// and keeps going, so one run reports everything. It judges nothing else.
public struct ContractReader {
    /// The most shape problems recorded for one file; the rest are only counted
    /// (``Contract/omittedProblems``). Reports show fewer still (the linter's own limit).
    public static let problemLimit = 10_000

    private var problems: [ShapeProblem] = []
    private var omitted = 0

    private init() {}

    /// Reads a contract from its tree.
    public static func read(_ root: YAMLNode, file: String) -> Contract {
        var reader = ContractReader()
        var contract = Contract(file: file)
        contract.place = root.place
        guard let entries = root.entries else {
            let found = root.scalar?.kind == .null ? "an empty document" : root.kindDescription
            contract.problems.append(ShapeProblem(.wrongKind, at: root.place,
                "a contract is a mapping of keys starting 'contract: 1', not \(found)"))
            return contract
        }
        contract.isDocument = true
        let keys = reader.index(entries, known: ContractKeys.top, context: "a contract")
        for (key, entry) in keys { contract.keyPlaces[key] = entry.keyPlace }
        contract.writtenKeys = reader.written(keys, entries, known: ContractKeys.top)
        contract.misspeltKeys = contract.writtenKeys.subtracting(keys.keys)
        if let first = entries.first { contract.place = first.keyPlace }
        contract.languageVersion = reader.int(keys["contract"])
        contract.interface = reader.string(keys["interface"])
        contract.code = reader.string(keys["code"], hint: "quote it: code: \"NNNN\"")
        contract.title = reader.string(keys["title"])
        contract.summary = reader.string(keys["summary"])
        contract.version = reader.string(keys["version"], hint: "a version has three parts: write version: 1.0.0")
        contract.owner = reader.string(keys["owner"])
        contract.protocolName = reader.string(keys["protocol"])
        contract.exchange = reader.string(keys["exchange"])
        if let e = keys["classification"], let m = reader.mapping(e.value, what: "'classification'") {
            var c = Classification(place: e.keyPlace)
            let k = reader.index(m, known: ContractKeys.classification, context: "'classification'")
            c.writtenKeys = reader.written(k, m, known: ContractKeys.classification)
            c.resource = reader.string(k["resource"])
            c.service = reader.string(k["service"])
            c.content = reader.string(k["content"])
            c.other = reader.bool(k["other"])
            contract.classification = c
        }
        if let e = keys["endpoint"], let m = reader.mapping(e.value, what: "'endpoint'") {
            var x = Endpoint(place: e.keyPlace)
            let k = reader.index(m, known: ContractKeys.endpoint, context: "'endpoint'")
            x.writtenKeys = reader.written(k, m, known: ContractKeys.endpoint)
            x.address = reader.string(k["address"])
            x.hosting = reader.string(k["hosting"])
            x.origin = reader.string(k["origin"])
            x.inspection = reader.string(k["inspection"])
            contract.endpoint = x
        }
        if let e = keys["sharing"], let m = reader.mapping(e.value, what: "'sharing'") {
            var s = Sharing(place: e.keyPlace)
            let k = reader.index(m, known: ContractKeys.sharing, context: "'sharing'")
            s.writtenKeys = reader.written(k, m, known: ContractKeys.sharing)
            s.level = reader.string(k["level"])
            s.conditions = reader.string(k["conditions"])
            contract.sharing = s
        }
        if let e = keys["files"], let m = reader.mapping(e.value, what: "'files'") {
            var f = ExchangeFiles(place: e.keyPlace)
            let k = reader.index(m, known: ContractKeys.files, context: "'files'")
            f.writtenKeys = reader.written(k, m, known: ContractKeys.files)
            f.classification = reader.string(k["classification"])
            f.region = reader.string(k["region"], hint: "quote it: region: \"510100\"")
            if let ext = k["extensions"] {
                if let items = ext.value.items {
                    f.extensions = items.compactMap { reader.string($0) }
                } else if let one = reader.string(ext) {
                    f.extensions = [one]
                }
            }
            contract.files = f
        }
        // Types first: fields and parameters resolve against the file's own type names.
        if let e = keys["types"], let m = reader.mapping(e.value, what: "'types'") {
            contract.types = m.map { reader.namedType($0) }
        }
        let resolver = TypeResolver(localTypes: Set(contract.types.compactMap { $0.name?.value }))
        for i in contract.types.indices {
            let typeName = contract.types[i].name?.value ?? "type"
            for j in contract.types[i].fields.indices {
                reader.resolve(&contract.types[i].fields[j], resolver, what: "field '\(contract.types[i].fields[j].name?.value ?? "?")' of \(typeName)")
            }
        }
        if let e = keys["methods"], let items = reader.sequence(e.value, what: "'methods'") {
            contract.methods = items.compactMap { reader.method($0, resolver) }
        }
        contract.problems = reader.problems
        contract.omittedProblems = reader.omitted
        return contract
    }

    // MARK: Pieces

    private mutating func method(_ node: YAMLNode, _ resolver: TypeResolver) -> Method? {
        guard let m = mapping(node, what: "a method") else { return nil }
        var method = Method(place: node.place)
        let k = index(m, known: ContractKeys.method, context: "a method")
        method.writtenKeys = written(k, m, known: ContractKeys.method)
        method.name = string(k["name"])
        method.summary = string(k["summary"])
        let methodName = method.name?.value ?? "?"
        if let e = k["http"], let hm = mapping(e.value, what: "'http'") {
            var h = HTTPBinding(place: e.keyPlace)
            let hk = index(hm, known: ContractKeys.http, context: "'http'")
            h.writtenKeys = written(hk, hm, known: ContractKeys.http)
            h.method = string(hk["method"])
            h.path = string(hk["path"])
            method.http = h
        }
        if let e = k["parameters"], !isNull(e.value), let items = sequence(e.value, what: "'parameters'") {
            method.parameters = items.compactMap { field($0, what: "a parameter") }
            for i in method.parameters.indices {
                resolve(&method.parameters[i], resolver, what: "parameter '\(method.parameters[i].name?.value ?? "?")' of \(methodName)")
            }
        }
        if let e = k["returns"], let rm = mapping(e.value, what: "'returns'") {
            var r = Returns(place: e.keyPlace)
            let rk = index(rm, known: ContractKeys.returns, context: "'returns'")
            r.writtenKeys = written(rk, rm, known: ContractKeys.returns)
            r.type = typeText(rk["type"])
            r.description = string(rk["description"])
            r.maxItems = int(rk["maxItems"])
            if let ce = rk["codes"] {
                r.codesPlace = ce.keyPlace
                if isNull(ce.value) {
                    r.codes = []
                } else if let items = sequence(ce.value, what: "'codes'") {
                    r.codes = items.compactMap { returnCode($0) }
                }
            }
            if r.type == nil && !r.writtenKeys.contains("type") {
                r.resolution = TypeResolution(findings: [TypeFinding(.missing, at: r.place,
                    "the return value of \(methodName) has no type; add 'type:' — a type under 'types:', a list [T], a shorthand like C..50, or none")])
            } else if let t = r.type, t.value.trimmingSpaces != "none" {
                r.resolution = resolver.resolve(type: t, length: nil, maxItems: r.maxItems, anchor: r.place,
                    what: "the return value of \(methodName)", isReturn: true)
            } else if let maxItems = r.maxItems, r.type != nil {
                r.resolution.findings.append(TypeFinding(.lengthIgnored, at: maxItems.place, "'maxItems' applies to lists only; a method returning none has no items"))
            }
            method.returns = r
        }
        return method
    }

    private mutating func resolve(_ field: inout Field, _ resolver: TypeResolver, what: String) {
        field.resolution = resolver.resolve(type: field.type, length: field.length, maxItems: field.maxItems,
            anchor: field.anchor, what: what)
    }

    private mutating func field(_ node: YAMLNode, what: String) -> Field? {
        guard let m = mapping(node, what: what) else { return nil }
        var f = Field(place: node.place)
        let k = index(m, known: ContractKeys.field, context: what)
        f.writtenKeys = written(k, m, known: ContractKeys.field)
        f.name = string(k["name"])
        f.type = typeText(k["type"])
        if let e = k["length"] {
            if let s = e.value.scalar {
                switch s.kind {
                case .integer:
                    if let n = Int(s.text.filter { $0 != "_" }) {
                        f.length = Located(.number(n), at: e.value.place)
                    } else {
                        f.length = Located(.text(s.text), at: e.value.place)
                    }
                case .null:
                    wrongKind(e.value, expected: "a length such as 50, 18..18 or \"12,2\"")
                default:
                    f.length = Located(.text(s.text), at: e.value.place)
                }
            } else {
                wrongKind(e.value, expected: "a length such as 50, 18..18 or \"12,2\"")
            }
        }
        f.description = string(k["description"])
        f.required = bool(k["required"])
        f.masking = string(k["masking"])
        f.maxItems = int(k["maxItems"])
        return f
    }

    private mutating func returnCode(_ node: YAMLNode) -> ReturnCode? {
        guard let m = mapping(node, what: "a return code") else { return nil }
        var c = ReturnCode(place: node.place)
        let k = index(m, known: ContractKeys.returnCode, context: "a return code")
        c.writtenKeys = written(k, m, known: ContractKeys.returnCode)
        c.code = int(k["code"])
        c.name = string(k["name"])
        c.meaning = string(k["meaning"])
        return c
    }

    private mutating func namedType(_ entry: MappingEntry) -> NamedType {
        var t = NamedType(place: entry.keyPlace)
        t.name = Located(entry.key, at: entry.keyPlace)
        guard let m = mapping(entry.value, what: "type '\(entry.key)'") else { return t }
        let k = index(m, known: ContractKeys.namedType, context: "type '\(entry.key)'")
        t.writtenKeys = written(k, m, known: ContractKeys.namedType)
        t.description = string(k["description"])
        if let e = k["fields"] {
            t.hasFields = true
            if let items = sequence(e.value, what: "'fields'") {
                t.fields = items.compactMap { field($0, what: "a field") }
            }
        }
        return t
    }

    // MARK: Values

    /// The keys written with a value (an empty value reads as absent), plus the known key a
    /// misspelt one most likely means, so that a typo is reported once, by `unknown-key`.
    private func written(_ keys: KeyIndex, _ entries: [MappingEntry], known: [String]) -> Set<String> {
        var result = Set<String>(minimumCapacity: keys.count)
        for (key, entry) in keys where !isNull(entry.value) || Self.reportedWhenEmpty(key, known: known) {
            result.insert(key)
        }
        // A misspelt key counts as its guess written (one finding, not also "missing"). Guesses
        // cost an edit distance each: as many as problems are recorded, no more.
        var guessed = 0
        for entry in entries where keys[entry.key] == nil && !known.contains(entry.key) {
            guessed += 1
            if guessed > Self.problemLimit { break }
            if let guess = Suggestion.closest(to: entry.key, in: known), keys[guess] == nil { result.insert(guess) }
        }
        return result
    }

    /// Keys whose empty value the reader reports itself (`value-type`: a mapping, a list or a
    /// length was expected) stay written; an empty text value reads as absent.
    private static func reportedWhenEmpty(_ key: String, known: [String]) -> Bool {
        switch key {
        case "endpoint", "sharing", "files", "methods", "types", "http", "returns", "fields", "length":
            return true  // each of these is a key of one place only
        case "classification":
            return known.first == ContractKeys.top.first  // top level; that of `files:` is a text value
        default:
            return false
        }
    }

    private mutating func index(_ entries: [MappingEntry], known: [String], context: String) -> KeyIndex {
        var result = KeyIndex()
        for entry in entries {
            if known.contains(entry.key) {
                result.entries.append(entry)
            } else if problems.count >= Self.problemLimit {
                omitted += 1
            } else {
                let suggestion = Suggestion.closest(to: entry.key, in: known)
                var message = "unknown key '\(entry.key)' in \(context)"
                if let suggestion {
                    message += "; did you mean '\(suggestion)'?"
                } else {
                    message += "; known keys are \(known.joined(separator: ", "))"
                }
                problems.append(ShapeProblem(.unknownKey(key: entry.key, suggestion: suggestion), at: entry.keyPlace, message))
            }
        }
        return result
    }

    private func isNull(_ node: YAMLNode) -> Bool {
        if let s = node.scalar, s.kind == .null { return true }
        return false
    }

    private mutating func wrongKind(_ node: YAMLNode, expected: String, hint: String? = nil) {
        guard problems.count < Self.problemLimit else {
            omitted += 1
            return
        }
        var message = "expected \(expected), found \(node.kindDescription)"
        if let hint { message += "; \(hint)" }
        problems.append(ShapeProblem(.wrongKind, at: node.place, message))
    }

    private mutating func mapping(_ node: YAMLNode, what: String) -> [MappingEntry]? {
        if let entries = node.placedAtAlias.entries { return entries }
        wrongKind(node, expected: "\(what) as a mapping of 'key: value' lines")
        return nil
    }

    private mutating func sequence(_ node: YAMLNode, what: String) -> [YAMLNode]? {
        if let items = node.placedAtAlias.items { return items }
        wrongKind(node, expected: "\(what) as a list of '- ' items")
        return nil
    }

    /// A string value. An empty value reads as absent, so `key-missing` and friends report it.
    private mutating func string(_ entry: MappingEntry?, hint: String? = nil) -> Located<String>? {
        guard let entry else { return nil }
        return string(entry.value, hint: hint)
    }

    private mutating func string(_ node: YAMLNode, hint: String? = nil) -> Located<String>? {
        guard let s = node.scalar else {
            wrongKind(node, expected: "a string")
            return nil
        }
        switch s.kind {
        case .string: return Located(s.text, at: node.place)
        case .null: return nil
        case .integer, .float, .boolean:
            let defaultHint = "quote it if it is meant as text: \"\(s.text)\""
            wrongKind(node, expected: "a string", hint: hint ?? defaultHint)
            return nil
        }
    }

    /// A `type:`: a string, or a one-item YAML list `[T]` meaning the list type.
    private mutating func typeText(_ entry: MappingEntry?) -> Located<String>? {
        guard let entry else { return nil }
        if let items = entry.value.items {
            guard items.count == 1, let inner = items.first?.scalar, inner.kind == .string else {
                wrongKind(entry.value, expected: "a type, or a list type written [T] with one element type")
                return nil
            }
            return Located("[\(inner.text)]", at: entry.value.place)
        }
        return string(entry.value)
    }

    private mutating func int(_ entry: MappingEntry?) -> Located<Int>? {
        guard let entry else { return nil }
        guard let s = entry.value.scalar, s.kind == .integer else {
            if let s = entry.value.scalar, s.kind == .null { return nil }
            wrongKind(entry.value, expected: "a whole number")
            return nil
        }
        let digits = s.text.filter { $0 != "_" }
        guard let n = Int(digits.hasPrefix("+") ? String(digits.dropFirst()) : digits) else {
            wrongKind(entry.value, expected: "a whole number that fits in 64 bits")
            return nil
        }
        return Located(n, at: entry.value.place)
    }

    private mutating func bool(_ entry: MappingEntry?) -> Located<Bool>? {
        guard let entry else { return nil }
        guard let s = entry.value.scalar, case .boolean(let b) = s.kind else {
            if let s = entry.value.scalar, s.kind == .null { return nil }
            wrongKind(entry.value, expected: "true or false")
            return nil
        }
        return Located(b, at: entry.value.place)
    }
}

/// The known keys of one mapping. A mapping of a contract has a handful of keys, each once
/// (the parser drops a repeated key), so a linear search beats hashing every key.
struct KeyIndex: Sequence {
    var entries: [MappingEntry] = []

    subscript(key: String) -> MappingEntry? {
        entries.first { $0.key == key }
    }

    /// The keys, in file order.
    var keys: [String] { entries.map(\.key) }

    /// The number of keys.
    var count: Int { entries.count }

    func makeIterator() -> some IteratorProtocol<(key: String, value: MappingEntry)> {
        entries.lazy.map { (key: $0.key, value: $0) }.makeIterator()
    }
}

extension YAMLNode {
    /// The node, or, when it was reached through a YAML alias (`- *method`), a copy whose every
    /// place is the alias's. The parser gives an aliased node the place it is used but leaves its
    /// content where the anchor wrote it, so every finding inside a repeated method would be
    /// reported twice at the anchor; placed at the alias, the repetition is reported once, where
    /// it is written.
    var placedAtAlias: YAMLNode {
        isAliasCopy ? relocated(to: place) : self
    }

    /// Whether the node was reached through an alias: its content is written before the node
    /// itself (an anchor always comes before its aliases), which no written node can be.
    var isAliasCopy: Bool {
        switch content {
        case .mapping(let entries): entries.first.map { $0.keyPlace < place } ?? false
        case .sequence(let items): items.first.map { $0.place < place } ?? false
        case .scalar: false
        }
    }

    /// The node with every place in it set to one place.
    func relocated(to target: SourcePlace) -> YAMLNode {
        var copy = self
        copy.place = target
        switch content {
        case .scalar:
            break
        case .mapping(let entries):
            copy.content = .mapping(entries.map { entry in
                var moved = entry
                moved.keyPlace = target
                moved.value = entry.value.relocated(to: target)
                return moved
            })
        case .sequence(let items):
            copy.content = .sequence(items.map { $0.relocated(to: target) })
        }
        return copy
    }
}
