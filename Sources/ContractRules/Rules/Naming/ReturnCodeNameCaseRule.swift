import ContractModel

/// `return-code-name-case`: return code names are camelCase (服务接口 1).
public struct ReturnCodeNameCaseRule: ContractRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "return-code-name-case",
        severity: .error,
        clause: "服务接口 1",
        summary: "The optional `name` of a return code is camelCase (`personNotFound`); it names the case in generated code.",
        rationale: """
            Return codes and their meanings are part of the interface (服务接口 5). A code's name becomes an enum case of the generated `<Method>Code` type, so it follows the camelCase of 服务接口 1.
            """,
        bad: [RuleExample(Examples.base(replacing: "          name: success", with: "          name: SUCCESS"))],
        good: [RuleExample(Examples.base)]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        let names = contract.methods.flatMap { ($0.returns?.codes ?? []).compactMap(\.name) }
        for name in names where !Naming.isValid(name.value, .camel, acronyms: options.acronyms) {
            findings.add(contract, name.place, Naming.message(kind: "return code", name: name.value, style: .camel, acronyms: options.acronyms))
        }
    }
}
