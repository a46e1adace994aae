import ContractModel

/// `swift-name-conflict`: two names of a contract are one name in the generated code, or a type
/// takes a name generated for its contract (contract language §7).
public struct SwiftNameConflictRule: ContractRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: GeneratedNames.IssueKind.conflict.rule,
        severity: .error,
        clause: "服务接口 1; contract language §7",
        summary: "No type is named like a name generated for its contract (`<Interface>`, `<Interface>Service`, `<Interface>Client`, `<Interface>Handler`, a method's `<Method>Input` or `<Method>Code`), and no two types, methods, fields, parameters or return codes are one name once spelled for Swift or OpenAPI.",
        rationale: """
            Generated Swift names the interface's protocol, namespace, client and handler after the \
            interface, and nests each type, each method's input (`QueryPersonInput`) and its return \
            codes (`QueryPersonCode`) in the namespace `<Interface>Service`; the OpenAPI document \
            names its schemas after the types and the inputs. A type written `QueryPersonInput` next \
            to a method `queryPerson`, or `PersonInfoQueryClient` in interface `PersonInfoQuery`, \
            would be declared twice; so would `id-number` and `id_number`, both `id_number` in \
            Swift. Lint reports it at the contract, with the same judgement `contractc generate` \
            makes, so a contract that lints clean always generates.
            """,
        bad: [
            RuleExample(Examples.base(replacing: "types:\n", with: """
                types:
                  QueryPersonInput:
                    description: 查询条件
                    fields:
                      - name: idNumber
                        type: C18
                        description: 公民身份号码

                """)),
            RuleExample(Examples.base([("type: PersonInfo", "type: PersonInfoQueryClient"), ("  PersonInfo:", "  PersonInfoQueryClient:")])),
        ],
        good: [
            RuleExample(Examples.base),
            RuleExample(Examples.base([("type: PersonInfo", "type: QueryPersonResult"), ("  PersonInfo:", "  QueryPersonResult:")])),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each name that clashes (see ``GeneratedNames/issues(_:)``).
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        findings.addGeneratedNameIssues(contract, kind: .conflict)
    }
}
