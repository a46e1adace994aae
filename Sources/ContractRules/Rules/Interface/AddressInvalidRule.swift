import ContractModel

/// `address-invalid`: the endpoint address is not an absolute URL `scheme://host[:port][/path]`.
public struct AddressInvalidRule: ContractRule {
    /// The rule's id, clause, explanation and examples.
    public static let description = RuleDescription(
        id: "address-invalid",
        severity: .error,
        clause: "服务发布与巡检",
        summary: "`endpoint.address` is an absolute URL `scheme://host[:port][/path]`: a host, a port from 1 to 65535 if any, no spaces.",
        rationale: """
            服务发布与巡检 has every service published or registered with its address, and the address \
            (URL) inspected on an agreed period; a dead local service is repaired and its address \
            updated, a dead remote one reported to its origin. An address that is not a complete \
            URL cannot be published, called or inspected, so it is checked where it is written: a \
            scheme, a host, a valid port, no white space, no credentials and no fragment. A \
            `mailto:` address names a mailbox, not the server an SMTP service runs on, so it is \
            not told to become `mailto://`: it is told the server address (`smtp://domain`).
            """,
        bad: [
            RuleExample(Examples.base(replacing: "address: https://hrss.example.cn/api/person", with: "address: https://hrss.example.cn:99999/api/person")),
            RuleExample(Examples.base(replacing: "address: https://hrss.example.cn/api/person", with: "address: hrss.example.cn/api/person")),
            RuleExample(Examples.base(replacing: "address: https://hrss.example.cn/api/person", with: "address: https://hrss.example.cn/api/person info")),
            RuleExample(Examples.base([("protocol: HTTPS", "protocol: SMTP"),
                ("address: https://hrss.example.cn/api/person", "address: mailto:hr@hrss.example.cn")])),
        ],
        good: [
            RuleExample(Examples.base),
            RuleExample(Examples.base(replacing: "address: https://hrss.example.cn/api/person", with: "address: https://[2001:db8::1]:8443/api/person?format=json")),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// Reports an address that does not parse, or an empty one.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        guard let endpoint = contract.endpoint else { return }
        let written = WrittenText(endpoint.address, key: "address", writtenKeys: endpoint.writtenKeys, in: contract,
            from: endpoint.place, before: contract.topLevelEnd(after: endpoint.place))
        switch written {
        case .absent, .unreadable:
            return  // `key-missing` and `value-type` report these.
        case .empty:
            findings.add(contract, endpoint.place, "'address' under 'endpoint' is empty; write the service's URL, scheme://host[:port][/path]")
        case .blank(let place):
            findings.add(contract, place, "'address' under 'endpoint' is blank; write the service's URL, scheme://host[:port][/path]")
        case .text(let address):
            guard case .failure(let error) = ServiceAddress.parse(address.value) else { return }
            var message = "endpoint address: \(error.message)"
            if error.kind == .missingScheme, let scheme = contract.protocolKind?.schemes.first {
                message += "; write \(scheme)://\(address.value)"
            } else if error.kind == .missingAuthority, let kind = contract.protocolKind, let scheme = kind.schemes.first,
                let colon = address.value.firstIndex(of: ":"),
                ServiceAddress.opaqueSchemes[address.value[..<colon].lowercased()] != nil
            {
                // `mailto:hr@hrss.example.cn` for SMTP: the server is the mail domain's, not the mailbox.
                let rest = address.value[address.value.index(after: colon)...]
                let domain = rest.split(separator: "@").last.map { String($0.prefix { $0 != "?" && $0 != "/" }) } ?? ""
                let host = rest.contains("@") && !domain.isEmpty ? domain : "host"
                message += "; for \(kind.rawValue) write \(scheme)://\(host)\(host == "host" ? "[:port]" : "") (the server, not \(address.value[..<colon].lowercased() == "mailto" ? "the mailbox" : "the name"))"
            }
            findings.add(contract, address.place, message)
        }
    }
}
