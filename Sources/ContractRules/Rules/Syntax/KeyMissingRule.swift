import ContractModel
import ContractSyntax

/// `key-missing`: a key the language requires is absent (those without a rule of their own).
public struct KeyMissingRule: ContractRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "key-missing",
        severity: .error,
        clause: "合同格式 (§2); 服务分类; 数据共享; 服务发布与巡检",
        summary: "The keys every contract needs are present: contract, interface, title, version, owner, classification, endpoint, sharing, exchange, and the names of methods, parameters, fields and return codes; `title` and `owner` hold text, not an empty or blank value.",
        rationale: """
            The catalogue (服务发布与巡检) lists each service by its title, owner and version; the \
            service code (服务分类) comes from the classification; inspection needs the endpoint; the \
            sharing class (数据共享) and exchange mode (数据交换) are what the data-management office \
            authorises. A contract without them cannot be published. Keys with a rule of their own \
            (protocol, code, methods, summary, returns, descriptions) are reported by that rule. \
            A title or owner written as `""` or `" "` is missing too: the catalogue would publish a \
            service with no name or no managing authority.
            """,
        bad: [
            RuleExample(Examples.base(replacing: "owner: 成都市人力资源和社会保障局信息中心\n", with: "")),
            RuleExample(Examples.base(replacing: "  inspection: P1D\n", with: "")),
            RuleExample(Examples.base(replacing: "title: 参保人员信息查询", with: "title: \"\"")),
            RuleExample(Examples.base(replacing: "title: 参保人员信息查询", with: "title: \" \"")),
            RuleExample(Examples.base(replacing: "owner: 成都市人力资源和社会保障局信息中心", with: "owner: \"\"")),
        ],
        good: [RuleExample(Examples.base)]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        let root = contract.place
        func need<T>(_ value: T?, _ key: String, at place: SourcePlace, _ hint: String, written: Set<String>? = nil) {
            guard value == nil else { return }
            let leaf = String(key.split(separator: ".").last ?? "")
            let wasWritten = written.map { $0.contains(leaf) } ?? contract.writtenKeys.contains(key)
            if value == nil && !wasWritten { findings.add(contract, place, "missing '\(key)'; \(hint)") }
        }
        func blank(_ value: Located<String>?, _ key: String, _ hint: String) {
            guard let value, value.value.unicodeScalars.allSatisfy(\.properties.isWhitespace) else { return }
            findings.add(contract, value.place, "'\(key)' is \(value.value.isEmpty ? "empty" : "blank"); \(hint)")
        }
        need(contract.languageVersion, "contract", at: root, "add 'contract: 1' (the language version)")
        need(contract.interface, "interface", at: root, "add 'interface: PascalCaseName'")
        need(contract.title, "title", at: root, "add 'title:' with the service's name as the catalogue shows it")
        if contract.keyPlaces["version"] == nil {  // an empty `version:` is reported by `version-invalid`
            need(contract.version, "version", at: root, "add 'version: 1.0.0'")
        }
        need(contract.owner, "owner", at: root, "add 'owner:' with the managing authority")
        blank(contract.title, "title", "write the service's name as the catalogue shows it")
        blank(contract.owner, "owner", "write the managing authority, e.g. 'owner: 成都市人力资源和社会保障局信息中心'")
        need(contract.exchange, "exchange", at: root, "add 'exchange:' — interface, database, file or cascade")
        if let c = contract.classification {
            need(c.resource, "classification.resource", at: c.place, "add 'resource:' — general, specialized or analytical", written: c.writtenKeys)
            need(c.service, "classification.service", at: c.place, "add 'service:' — basicQuery, businessAnalysis, statistics or other", written: c.writtenKeys)
            need(c.content, "classification.content", at: c.place, "add 'content:' — one of the nine content kinds of 服务内容", written: c.writtenKeys)
        } else {
            need(contract.classification, "classification", at: root, "add 'classification:' with resource, service and content")
        }
        if let e = contract.endpoint {
            need(e.address, "endpoint.address", at: e.place, "add 'address:' with the service's URL", written: e.writtenKeys)
            need(e.inspection, "endpoint.inspection", at: e.place, "add 'inspection:' with an ISO 8601 period such as P1D", written: e.writtenKeys)
        } else {
            need(contract.endpoint, "endpoint", at: root, "add 'endpoint:' with address, hosting and inspection")
        }
        if let s = contract.sharing {
            need(s.level, "sharing.level", at: s.place, "add 'level:' — unconditional, conditional or none", written: s.writtenKeys)
        } else {
            need(contract.sharing, "sharing", at: root, "add 'sharing:' with level (and conditions when conditional)")
        }
        for m in contract.methods {
            need(m.name, "name", at: m.place, "give the method a camelCase 'name:'", written: m.writtenKeys)
            for p in m.parameters { need(p.name, "name", at: p.place, "give the parameter a camelCase 'name:'", written: p.writtenKeys) }
            for c in m.returns?.codes ?? [] { need(c.code, "code", at: c.place, "give the return code a whole-number 'code:'", written: c.writtenKeys) }
        }
        for t in contract.types {
            for f in t.fields { need(f.name, "name", at: f.place, "give the field a camelCase 'name:'", written: f.writtenKeys) }
        }
    }
}
