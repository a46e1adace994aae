import ContractModel

/// `exchange-invalid`: `exchange` is interface, database, file or cascade (数据交换).
public struct ExchangeInvalidRule: ContractRule {
    /// The rule's data.
    public static let description = RuleDescription(
        id: "exchange-invalid",
        severity: .error,
        clause: "数据交换",
        summary: "`exchange` is interface (服务接口交换), database (数据库交换), file (文件交换) or cascade (级联交换).",
        rationale: """
            数据交换 names four exchange modes: database exchange, file exchange, service-interface \
            exchange and cascade exchange (the districts' own platforms). The mode decides how the \
            exchange is set up under DB5101/T 124.2 and whether the contract names exchange files, so \
            it must be one of the four; the finding names the closest — also when the Chinese name \
            was written.
            """,
        bad: [
            RuleExample(Examples.base(replacing: "exchange: interface", with: "exchange: interfaces")),
            RuleExample(Examples.base(replacing: "exchange: interface", with: "exchange: 级联交换")),
        ],
        good: [
            RuleExample(Examples.base),
            RuleExample(Examples.base(replacing: "exchange: interface", with: "exchange: cascade")),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// Reports a mode outside the four, at the value.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        guard let exchange = contract.exchange, contract.exchangeMode == nil else { return }
        findings.add(contract, exchange.place, Choices.message(key: "exchange", written: exchange.value,
            isNot: "an exchange mode of 数据交换", choices: Choices.exchange))
    }
}
