import ContractModel

/// `method-name-case`: method names are camelCase (服务接口 1).
public struct MethodNameCaseRule: ContractRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "method-name-case",
        severity: .error,
        clause: "服务接口 1",
        summary: "Method names are camelCase: the first word lower case, later words capitalised (`queryPersonInfo`).",
        rationale: """
            服务接口 1 asks that method names start with a lower-case word and capitalise the words after it. Callers in every language read the method list of the catalogue; one convention makes the names predictable and maps directly onto Swift functions.
            """,
        bad: [RuleExample(Examples.base(replacing: "  - name: queryPerson", with: "  - name: QueryPerson"))],
        good: [RuleExample(Examples.base)]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        let names = contract.methods.compactMap(\.name)
        for name in names where !Naming.isValid(name.value, .camel, acronyms: options.acronyms) {
            findings.add(contract, name.place, Naming.message(kind: "method", name: name.value, style: .camel, acronyms: options.acronyms))
        }
    }
}
