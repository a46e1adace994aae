import ContractModel
import ContractSyntax

/// One contract of one side of a diff: its model and its path inside the compared folder or revision.
public struct DiffContract: Sendable {
    /// The contract; its `file` is the path shown in reports.
    public var contract: Contract
    /// The path relative to the folder (or revision) compared, used to pair a file of OLD with an
    /// unreadable file of NEW.
    public var relativePath: String

    /// Creates a contract of a side.
    public init(contract: Contract, relativePath: String) {
        self.contract = contract
        self.relativePath = relativePath
    }
}

/// One change between OLD and NEW: a kind, its severity, a place and a message.
public struct DiffChange: Sendable, Hashable {
    /// What kind of change; its id is the rule id.
    public var kind: DiffKind
    /// Error, warning or note (see ``DiffKind``).
    public var severity: DiffSeverity
    /// The file: in NEW, or in OLD for a removal.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int
    /// What changed and what to do.
    public var message: String
    /// Other places involved (for a removal: where the container is in NEW).
    public var related: [Diagnostic.Related]

    /// Creates a change.
    public init(
        kind: DiffKind, severity: DiffSeverity, file: String, place: SourcePlace, message: String,
        related: [Diagnostic.Related] = []
    ) {
        self.kind = kind
        self.severity = severity
        self.file = file
        self.line = place.line
        self.column = place.column
        self.message = message
        self.related = related
    }

    /// The rule id, e.g. `diff-parameter-removed`.
    public var rule: String { kind.id }
    /// Whether the change can break a caller or consumer.
    public var isBreaking: Bool { kind.isBreaking }
    /// The place of the change.
    public var place: SourcePlace { SourcePlace(line: line, column: column) }

    /// The change as a lint diagnostic, for breaking changes (errors and warnings); nil for a note.
    public var diagnostic: Diagnostic? {
        let severity: Severity
        switch self.severity {
        case .error: severity = .error
        case .warning: severity = .warning
        case .note: return nil
        }
        return Diagnostic(file: file, place: place, severity: severity, rule: rule, message: message, related: related)
    }

    /// The order changes are reported in: file, line, column, rule, message.
    public static func reportOrder(_ a: DiffChange, _ b: DiffChange) -> Bool {
        if a.file != b.file { return a.file.utf8.lexicographicallyPrecedes(b.file.utf8) }
        if a.line != b.line { return a.line < b.line }
        if a.column != b.column { return a.column < b.column }
        if a.rule != b.rule { return a.rule < b.rule }
        return a.message.utf8.lexicographicallyPrecedes(b.message.utf8)
    }
}

/// Compares two sets of contracts and lists what changed between them.
///
/// Contracts are paired by interface name; those left over are paired by service code, so that an
/// interface renamed under the same code is reported as a rename (breaking) and compared in full,
/// rather than as a removal and an addition. Each pair is compared key by key: methods by name,
/// parameters and fields by name (a name that disappears while one of the same type appears at
/// its position is a rename), return codes by number, named types by name.
public enum ContractDiff {
    /// Compares OLD with NEW. `unreadableNew` holds the relative paths of NEW files that could not
    /// be read as contracts: an OLD contract at one of those paths is not reported as removed.
    /// The changes are in report order.
    /// `renamed` says whether an old and a new contract of one code are one service renamed (the
    /// new side's code register decides; without one, a shared code is a rename).
    public static func compare(
        old: [DiffContract], new: [DiffContract], unreadableNew: Set<String> = [],
        renamed: (DiffContract, DiffContract) -> Bool = { _, _ in true }
    ) -> [DiffChange] {
        let matching = match(old: old, new: new, renamed: renamed)
        var changes: [DiffChange] = []
        for (o, n) in matching.pairs {
            var comparer = PairComparer(old: o.contract, new: n.contract)
            comparer.compare()
            changes += comparer.changes
        }
        for o in matching.removed where !unreadableNew.contains(o.relativePath) {
            let c = o.contract
            let name = c.interface?.value ?? "?"
            let facts = [c.code.map { "code \($0.value)" }, c.version.map { "version \($0.value)" }].compactMap { $0 }
            let detail = facts.isEmpty ? "" : " (\(facts.joined(separator: ", ")))"
            changes.append(DiffChange(
                kind: .interfaceRemoved, severity: .error, file: c.file, place: c.interface?.place ?? c.place,
                message: "interface \(name)\(detail) was removed: no contract has its name or its code any more; "
                    + "its consumers lose the service — restore the contract, or withdraw the service deliberately: "
                    + "announce it to the consumers and republish the catalogue (`contractc catalogue`)"))
        }
        for n in matching.added {
            let c = n.contract
            let code = c.code.map { " (code \($0.value))" } ?? ""
            changes.append(DiffChange(
                kind: .interfaceAdded, severity: .note, file: c.file, place: c.interface?.place ?? c.place,
                message: "interface \(c.interface?.value ?? "?")\(code) is new; publish it: republish the catalogue (`contractc catalogue`)"))
        }
        return changes.sorted(by: DiffChange.reportOrder)
    }

    /// How OLD and NEW pair up.
    struct Matching {
        var pairs: [(DiffContract, DiffContract)] = []
        var removed: [DiffContract] = []
        var added: [DiffContract] = []
    }

    /// Pairs contracts by interface name (in the same file first), then the rest by service code.
    static func match(old: [DiffContract], new: [DiffContract], renamed: (DiffContract, DiffContract) -> Bool = { _, _ in true }) -> Matching {
        var matching = Matching()
        var newUsed = Array(repeating: false, count: new.count)
        var oldPartner: [Int?] = Array(repeating: nil, count: old.count)
        var newByName: [String: [Int]] = [:]
        for (j, n) in new.enumerated() {
            if let name = n.contract.interface?.value { newByName[name, default: []].append(j) }
        }
        // By name, the same file first (a name may be in several files: a copy, a link).
        for samePath in [true, false] {
            for (i, o) in old.enumerated() where oldPartner[i] == nil {
                guard let name = o.contract.interface?.value,
                    let j = newByName[name]?.first(where: { !newUsed[$0] && (!samePath || new[$0].relativePath == o.relativePath) })
                else { continue }
                newUsed[j] = true
                oldPartner[i] = j
            }
        }
        for (i, o) in old.enumerated() where oldPartner[i] == nil {
            guard let code = o.contract.code?.value, !code.isEmpty,
                let j = new.indices.first(where: { !newUsed[$0] && new[$0].contract.code?.value == code && renamed(o, new[$0]) })
            else { continue }
            newUsed[j] = true
            oldPartner[i] = j
        }
        for (i, o) in old.enumerated() {
            if let j = oldPartner[i] {
                matching.pairs.append((o, new[j]))
            } else {
                matching.removed.append(o)
            }
        }
        for (j, n) in new.enumerated() where !newUsed[j] { matching.added.append(n) }
        return matching
    }

    /// The major number of a semantic version (`1.2.0` → 1), or nil when it has none.
    public static func major(_ version: String?) -> Int? {
        guard var text = version?.trimming(" \t") else { return nil }
        if text.hasPrefix("v") || text.hasPrefix("V") { text.removeFirst() }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count == text.count || text.dropFirst(digits.count).first == "." else { return nil }
        return Int(digits)
    }

    /// A value type in words: `string 1..50`, `decimal 12,2`, `[PersonInfo] maxItems 100`.
    static func describe(_ type: ValueType) -> String {
        switch type {
        case .list(let element, let maxItems):
            return "[\(describe(element))]" + (maxItems.map { " maxItems \($0)" } ?? "")
        default:
            return type.typeName + (type.lengthText.map { " \($0)" } ?? "")
        }
    }

    /// How one value type differs from another.
    struct ValueDelta {
        /// The types are of different kinds (or name different records): no length comparison applies.
        var typeChanged = false
        /// What now accepts less, in words.
        var narrowed: [String] = []
        /// What now accepts more, in words.
        var widened: [String] = []
    }

    /// Compares two resolved value types.
    static func delta(_ old: ValueType, _ new: ValueType) -> ValueDelta {
        var d = ValueDelta()
        func compare(_ what: String, _ o: Int, _ n: Int, unit: String = "") {
            if n < o { d.narrowed.append("\(what) \(o) → \(n)\(unit)") }
            if n > o { d.widened.append("\(what) \(o) → \(n)\(unit)") }
        }
        switch (old, new) {
        case (.string(let omin, let omax), .string(let nmin, let nmax)):
            compare("maximum length", omax, nmax)
            // A higher minimum accepts less: reversed on purpose.
            if nmin > omin { d.narrowed.append("minimum length \(omin) → \(nmin)") }
            if nmin < omin { d.widened.append("minimum length \(omin) → \(nmin)") }
        case (.integer(let o), .integer(let n)):
            compare("digits", o, n)
        case (.decimal(let op, let os), .decimal(let np, let ns)):
            compare("digits before the point", op - os, np - ns)
            compare("decimal places", os, ns)
        case (.binary(let o), .binary(let n)):
            compare("maximum size", o, n, unit: " bytes")
        case (.list(let oe, let om), .list(let ne, let nm)):
            let inner = delta(oe, ne)
            if inner.typeChanged { return inner }
            d = inner
            switch (om, nm) {
            case (nil, let n?): d.narrowed.append("maxItems none → \(n)")
            case (let o?, nil): d.widened.append("maxItems \(o) → none")
            case (let o?, let n?): compare("maxItems", o, n)
            case (nil, nil): break
            }
        case (.named(let o), .named(let n)):
            d.typeChanged = o != n
        case (.boolean, .boolean), (.date, .date), (.datetime, .datetime):
            break
        default:
            d.typeChanged = true
        }
        return d
    }
}

/// Which way values of a type travel.
struct Direction: OptionSet, Hashable {
    let rawValue: Int
    /// Sent by callers (parameters).
    static let input = Direction(rawValue: 1)
    /// Received by consumers (return values).
    static let output = Direction(rawValue: 2)

    /// Words for a field's container type.
    var phrase: String {
        switch self {
        case .input: "a type callers send"
        case .output: "a type the service returns"
        default: "a type both sent and returned"
        }
    }

    /// The kind for a change, given the kind it is as input and as output. A type used both ways
    /// reports the breaking one (output first), else the output one.
    func pick(input: DiffKind, output: DiffKind) -> DiffKind {
        if self == .input { return input }
        if self == .output { return output }
        if output.isBreaking { return output }
        if input.isBreaking { return input }
        return output
    }
}

/// Compares one contract of OLD with its partner in NEW.
struct PairComparer {
    let old: Contract
    let new: Contract
    /// Whether NEW raises the major version of OLD: breaking changes are then warnings.
    let bumped: Bool
    var changes: [DiffChange] = []

    init(old: Contract, new: Contract) {
        self.old = old
        self.new = new
        if let o = ContractDiff.major(old.version?.value), let n = ContractDiff.major(new.version?.value) {
            bumped = n > o
        } else {
            bumped = false
        }
    }

    private var oldVersion: String { old.version?.value ?? "?" }
    private var newVersion: String { new.version?.value ?? "?" }
    private var nextMajor: String {
        ContractDiff.major(old.version?.value).map { "\($0 + 1).0.0" } ?? "a new major version"
    }

    /// Records a change. `advice` says what to do; breaking changes get the version advice after it.
    mutating func report(
        _ kind: DiffKind, inOld: Bool = false, at place: SourcePlace, _ what: String, advice: String = "",
        related: [Diagnostic.Related] = []
    ) {
        let severity: DiffSeverity
        var message = what
        if kind.isBreaking {
            if bumped {
                severity = .warning
                message += "; breaking, announced by the major version \(oldVersion) → \(newVersion): tell the consumers before publishing"
            } else {
                severity = .error
                message += "; " + (advice.isEmpty ? "undo the change" : advice)
                    + ", or, to break it on purpose, raise the major version to \(nextMajor) and tell the consumers"
            }
        } else {
            severity = .note
            if !advice.isEmpty { message += "; " + advice }
        }
        changes.append(DiffChange(kind: kind, severity: severity, file: inOld ? old.file : new.file, place: place,
            message: message, related: related))
    }

    /// Where to report about a value of NEW that may be absent.
    private func place<T>(_ value: Located<T>?, or key: String? = nil) -> SourcePlace {
        value?.place ?? keyPlace(key)
    }

    /// Where a top-level key of NEW is, else the start of NEW.
    private func keyPlace(_ key: String?) -> SourcePlace {
        key.flatMap { new.keyPlaces[$0] } ?? new.place
    }

    private static let republish = "republish the catalogue (`contractc catalogue`)"

    // MARK: Contract

    mutating func compare() {
        let name = new.interface?.value ?? "?"
        if let o = old.interface?.value, o != name {
            report(.interfaceRenamed, at: place(new.interface, or: "interface"),
                "interface \(o) was renamed to \(name) (code \(new.code?.value ?? "?") is kept)",
                advice: "callers and generated code use the old name: keep the name \(o)")
        }
        compareCode()
        compareText(old.title, new.title, what: "the title of \(name)", key: "title", catalogue: true)
        compareText(old.summary, new.summary, what: "the summary of \(name)", key: "summary", catalogue: true)
        compareFact(old.owner?.value, new.owner?.value, what: "the owner of \(name)", at: place(new.owner, or: "owner"))
        compareClassification(name)
        if let o = old.protocolName?.value, let n = new.protocolName?.value, o != n {
            report(.protocolChanged, at: place(new.protocolName, or: "protocol"),
                "the protocol of \(name) changed from \(o) to \(n)",
                advice: "callers speak \(o): keep \(o) (publish \(n) as a new interface beside it)")
        }
        compareEndpoint(name)
        compareSharing(name)
        compareExchange(name)
        compareMethods()
        compareTypes()
    }

    private mutating func compareCode() {
        let name = new.interface?.value ?? "?"
        switch (old.code?.value, new.code?.value) {
        case (let o?, let n?) where o != n:
            report(.codeChanged, at: place(new.code, or: "code"), "the service code of \(name) changed from \(o) to \(n)",
                advice: "the catalogue and callers find the service by its code, and a code once given is never changed: restore code \"\(o)\"")
        case (let o?, nil):
            report(.codeChanged, at: place(new.code, or: "code"), "the service code \(o) of \(name) was removed",
                advice: "the catalogue and callers find the service by its code: restore code \"\(o)\"")
        case (nil, let n?):
            report(.codeAdded, at: place(new.code, or: "code"), "\(name) was given the service code \(n)",
                advice: Self.republish)
        default:
            break
        }
    }

    private mutating func compareClassification(_ name: String) {
        let o = old.classification
        let n = new.classification
        let pairs: [(String, String?, String?, SourcePlace?)] = [
            ("resource", o?.resource?.value, n?.resource?.value, n?.resource?.place),
            ("service", o?.service?.value, n?.service?.value, n?.service?.place),
            ("content", o?.content?.value, n?.content?.value, n?.content?.place),
            ("other", o.map { $0.isOther ? "true" : "false" }, n.map { $0.isOther ? "true" : "false" }, n?.other?.place),
        ]
        for (key, ov, nv, p) in pairs {
            compareFact(ov, nv, what: "classification.\(key) of \(name)", at: p ?? n?.place ?? keyPlace("classification"))
        }
    }

    private mutating func compareEndpoint(_ name: String) {
        let o = old.endpoint
        let n = new.endpoint
        let fallback = n?.place ?? keyPlace("endpoint")
        if let oa = o?.address?.value, let na = n?.address?.value, oa != na {
            report(.addressChanged, at: n?.address?.place ?? fallback,
                "the address of \(name) changed from \(oa) to \(na)",
                advice: "\(Self.republish) so that consumers and `contractc inspect` use the new address")
        }
        let oh = o.map { $0.hosting?.value ?? Hosting.local.rawValue }
        let nh = n.map { $0.hosting?.value ?? Hosting.local.rawValue }
        compareFact(oh, nh, what: "the hosting of \(name)", at: n?.hosting?.place ?? fallback)
        compareFact(o?.origin?.value, n?.origin?.value, what: "the origin of \(name)", at: n?.origin?.place ?? fallback)
        compareFact(o?.inspection?.value, n?.inspection?.value, what: "the inspection period of \(name)", at: n?.inspection?.place ?? fallback)
    }

    private mutating func compareSharing(_ name: String) {
        let n = new.sharing
        if let ol = old.sharing?.sharingLevel, let nl = n?.sharingLevel, ol != nl {
            let p = n?.level?.place ?? keyPlace("sharing")
            let what = "the sharing level of \(name) changed from \(ol.rawValue) (\(ol.label)) to \(nl.rawValue) (\(nl.label))"
            if nl.strictness > ol.strictness {
                report(.sharingStricter, at: p, what,
                    advice: "consumers authorised today lose access: keep \(ol.rawValue)")
            } else {
                report(.sharingRelaxed, at: p, what, advice: Self.republish)
            }
        }
        compareFact(old.sharing?.conditions?.value, n?.conditions?.value, what: "the sharing conditions of \(name)",
            at: n?.conditions?.place ?? n?.place ?? keyPlace("sharing"),
            advice: "check that the consumers authorised today still meet them, and \(Self.republish)")
    }

    private mutating func compareExchange(_ name: String) {
        if let o = old.exchange?.value, let n = new.exchange?.value, o != n {
            report(.exchangeChanged, at: place(new.exchange, or: "exchange"),
                "the exchange mode of \(name) changed from \(o) to \(n)",
                advice: "consumers exchange data by \(o): keep it")
        }
        guard let of = old.files, let nf = new.files else { return }
        for (key, ov, nv, p) in [
            ("classification", of.classification?.value, nf.classification?.value, nf.classification?.place),
            ("region", of.region?.value, nf.region?.value, nf.region?.place),
        ] {
            if let ov, let nv, ov != nv {
                report(.exchangeChanged, at: p ?? nf.place, "the exchange file \(key) of \(name) changed from \(ov) to \(nv), so every exchange file name changes",
                    advice: "consumers look for files named with \(ov): keep it")
            }
        }
        let oe = (of.extensions ?? []).map(\.value)
        let ne = nf.extensions ?? []
        for e in oe where !ne.contains(where: { $0.value == e }) {
            report(.exchangeChanged, at: nf.place, "the exchange file extension '\(e)' of \(name) was removed",
                advice: "consumers read .\(e) files: keep it in 'extensions'")
        }
        for e in ne where !oe.contains(e.value) {
            report(.catalogueChanged, at: e.place, "the exchange file extension '\(e.value)' of \(name) is new", advice: Self.republish)
        }
    }

    /// A catalogue fact (owner, classification, hosting, …) that changed, was added or removed.
    private mutating func compareFact(_ o: String?, _ n: String?, what: String, at place: SourcePlace, advice: String? = nil) {
        guard o != n else { return }
        let text: String
        switch (o, n) {
        case (let o?, let n?): text = "\(what) changed from \(o) to \(n)"
        case (nil, let n?): text = "\(what) is now \(n)"
        case (let o?, nil): text = "\(what) (\(o)) was removed"
        default: return
        }
        report(.catalogueChanged, at: place, text, advice: advice ?? Self.republish)
    }

    /// Documentation text that changed, was added or removed.
    private mutating func compareText(_ o: Located<String>?, _ n: Located<String>?, what: String, key: String? = nil,
        fallback: SourcePlace? = nil, catalogue: Bool = false)
    {
        let ot = o?.value.trimming(" \t\n")
        let nt = n?.value.trimming(" \t\n")
        guard ot != nt else { return }
        let p = n?.place ?? fallback ?? keyPlace(key)
        let text: String
        switch (ot, nt) {
        case (_?, _?): text = "\(what) changed"
        case (nil, _?): text = "\(what) was added"
        default: text = "\(what) was removed"
        }
        report(.documentationChanged, at: p, text, advice: catalogue ? "no caller is affected; \(Self.republish)" : "no caller is affected")
    }

    // MARK: Methods

    private mutating func compareMethods() {
        let interface = new.interface?.value ?? "?"
        let methodsPlace = new.keyPlaces["methods"] ?? new.place
        var newByName: [String: Method] = [:]
        for m in new.methods { if let n = m.name?.value, newByName[n] == nil { newByName[n] = m } }
        var oldNames = Set<String>()
        for o in old.methods {
            guard let name = o.name?.value, oldNames.insert(name).inserted else { continue }
            guard let n = newByName[name] else {
                report(.methodRemoved, inOld: true, at: o.anchor, "method \(name) of \(interface) was removed",
                    advice: "callers still call it: keep it",
                    related: [Diagnostic.Related(file: new.file, place: methodsPlace, message: "the methods of \(interface) in the new version")])
                continue
            }
            compareMethod(o, n, name)
        }
        for n in new.methods {
            guard let name = n.name?.value, !oldNames.contains(name) else { continue }
            report(.methodAdded, at: n.anchor, "method \(name) of \(interface) is new", advice: Self.republish)
        }
    }

    private mutating func compareMethod(_ o: Method, _ n: Method, _ name: String) {
        compareText(o.summary, n.summary, what: "the summary of method \(name)", fallback: n.anchor, catalogue: true)
        if old.protocolKind?.isHTTP == true, new.protocolKind?.isHTTP == true {
            let ov = o.http?.method?.value ?? "POST"
            let op = o.http?.path?.value ?? "/" + name
            let nv = n.http?.method?.value ?? "POST"
            let np = n.http?.path?.value ?? "/" + name
            if ov != nv || op != np {
                report(.httpBindingChanged, at: n.http?.method?.place ?? n.http?.place ?? n.anchor,
                    "method \(name) moved from \(ov) \(op) to \(nv) \(np)",
                    advice: "callers send \(ov) \(op): keep that binding")
            }
        }
        let label: (String) -> String = { "parameter '\($0)' of \(name)" }
        compareFields(o.parameters, n.parameters, directions: .input, label: label,
            container: "the parameters of \(name)", containerPlace: n.anchor)
        compareReturns(o.returns, n.returns, method: name, anchor: n.anchor)
    }

    // MARK: Fields and parameters

    /// Compares two lists of parameters or fields.
    private mutating func compareFields(
        _ old: [Field], _ new: [Field], directions: Direction, label: (String) -> String, container: String,
        containerPlace: SourcePlace
    ) {
        func index(_ fields: [Field]) -> [String: Int] {
            var byName: [String: Int] = [:]
            for (i, f) in fields.enumerated() { if let n = f.name?.value, byName[n] == nil { byName[n] = i } }
            return byName
        }
        let oldByName = index(old)
        let newByName = index(new)
        var removed: [Int] = []
        var added = Set<Int>()
        for (name, j) in newByName where oldByName[name] == nil { added.insert(j) }
        for (i, f) in old.enumerated() {
            guard let name = f.name?.value, oldByName[name] == i else { continue }
            if let j = newByName[name] {
                compareField(f, new[j], directions: directions, label: label(name))
            } else {
                removed.append(i)
            }
        }
        let related = [Diagnostic.Related(file: self.new.file, place: containerPlace, message: "\(container) in the new version")]
        for i in removed {
            let f = old[i]
            let name = f.name?.value ?? "?"
            // A rename: a new name at the same position, with the same type.
            if added.contains(i), i < new.count, Self.sameType(f, new[i]) {
                added.remove(i)
                let n = new[i]
                let newName = n.name?.value ?? "?"
                let kind = directions.pick(input: .parameterRenamed, output: .fieldRenamed)
                report(kind, at: n.anchor, "\(label(name)) was renamed to '\(newName)'",
                    advice: kind == .parameterRenamed
                        ? "callers send '\(name)': keep the name '\(name)'"
                        : "consumers read '\(name)': keep the name '\(name)'")
                compareField(f, n, directions: directions, label: label(newName))
                continue
            }
            let kind = directions.pick(input: .parameterRemoved, output: .fieldRemoved)
            report(kind, inOld: true, at: f.anchor, "\(label(name)) was removed",
                advice: kind == .parameterRemoved
                    ? "callers still send it: keep it (say in its description that it is ignored)"
                    : "consumers still read it: keep returning it",
                related: related)
        }
        for j in added.sorted() {
            let n = new[j]
            let name = n.name?.value ?? "?"
            if n.isRequired {
                let kind = directions.pick(input: .parameterNowRequired, output: .fieldAdded)
                report(kind, at: n.anchor, "\(label(name)) is new" + (kind == .parameterNowRequired ? " and required" : ""),
                    advice: kind == .parameterNowRequired
                        ? "callers do not send it yet: make it optional ('required: false')"
                        : Self.republish)
            } else {
                let kind = directions.pick(input: .parameterAdded, output: .fieldAdded)
                report(kind, at: n.anchor, "\(label(name)) is new (optional)", advice: Self.republish)
            }
        }
    }

    /// Whether two fields have the same type: resolved types equal, or the same written type when unresolved.
    static func sameType(_ a: Field, _ b: Field) -> Bool {
        if let ta = a.resolution.type, let tb = b.resolution.type { return ta == tb }
        return writtenType(a) == writtenType(b)
    }

    static func writtenType(_ f: Field) -> String {
        var text = f.type?.value ?? "?"
        if let length = f.length?.value { text += " length \(length)" }
        if let maxItems = f.maxItems?.value { text += " maxItems \(maxItems)" }
        return text
    }

    /// Compares one parameter or field with its partner.
    private mutating func compareField(_ o: Field, _ n: Field, directions: Direction, label: String) {
        let typePlace = n.type?.place ?? n.anchor
        if let ot = o.resolution.type, let nt = n.resolution.type {
            compareValue(ot, nt, directions: directions, label: label, typePlace: typePlace,
                lengthPlace: n.length?.place ?? n.maxItems?.place ?? typePlace)
        } else if Self.writtenType(o) != Self.writtenType(n) {
            reportTypeChange(directions: directions, label: label, from: Self.writtenType(o), to: Self.writtenType(n), at: typePlace)
        }
        if o.isRequired != n.isRequired {
            let p = n.required?.place ?? n.anchor
            if n.isRequired {
                let kind = directions.pick(input: .parameterNowRequired, output: .fieldNowRequired)
                report(kind, at: p, "\(label) is now required",
                    advice: kind == .parameterNowRequired ? "callers may leave it out today: keep it optional" : Self.republish)
            } else {
                let kind = directions.pick(input: .parameterNowOptional, output: .fieldWidened)
                report(kind, at: p, "\(label) is now optional",
                    advice: kind == .fieldWidened
                        ? "consumers expect it in every answer: keep it required"
                        : Self.republish)
            }
        }
        if o.masking?.value != n.masking?.value {
            let text: String
            switch (o.masking?.value, n.masking?.value) {
            case (let a?, let b?): text = "the masking of \(label) changed from \(a) to \(b)"
            case (nil, let b?): text = "\(label) is now masked (\(b))"
            default: text = "\(label) is no longer masked"
            }
            report(.maskingChanged, at: n.masking?.place ?? n.anchor, text,
                advice: "users without clearance see the value differently; check that this is what 数据脱敏 asks")
        }
        compareText(o.description, n.description, what: "the description of \(label)", fallback: n.anchor, catalogue: true)
    }

    private mutating func reportTypeChange(directions: Direction, label: String, from: String, to: String, at place: SourcePlace) {
        let kind = directions.pick(input: .parameterTypeChanged, output: .returnTypeChanged)
        report(kind, at: place, "the type of \(label) changed from \(from) to \(to)",
            advice: kind == .parameterTypeChanged
                ? "callers send \(from): keep it (add a parameter of the new type beside it)"
                : "consumers read \(from): keep it (add a field of the new type beside it)")
    }

    /// Compares two resolved types of a value travelling in `directions`.
    private mutating func compareValue(
        _ o: ValueType, _ n: ValueType, directions: Direction, label: String, typePlace: SourcePlace, lengthPlace: SourcePlace
    ) {
        let d = ContractDiff.delta(o, n)
        let from = ContractDiff.describe(o)
        let to = ContractDiff.describe(n)
        if d.typeChanged {
            reportTypeChange(directions: directions, label: label, from: from, to: to, at: typePlace)
            return
        }
        if !d.narrowed.isEmpty {
            let kind = directions.pick(input: .lengthNarrowed, output: .fieldNarrowed)
            report(kind, at: lengthPlace, "\(label) was narrowed: \(d.narrowed.joined(separator: ", ")) (\(from) → \(to))",
                advice: kind == .lengthNarrowed
                    ? "callers may send values that no longer fit: keep \(from)"
                    : "values still fit what consumers store; \(Self.republish)")
        }
        if !d.widened.isEmpty {
            let kind = directions.pick(input: .lengthWidened, output: .fieldWidened)
            report(kind, at: lengthPlace, "\(label) was widened: \(d.widened.joined(separator: ", ")) (\(from) → \(to))",
                advice: kind == .fieldWidened
                    ? "consumers that store or check it may not accept every new value: keep \(from)"
                    : "callers' values still fit; \(Self.republish)")
        }
    }

    // MARK: Returns

    private mutating func compareReturns(_ o: Returns?, _ n: Returns?, method: String, anchor: SourcePlace) {
        guard let o, let n else { return }
        let label = "the return value of \(method)"
        let typePlace = n.type?.place ?? n.place
        if o.isNone || n.isNone {
            if o.isNone != n.isNone {
                reportTypeChange(directions: .output, label: label, from: o.type?.value ?? "?", to: n.type?.value ?? "?", at: typePlace)
            }
        } else if let ot = o.resolution.type, let nt = n.resolution.type {
            compareValue(ot, nt, directions: .output, label: label, typePlace: typePlace,
                lengthPlace: n.maxItems?.place ?? typePlace)
        } else {
            let ow = (o.type?.value ?? "?") + (o.maxItems.map { " maxItems \($0.value)" } ?? "")
            let nw = (n.type?.value ?? "?") + (n.maxItems.map { " maxItems \($0.value)" } ?? "")
            if ow != nw { reportTypeChange(directions: .output, label: label, from: ow, to: nw, at: typePlace) }
        }
        compareText(o.description, n.description, what: "the description of \(label)", fallback: n.place, catalogue: true)
        compareCodes(o, n, method: method)
    }

    private mutating func compareCodes(_ o: Returns, _ n: Returns, method: String) {
        let newCodes = n.codes ?? []
        let codesPlace = n.codesPlace ?? n.place
        var seen = Set<Int>()
        for oc in o.codes ?? [] {
            guard let code = oc.code?.value, seen.insert(code).inserted else { continue }
            guard let nc = newCodes.first(where: { $0.code?.value == code }) else {
                report(.returnCodeRemoved, inOld: true, at: oc.code?.place ?? oc.place,
                    "return code \(code) of \(method) was removed",
                    advice: "consumers handle it: keep it (its meaning may say it is no longer returned)",
                    related: [Diagnostic.Related(file: new.file, place: codesPlace, message: "the return codes of \(method) in the new version")])
                continue
            }
            let om = oc.meaning?.value.trimming(" \t\n")
            let nm = nc.meaning?.value.trimming(" \t\n")
            if let om, let nm, om != nm {
                report(.returnCodeMeaningChanged, at: nc.meaning?.place ?? nc.place,
                    "the meaning of return code \(code) of \(method) changed from '\(om)' to '\(nm)'",
                    advice: "consumers act on the old meaning: keep it, and give the new meaning a new code")
            }
            if let on = oc.name?.value, let nn = nc.name?.value, on != nn {
                report(.returnCodeRenamed, at: nc.name?.place ?? nc.place,
                    "return code \(code) of \(method) was renamed from '\(on)' to '\(nn)'",
                    advice: "generated code names it \(on): keep the name")
            }
        }
        for nc in newCodes {
            guard let code = nc.code?.value, !seen.contains(code) else { continue }
            seen.insert(code)
            report(.returnCodeAdded, at: nc.code?.place ?? nc.place, "return code \(code) of \(method) is new",
                advice: "consumers that do not know it yet should treat it as a failure; \(Self.republish)")
        }
    }

    // MARK: Named types

    /// Which way each named type travels: from parameters (input), from return values (output),
    /// through the fields of the types they name.
    static func usage(of contract: Contract) -> [String: Direction] {
        var result: [String: Direction] = [:]
        func mark(_ type: ValueType?, _ direction: Direction) {
            guard case .named(let name)? = type?.element else { return }
            if result[name]?.contains(direction) == true { return }
            result[name, default: []].insert(direction)
            for field in contract.type(named: name)?.fields ?? [] { mark(field.resolution.type, direction) }
        }
        for method in contract.methods {
            for p in method.parameters { mark(p.resolution.type, .input) }
            mark(method.returns?.resolution.type, .output)
        }
        return result
    }

    private mutating func compareTypes() {
        let oldUsage = Self.usage(of: old)
        let newUsage = Self.usage(of: new)
        var seen = Set<String>()
        for n in new.types {
            guard let name = n.name?.value, seen.insert(name).inserted, let o = old.type(named: name) else { continue }
            var directions = (oldUsage[name] ?? []).union(newUsage[name] ?? [])
            // A type no method uses is published as a record shape: judged as returned.
            if directions.isEmpty { directions = .output }
            compareText(o.description, n.description, what: "the description of type \(name)", fallback: n.place, catalogue: true)
            let phrase = directions.phrase
            compareFields(o.fields, n.fields, directions: directions, label: { "field '\($0)' of \(name) (\(phrase))" },
                container: "the fields of \(name)", containerPlace: n.place)
        }
    }
}

extension String {
    /// The string without leading and trailing Unicode scalars of a set (scalars, so that `\r\n`
    /// in the set stands for both `\r` and `\n`).
    func trimming(_ set: String) -> String {
        let scalars = Set(set.unicodeScalars)
        var s = Substring(self).unicodeScalars
        while let f = s.first, scalars.contains(f) { s = s.dropFirst() }
        while let l = s.last, scalars.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
