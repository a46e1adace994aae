import ContractModel

/// `swift-name-reserved`: an interface or type name generated code cannot declare (contract
/// language §7).
public struct SwiftNameReservedRule: ContractRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: GeneratedNames.IssueKind.reserved.rule,
        severity: .error,
        clause: "服务接口 1; contract language §7",
        summary: "No interface or type is named `Swift`, `Foundation` or `ContractRuntime`, like a literal type (`StringLiteralType`), like a member of the namespace `<Interface>Service` (`ExchangeFileNameError`, `code`, …) or like a name the generated bodies use (`CodingKeys`, `Self`, `Type`, …).",
        rationale: """
            Generated Swift qualifies every name it uses (`Swift.String`, `ContractRuntime.Validator`) \
            and nests a contract's types in the catalogue enum `<Interface>Service`, so that no \
            contract can change what the generated code means. A type named `Foundation` would hide \
            the module inside the namespace, one named `ExchangeFileNameError` or `code` would be \
            declared twice next to the catalogue constants, and `StringLiteralType` would change \
            the type of every string literal where it is visible. Lint reports such a name at the \
            contract, with the same list `contractc generate` uses.
            """,
        bad: [
            RuleExample(Examples.base([("type: PersonInfo", "type: Foundation"), ("  PersonInfo:", "  Foundation:")])),
            RuleExample(Examples.base([("type: PersonInfo", "type: ExchangeFileNameError"), ("  PersonInfo:", "  ExchangeFileNameError:")])),
        ],
        good: [
            RuleExample(Examples.base),
            RuleExample(Examples.base([("type: PersonInfo", "type: FoundationInfo"), ("  PersonInfo:", "  FoundationInfo:")])),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each reserved name (see ``GeneratedNames/issues(_:)``).
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        findings.addGeneratedNameIssues(contract, kind: .reserved)
    }
}
