import ContractModel

/// `returns-description-missing`: a method's return value is not described (服务接口 5).
public struct ReturnsDescriptionMissingRule: ContractRule {
    /// The rule's id, clause, explanation and examples.
    public static let description = RuleDescription(
        id: "returns-description-missing",
        severity: .error,
        clause: "服务接口 5",
        summary: "Every `returns:` has a `description:` saying what the method gives back.",
        rationale: """
            服务接口 5 asks for the return value and its meaning, not just its type: `PersonInfo` \
            says how the value is shaped, the description says what it is (the person's basic \
            registration record, the statistics of a month). The catalogue and the generated \
            documentation show it to callers.
            """,
        bad: [
            RuleExample(Examples.base(replacing: "      description: 参保人员基础信息\n", with: "")),
        ],
        good: [RuleExample(Examples.base)]
    )

    /// Creates the rule.
    public init() {}

    /// Reports `returns:` blocks without a description, or with an empty one.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        for (index, method) in contract.methods.enumerated() {
            guard let returns = method.returns else { continue }  // `returns-missing` or `value-type`.
            let written = WrittenText(returns.description, key: "description", writtenKeys: returns.writtenKeys,
                in: contract, from: returns.place, before: contract.methodTextEnd(index))
            switch written {
            case .text, .unreadable:
                continue
            case .absent:
                findings.add(contract, returns.place, "the return value of \(method.findingLabel) has no 'description'; add 'description:' under 'returns:' saying what is returned (服务接口 5)")
            case .empty:
                findings.add(contract, returns.place, "the return value of \(method.findingLabel) has an empty 'description'; write what is returned (服务接口 5)")
            case .blank(let place):
                findings.add(contract, place, "the return value of \(method.findingLabel) has a blank 'description'; write what is returned (服务接口 5)")
            }
        }
    }
}
