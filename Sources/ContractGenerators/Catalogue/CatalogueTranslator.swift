import ContractModel
import ContractSyntax

/// Turns a contract into its catalogue entry (contract language §8).
///
/// A lint-clean contract has everything an entry needs. A project can switch rules off in
/// `.contractc.yaml`, though, so a contract may reach the catalogue without, say, its code; then
/// the translator refuses it with a `catalogue-incomplete` error at the place to fix, rather than
/// publish an entry that `contractc inspect` and the schema would reject.
public enum CatalogueTranslator {
    /// The rule id of a contract that lacks what the catalogue needs.
    public static let incompleteRule = "catalogue-incomplete"

    /// The catalogue entry of `contract`.
    /// - Parameters:
    ///   - source: The contract file's path as the catalogue records it, and its SHA-256.
    ///   - regionName: The name of a GB/T 2260 region code, when known (`510100` → `成都市`).
    ///   - protocols: Protocols beyond the nine that the contract's `.contractc.yaml` declares;
    ///     the entry carries a declared one by name.
    /// - Throws: ``GenerationFailure`` naming every key the entry needs and the contract lacks.
    public static func translate(
        _ contract: Contract, source: CatalogueSource, regionName: (String) -> String? = { _ in nil },
        protocols: [DeclaredProtocol] = []
    ) throws -> CatalogueService {
        var problems: [Diagnostic] = []
        func need<T>(_ value: T?, _ key: String, at place: SourcePlace? = nil, hint: String = "") -> T? {
            if value == nil {
                problems.append(Diagnostic(file: contract.file, place: place ?? contract.place, severity: .error, rule: incompleteRule,
                    message: "the catalogue needs '\(key)'\(hint.isEmpty ? "" : "; " + hint)"))
            }
            return value
        }
        let classification = contract.classification
        let code = need(contract.code?.value, "code", hint: "run `contractc codes` to assign one")
        let interface = need(contract.interface?.value, "interface")
        let title = need(contract.title?.value, "title")
        let version = need(contract.version?.value, "version")
        let owner = need(contract.owner?.value, "owner")
        let resource = need(classification?.resourceCategory, "classification.resource", at: classification?.place)
        let service = need(classification?.serviceCategory, "classification.service", at: classification?.place)
        let content = need(classification?.contentKind, "classification.content", at: classification?.place)
        let protocolName = need(contract.protocolKind?.rawValue ?? contract.protocolName.flatMap { written in
            protocols.contains { $0.name == written.value } ? written.value : nil
        }, "protocol", at: contract.protocolName?.place, hint: "one of the nine of 服务接口 2 or one declared under 'protocols:' in .contractc.yaml")
        let endpoint = contract.endpoint
        let address = need(endpoint?.address?.value, "endpoint.address", at: endpoint?.place)
        let hosting = need(endpoint?.hostingKind, "endpoint.hosting", at: endpoint?.hosting?.place ?? endpoint?.place)
        let inspection = need(endpoint?.inspection?.value, "endpoint.inspection", at: endpoint?.place)
        let sharingLevel = need(contract.sharing?.sharingLevel, "sharing.level", at: contract.sharing?.place)
        let exchange = need(contract.exchangeMode, "exchange", at: contract.exchange?.place)

        var files: CatalogueFiles?
        if let written = contract.files {
            let classificationCode = need(written.classification?.value, "files.classification", at: written.place)
            let region = need(written.region?.value, "files.region", at: written.place)
            if let classificationCode, let region {
                files = CatalogueFiles(
                    classification: classificationCode, region: region, regionName: regionName(region),
                    extensions: (written.extensions ?? []).map(\.value))
            }
        }

        var methods: [CatalogueMethod] = []
        for method in contract.methods {
            guard let name = need(method.name?.value, "name", at: method.place) else { continue }
            let returns = method.returns
            let returnType: String
            if let returns, returns.isNone {
                returnType = "none"
            } else if let written = need(returns?.resolution.type?.typeName ?? returns?.type?.value, "returns.type", at: returns?.place ?? method.anchor) {
                returnType = written
            } else {
                continue
            }
            let resolved = returns?.resolution.type
            var maxItems = returns?.maxItems?.value
            if case .list(_, let bound)? = resolved, let bound { maxItems = bound }
            var binding: CatalogueHTTP?
            if let http = method.http, let verb = http.method?.value, let path = http.path?.value {
                binding = CatalogueHTTP(method: verb, path: path)
            }
            methods.append(CatalogueMethod(
                name: name,
                summary: method.summary?.value ?? "",
                http: binding,
                parameters: method.parameters.compactMap { field($0, need: need) },
                returns: CatalogueReturns(
                    type: returnType,
                    length: resolved?.lengthText,
                    description: returns?.description?.value ?? "",
                    maxItems: maxItems,
                    codes: (returns?.codes ?? []).compactMap { code in
                        guard let value = need(code.code?.value, "code", at: code.place) else { return nil }
                        return CatalogueReturnCode(code: value, name: code.name?.value, meaning: code.meaning?.value ?? "")
                    })))
        }
        var types: [CatalogueType] = []
        for type in contract.types {
            guard let name = type.name?.value else { continue }
            types.append(CatalogueType(
                name: name, description: type.description?.value ?? "",
                fields: type.fields.compactMap { field($0, need: need) }))
        }

        guard problems.isEmpty, let code, let interface, let title, let version, let owner, let resource, let service,
              let content, let protocolName, let address, let hosting, let inspection, let sharingLevel, let exchange
        else {
            throw GenerationFailure(diagnostics: problems)
        }
        let conditions = contract.sharing?.conditions?.value
        return CatalogueService(
            code: code, interface: interface, title: title, summary: contract.summary?.value,
            version: version, owner: owner,
            resource: CatalogueCategory(name: resource.rawValue, digit: resource.digit, label: resource.label),
            service: CatalogueCategory(name: service.rawValue, digit: service.digit, label: service.label),
            content: CatalogueLabel(name: content.rawValue, label: content.label),
            other: classification?.isOther ?? false,
            protocolName: protocolName, address: address,
            hosting: hosting.rawValue,
            origin: endpoint?.origin?.value,
            inspection: inspection,
            sharing: CatalogueSharing(level: sharingLevel.rawValue, label: sharingLevel.label, conditions: conditions),
            exchange: CatalogueLabel(name: exchange.rawValue, label: exchange.label),
            files: files, methods: methods, types: types, source: source)
    }

    private static func field(
        _ field: Field, need: (String?, String, SourcePlace?, String) -> String?
    ) -> CatalogueField? {
        guard let name = need(field.name?.value, "name", field.place, "") else { return nil }
        guard let typeName = need(field.resolution.type?.typeName ?? field.type?.value, "type", field.anchor, "") else { return nil }
        let type = field.resolution.type
        var maxItems = field.maxItems?.value
        if case .list(_, let bound)? = type, let bound { maxItems = bound }
        return CatalogueField(
            name: name, type: typeName, shorthand: type?.shorthand, length: type?.lengthText,
            required: field.isRequired, masking: field.masking?.value,
            description: field.description?.value ?? "", maxItems: maxItems)
    }
}
