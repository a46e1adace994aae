import ContractModel

/// `method-summary-missing`: a method does not say what it does (服务接口 3).
public struct MethodSummaryMissingRule: ContractRule {
    /// The rule's id, clause, explanation and examples.
    public static let description = RuleDescription(
        id: "method-summary-missing",
        severity: .error,
        clause: "服务接口 3",
        summary: "Every method has a `summary:` saying what it does.",
        rationale: """
            服务接口 3 asks that the functions of an interface be stated and listed, with their method \
            definitions. A name alone (`queryPerson`) does not say which records a method reads or \
            what a caller may use it for; the summary is what the catalogue and the generated \
            documentation show for the method.
            """,
        bad: [
            RuleExample(Examples.base(replacing: "    summary: 按公民身份号码查询参保人员\n", with: "")),
            RuleExample(Examples.base(replacing: "    summary: 按公民身份号码查询参保人员\n", with: "    summary:\n")),
        ],
        good: [RuleExample(Examples.base)]
    )

    /// Creates the rule.
    public init() {}

    /// Reports methods without a summary, or with an empty one.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        for (index, method) in contract.methods.enumerated() {
            let written = WrittenText(method.summary, key: "summary", writtenKeys: method.writtenKeys, in: contract,
                from: method.place, before: contract.methodTextEnd(index))
            switch written {
            case .text, .unreadable:
                continue
            case .absent:
                findings.add(contract, method.anchor, "\(method.findingLabel) has no 'summary'; add 'summary:' saying what it does (服务接口 3)")
            case .empty:
                findings.add(contract, method.anchor, "the 'summary' of \(method.findingLabel) is empty; write what the method does (服务接口 3)")
            case .blank(let place):
                findings.add(contract, place, "the 'summary' of \(method.findingLabel) is blank; write what the method does (服务接口 3)")
            }
        }
    }
}
