import ContractModel

/// `return-code-meaning-missing`: a return code does not say what it means (服务接口 5).
public struct ReturnCodeMeaningMissingRule: ContractRule {
    /// The rule's id, clause, explanation and examples.
    public static let description = RuleDescription(
        id: "return-code-meaning-missing",
        severity: .error,
        clause: "服务接口 5",
        summary: "Every return code has a `meaning:`.",
        rationale: """
            服务接口 5 asks for return values *and their meanings*. A bare number such as 1001 means \
            nothing to a caller; the meaning (未找到该人员) is what they act on, and it becomes the \
            documentation of the code in generated code and in the catalogue.
            """,
        bad: [
            RuleExample(Examples.base(replacing: "          meaning: 查询成功\n", with: "")),
        ],
        good: [RuleExample(Examples.base)]
    )

    /// Creates the rule.
    public init() {}

    /// Reports return codes without a meaning, or with an empty one.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        for (index, method) in contract.methods.enumerated() {
            let codes = method.returns?.codes ?? []
            for (position, code) in codes.enumerated() {
                let end = position + 1 < codes.count ? codes[position + 1].place : contract.methodTextEnd(index)
                let written = WrittenText(code.meaning, key: "meaning", writtenKeys: code.writtenKeys, in: contract,
                    from: code.place, before: end)
                let label = code.code.map { "return code \($0.value)" } ?? "a return code"
                let anchor = code.code?.place ?? code.place
                switch written {
                case .text, .unreadable:
                    continue
                case .absent:
                    findings.add(contract, anchor, "\(label) of \(method.findingLabel) has no 'meaning'; add 'meaning:' saying what the caller learns from it (服务接口 5)")
                case .empty:
                    findings.add(contract, anchor, "\(label) of \(method.findingLabel) has an empty 'meaning'; write what the caller learns from it (服务接口 5)")
                case .blank(let place):
                    findings.add(contract, place, "\(label) of \(method.findingLabel) has a blank 'meaning'; write what the caller learns from it (服务接口 5)")
                }
            }
        }
    }
}
