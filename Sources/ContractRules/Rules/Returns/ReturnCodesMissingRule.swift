import ContractModel

/// `return-codes-missing`: a method lists no return codes (服务接口 5).
public struct ReturnCodesMissingRule: ContractRule {
    /// The rule's id, clause, explanation and examples.
    public static let description = RuleDescription(
        id: "return-codes-missing",
        severity: .error,
        clause: "服务接口 5",
        summary: "Every `returns:` lists at least one return code under `codes:`.",
        rationale: """
            服务接口 5 asks for the return values and their meanings; in a data service the return \
            codes are what tell a caller whether a query succeeded, found nothing, or was refused. \
            A method with no codes leaves every outcome but success undefined.
            """,
        bad: [
            RuleExample(Examples.base(replacing: """
                      codes:
                        - code: 0
                          name: success
                          meaning: 查询成功

                """, with: "")),
            RuleExample(Examples.base(replacing: """
                      codes:
                        - code: 0
                          name: success
                          meaning: 查询成功

                """, with: "      codes: []\n")),
        ],
        good: [RuleExample(Examples.base)]
    )

    /// Creates the rule.
    public init() {}

    /// Reports `returns:` blocks without codes or with an empty list.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        let advice = "list each outcome with its number and meaning, e.g. '- code: 0' and 'meaning: 查询成功'"
        for (index, method) in contract.methods.enumerated() {
            guard let returns = method.returns else { continue }  // `returns-missing` or `value-type`.
            if let codes = returns.codes {
                guard codes.isEmpty, let codesPlace = returns.codesPlace else { continue }
                // Items that are not codes: `value-type` reports them.
                guard !contract.hasWrongKindValue(from: codesPlace, before: contract.methodTextEnd(index)) else { continue }
                findings.add(contract, codesPlace, "'codes' of \(method.findingLabel) is empty; \(advice) (服务接口 5)")
            } else if !returns.writtenKeys.contains("codes") {
                findings.add(contract, returns.place, "\(method.findingLabel) lists no return codes; add 'codes:' under 'returns:' and \(advice) (服务接口 5)")
            }
        }
    }
}
