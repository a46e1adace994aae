import ContractModel
import ContractSyntax

/// `return-code-duplicate`: one method lists a code number, or a code name, twice (服务接口 5).
public struct ReturnCodeDuplicateRule: ContractRule {
    /// The rule's id, clause, explanation and examples.
    public static let description = RuleDescription(
        id: "return-code-duplicate",
        severity: .error,
        clause: "服务接口 5",
        summary: "Within one method, each return code number and each return code name appears once.",
        rationale: """
            服务接口 5 gives each return value one meaning. A number listed twice has two meanings \
            and a caller cannot tell which applies; a name used twice would be two cases of one \
            name in the generated `<Method>Code` enum. The finding points at the second and names \
            the line of the first.
            """,
        bad: [
            RuleExample(Examples.base(replacing: "          meaning: 查询成功\n", with: """
                          meaning: 查询成功
                        - code: 0
                          name: personNotFound
                          meaning: 未找到该人员

                """)),
            RuleExample(Examples.base(replacing: "          meaning: 查询成功\n", with: """
                          meaning: 查询成功
                        - code: 1001
                          name: success
                          meaning: 未找到该人员

                """)),
        ],
        good: [
            RuleExample(Examples.base),
            RuleExample(Examples.base(replacing: "          meaning: 查询成功\n", with: """
                          meaning: 查询成功
                        - code: 1001
                          name: personNotFound
                          meaning: 未找到该人员

                """)),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// Reports every repeated code number and name of a method at its repetition.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        for method in contract.methods {
            var numbers: [Int: SourcePlace] = [:]
            var names: [String: (place: SourcePlace, code: Int?)] = [:]
            for code in method.returns?.codes ?? [] {
                if let number = code.code {
                    if let first = numbers[number.value] {
                        findings.add(contract, number.place, "return code \(number.value) of \(method.findingLabel) is already listed on line \(first.line); a code has one meaning: merge the two or give this one another number")
                    } else {
                        numbers[number.value] = number.place
                    }
                }
                if let name = code.name {
                    if let first = names[name.value] {
                        let whose = first.code.map { " by code \($0)" } ?? ""
                        findings.add(contract, name.place, "return code name '\(name.value)' of \(method.findingLabel) is already used on line \(first.place.line)\(whose); give each code its own name")
                    } else {
                        names[name.value] = (name.place, code.code?.value)
                    }
                }
            }
        }
    }
}
