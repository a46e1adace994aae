import ContractSyntax

/// One contract file, read into a typed model.
///
/// Every value keeps the place it was written. Values are optional: the reader never
/// judges whether something required is missing — that is the rules' job — so a
/// half-written contract still gives a model and every finding at once.
public struct Contract: Sendable {
    /// The file, as given to the compiler.
    public var file: String
    /// The place of the document's root (the first key).
    public var place: SourcePlace = .start
    /// Places of the top-level keys that were written (empty values included), by key.
    public var keyPlaces: [String: SourcePlace] = [:]
    /// Top-level keys written with a value (readable or not), plus the known keys that
    /// misspelt keys stand for; a rule about a missing key stays quiet for these.
    public var writtenKeys: Set<String> = []
    /// Known top-level keys that are absent but that a misspelt key most likely means
    /// (`protocoll:` → `protocol`); `unknown-key` reports those once.
    public var misspeltKeys: Set<String> = []
    /// `contract:` — the language version.
    public var languageVersion: Located<Int>?
    /// `interface:` — PascalCase interface name.
    public var interface: Located<String>?
    /// `code:` — the 4-digit service code, as written.
    public var code: Located<String>?
    /// `title:`
    public var title: Located<String>?
    /// `summary:`
    public var summary: Located<String>?
    /// `version:` — semantic version.
    public var version: Located<String>?
    /// `owner:` — the managing authority.
    public var owner: Located<String>?
    /// `classification:`
    public var classification: Classification?
    /// `protocol:` as written.
    public var protocolName: Located<String>?
    /// `endpoint:`
    public var endpoint: Endpoint?
    /// `sharing:`
    public var sharing: Sharing?
    /// `exchange:` as written.
    public var exchange: Located<String>?
    /// `files:`
    public var files: ExchangeFiles?
    /// `methods:`, in order. Empty when absent; see ``keyPlaces``.
    public var methods: [Method] = []
    /// `types:`, in order.
    public var types: [NamedType] = []
    /// Shape problems the reader found (unknown keys, wrong kinds of value).
    public var problems: [ShapeProblem] = []
    /// Shape problems met but not recorded: past ``ContractReader/problemLimit`` a hostile or
    /// broken file (hundreds of thousands of unknown keys) would fill memory with messages.
    public var omittedProblems = 0
    /// Whether the document is a mapping at all. When it is not (an empty file, a list, a
    /// scalar), the reader reports that once and rules about the content stay quiet.
    public var isDocument = false

    /// Creates an empty contract for a file.
    public init(file: String) { self.file = file }

    /// The protocol, if it is one of the nine.
    public var protocolKind: ProtocolKind? { protocolName.flatMap { ProtocolKind(rawValue: $0.value) } }
    /// The exchange mode, if valid.
    public var exchangeMode: ExchangeMode? { exchange.flatMap { ExchangeMode(rawValue: $0.value) } }
    /// The named type with a name, if defined.
    public func type(named name: String) -> NamedType? { types.first { $0.name?.value == name } }
}

/// `classification:` — where the service sits in 服务分类 and 服务内容.
public struct Classification: Sendable, Hashable {
    /// Place of the `classification:` key.
    public var place: SourcePlace
    /// `resource:` as written.
    public var resource: Located<String>?
    /// `service:` as written.
    public var service: Located<String>?
    /// `content:` as written.
    public var content: Located<String>?
    /// `other:` — the catch-all entry of its group (serial 99).
    public var other: Located<Bool>?

    /// The keys written here with a value, readable or not (a value of the wrong kind is reported
    /// once, by `value-type`), plus known keys that a misspelt key stands for (reported by
    /// `unknown-key`). An empty value counts as absent.
    public var writtenKeys: Set<String> = []

    /// Creates a classification.
    public init(place: SourcePlace) { self.place = place }

    /// The resource category, if valid.
    public var resourceCategory: ResourceCategory? { resource.flatMap { ResourceCategory(rawValue: $0.value) } }
    /// The service category, if valid.
    public var serviceCategory: ServiceCategory? { service.flatMap { ServiceCategory(rawValue: $0.value) } }
    /// The content kind, if valid.
    public var contentKind: ContentKind? { content.flatMap { ContentKind(rawValue: $0.value) } }
    /// Whether this is the group's "other" entry.
    public var isOther: Bool { other?.value ?? false }
    /// The two-digit group (resource digit, service digit), if both are valid.
    public var group: String? {
        guard let r = resourceCategory, let s = serviceCategory else { return nil }
        return "\(r.digit)\(s.digit)"
    }
}

/// `endpoint:` — where the service is published and how it is inspected.
public struct Endpoint: Sendable {
    /// Place of the `endpoint:` key.
    public var place: SourcePlace
    /// `address:` — a URL.
    public var address: Located<String>?
    /// `hosting:` as written (default local).
    public var hosting: Located<String>?
    /// `origin:` — who publishes a remote service.
    public var origin: Located<String>?
    /// `inspection:` — ISO 8601 duration.
    public var inspection: Located<String>?

    /// The keys written here with a value, readable or not (a value of the wrong kind is reported
    /// once, by `value-type`), plus known keys that a misspelt key stands for (reported by
    /// `unknown-key`). An empty value counts as absent.
    public var writtenKeys: Set<String> = []

    /// Creates an endpoint.
    public init(place: SourcePlace) { self.place = place }

    /// The hosting kind; `local` when not written, nil when written wrongly.
    public var hostingKind: Hosting? {
        guard let hosting else { return .local }
        return Hosting(rawValue: hosting.value)
    }
}

/// `sharing:` — the class of 数据共享.
public struct Sharing: Sendable {
    /// Place of the `sharing:` key.
    public var place: SourcePlace
    /// `level:` as written.
    public var level: Located<String>?
    /// `conditions:`
    public var conditions: Located<String>?

    /// The keys written here with a value, readable or not (a value of the wrong kind is reported
    /// once, by `value-type`), plus known keys that a misspelt key stands for (reported by
    /// `unknown-key`). An empty value counts as absent.
    public var writtenKeys: Set<String> = []

    /// Creates a sharing block.
    public init(place: SourcePlace) { self.place = place }

    /// The level, if valid.
    public var sharingLevel: SharingLevel? { level.flatMap { SharingLevel(rawValue: $0.value) } }
}

/// `files:` — the exchange file naming of a `file` contract.
public struct ExchangeFiles: Sendable {
    /// Place of the `files:` key.
    public var place: SourcePlace
    /// `classification:` — DB5101/T 132 code.
    public var classification: Located<String>?
    /// `region:` — GB/T 2260 code.
    public var region: Located<String>?
    /// `extensions:`
    public var extensions: [Located<String>]?

    /// The keys written here with a value, readable or not (a value of the wrong kind is reported
    /// once, by `value-type`), plus known keys that a misspelt key stands for (reported by
    /// `unknown-key`). An empty value counts as absent.
    public var writtenKeys: Set<String> = []

    /// Creates a files block.
    public init(place: SourcePlace) { self.place = place }
}

/// One method of the interface.
public struct Method: Sendable {
    /// Place of the list item.
    public var place: SourcePlace
    /// `name:`
    public var name: Located<String>?
    /// `summary:`
    public var summary: Located<String>?
    /// `http:`
    public var http: HTTPBinding?
    /// `parameters:`, in order.
    public var parameters: [Field] = []
    /// `returns:`
    public var returns: Returns?

    /// The keys written here with a value, readable or not (a value of the wrong kind is reported
    /// once, by `value-type`), plus known keys that a misspelt key stands for (reported by
    /// `unknown-key`). An empty value counts as absent.
    public var writtenKeys: Set<String> = []

    /// Creates a method.
    public init(place: SourcePlace) { self.place = place }

    /// The place to report a finding about the whole method: its name, else its item.
    public var anchor: SourcePlace { name?.place ?? place }
}

/// `http:` — how a method maps onto HTTP.
public struct HTTPBinding: Sendable {
    /// Place of the `http:` key.
    public var place: SourcePlace
    /// `method:` as written.
    public var method: Located<String>?
    /// `path:` — a template such as `/persons/{idNumber}`.
    public var path: Located<String>?

    /// The keys written here with a value, readable or not (a value of the wrong kind is reported
    /// once, by `value-type`), plus known keys that a misspelt key stands for (reported by
    /// `unknown-key`). An empty value counts as absent.
    public var writtenKeys: Set<String> = []

    /// Creates a binding.
    public init(place: SourcePlace) { self.place = place }

    /// The names in `{braces}` of the path.
    public var pathVariables: [String] {
        guard let path = path?.value else { return [] }
        var names: [String] = []
        var current: String?
        for ch in path {
            if ch == "{" {
                current = ""
            } else if ch == "}" {
                if let c = current { names.append(c) }
                current = nil
            } else if current != nil {
                current?.append(ch)
            }
        }
        return names
    }
}

/// A parameter of a method or a field of a named type: the same shape.
public struct Field: Sendable {
    /// Place of the list item.
    public var place: SourcePlace
    /// `name:`
    public var name: Located<String>?
    /// `type:` as written (a YAML one-item list `[T]` is read as the text `[T]`).
    public var type: Located<String>?
    /// `length:` as written.
    public var length: Located<LengthText>?
    /// `description:`
    public var description: Located<String>?
    /// `required:` (default true).
    public var required: Located<Bool>?
    /// `masking:` as written.
    public var masking: Located<String>?
    /// `maxItems:` for list types.
    public var maxItems: Located<Int>?
    /// The resolved type and what resolving it found; set by the reader.
    public var resolution: TypeResolution = .init()

    /// The keys written here with a value, readable or not (a value of the wrong kind is reported
    /// once, by `value-type`), plus known keys that a misspelt key stands for (reported by
    /// `unknown-key`). An empty value counts as absent.
    public var writtenKeys: Set<String> = []

    /// Creates a field.
    public init(place: SourcePlace) { self.place = place }

    /// Whether the value must be present (default true).
    public var isRequired: Bool { required?.value ?? true }
    /// The masking kind, if valid.
    public var maskingKind: MaskingKind? { masking.flatMap { MaskingKind(rawValue: $0.value) } }
    /// The place to report a finding about the whole field.
    public var anchor: SourcePlace { name?.place ?? place }
}

/// A `length:` as written: a number (`50`) or text (`18..18`, `"12,2"`).
public enum LengthText: Sendable, Hashable, CustomStringConvertible {
    /// A plain whole number.
    case number(Int)
    /// Anything else, as text.
    case text(String)

    /// The length as written.
    public var description: String {
        switch self {
        case .number(let n): "\(n)"
        case .text(let t): t
        }
    }
}

/// `returns:` — the return value and its codes (服务接口 5).
public struct Returns: Sendable {
    /// Place of the `returns:` key.
    public var place: SourcePlace
    /// `type:` as written.
    public var type: Located<String>?
    /// `description:`
    public var description: Located<String>?
    /// `maxItems:` for list types.
    public var maxItems: Located<Int>?
    /// `codes:`; nil when the key is absent.
    public var codes: [ReturnCode]?
    /// Place of the `codes:` key.
    public var codesPlace: SourcePlace?
    /// The resolved type and what resolving it found; set by the reader.
    public var resolution: TypeResolution = .init()

    /// The keys written here with a value, readable or not (a value of the wrong kind is reported
    /// once, by `value-type`), plus known keys that a misspelt key stands for (reported by
    /// `unknown-key`). An empty value counts as absent.
    public var writtenKeys: Set<String> = []

    /// Creates a returns block.
    public init(place: SourcePlace) { self.place = place }

    /// Whether the method returns nothing (`type: none`).
    public var isNone: Bool { type?.value == "none" }
}

/// One return code and its meaning.
public struct ReturnCode: Sendable {
    /// Place of the list item.
    public var place: SourcePlace
    /// `code:`
    public var code: Located<Int>?
    /// `name:` — camelCase identifier for generated code.
    public var name: Located<String>?
    /// `meaning:`
    public var meaning: Located<String>?

    /// The keys written here with a value, readable or not (a value of the wrong kind is reported
    /// once, by `value-type`), plus known keys that a misspelt key stands for (reported by
    /// `unknown-key`). An empty value counts as absent.
    public var writtenKeys: Set<String> = []

    /// Creates a return code.
    public init(place: SourcePlace) { self.place = place }
}

/// A named record type under `types:`.
public struct NamedType: Sendable {
    /// Place of the type's key.
    public var place: SourcePlace
    /// The type's name (the key).
    public var name: Located<String>?
    /// `description:`
    public var description: Located<String>?
    /// `fields:`, in order.
    public var fields: [Field] = []
    /// Whether `fields:` was written.
    public var hasFields = false

    /// The keys written here with a value, readable or not (a value of the wrong kind is reported
    /// once, by `value-type`), plus known keys that a misspelt key stands for (reported by
    /// `unknown-key`). An empty value counts as absent.
    public var writtenKeys: Set<String> = []

    /// Creates a named type.
    public init(place: SourcePlace) { self.place = place }
}

/// A problem with the shape of the YAML: what the reader found before any rule runs.
public struct ShapeProblem: Sendable, Hashable {
    /// The kind of problem.
    public enum Kind: Sendable, Hashable {
        /// A key this place does not know; with the closest known key.
        case unknownKey(key: String, suggestion: String?)
        /// A value of the wrong kind (a list where a mapping belongs, a number where a string belongs).
        case wrongKind
        /// A key that is required by the shape of the language (read separately by `key-missing`).
        case missingKey(key: String)
    }

    /// The kind of problem.
    public var kind: Kind
    /// Where it is.
    public var place: SourcePlace
    /// What is wrong and what to do.
    public var message: String

    /// Creates a problem.
    public init(_ kind: Kind, at place: SourcePlace, _ message: String) {
        self.kind = kind
        self.place = place
        self.message = message
    }
}
