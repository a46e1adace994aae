import ContractModel

/// `field-name-case`: field names are camelCase (服务接口 1).
public struct FieldNameCaseRule: ContractRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "field-name-case",
        severity: .error,
        clause: "服务接口 1",
        summary: "Field names of named types are camelCase (`fullName`).",
        rationale: """
            Fields are returned values (服务接口 5) named like parameters (服务接口 1): the first word lower case, later words capitalised. They become JSON keys and Swift properties.
            """,
        bad: [RuleExample(Examples.base(replacing: "      - name: fullName", with: "      - name: FullName"))],
        good: [RuleExample(Examples.base)]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        let names = contract.types.flatMap { $0.fields.compactMap(\.name) }
        for name in names where !Naming.isValid(name.value, .camel, acronyms: options.acronyms) {
            findings.add(contract, name.place, Naming.message(kind: "field", name: name.value, style: .camel, acronyms: options.acronyms))
        }
    }
}
