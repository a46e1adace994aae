import ContractModel

/// `content-category-mismatch`: the content kind contradicts the service category (服务分类, 服务内容).
public struct ContentCategoryMismatchRule: ContractRule {
    /// The rule's data.
    public static let description = RuleDescription(
        id: "content-category-mismatch",
        severity: .error,
        clause: "服务分类; 服务内容",
        summary: "`classification.content` does not contradict `classification.service`: basicInfoQuery content sits under basicQuery, statisticsQuery under statistics, and analysis content (correlationAnalysis, dataMining, intelligentAnalysis) not under basicQuery; `other` on either side, and a group's `other: true` entry, combine with anything.",
        rationale: """
            服务分类 sorts a service into 基础信息查询 (1), 业务分析查询 (2), 统计查询 (3) or 其他 (9), and \
            the service code carries that digit; 服务内容 lists what a service does: 基础信息查询, 统计查询, \
            监督检查, 关联分析查询, 数据推送, 数据挖掘, 智能分析, 数据可视化, 其他. Two content kinds carry \
            the very name of a service category, so they belong to it: content 基础信息查询 \
            (basicInfoQuery) to service 基础信息查询 (basicQuery), content 统计查询 (statisticsQuery) to \
            service 统计查询 (statistics). The analysis content kinds (关联分析查询, 数据挖掘, 智能分析) \
            are not a lookup of basic information. The rule forbids only these clear contradictions; \
            监督检查, 数据推送 and 数据可视化 may serve any category, and 其他 on either side combines \
            with anything. The table, each content kind with the service categories it may be \
            filed under: basicInfoQuery — basicQuery, other; statisticsQuery — statistics, other; \
            correlationAnalysis, dataMining, intelligentAnalysis — businessAnalysis, statistics, \
            other; supervision, dataPush, visualization, other — any. The catch-all entry of a group \
            (`classification.other: true`, serial 99) holds whatever the group's numbered services do \
            not, so its content is not checked.

            A contradiction puts the service under the wrong digit of its code and the wrong heading \
            of the catalogue: a statistics service filed as a basic-information query is authorised \
            and found as one.
            """,
        bad: [
            RuleExample(Examples.base(replacing: "  content: basicInfoQuery", with: "  content: statisticsQuery")),
            RuleExample(Examples.base(replacing: "  content: basicInfoQuery", with: "  content: dataMining")),
            RuleExample(Examples.base([("code: \"1101\"", "code: \"1301\""), ("  service: basicQuery", "  service: statistics")])),
        ],
        good: [
            RuleExample(Examples.base),
            RuleExample(Examples.base(replacing: "  content: basicInfoQuery", with: "  content: dataPush")),
            RuleExample(Examples.base([("code: \"1101\"", "code: \"1301\""), ("  service: basicQuery", "  service: statistics"),
                ("  content: basicInfoQuery", "  content: statisticsQuery")])),
            RuleExample(Examples.base([("code: \"1101\"", "code: \"1901\""), ("  service: basicQuery", "  service: other"),
                ("  content: basicInfoQuery", "  content: statisticsQuery")])),
            RuleExample(Examples.base([("code: \"1101\"", "code: \"1299\""), ("  service: basicQuery", "  service: businessAnalysis\n  other: true")])),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// The service categories a content kind may be filed under; nil for any.
    static func allowedServices(for content: ContentKind) -> Set<ServiceCategory>? {
        switch content {
        case .basicInfoQuery: [.basicQuery, .other]
        case .statisticsQuery: [.statistics, .other]
        case .correlationAnalysis, .dataMining, .intelligentAnalysis: [.businessAnalysis, .statistics, .other]
        case .supervision, .dataPush, .visualization, .other: nil
        }
    }

    /// Reports, at `content:`, a content kind its service category contradicts (not for a group's
    /// catch-all `other: true` entry).
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        guard let c = contract.classification, !c.isOther, let content = c.contentKind, let written = c.content,
            let service = c.serviceCategory, let allowed = Self.allowedServices(for: content), !allowed.contains(service)
        else { return }
        let fits = ServiceCategory.allCases.filter { allowed.contains($0) && $0 != .other }
            .map { "\($0.rawValue) (\($0.digit) \($0.label))" }.joined(separator: " or ")
        let contents = ContentKind.allCases.filter { Self.allowedServices(for: $0)?.contains(service) ?? true }
            .map(\.rawValue).joined(separator: ", ")
        findings.add(contract, written.place,
            "content '\(content.rawValue)' (\(content.label)) does not belong under service '\(service.rawValue)' (\(service.digit) \(service.label)); file the service under \(fits), or write the content it does under \(service.rawValue): \(contents)")
    }
}
