import ContractModel

/// `classification-invalid`: `resource`, `service` and `content` are values the standard
/// defines (服务分类, 服务内容).
public struct ClassificationInvalidRule: ContractRule {
    /// The rule's data.
    public static let description = RuleDescription(
        id: "classification-invalid",
        severity: .error,
        clause: "服务分类; 服务内容",
        summary: "`classification.resource` is general, specialized or analytical; `service` is basicQuery, businessAnalysis, statistics or other; `content` is one of the nine content kinds of 服务内容.",
        rationale: """
            服务分类 builds the 4-digit service code from the resource category (1 通用基础数据, 2 专项业务数据, \
            3 分析数据) and the service category (1 基础信息查询, 2 业务分析查询, 3 统计查询, 9 其他); 服务内容 \
            names the nine kinds of content a service offers. A value outside these sets gives no code \
            and no place in the catalogue. The finding names the closest value — also when the \
            standard's Chinese name or the digit was written instead — and lists every value with its \
            Chinese name.
            """,
        bad: [
            RuleExample(Examples.base(replacing: "  content: basicInfoQuery", with: "  content: basicQuery")),
            RuleExample(Examples.base(replacing: "  content: basicInfoQuery", with: "  content: 基础信息查询")),
        ],
        good: [
            RuleExample(Examples.base),
            RuleExample(Examples.base(replacing: "  content: basicInfoQuery", with: "  content: dataPush")),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// Reports each classification value that is not one of its set, at the value.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        guard let c = contract.classification else { return }
        if let r = c.resource, c.resourceCategory == nil {
            findings.add(contract, r.place, Choices.message(key: "resource", written: r.value,
                isNot: "a resource category of 服务分类", choices: Choices.resource))
        }
        if let s = c.service, c.serviceCategory == nil {
            findings.add(contract, s.place, Choices.message(key: "service", written: s.value,
                isNot: "a service category of 服务分类", choices: Choices.service))
        }
        if let k = c.content, c.contentKind == nil {
            findings.add(contract, k.place, Choices.message(key: "content", written: k.value,
                isNot: "a content kind of 服务内容", choices: Choices.content))
        }
    }
}
