import ContractModel

/// `protocol-unknown`: the protocol is not one of the nine of 服务接口 2, spelled as the standard
/// spells it, nor one the configuration declares under `protocols:`.
public struct ProtocolUnknownRule: ContractRule {
    /// The rule's id, clause, explanation and examples.
    public static let description = RuleDescription(
        id: "protocol-unknown",
        severity: .error,
        clause: "服务接口 2",
        summary: "`protocol:` is one of SOAP, Telnet, FTP, SMTP, HTTP, HTTPS, SFTP, SNMP, DNS, or one declared under `protocols:` in `.contractc.yaml`, spelled exactly so.",
        rationale: """
            服务接口 2 names the network protocols an interface may follow: SOAP, Telnet, FTP, SMTP, \
            HTTP, HTTPS, SFTP, SNMP and DNS. The catalogue lists services by protocol and the \
            inspection chooses how to reach an address by it, so the contract spells the protocol \
            exactly as the standard does (`HTTPS`, `Telnet`) and architectural styles such as REST \
            are written as the protocol they run over. The list ends with 等 ("and so on"): a \
            catalogue whose services speak another protocol (MQTT, say) declares it under \
            `protocols:` in `.contractc.yaml`, with the URL schemes of its addresses, and its \
            contracts then spell it as declared.
            """,
        bad: [
            RuleExample(Examples.base(replacing: "protocol: HTTPS", with: "protocol: https")),
            RuleExample(Examples.base(replacing: "protocol: HTTPS", with: "protocol: REST")),
            RuleExample(Examples.mqtt, protocols: []),
        ],
        good: [RuleExample(Examples.base), RuleExample(Examples.mqtt, protocols: [Examples.mqttDeclaration])]
    )

    /// Creates the rule.
    public init() {}

    /// Reports a protocol that is neither one of the nine nor declared.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        guard let written = contract.protocolName, ProtocolKind(rawValue: written.value) == nil,
            options.declaredProtocol(named: written.value) == nil
        else { return }
        var message = "protocol '\(written.value)' is not one of the nine protocols of 服务接口 2"
        if !options.protocols.isEmpty {
            message += " nor declared in .contractc.yaml (\(options.protocols.map(\.name).joined(separator: ", ")))"
        }
        let names = ProtocolKind.allCases.map(\.rawValue) + options.protocols.map(\.name)
        if let suggestion = Suggestion.closest(to: written.value, in: names) {
            message += "; did you mean '\(suggestion)'? (spelled as \(options.protocols.isEmpty ? "the standard spells it" : "the standard or the declaration spells it"))"
        } else if let text = contract.endpoint?.address?.value, case .success(let address) = ServiceAddress.parse(text),
            let kind = ProtocolKind.fitting(scheme: address.scheme)
        {
            message += "; the address is \(address.scheme)://…, so write 'protocol: \(kind.rawValue)' (one of \(ProtocolKind.standardList))"
        } else {
            message += "; write one of \(ProtocolKind.standardList), or declare it under 'protocols:' in .contractc.yaml"
        }
        findings.add(contract, written.place, message)
    }
}
