/// The resource categories of 服务分类 (the first digit of a service code).
public enum ResourceCategory: String, Sendable, CaseIterable, Hashable {
    /// 通用基础数据, digit 1.
    case general
    /// 专项业务数据, digit 2.
    case specialized
    /// 分析数据, digit 3.
    case analytical

    /// The digit in the service code.
    public var digit: Int {
        switch self {
        case .general: 1
        case .specialized: 2
        case .analytical: 3
        }
    }

    /// The standard's Chinese name.
    public var label: String {
        switch self {
        case .general: "通用基础数据"
        case .specialized: "专项业务数据"
        case .analytical: "分析数据"
        }
    }

    /// The category with a digit, if any.
    public init?(digit: Int) {
        guard let c = Self.allCases.first(where: { $0.digit == digit }) else { return nil }
        self = c
    }
}

/// The service categories of 服务分类 (the second digit of a service code).
public enum ServiceCategory: String, Sendable, CaseIterable, Hashable {
    /// 基础信息查询, digit 1.
    case basicQuery
    /// 业务分析查询, digit 2.
    case businessAnalysis
    /// 统计查询, digit 3.
    case statistics
    /// 其他, digit 9.
    case other

    /// The digit in the service code.
    public var digit: Int {
        switch self {
        case .basicQuery: 1
        case .businessAnalysis: 2
        case .statistics: 3
        case .other: 9
        }
    }

    /// The standard's Chinese name.
    public var label: String {
        switch self {
        case .basicQuery: "基础信息查询"
        case .businessAnalysis: "业务分析查询"
        case .statistics: "统计查询"
        case .other: "其他"
        }
    }

    /// The category with a digit, if any.
    public init?(digit: Int) {
        guard let c = Self.allCases.first(where: { $0.digit == digit }) else { return nil }
        self = c
    }
}

/// The content kinds of 服务内容.
public enum ContentKind: String, Sendable, CaseIterable, Hashable {
    /// 基础信息查询
    case basicInfoQuery
    /// 统计查询
    case statisticsQuery
    /// 监督检查
    case supervision
    /// 关联分析查询
    case correlationAnalysis
    /// 数据推送
    case dataPush
    /// 数据挖掘
    case dataMining
    /// 智能分析
    case intelligentAnalysis
    /// 数据可视化
    case visualization
    /// 其他
    case other

    /// The standard's Chinese name.
    public var label: String {
        switch self {
        case .basicInfoQuery: "基础信息查询"
        case .statisticsQuery: "统计查询"
        case .supervision: "监督检查"
        case .correlationAnalysis: "关联分析查询"
        case .dataPush: "数据推送"
        case .dataMining: "数据挖掘"
        case .intelligentAnalysis: "智能分析"
        case .visualization: "数据可视化"
        case .other: "其他"
        }
    }
}

/// The nine network protocols of 服务接口 2, spelled as the standard spells them.
public enum ProtocolKind: String, Sendable, CaseIterable, Hashable {
    /// Simple Object Access Protocol, over HTTP or HTTPS.
    case soap = "SOAP"
    /// Telnet.
    case telnet = "Telnet"
    /// File Transfer Protocol.
    case ftp = "FTP"
    /// Simple Mail Transfer Protocol.
    case smtp = "SMTP"
    /// Hypertext Transfer Protocol.
    case http = "HTTP"
    /// HTTP over TLS.
    case https = "HTTPS"
    /// SSH File Transfer Protocol.
    case sftp = "SFTP"
    /// Simple Network Management Protocol.
    case snmp = "SNMP"
    /// Domain Name System.
    case dns = "DNS"

    /// URL schemes an address of this protocol may use.
    public var schemes: [String] {
        switch self {
        case .soap: ["https", "http"]
        case .telnet: ["telnet"]
        case .ftp: ["ftp", "ftps"]
        case .smtp: ["smtp", "smtps"]
        case .http: ["http"]
        case .https: ["https"]
        case .sftp: ["sftp"]
        case .snmp: ["snmp"]
        case .dns: ["dns"]
        }
    }

    /// Whether methods of this protocol may carry an `http:` binding.
    public var isHTTP: Bool { self == .http || self == .https }

    /// The port used when an address names none.
    public var defaultPort: Int {
        switch self {
        case .soap, .http: 80
        case .https: 443
        case .telnet: 23
        case .ftp: 21
        case .smtp: 25
        case .sftp: 22
        case .snmp: 161
        case .dns: 53
        }
    }
}

/// A protocol beyond the nine that a catalogue declares under `protocols:` in `.contractc.yaml`
/// (服务接口 2 ends its list with 等, "and so on"): an MQTT broker, say.
///
/// Contracts spell it in `protocol:` exactly as declared. Its addresses use one of its schemes
/// and name their port, which is all `contractc inspect` knows of it (a TCP connection is up).
public struct DeclaredProtocol: Sendable, Hashable {
    /// The name contracts write in `protocol:`, e.g. `MQTT`.
    public var name: String
    /// URL schemes its addresses may use, lowercase, e.g. `mqtt`, `mqtts`.
    public var schemes: [String]

    /// Creates a declaration.
    public init(name: String, schemes: [String]) {
        self.name = name
        self.schemes = schemes
    }
}

/// Where a service's data lives (服务发布与巡检).
public enum Hosting: String, Sendable, CaseIterable, Hashable {
    /// 本地数据: published and repaired here.
    case local
    /// 异地数据: registered here, published and repaired by its origin.
    case remote

    /// The standard's Chinese name.
    public var label: String { self == .local ? "本地数据" : "异地数据" }
}

/// The sharing classes of 数据共享.
public enum SharingLevel: String, Sendable, CaseIterable, Hashable {
    /// 无条件共享
    case unconditional
    /// 有条件共享
    case conditional
    /// 不予共享
    case none

    /// The standard's Chinese name.
    public var label: String {
        switch self {
        case .unconditional: "无条件共享"
        case .conditional: "有条件共享"
        case .none: "不予共享"
        }
    }

    /// How strict the level is: 0 unconditional, 1 conditional, 2 none.
    public var strictness: Int {
        switch self {
        case .unconditional: 0
        case .conditional: 1
        case .none: 2
        }
    }
}

/// The exchange modes of 数据交换.
public enum ExchangeMode: String, Sendable, CaseIterable, Hashable {
    /// 服务接口交换
    case interface
    /// 数据库交换
    case database
    /// 文件交换
    case file
    /// 级联交换
    case cascade

    /// The standard's Chinese name.
    public var label: String {
        switch self {
        case .interface: "服务接口交换"
        case .database: "数据库交换"
        case .file: "文件交换"
        case .cascade: "级联交换"
        }
    }
}

/// The masking kinds of 内部应用 2 (数据脱敏).
public enum MaskingKind: String, Sendable, CaseIterable, Hashable {
    /// Keep the first 6 and last 4 characters.
    case idNumber
    /// Keep the first character.
    case name
    /// Keep the first 3 and last 4 characters.
    case phone
    /// Keep the last 4 characters.
    case bankCard
    /// Keep up to the district.
    case address
    /// Keep the first character and the domain.
    case email
    /// Hide every character.
    case full
}

/// The HTTP methods an `http:` binding may use.
public enum HTTPMethodKind: String, Sendable, CaseIterable, Hashable {
    /// GET: parameters in the path and query.
    case get = "GET"
    /// POST: parameters in a JSON body.
    case post = "POST"
    /// PUT: parameters in a JSON body.
    case put = "PUT"
    /// PATCH: parameters in a JSON body.
    case patch = "PATCH"
    /// DELETE: parameters in the path and query.
    case delete = "DELETE"
}
