import ContractModel

/// `type-name-case`: type names are PascalCase (服务接口 1).
public struct TypeNameCaseRule: ContractRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "type-name-case",
        severity: .error,
        clause: "服务接口 1",
        summary: "Names of types under `types:` are PascalCase (`PersonInfo`).",
        rationale: """
            Named types are part of the interface the standard describes (服务接口 1, 4); they follow the interface's naming so that generated Swift types keep the contract's names.
            """,
        bad: [RuleExample(Examples.base([("type: PersonInfo", "type: personInfo"), ("  PersonInfo:", "  personInfo:")]))],
        good: [RuleExample(Examples.base)]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        let names = contract.types.compactMap(\.name)
        for name in names where !Naming.isValid(name.value, .pascal, acronyms: options.acronyms) {
            findings.add(contract, name.place, Naming.message(kind: "type", name: name.value, style: .pascal, acronyms: options.acronyms))
        }
    }
}
