import ContractModel

/// `interface-name-case`: interface names are PascalCase (服务接口 1).
public struct InterfaceNameCaseRule: ContractRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "interface-name-case",
        severity: .error,
        clause: "服务接口 1",
        summary: "The interface name is PascalCase: each word capitalised, no separators (`PersonInfoQuery`). Words listed under `acronyms` may stay whole-capital (`IDCardQuery`).",
        rationale: """
            服务接口 1 asks that interface names mix case with every word capitalised. One spelling across the catalogue lets users find a service by name and lets generated Swift use the name as a type without renaming it.
            """,
        bad: [RuleExample(Examples.base(replacing: "interface: PersonInfoQuery", with: "interface: person_info_query")), RuleExample(Examples.base(replacing: "interface: PersonInfoQuery", with: "interface: IDCardQuery"))],
        good: [RuleExample(Examples.base), RuleExample(Examples.base(replacing: "interface: PersonInfoQuery", with: "interface: IDCardQuery"), acronyms: ["ID"])]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        let names = [contract.interface].compactMap { $0 }
        for name in names where !Naming.isValid(name.value, .pascal, acronyms: options.acronyms) {
            findings.add(contract, name.place, Naming.message(kind: "interface", name: name.value, style: .pascal, acronyms: options.acronyms))
        }
    }
}
