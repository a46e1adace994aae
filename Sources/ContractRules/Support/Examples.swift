import ContractModel

/// The contract that rule examples start from: small, complete, and clean under every rule.
///
/// A rule's examples are usually this contract with one line changed, made with
/// ``base(replacing:with:)``, so that each example shows exactly the thing its rule is about.
public enum Examples {
    /// A minimal clean contract.
    public static let base = """
        contract: 1
        interface: PersonInfoQuery
        code: "1101"
        title: 参保人员信息查询
        version: 1.0.0
        owner: 成都市人力资源和社会保障局信息中心
        classification:
          resource: general
          service: basicQuery
          content: basicInfoQuery
        protocol: HTTPS
        endpoint:
          address: https://hrss.example.cn/api/person
          hosting: local
          inspection: P1D
        sharing:
          level: unconditional
        exchange: interface
        methods:
          - name: queryPerson
            summary: 按公民身份号码查询参保人员
            parameters:
              - name: idNumber
                type: C18
                description: 公民身份号码
                masking: idNumber
            returns:
              type: PersonInfo
              description: 参保人员基础信息
              codes:
                - code: 0
                  name: success
                  meaning: 查询成功
        types:
          PersonInfo:
            description: 参保人员基础信息
            fields:
              - name: fullName
                type: string
                length: 50
                description: 姓名
                masking: name

        """

    /// The base contract served over MQTT, a protocol beyond the nine that a catalogue declares
    /// (``mqttDeclaration``).
    public static let mqtt = base([
        ("protocol: HTTPS", "protocol: MQTT"),
        ("address: https://hrss.example.cn/api/person", "address: mqtts://broker.example.cn:8883/person"),
    ])

    /// ``mqtt`` with the first occurrence of `old` replaced by `new`.
    public static func mqtt(replacing old: String, with new: String) -> String {
        mqtt.replacingFirst(old, with: new)
    }

    /// `protocols: [{name: MQTT, schemes: [mqtt, mqtts]}]`, as `.contractc.yaml` declares it.
    public static let mqttDeclaration = DeclaredProtocol(name: "MQTT", schemes: ["mqtt", "mqtts"])

    /// The base contract with the first occurrence of `old` replaced by `new`.
    ///
    /// When `old` is not in the base the result carries a marker line that makes the
    /// example tests fail, so a stale example cannot pass silently.
    public static func base(replacing old: String, with new: String) -> String {
        base.replacingFirst(old, with: new)
    }

    /// The base contract with several replacements applied in order.
    public static func base(_ replacements: [(String, String)]) -> String {
        replacements.reduce(base) { $0.replacingFirst($1.0, with: $1.1) }
    }
}

extension String {
    /// Replaces the first occurrence; appends an invalid marker when there is none.
    func replacingFirst(_ old: String, with new: String) -> String {
        guard let range = firstRange(of: old) else {
            return self + "\nexample-replacement-not-found: [\(old)\n"
        }
        return String(self[..<range.lowerBound]) + new + String(self[range.upperBound...])
    }
}
