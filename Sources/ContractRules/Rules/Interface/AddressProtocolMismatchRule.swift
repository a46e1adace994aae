import ContractModel

/// `address-protocol-mismatch`: the address's scheme does not fit the stated protocol.
public struct AddressProtocolMismatchRule: ContractRule {
    /// The rule's id, clause, explanation and examples.
    public static let description = RuleDescription(
        id: "address-protocol-mismatch",
        severity: .error,
        clause: "服务接口 2",
        summary: "The scheme of `endpoint.address` fits `protocol:` (HTTPS → https://, SFTP → sftp://, SOAP → https:// or http://, …).",
        rationale: """
            服务接口 2 asks that the interface state its protocol; an address whose scheme says \
            another one leaves callers and the inspection (服务发布与巡检) to guess which is true. \
            An HTTPS service published at an http:// address would also be called without TLS.
            """,
        bad: [
            RuleExample(Examples.base(replacing: "address: https://hrss.example.cn/api/person", with: "address: http://hrss.example.cn/api/person")),
        ],
        good: [
            RuleExample(Examples.base),
            RuleExample(Examples.base(replacing: "protocol: HTTPS", with: "protocol: SOAP")),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// Reports an address whose scheme is not one of the protocol's.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        guard let kind = contract.protocolKind, let address = contract.endpoint?.address,
            case .success(let parsed) = ServiceAddress.parse(address.value),
            !kind.schemes.contains(parsed.scheme)
        else { return }
        // A parsed address starts with its (ASCII) scheme and "://".
        let rest = String(address.value.unicodeScalars.dropFirst(parsed.scheme.unicodeScalars.count + 3))
        let fixes = kind.schemes.map { "\($0)://\(rest)" }.joined(separator: " or ")
        var message = "address scheme '\(parsed.scheme)' does not fit protocol \(kind.rawValue); use \(fixes)"
        if let other = ProtocolKind.fitting(scheme: parsed.scheme) {
            message += ", or change the protocol to \(other.rawValue) if that is what the service speaks"
        }
        findings.add(contract, address.place, message)
    }
}
