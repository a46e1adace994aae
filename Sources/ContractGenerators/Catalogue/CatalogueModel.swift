// The catalogue's data: one `CatalogueService` per contract, exactly the entries of
// `catalogue.json` (contract language §8). The HTML, Markdown and Backstage renderers all start
// from these values, so every output says the same thing.

/// One service of the published catalogue: an entry of `catalogue.json`.
///
/// Strings are the contract's text, unescaped; each renderer escapes them for its format.
public struct CatalogueService: Sendable, Hashable {
    /// The 4-digit service code (服务分类).
    public var code: String
    /// The interface name.
    public var interface: String
    /// The title.
    public var title: String
    /// The summary, when written.
    public var summary: String?
    /// The interface's semantic version.
    public var version: String
    /// The managing authority.
    public var owner: String
    /// The resource category (first digit of the code).
    public var resource: CatalogueCategory
    /// The service category (second digit of the code).
    public var service: CatalogueCategory
    /// The content kind (服务内容): `name` and `label`.
    public var content: CatalogueLabel
    /// Whether this is the catch-all "other" entry of its group (serial 99).
    public var other: Bool
    /// The protocol, spelled as the standard spells it (`HTTPS`).
    public var protocolName: String
    /// The address.
    public var address: String
    /// `local` or `remote`.
    public var hosting: String
    /// Who publishes and repairs a remote service.
    public var origin: String?
    /// The inspection period, an ISO 8601 duration (`P1D`).
    public var inspection: String
    /// The sharing class (数据共享).
    public var sharing: CatalogueSharing
    /// The exchange mode (数据交换): `name` is the mode.
    public var exchange: CatalogueLabel
    /// The exchange file naming, for `file` contracts.
    public var files: CatalogueFiles?
    /// The methods, in contract order.
    public var methods: [CatalogueMethod]
    /// The named types, in contract order.
    public var types: [CatalogueType]
    /// Where the entry was published from.
    public var source: CatalogueSource

    /// Creates a service entry.
    public init(
        code: String, interface: String, title: String, summary: String?, version: String, owner: String,
        resource: CatalogueCategory, service: CatalogueCategory, content: CatalogueLabel, other: Bool,
        protocolName: String, address: String, hosting: String, origin: String?, inspection: String,
        sharing: CatalogueSharing, exchange: CatalogueLabel, files: CatalogueFiles?,
        methods: [CatalogueMethod], types: [CatalogueType], source: CatalogueSource
    ) {
        self.code = code
        self.interface = interface
        self.title = title
        self.summary = summary
        self.version = version
        self.owner = owner
        self.resource = resource
        self.service = service
        self.content = content
        self.other = other
        self.protocolName = protocolName
        self.address = address
        self.hosting = hosting
        self.origin = origin
        self.inspection = inspection
        self.sharing = sharing
        self.exchange = exchange
        self.files = files
        self.methods = methods
        self.types = types
        self.source = source
    }
}

/// A category of 服务分类 with its digit and Chinese label.
public struct CatalogueCategory: Sendable, Hashable {
    /// The contract's name for it (`general`, `basicQuery`).
    public var name: String
    /// The digit in the service code.
    public var digit: Int
    /// The standard's Chinese name.
    public var label: String

    /// Creates a category.
    public init(name: String, digit: Int, label: String) {
        self.name = name
        self.digit = digit
        self.label = label
    }
}

/// A vocabulary value with its Chinese label (content kind, exchange mode).
public struct CatalogueLabel: Sendable, Hashable {
    /// The contract's name for it (`basicInfoQuery`, `interface`).
    public var name: String
    /// The standard's Chinese name.
    public var label: String

    /// Creates a labelled value.
    public init(name: String, label: String) {
        self.name = name
        self.label = label
    }
}

/// The sharing class of a service (数据共享).
public struct CatalogueSharing: Sendable, Hashable {
    /// `unconditional`, `conditional` or `none`.
    public var level: String
    /// The standard's Chinese name.
    public var label: String
    /// The conditions of conditional sharing.
    public var conditions: String?

    /// Creates a sharing class.
    public init(level: String, label: String, conditions: String?) {
        self.level = level
        self.label = label
        self.conditions = conditions
    }
}

/// The exchange file naming of a `file` contract (文件名命名规则).
public struct CatalogueFiles: Sendable, Hashable {
    /// The DB5101/T 132 classification code.
    public var classification: String
    /// The GB/T 2260 region code.
    public var region: String
    /// The region's name, when the code is in the table.
    public var regionName: String?
    /// The allowed extensions.
    public var extensions: [String]

    /// Creates a files entry.
    public init(classification: String, region: String, regionName: String?, extensions: [String]) {
        self.classification = classification
        self.region = region
        self.regionName = regionName
        self.extensions = extensions
    }
}

/// A method of a service.
public struct CatalogueMethod: Sendable, Hashable {
    /// The method name.
    public var name: String
    /// What it does.
    public var summary: String
    /// The HTTP binding, when written: method and path.
    public var http: CatalogueHTTP?
    /// The parameters, in order.
    public var parameters: [CatalogueField]
    /// The return value and codes.
    public var returns: CatalogueReturns

    /// Creates a method.
    public init(name: String, summary: String, http: CatalogueHTTP?, parameters: [CatalogueField], returns: CatalogueReturns) {
        self.name = name
        self.summary = summary
        self.http = http
        self.parameters = parameters
        self.returns = returns
    }
}

/// An `http:` binding.
public struct CatalogueHTTP: Sendable, Hashable {
    /// `GET`, `POST`, …
    public var method: String
    /// The path template (`/persons/{idNumber}`).
    public var path: String

    /// Creates a binding.
    public init(method: String, path: String) {
        self.method = method
        self.path = path
    }
}

/// A parameter of a method or a field of a type.
public struct CatalogueField: Sendable, Hashable {
    /// The name.
    public var name: String
    /// The long-form type (`string`, `[PersonInfo]`).
    public var type: String
    /// The data-element shorthand of the type, where one exists (`C..50`).
    public var shorthand: String?
    /// The length in long form (`1..50`, `10`, `12,2`), where the type has one.
    public var length: String?
    /// Whether a value must be given.
    public var required: Bool
    /// The masking kind (数据脱敏), when written.
    public var masking: String?
    /// What it holds.
    public var description: String
    /// The bound of a list.
    public var maxItems: Int?

    /// Creates a field.
    public init(name: String, type: String, shorthand: String?, length: String?, required: Bool, masking: String?, description: String, maxItems: Int?) {
        self.name = name
        self.type = type
        self.shorthand = shorthand
        self.length = length
        self.required = required
        self.masking = masking
        self.description = description
        self.maxItems = maxItems
    }
}

/// What a method returns (服务接口 5).
public struct CatalogueReturns: Sendable, Hashable {
    /// The long-form type, or `none`.
    public var type: String
    /// The length in long form, where the type has one.
    public var length: String?
    /// What it is.
    public var description: String
    /// The bound of a returned list.
    public var maxItems: Int?
    /// The return codes and their meanings.
    public var codes: [CatalogueReturnCode]

    /// Creates a return value.
    public init(type: String, length: String?, description: String, maxItems: Int?, codes: [CatalogueReturnCode]) {
        self.type = type
        self.length = length
        self.description = description
        self.maxItems = maxItems
        self.codes = codes
    }
}

/// A return code and its meaning.
public struct CatalogueReturnCode: Sendable, Hashable {
    /// The code; 0 is success.
    public var code: Int
    /// The camelCase name, when written.
    public var name: String?
    /// What it means.
    public var meaning: String

    /// Creates a return code.
    public init(code: Int, name: String?, meaning: String) {
        self.code = code
        self.name = name
        self.meaning = meaning
    }
}

/// A named record type of a contract.
public struct CatalogueType: Sendable, Hashable {
    /// The type's name.
    public var name: String
    /// What it is.
    public var description: String
    /// Its fields, in order.
    public var fields: [CatalogueField]

    /// Creates a type.
    public init(name: String, description: String, fields: [CatalogueField]) {
        self.name = name
        self.description = description
        self.fields = fields
    }
}

/// The contract file an entry was published from.
public struct CatalogueSource: Sendable, Hashable {
    /// The path, relative to the folder the catalogue was published from.
    public var file: String
    /// The SHA-256 of the file's bytes, 64 lower-case hex digits.
    public var sha256: String

    /// Creates a source.
    public init(file: String, sha256: String) {
        self.file = file
        self.sha256 = sha256
    }
}

// MARK: - catalogue.json

extension CatalogueService {
    /// The entry as `catalogue.json` writes it, keys in the documented order.
    public var json: JSONWriter.Value {
        typealias Value = JSONWriter.Value
        var pairs: [(String, Value)] = []
        pairs.append(("code", .string(code)))
        pairs.append(("interface", .string(interface)))
        pairs.append(("title", .string(title)))
        pairs.append(("summary", .text(summary)))
        pairs.append(("version", .string(version)))
        pairs.append(("owner", .string(owner)))
        pairs.append(("resource", resource.json))
        pairs.append(("service", service.json))
        pairs.append(("content", .object([("name", .string(content.name)), ("label", .string(content.label))])))
        pairs.append(("other", .bool(other)))
        pairs.append(("protocol", .string(protocolName)))
        pairs.append(("address", .string(address)))
        pairs.append(("hosting", .string(hosting)))
        pairs.append(("origin", .text(origin)))
        pairs.append(("inspection", .string(inspection)))
        let sharingPairs: [(String, Value)] = [
            ("level", .string(sharing.level)), ("label", .string(sharing.label)), ("conditions", .text(sharing.conditions)),
        ]
        pairs.append(("sharing", .object(sharingPairs)))
        pairs.append(("exchange", .object([("mode", .string(exchange.name)), ("label", .string(exchange.label))])))
        var filesValue = Value.null
        if let files {
            let filePairs: [(String, Value)] = [
                ("classification", .string(files.classification)),
                ("region", .string(files.region)),
                ("regionName", .text(files.regionName)),
                ("extensions", .array(files.extensions.map { Value.string($0) })),
            ]
            filesValue = .object(filePairs)
        }
        pairs.append(("files", filesValue))
        pairs.append(("methods", .array(methods.map(\.json))))
        pairs.append(("types", .array(types.map(\.json))))
        pairs.append(("source", .object([("file", .string(source.file)), ("sha256", .string(source.sha256))])))
        return .object(pairs)
    }

    /// `catalogue.json`: the services as a JSON array, sorted by code (then interface).
    public static func catalogueJSON(_ services: [CatalogueService]) -> String {
        JSONWriter.render(.array(sorted(services).map(\.json)))
    }

    /// The services in catalogue order: by code, then by interface name (bytewise).
    public static func sorted(_ services: [CatalogueService]) -> [CatalogueService] {
        services.sorted { a, b in
            if a.code != b.code { return a.code.utf8.lexicographicallyPrecedes(b.code.utf8) }
            return a.interface.utf8.lexicographicallyPrecedes(b.interface.utf8)
        }
    }
}

extension CatalogueCategory {
    var json: JSONWriter.Value {
        .object([("name", .string(name)), ("digit", .int(digit)), ("label", .string(label))])
    }
}

extension CatalogueType {
    var json: JSONWriter.Value {
        .object([("name", .string(name)), ("description", .string(description)), ("fields", .array(fields.map(\.json)))])
    }
}

extension CatalogueMethod {
    var json: JSONWriter.Value {
        typealias Value = JSONWriter.Value
        var httpValue = Value.null
        if let http { httpValue = .object([("method", .string(http.method)), ("path", .string(http.path))]) }
        let codes: [Value] = returns.codes.map { code in
            let pairs: [(String, Value)] = [("code", .int(code.code)), ("name", .text(code.name)), ("meaning", .string(code.meaning))]
            return .object(pairs)
        }
        let returnPairs: [(String, Value)] = [
            ("type", .string(returns.type)),
            ("length", .text(returns.length)),
            ("description", .string(returns.description)),
            ("maxItems", .count(returns.maxItems)),
            ("codes", .array(codes)),
        ]
        let pairs: [(String, Value)] = [
            ("name", .string(name)),
            ("summary", .string(summary)),
            ("http", httpValue),
            ("parameters", .array(parameters.map(\.json))),
            ("returns", .object(returnPairs)),
        ]
        return .object(pairs)
    }
}

extension CatalogueField {
    var json: JSONWriter.Value {
        let pairs: [(String, JSONWriter.Value)] = [
            ("name", .string(name)),
            ("type", .string(type)),
            ("shorthand", .text(shorthand)),
            ("length", .text(length)),
            ("required", .bool(required)),
            ("masking", .text(masking)),
            ("description", .string(description)),
            ("maxItems", .count(maxItems)),
        ]
        return .object(pairs)
    }
}

extension JSONWriter.Value {
    /// A string, or null.
    static func text(_ value: String?) -> JSONWriter.Value {
        value.map { .string($0) } ?? .null
    }

    /// A whole number, or null.
    static func count(_ value: Int?) -> JSONWriter.Value {
        value.map { .int($0) } ?? .null
    }
}
