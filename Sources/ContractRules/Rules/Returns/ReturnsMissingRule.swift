import ContractModel

/// `returns-missing`: a method does not state its return value (服务接口 5).
public struct ReturnsMissingRule: ContractRule {
    /// The rule's id, clause, explanation and examples.
    public static let description = RuleDescription(
        id: "returns-missing",
        severity: .error,
        clause: "服务接口 5",
        summary: "Every method has a `returns:` block: the return type, its description and the return codes.",
        rationale: """
            服务接口 5 asks that an interface state its return values and their meanings. Without \
            `returns:` a caller cannot know what a method gives back or how it reports failure; a \
            method that returns nothing says so with `type: none`.
            """,
        bad: [
            RuleExample(Examples.base([
                ("""
                    returns:
                      type: PersonInfo
                      description: 参保人员基础信息
                      codes:
                        - code: 0
                          name: success
                          meaning: 查询成功

                """, ""),
                ("""
                      - name: idNumber
                        type: C18
                """, """
                      - name: idNumber
                        type: PersonInfo
                """),
                ("        masking: idNumber\n", ""),
            ])),
        ],
        good: [RuleExample(Examples.base)]
    )

    /// Creates the rule.
    public init() {}

    /// Reports methods without `returns:`.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        // A `returns:` written with the wrong kind of value is in `writtenKeys`: `value-type` reports it.
        for method in contract.methods where method.returns == nil && !method.writtenKeys.contains("returns") {
            findings.add(contract, method.anchor, "\(method.findingLabel) has no 'returns'; state what it returns and what its codes mean (服务接口 5): add 'returns:' with type (or none), description and codes")
        }
    }
}
