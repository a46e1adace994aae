import ContractModel

/// `protocol-unknown`: the protocol is not one of the nine of 服务接口 2, spelled as the standard spells it.
public struct ProtocolUnknownRule: ContractRule {
    /// The rule's id, clause, explanation and examples.
    public static let description = RuleDescription(
        id: "protocol-unknown",
        severity: .error,
        clause: "服务接口 2",
        summary: "`protocol:` is one of SOAP, Telnet, FTP, SMTP, HTTP, HTTPS, SFTP, SNMP, DNS, spelled exactly so.",
        rationale: """
            服务接口 2 names the network protocols an interface may follow: SOAP, Telnet, FTP, SMTP, \
            HTTP, HTTPS, SFTP, SNMP and DNS. The catalogue lists services by protocol and the \
            inspection chooses how to reach an address by it, so the contract spells the protocol \
            exactly as the standard does (`HTTPS`, `Telnet`) and architectural styles such as REST \
            are written as the protocol they run over.
            """,
        bad: [
            RuleExample(Examples.base(replacing: "protocol: HTTPS", with: "protocol: https")),
            RuleExample(Examples.base(replacing: "protocol: HTTPS", with: "protocol: REST")),
        ],
        good: [RuleExample(Examples.base)]
    )

    /// Creates the rule.
    public init() {}

    /// Reports a protocol that is not one of the nine.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        guard let written = contract.protocolName, ProtocolKind(rawValue: written.value) == nil else { return }
        var message = "protocol '\(written.value)' is not one of the nine protocols of 服务接口 2"
        let names = ProtocolKind.allCases.map(\.rawValue)
        if let suggestion = Suggestion.closest(to: written.value, in: names) {
            message += "; did you mean '\(suggestion)'? (spelled as the standard spells it)"
        } else if let text = contract.endpoint?.address?.value, case .success(let address) = ServiceAddress.parse(text),
            let kind = ProtocolKind.fitting(scheme: address.scheme)
        {
            message += "; the address is \(address.scheme)://…, so write 'protocol: \(kind.rawValue)' (one of \(ProtocolKind.standardList))"
        } else {
            message += "; write one of \(ProtocolKind.standardList)"
        }
        findings.add(contract, written.place, message)
    }
}
