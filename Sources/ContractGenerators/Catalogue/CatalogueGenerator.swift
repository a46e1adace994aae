import Dispatch
import Foundation

/// Publishes the service catalogue (contract language §8, 服务发布与巡检) from catalogue entries:
///
/// - `catalogue.json` — the entries, sorted by code (see ``CatalogueService/json``), and
///   `catalogue.schema.json`, its JSON Schema (``CatalogueSchema``);
/// - `index.html` — one self-contained page (inline CSS and JS, no network) that lists, searches
///   and filters the services and shows each one's facts, methods, parameters and return codes;
/// - `catalogue.md` — the same as Markdown, for repositories and wikis;
/// - `backstage/<interface>.yaml` — one Backstage `API` entity per service.
///
/// The pages come from the Mustache templates `index.html`, `catalogue.md` and
/// `catalog-info.yaml` (`templates/catalogue/`, built in as ``EmbeddedTemplates``), which a
/// ``TemplateSet`` can override. The HTML template is rendered with HTML escaping on; Markdown
/// and YAML text is escaped by the view models (``CatalogueText``). Whatever a template places,
/// the finished HTML and Markdown pages hold no control character but their own line feeds and
/// tabs (``CatalogueText/withoutControls(_:)``), and JSON and YAML write every one as an escape.
/// The output depends only on the entries and the templates: no dates, no machine names.
public struct CatalogueGenerator: Sendable {
    /// The names of the templates the generator uses.
    public static let templateNames = ["index.html", "catalogue.md", "catalog-info.yaml"]
    /// The folder of the Backstage entities, inside the output folder.
    public static let backstageFolder = "backstage"

    private let renderer: TemplateRenderer

    /// Creates a generator using `templates` (by default the built-in ones).
    /// - Throws: ``TemplateError`` when a template is not valid Mustache.
    public init(templates: TemplateSet = .embedded("catalogue")) throws {
        renderer = try TemplateRenderer(templates)
    }

    /// Every file of the catalogue, paths relative to the output folder.
    /// - Parameters:
    ///   - services: The entries, in any order.
    ///   - openAPIDocuments: For services that have an OpenAPI document written beside the
    ///     catalogue, the document's path relative to the output folder, by interface name;
    ///     their Backstage entities are of type `openapi` and point at it.
    /// - Throws: ``TemplateError`` when a template fails.
    public func generate(_ services: [CatalogueService], openAPIDocuments: [String: String] = [:]) throws -> [GeneratedFile] {
        let sorted = CatalogueService.sorted(services)
        // The page, the Markdown, the JSON and the entities are independent: made on all cores.
        // Jobs 0-2 are the three big files; the rest make the Backstage entities in strides.
        let bigJobs = 3
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let jobs = bigJobs + min(workers, sorted.count)
        let slots = ResultSlots<Result<[GeneratedFile], any Error>>(count: jobs)
        let renderer = self.renderer
        DispatchQueue.concurrentPerform(iterations: jobs) { job in
            slots.set(job, Result {
                switch job {
                case 0:
                    let page = try renderer.render(CataloguePageView(sorted, format: .html), template: "index.html")
                    return [GeneratedFile(path: "index.html", contents: Self.tidy(CatalogueText.withoutControls(page)))]
                case 1:
                    let page = try renderer.render(CataloguePageView(sorted, format: .markdown), template: "catalogue.md")
                    return [GeneratedFile(path: "catalogue.md", contents: Self.tidy(CatalogueText.withoutControls(page)))]
                case 2:
                    return [GeneratedFile(path: "catalogue.json", contents: CatalogueService.catalogueJSON(sorted))]
                default:
                    var entities: [GeneratedFile] = []
                    for index in stride(from: job - bigJobs, to: sorted.count, by: jobs - bigJobs) {
                        let service = sorted[index]
                        let entity = Self.backstageEntity(service, openAPIDocument: openAPIDocuments[service.interface])
                        entities.append(GeneratedFile(
                            path: Self.backstageFolder + "/" + Self.backstageFileName(service),
                            contents: Self.tidy(try renderer.render(entity, template: "catalog-info.yaml"))))
                    }
                    return entities
                }
            })
        }
        let made = try slots.values().map { try $0.get() }
        var files = made[2] + [GeneratedFile(path: CatalogueSchema.fileName, contents: CatalogueSchema.text)] + made[0] + made[1]
        files += made[bigJobs...].joined().sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return files
    }

    /// The Backstage entity's file name: `<interface>.yaml`.
    public static func backstageFileName(_ service: CatalogueService) -> String {
        service.interface + ".yaml"
    }

    /// The Backstage entity name of a service: the interface in lower-kebab-case
    /// (`PersonInfoQuery` → `person-info-query`), at most 63 characters.
    public static func backstageName(_ service: CatalogueService) -> String {
        CatalogueText.slug(service.interface, fallback: "api")
    }

    // MARK: - Backstage

    static func backstageEntity(_ s: CatalogueService, openAPIDocument: String?) -> BackstageEntityView {
        typealias Pair = BackstageEntityView.Pair
        func pair(_ key: String, _ value: String) -> Pair { Pair(key: CatalogueText.yaml(key), value: CatalogueText.yaml(value)) }
        var annotations = [
            pair("contractc/service-code", s.code),
            pair("contractc/interface", s.interface),
            pair("contractc/protocol", s.protocolName),
            pair("contractc/address", s.address),
            pair("contractc/hosting", s.hosting),
        ]
        if let origin = s.origin { annotations.append(pair("contractc/origin", origin)) }
        annotations.append(pair("contractc/inspection", s.inspection))
        annotations.append(pair("contractc/sharing", s.sharing.level))
        if let conditions = s.sharing.conditions { annotations.append(pair("contractc/sharing-conditions", conditions)) }
        annotations.append(pair("contractc/exchange", s.exchange.name))
        annotations.append(pair("contractc/owner", s.owner))
        annotations.append(pair("contractc/version", s.version))
        annotations.append(pair("contractc/source", s.source.file))
        annotations.append(pair("contractc/sha256", s.source.sha256))
        var labels: [Pair] = []
        for (key, value) in [("contractc/service-code", s.code), ("contractc/protocol", s.protocolName.lowercased()),
                             ("contractc/sharing", s.sharing.level), ("contractc/hosting", s.hosting)]
        where isLabelValue(value) {
            labels.append(pair(key, value))
        }
        var tags: [String] = []
        for tag in [s.protocolName, s.resource.name, s.content.name, "sharing-" + s.sharing.level] {
            let slug = CatalogueText.slug(tag, fallback: "tag")
            if !tags.contains(slug) { tags.append(slug) }
        }
        return BackstageEntityView(
            name: CatalogueText.yaml(backstageName(s)),
            title: CatalogueText.yaml(s.title),
            description: CatalogueText.yaml(s.summary ?? s.title),
            annotations: annotations,
            labels: labels,
            tags: tags.map(CatalogueText.yaml),
            type: CatalogueText.yaml(openAPIDocument == nil ? "other" : "openapi"),
            owner: CatalogueText.yaml(CatalogueText.slug(s.owner, fallback: "owner")),
            hasDefinitionPath: openAPIDocument != nil,
            definitionPath: CatalogueText.yaml("../" + (openAPIDocument ?? "")),
            definitionText: CatalogueText.yaml(definition(s)))
    }

    /// Whether text may be a Kubernetes-style label value, as Backstage requires.
    static func isLabelValue(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= 63,
              let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        func alnum(_ c: Unicode.Scalar) -> Bool { c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c)) }
        return alnum(first) && alnum(last) && text.unicodeScalars.allSatisfy { alnum($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }

    /// A plain-text definition of a service without an OpenAPI document.
    static func definition(_ s: CatalogueService) -> String {
        var lines = ["\(s.interface) (\(s.code)) — \(s.title)"]
        if let summary = s.summary { lines.append(summary) }
        lines.append("")
        lines.append("Protocol: \(s.protocolName)")
        lines.append("Address: \(s.address)")
        lines.append("Sharing: \(s.sharing.label) (\(s.sharing.level))" + (s.sharing.conditions.map { " — " + $0 } ?? ""))
        lines.append("Exchange: \(s.exchange.label) (\(s.exchange.name))")
        if let files = s.files {
            lines.append("Files: classification \(files.classification), region \(files.region)"
                + (files.regionName.map { " (\($0))" } ?? "") + ", extensions " + files.extensions.joined(separator: ", "))
        }
        lines.append("")
        lines.append("Methods:")
        for method in s.methods {
            let parameters = method.parameters.map { p in
                "\(p.name): \(p.type)" + (p.length.map { " \($0)" } ?? "") + (p.required ? "" : "?")
            }
            lines.append("- \(method.name)(\(parameters.joined(separator: ", "))) -> \(method.returns.type)"
                + (method.http.map { " [\($0.method) \($0.path)]" } ?? ""))
            lines.append("  \(method.summary)")
            for code in method.returns.codes {
                lines.append("  \(code.code)\(code.name.map { " " + $0 } ?? ""): \(code.meaning)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Normalises what templates leave behind: no trailing blanks on a line, no more than one
    /// blank line in a row, exactly one newline at the end.
    static func tidy(_ text: String) -> String {
        // On the UTF-8 bytes: splitting a large page into Characters is far slower, and every
        // byte that matters here (newline, blank, tab, carriage return) is ASCII.
        var text = text
        return text.withUTF8 { b -> String in
            var lines: [Range<Int>] = []
            var start = 0
            while start <= b.count {
                var newline = start
                while newline < b.count && b[newline] != 0x0A { newline += 1 }
                var end = newline
                while end > start && (b[end - 1] == 0x20 || b[end - 1] == 0x09 || b[end - 1] == 0x0D) { end -= 1 }
                if !(end == start && (lines.last?.isEmpty ?? false)) { lines.append(start..<end) }
                start = newline + 1
            }
            while let first = lines.first, first.isEmpty { lines.removeFirst() }
            while let last = lines.last, last.isEmpty { lines.removeLast() }
            var out: [UInt8] = []
            out.reserveCapacity(b.count + 1)
            for (index, line) in lines.enumerated() {
                if index > 0 { out.append(0x0A) }
                out.append(contentsOf: b[line])
            }
            out.append(0x0A)
            return String(decoding: out, as: UTF8.self)
        }
    }
}
