/// A four-digit service code of the catalogue (standard clause 服务分类): resource category digit,
/// service category digit, then a two-digit zero-padded serial; serial `99` is the "other" entry of
/// its group. `"1101"` is the first basic-information query over general base data.
///
/// Any four ASCII digits form a `ServiceCode`; ``isStandard`` tells whether the digits are ones
/// the standard defines. In JSON it is the string `"1101"`. Codes order as their text (and so as
/// numbers).
public struct ServiceCode: Hashable, Sendable, Codable, LosslessStringConvertible, Comparable {
    /// The four digits, e.g. `"1101"`.
    public let description: String

    /// Parses exactly four ASCII digits; `nil` for anything else.
    public init?(_ description: String) {
        let bytes = Array(description.utf8)
        guard bytes.count == 4, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        self.description = description
    }

    /// Builds a code from its parts; `nil` unless both digits are 0...9 and `serial` is 0...99.
    public init?(resourceDigit: Int, serviceDigit: Int, serial: Int) {
        guard (0...9).contains(resourceDigit), (0...9).contains(serviceDigit), (0...99).contains(serial) else {
            return nil
        }
        self.description = "\(resourceDigit)\(serviceDigit)\(serial < 10 ? "0" : "")\(serial)"
    }

    private func digit(_ offset: Int) -> Int {
        let bytes = Array(description.utf8)
        return offset < bytes.count ? Int(bytes[offset]) - 0x30 : 0
    }

    /// The resource category digit: 1 通用基础数据 (general), 2 专项业务数据 (specialized),
    /// 3 分析数据 (analytical).
    public var resourceDigit: Int { digit(0) }

    /// The service category digit: 1 基础信息查询 (basic query), 2 业务分析查询 (business
    /// analysis), 3 统计查询 (statistics), 9 其他 (other).
    public var serviceDigit: Int { digit(1) }

    /// The serial within the group, 0...99.
    public var serial: Int { digit(2) * 10 + digit(3) }

    /// The group: resource digit and service digit, e.g. `"11"`.
    public var group: String { String(description.prefix(2)) }

    /// True for serial 99, the catch-all "other" entry of its group.
    public var isOther: Bool { serial == 99 }

    /// The resource category, if the digit is one the standard defines.
    public var resourceCategory: ResourceCategory? { ResourceCategory(rawValue: resourceDigit) }

    /// The service category, if the digit is one the standard defines.
    public var serviceCategory: ServiceCategory? { ServiceCategory(rawValue: serviceDigit) }

    /// True when both category digits are defined by the standard and the serial is 01...99.
    public var isStandard: Bool {
        resourceCategory != nil && serviceCategory != nil && serial >= 1
    }

    /// Orders by the four digits.
    public static func < (lhs: ServiceCode, rhs: ServiceCode) -> Bool {
        lhs.description < rhs.description
    }

    /// Decodes the four-digit string; anything else throws `DecodingError.dataCorrupted`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let code = ServiceCode(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a 4-digit service code")
        }
        self = code
    }

    /// Encodes the four-digit string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// The resource category, first digit of a ``ServiceCode`` (contract `classification.resource`).
public enum ResourceCategory: Int, CaseIterable, Sendable, Codable {
    /// 1, `general`: 通用基础数据.
    case general = 1
    /// 2, `specialized`: 专项业务数据.
    case specialized = 2
    /// 3, `analytical`: 分析数据.
    case analytical = 3

    /// The contract spelling: `general`, `specialized` or `analytical`.
    public var contractName: String {
        switch self {
        case .general: return "general"
        case .specialized: return "specialized"
        case .analytical: return "analytical"
        }
    }

    /// The standard's Chinese label, e.g. `通用基础数据`.
    public var label: String {
        switch self {
        case .general: return "通用基础数据"
        case .specialized: return "专项业务数据"
        case .analytical: return "分析数据"
        }
    }
}

/// The service category, second digit of a ``ServiceCode`` (contract `classification.service`).
public enum ServiceCategory: Int, CaseIterable, Sendable, Codable {
    /// 1, `basicQuery`: 基础信息查询.
    case basicQuery = 1
    /// 2, `businessAnalysis`: 业务分析查询.
    case businessAnalysis = 2
    /// 3, `statistics`: 统计查询.
    case statistics = 3
    /// 9, `other`: 其他.
    case other = 9

    /// The contract spelling: `basicQuery`, `businessAnalysis`, `statistics` or `other`.
    public var contractName: String {
        switch self {
        case .basicQuery: return "basicQuery"
        case .businessAnalysis: return "businessAnalysis"
        case .statistics: return "statistics"
        case .other: return "other"
        }
    }

    /// The standard's Chinese label, e.g. `基础信息查询`.
    public var label: String {
        switch self {
        case .basicQuery: return "基础信息查询"
        case .businessAnalysis: return "业务分析查询"
        case .statistics: return "统计查询"
        case .other: return "其他"
        }
    }
}

/// The network protocol of an interface (standard clause 服务接口 2), spelled as the standard
/// spells it: one of the nine (``soap``, ``https``, …), or one a catalogue declares under
/// `protocols:` in `.contractc.yaml` (``declared(_:)``), since the standard's list ends with 等.
///
/// The nine are static constants, so `ServiceProtocol.https` reads as it always has; compare with
/// `==` or `switch` with a `default:` (a declared protocol is none of the nine).
public struct ServiceProtocol: RawRepresentable, Hashable, CaseIterable, Sendable, Codable, CustomStringConvertible {
    /// The name as the standard, or the declaration, spells it (`HTTPS`, `MQTT`).
    public let rawValue: String

    private init(name: String) { rawValue = name }

    /// One of the nine, by its exact spelling; nil for any other text (`https`, `MQTT`).
    public init?(rawValue: String) {
        guard let standard = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = standard
    }

    /// A protocol a catalogue declares beyond the nine, named as contracts spell it (`MQTT`).
    /// A name of the nine gives that one: `declared("HTTPS") == .https`.
    public static func declared(_ name: String) -> ServiceProtocol {
        ServiceProtocol(rawValue: name) ?? ServiceProtocol(name: name)
    }

    /// As the constant is written: `https` for ``https``, `declared("MQTT")` for a declared one.
    public var description: String { isStandard ? rawValue.lowercased() : "declared(\"\(rawValue)\")" }

    /// Whether this is one of the nine of 服务接口 2 rather than a declared protocol.
    public var isStandard: Bool { Self.allCases.contains(self) }

    /// SOAP web services.
    public static let soap = ServiceProtocol(name: "SOAP")
    /// Telnet.
    public static let telnet = ServiceProtocol(name: "Telnet")
    /// FTP file transfer.
    public static let ftp = ServiceProtocol(name: "FTP")
    /// SMTP mail.
    public static let smtp = ServiceProtocol(name: "SMTP")
    /// Plain HTTP.
    public static let http = ServiceProtocol(name: "HTTP")
    /// HTTP over TLS.
    public static let https = ServiceProtocol(name: "HTTPS")
    /// SSH file transfer.
    public static let sftp = ServiceProtocol(name: "SFTP")
    /// SNMP network management.
    public static let snmp = ServiceProtocol(name: "SNMP")
    /// DNS.
    public static let dns = ServiceProtocol(name: "DNS")

    /// The nine protocols of 服务接口 2, in the standard's order.
    public static let allCases: [ServiceProtocol] = [.soap, .telnet, .ftp, .smtp, .http, .https, .sftp, .snmp, .dns]

    /// Decodes the name; any non-empty name other than the nine is a declared protocol.
    public init(from decoder: any Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        guard !name.isEmpty else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a protocol name is not empty"))
        }
        self = .declared(name)
    }

    /// Encodes the name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Who may use a service's data (standard clause 数据共享).
public enum SharingLevel: String, CaseIterable, Sendable, Codable {
    /// 无条件共享: shared with anyone.
    case unconditional
    /// 有条件共享: shared under the contract's stated conditions.
    case conditional
    /// 不予共享: not shared.
    case none
}

/// Where a service's data lives (standard clause 服务发布与巡检).
public enum Hosting: String, CaseIterable, Sendable, Codable {
    /// 本地数据: published, authorised and repaired here.
    case local
    /// 异地数据: registered and catalogued here; failures are reported to the origin.
    case remote
}

/// How a service exchanges data (standard clause 数据交换).
public enum ExchangeMode: String, CaseIterable, Sendable, Codable {
    /// Through a service interface.
    case interface
    /// Through a shared database.
    case database
    /// Through exchange files.
    case file
    /// Through a cascade of platforms.
    case cascade
}
