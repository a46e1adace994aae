// View models of the catalogue pages: plain values that `templates/catalogue/*.mustache` place.
//
// The same views serve the HTML page and the Markdown file; they differ in how contract text is
// prepared. For HTML the views hold the text as written and the template escapes it (the HTML
// template runs with Mustache's HTML escaping on: `{{x}}` escapes `<`, `>`, `&`, `"` and `'`).
// For Markdown the views hold finished Markdown (`CatalogueText.markdown` for text,
// `CatalogueText.markdownCode` for names, types and addresses) and the template places it as is.
// Nothing is optional: a Mustache lookup of a missing value would climb to an outer object and
// find the wrong one, so absent things are empty strings, empty lists or `false`.

/// How contract text is prepared for one output format.
struct CatalogueFormat: Sendable {
    /// Prose: titles, descriptions, meanings.
    var text: @Sendable (String) -> String
    /// Names, types, addresses: shown as code.
    var code: @Sendable (String) -> String

    /// HTML: the text as written; the template escapes it and wraps code in `<code>`.
    static let html = CatalogueFormat(text: { $0 }, code: { $0 })
    /// Markdown: escaped text and code spans, placed as they are.
    static let markdown = CatalogueFormat(text: { CatalogueText.markdown($0) }, code: { CatalogueText.markdownCode($0) })
}

/// The whole catalogue page.
struct CataloguePageView {
    /// The number of services.
    var serviceCount: Int
    /// Whether there is any service.
    var hasServices: Bool
    /// The resource categories that have services, in digit order.
    var groups: [CatalogueGroupView]
    /// The protocols of the catalogue, for the protocol filter.
    var protocols: [CatalogueOptionView]
    /// The three sharing levels, for the sharing filter.
    var sharingLevels: [CatalogueOptionView]

    init(_ services: [CatalogueService], format: CatalogueFormat) {
        let sorted = CatalogueService.sorted(services)
        serviceCount = sorted.count
        hasServices = !sorted.isEmpty
        var groups: [CatalogueGroupView] = []
        var digits: [Int] = []
        for service in sorted where !digits.contains(service.resource.digit) { digits.append(service.resource.digit) }
        for digit in digits.sorted() {
            let members = sorted.filter { $0.resource.digit == digit }
            guard let first = members.first else { continue }
            groups.append(CatalogueGroupView(
                digit: String(digit), label: format.text(first.resource.label),
                english: Self.english[first.resource.name] ?? first.resource.name,
                anchor: "group-" + CatalogueText.slug(String(digit) + "-" + first.resource.name),
                count: members.count,
                services: members.map { CatalogueServiceView($0, format: format) }))
        }
        self.groups = groups
        var protocolNames: [String] = []
        for service in sorted where !protocolNames.contains(service.protocolName) { protocolNames.append(service.protocolName) }
        protocols = protocolNames.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { name in
            CatalogueOptionView(value: name, label: format.text(name), count: sorted.filter { $0.protocolName == name }.count)
        }
        sharingLevels = [("unconditional", "无条件共享"), ("conditional", "有条件共享"), ("none", "不予共享")].map { level, label in
            CatalogueOptionView(value: level, label: label, count: sorted.filter { $0.sharing.level == level }.count)
        }
    }

    static let english = [
        "general": "General basic data",
        "specialized": "Specialised business data",
        "analytical": "Analytical data",
    ]
}

/// A resource category (数据资源类别) and its services.
struct CatalogueGroupView {
    var digit: String
    var label: String
    var english: String
    var anchor: String
    var count: Int
    var services: [CatalogueServiceView]
}

/// A choice of a filter.
struct CatalogueOptionView {
    var value: String
    var label: String
    var count: Int
}

/// One service.
struct CatalogueServiceView {
    var anchor: String
    var code: String
    var codeText: String
    var interface: String
    var title: String
    var summary: String
    var hasSummary: Bool
    var version: String
    var owner: String
    var protocolName: String
    var protocolKey: String
    var address: String
    var addressIsLink: Bool
    var addressLink: String
    var hostingLabel: String
    var isRemote: Bool
    var origin: String
    var hasOrigin: Bool
    var inspection: String
    var inspectionText: String
    var sharingLevel: String
    var sharingLabel: String
    var conditions: String
    var hasConditions: Bool
    var exchangeLabel: String
    var exchangeMode: String
    var resourceLabel: String
    var serviceLabel: String
    var contentLabel: String
    var isOther: Bool
    var hasFiles: Bool
    var filesClassification: String
    var filesRegion: String
    var filesRegionName: String
    var filesExtensions: String
    var sourceFile: String
    var sha256: String
    var sha256Short: String
    var search: String
    var methodCount: Int
    var methods: [CatalogueMethodView]
    var typeCount: Int
    var hasTypes: Bool
    var types: [CatalogueTypeView]

    init(_ s: CatalogueService, format: CatalogueFormat) {
        let anchor = "service-" + CatalogueText.slug(s.code + "-" + s.interface)
        self.anchor = anchor
        code = format.code(s.code)
        codeText = format.text(s.code)
        interface = format.code(s.interface)
        title = format.text(s.title)
        summary = format.text(s.summary ?? "")
        hasSummary = !(s.summary ?? "").isEmpty
        version = format.text(s.version)
        owner = format.text(s.owner)
        protocolName = format.text(s.protocolName)
        protocolKey = CatalogueText.slug(s.protocolName)
        address = format.code(s.address)
        let lower = s.address.lowercased()
        addressIsLink = lower.hasPrefix("https://") || lower.hasPrefix("http://")
        addressLink = addressIsLink ? s.address : ""
        hostingLabel = format.text(s.hosting == "remote" ? "异地数据 remote" : "本地数据 local")
        isRemote = s.hosting == "remote"
        origin = format.text(s.origin ?? "")
        hasOrigin = !(s.origin ?? "").isEmpty
        inspection = format.code(s.inspection)
        inspectionText = format.text(Self.period(s.inspection))
        sharingLevel = s.sharing.level
        sharingLabel = format.text(s.sharing.label)
        conditions = format.text(s.sharing.conditions ?? "")
        hasConditions = !(s.sharing.conditions ?? "").isEmpty
        exchangeLabel = format.text(s.exchange.label)
        exchangeMode = format.code(s.exchange.name)
        resourceLabel = format.text(s.resource.label)
        serviceLabel = format.text(s.service.label)
        contentLabel = format.text(s.content.label)
        isOther = s.other
        hasFiles = s.files != nil
        filesClassification = format.code(s.files?.classification ?? "")
        filesRegion = format.code(s.files?.region ?? "")
        filesRegionName = format.text(s.files?.regionName ?? "")
        filesExtensions = (s.files?.extensions ?? []).map(format.code).joined(separator: ", ")
        sourceFile = format.code(s.source.file)
        sha256 = s.source.sha256
        sha256Short = format.code(String(s.source.sha256.prefix(12)))
        search = [s.code, s.interface, s.title, s.owner, s.protocolName].joined(separator: " ").lowercased()
        methodCount = s.methods.count
        methods = s.methods.map { CatalogueMethodView($0, service: anchor, format: format) }
        typeCount = s.types.count
        hasTypes = !s.types.isEmpty
        types = s.types.map { type in
            CatalogueTypeView(
                anchor: anchor + "-type-" + CatalogueText.slug(type.name),
                name: format.code(type.name), description: format.text(type.description),
                fields: type.fields.map { CatalogueFieldView($0, format: format) })
        }
    }

    /// An ISO 8601 duration in words: `P1D` → `每 1 天 · every 1 day`; the text as written when it
    /// is not a duration of whole numbers.
    static func period(_ text: String) -> String {
        var chinese: [String] = []
        var english: [String] = []
        var number = ""
        var inTime = false
        var chars = text.uppercased().makeIterator()
        guard chars.next() == "P" else { return "" }
        while let c = chars.next() {
            if c.isASCII && c.isNumber {
                number.append(c)
                continue
            }
            if c == "T", number.isEmpty {
                inTime = true
                continue
            }
            guard let n = Int(number) else { return "" }
            let unit: (String, String)?
            switch (c, inTime) {
            case ("Y", false): unit = ("年", "year")
            case ("M", false): unit = ("个月", "month")
            case ("W", false): unit = ("周", "week")
            case ("D", false): unit = ("天", "day")
            case ("H", true): unit = ("小时", "hour")
            case ("M", true): unit = ("分钟", "minute")
            case ("S", true): unit = ("秒", "second")
            default: unit = nil
            }
            guard let (zh, en) = unit else { return "" }
            chinese.append("\(n) \(zh)")
            english.append("\(n) \(en)\(n == 1 ? "" : "s")")
            number = ""
        }
        guard number.isEmpty, !chinese.isEmpty else { return "" }
        return "每 " + chinese.joined(separator: " ") + " · every " + english.joined(separator: " ")
    }
}

/// A method.
struct CatalogueMethodView {
    var anchor: String
    var name: String
    var summary: String
    var hasHTTP: Bool
    var httpMethod: String
    var httpMethodKey: String
    var httpPath: String
    var binding: String
    var hasParameters: Bool
    var parameters: [CatalogueFieldView]
    var returnType: String
    var returnsNone: Bool
    var returnLength: String
    var hasReturnLength: Bool
    var returnDescription: String
    var returnMaxItems: String
    var hasReturnMaxItems: Bool
    var hasCodes: Bool
    var codes: [CatalogueCodeView]

    init(_ m: CatalogueMethod, service: String, format: CatalogueFormat) {
        anchor = service + "-" + CatalogueText.slug(m.name)
        name = format.code(m.name)
        summary = format.text(m.summary)
        hasHTTP = m.http != nil
        httpMethod = format.text(m.http?.method ?? "")
        httpMethodKey = CatalogueText.slug(m.http?.method ?? "")
        httpPath = format.code(m.http?.path ?? "")
        binding = m.http.map { format.code($0.method + " " + $0.path) } ?? ""
        hasParameters = !m.parameters.isEmpty
        parameters = m.parameters.map { CatalogueFieldView($0, format: format) }
        returnType = format.code(m.returns.type)
        returnsNone = m.returns.type == "none"
        returnLength = format.text(m.returns.length ?? "")
        hasReturnLength = m.returns.length != nil
        returnDescription = format.text(m.returns.description)
        returnMaxItems = m.returns.maxItems.map(String.init) ?? ""
        hasReturnMaxItems = m.returns.maxItems != nil
        hasCodes = !m.returns.codes.isEmpty
        codes = m.returns.codes.map { code in
            CatalogueCodeView(
                code: format.code(String(code.code)), name: format.code(code.name ?? ""), hasName: code.name != nil,
                meaning: format.text(code.meaning), isSuccess: code.code == 0)
        }
    }
}

/// A parameter or a field.
struct CatalogueFieldView {
    var name: String
    var type: String
    var shorthand: String
    var hasShorthand: Bool
    var length: String
    var hasLength: Bool
    var required: Bool
    var masking: String
    var hasMasking: Bool
    var description: String
    var maxItems: String
    var hasMaxItems: Bool

    init(_ f: CatalogueField, format: CatalogueFormat) {
        name = format.code(f.name)
        type = format.code(f.type)
        shorthand = format.code(f.shorthand ?? "")
        hasShorthand = f.shorthand != nil
        length = format.text(f.length ?? "")
        hasLength = f.length != nil
        required = f.required
        masking = format.code(f.masking ?? "")
        hasMasking = f.masking != nil
        description = format.text(f.description)
        maxItems = f.maxItems.map(String.init) ?? ""
        hasMaxItems = f.maxItems != nil
    }
}

/// A return code.
struct CatalogueCodeView {
    var code: String
    var name: String
    var hasName: Bool
    var meaning: String
    var isSuccess: Bool
}

/// A named type.
struct CatalogueTypeView {
    var anchor: String
    var name: String
    var description: String
    var fields: [CatalogueFieldView]
}

// MARK: - Backstage

/// One Backstage `API` entity; every value is a finished YAML double-quoted scalar.
struct BackstageEntityView {
    struct Pair {
        var key: String
        var value: String
    }

    var name: String
    var title: String
    var description: String
    var annotations: [Pair]
    var labels: [Pair]
    var tags: [String]
    var type: String
    var owner: String
    var hasDefinitionPath: Bool
    var definitionPath: String
    var definitionText: String
}
