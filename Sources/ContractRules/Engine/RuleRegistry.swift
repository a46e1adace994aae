/// Every rule of the compiler, in the order `contractc explain --list` shows them.
///
/// Each group lists its rules in `Rules/<Group>/<Group>Group.swift`; a rule is one file
/// holding its check and its ``RuleDescription``.
public enum RuleRegistry {
    /// All rule types, grouped as in the documentation.
    public static let groups: [(name: String, rules: [any Rule.Type])] = [
        ("File format", SyntaxGroup.rules),
        ("Names (服务接口 1)", NamingGroup.rules),
        ("Interface, protocol and methods (服务接口 2–3)", InterfaceGroup.rules),
        ("Types and lengths (服务接口 4, 数据脱敏)", TypesGroup.rules),
        ("Return values (服务接口 5)", ReturnsGroup.rules),
        ("Service codes (服务分类)", CodesGroup.rules),
        ("Publishing, sharing and exchange (服务发布与巡检, 数据共享, 数据交换, 文件名命名规则)", PublishingGroup.rules),
    ]

    /// All rule types.
    public static let all: [any Rule.Type] = groups.flatMap(\.rules)

    /// All rule descriptions, in documentation order.
    public static let descriptions: [RuleDescription] = all.map { $0.description }

    /// Instances of the rules that check one file at a time.
    static let fileRules: [any FileRule] = all.compactMap { $0.fileRuleInstance() }

    /// Instances of the rules that check the whole set.
    static let setRules: [any SetRule] = all.compactMap { $0.setRuleInstance() }

    /// The description of a rule by id.
    public static func description(of id: String) -> RuleDescription? {
        descriptions.first { $0.id == id }
    }

    /// All rule ids.
    public static var ids: [String] { descriptions.map(\.id) }
}
