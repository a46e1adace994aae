import ContractModel

/// `address-protocol-mismatch`: the address's scheme does not fit the stated protocol.
public struct AddressProtocolMismatchRule: ContractRule {
    /// The rule's id, clause, explanation and examples.
    public static let description = RuleDescription(
        id: "address-protocol-mismatch",
        severity: .error,
        clause: "服务接口 2",
        summary: "The scheme of `endpoint.address` fits `protocol:` (HTTPS → https://, SFTP → sftp://, SOAP → https:// or http://, …; a declared protocol → one of its `schemes`, with a port).",
        rationale: """
            服务接口 2 asks that the interface state its protocol; an address whose scheme says \
            another one leaves callers and the inspection (服务发布与巡检) to guess which is true. \
            An HTTPS service published at an http:// address would also be called without TLS. \
            The address of a protocol declared in `.contractc.yaml` uses one of its `schemes` and \
            names its port: the tool knows no default port for it, and the inspection connects there.
            """,
        bad: [
            RuleExample(Examples.base(replacing: "address: https://hrss.example.cn/api/person", with: "address: http://hrss.example.cn/api/person")),
            RuleExample(Examples.mqtt(replacing: "mqtts://broker.example.cn:8883/person", with: "https://broker.example.cn:8883/person"), protocols: [Examples.mqttDeclaration]),
            RuleExample(Examples.mqtt(replacing: "mqtts://broker.example.cn:8883/person", with: "mqtts://broker.example.cn/person"), protocols: [Examples.mqttDeclaration]),
        ],
        good: [
            RuleExample(Examples.base),
            RuleExample(Examples.base(replacing: "protocol: HTTPS", with: "protocol: SOAP")),
            RuleExample(Examples.mqtt, protocols: [Examples.mqttDeclaration]),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// Reports an address whose scheme is not one of the protocol's, or an address of a declared
    /// protocol that names no port.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        if let written = contract.protocolName, contract.protocolKind == nil,
            let declared = options.declaredProtocol(named: written.value)
        {
            check(contract, declared: declared, into: &findings)
            return
        }
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

    private func check(_ contract: Contract, declared: DeclaredProtocol, into findings: inout [Finding]) {
        guard let address = contract.endpoint?.address, case .success(let parsed) = ServiceAddress.parse(address.value) else { return }
        let rest = String(address.value.unicodeScalars.dropFirst(parsed.scheme.unicodeScalars.count + 3))
        if !declared.schemes.contains(parsed.scheme) {
            let fixes = declared.schemes.map { "\($0)://\(rest)" }.joined(separator: " or ")
            findings.add(contract, address.place,
                "address scheme '\(parsed.scheme)' does not fit protocol \(declared.name), declared in .contractc.yaml with schemes \(declared.schemes.joined(separator: ", ")); use \(fixes)")
        } else if parsed.port == nil {
            findings.add(contract, address.place,
                "the address of \(declared.name), a protocol declared in .contractc.yaml, names its port (\(parsed.scheme)://\(parsed.host):PORT/…): contractc knows no default port for it and inspects by connecting there")
        }
    }
}
