import ContractModel

/// `file-name-interface` (off by default): the file is named after its interface.
public struct FileNameInterfaceRule: ContractRule {
    /// The rule's id, clause, explanation and examples.
    public static let description = RuleDescription(
        id: "file-name-interface",
        severity: nil,
        clause: "服务接口 1",
        summary: "The contract file is named `<Interface>.contract.yaml` (off unless enabled in `.contractc.yaml`).",
        rationale: """
            服务接口 1 gives the interface its PascalCase name. The build plugin names each generated \
            Swift file after its contract file, before reading it, so a file named after its \
            interface (`PersonInfoQuery.contract.yaml` → `PersonInfoQuery.swift`) keeps the interface, \
            the file and the generated code findable by one name. Teams that keep other file names \
            leave the rule off.
            """,
        bad: [RuleExample(files: [("person.contract.yaml", Examples.base)])],
        good: [RuleExample(files: [("PersonInfoQuery.contract.yaml", Examples.base)])]
    )

    /// Creates the rule.
    public init() {}

    /// Reports a file whose name is not the interface's name with `.contract.yaml`.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        guard let interface = contract.interface else { return }
        let fileName = contract.file.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? contract.file
        let expected = "\(interface.value).contract.yaml"
        guard fileName != expected else { return }
        findings.add(contract, interface.place, "the file '\(fileName)' holds interface \(interface.value); rename it '\(expected)', so that the file and its generated \(interface.value).swift carry the interface's name")
    }
}
