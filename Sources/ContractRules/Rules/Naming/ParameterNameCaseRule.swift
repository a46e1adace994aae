import ContractModel

/// `parameter-name-case`: parameter names are camelCase (服务接口 1).
public struct ParameterNameCaseRule: ContractRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "parameter-name-case",
        severity: .error,
        clause: "服务接口 1",
        summary: "Parameter names are camelCase (`idNumber`, `paymentMonth`).",
        rationale: """
            服务接口 1 gives parameters the same rule as methods: the first word lower case, later words capitalised. Parameters become JSON keys and Swift argument labels, so a consistent spelling is part of the interface.
            """,
        bad: [RuleExample(Examples.base(replacing: "      - name: idNumber", with: "      - name: id_number"))],
        good: [RuleExample(Examples.base)]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        let names = contract.methods.flatMap { $0.parameters.compactMap(\.name) }
        for name in names where !Naming.isValid(name.value, .camel, acronyms: options.acronyms) {
            findings.add(contract, name.place, Naming.message(kind: "parameter", name: name.value, style: .camel, acronyms: options.acronyms))
        }
    }
}
