import ContractModel

/// `protocol-missing`: the interface states no network protocol (服务接口 2).
public struct ProtocolMissingRule: ContractRule {
    /// The rule's id, clause, explanation and examples.
    public static let description = RuleDescription(
        id: "protocol-missing",
        severity: .error,
        clause: "服务接口 2",
        summary: "The contract states its network protocol with `protocol:`.",
        rationale: """
            服务接口 2 asks that every interface state the network protocol it follows — SOAP, Telnet, \
            FTP, SMTP, HTTP, HTTPS, SFTP, SNMP or DNS. Callers need it to connect, the catalogue \
            publishes it, and the inspection (服务发布与巡检) checks each address by its protocol.
            """,
        bad: [RuleExample(Examples.base(replacing: "protocol: HTTPS\n", with: ""))],
        good: [RuleExample(Examples.base)]
    )

    /// Creates the rule.
    public init() {}

    /// Reports a contract without `protocol:`, or with an empty one.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        guard contract.protocolName == nil else { return }
        // A misspelt key (`protocoll:`) is reported once, by `unknown-key`.
        guard !contract.misspeltKeys.contains("protocol") else { return }
        let advice = Self.advice(for: contract)
        guard let keyPlace = contract.keyPlaces["protocol"] else {
            findings.add(contract, contract.place, "missing 'protocol'; state the network protocol of the interface (服务接口 2): \(advice)")
            return
        }
        // Written with a value of the wrong kind: `value-type` reports it.
        guard !contract.hasWrongKindValue(from: keyPlace, before: contract.topLevelEnd(after: keyPlace)) else { return }
        findings.add(contract, keyPlace, "'protocol' is empty; state the network protocol of the interface (服务接口 2): \(advice)")
    }

    /// "add 'protocol: HTTPS'" when the address tells, else the list of the nine.
    static func advice(for contract: Contract) -> String {
        if let text = contract.endpoint?.address?.value, case .success(let address) = ServiceAddress.parse(text),
            let kind = ProtocolKind.fitting(scheme: address.scheme)
        {
            return "add 'protocol: \(kind.rawValue)' (the address is \(address.scheme)://…)"
        }
        return "add 'protocol:' with one of \(ProtocolKind.standardList)"
    }
}

extension ProtocolKind {
    /// "SOAP, Telnet, FTP, SMTP, HTTP, HTTPS, SFTP, SNMP or DNS".
    static var standardList: String {
        let names = allCases.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
    }

    /// The protocol an address scheme most likely belongs to: the one named like it, else the
    /// first that accepts it (`https` → HTTPS rather than SOAP, `ftps` → FTP).
    static func fitting(scheme: String) -> ProtocolKind? {
        let scheme = scheme.lowercased()
        return allCases.first { $0.rawValue.lowercased() == scheme } ?? allCases.first { $0.schemes.contains(scheme) }
    }
}
