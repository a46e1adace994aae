import ContractModel

/// `type-recursive`: a type contains itself other than through a list (服务接口 4).
public struct TypeRecursiveRule: ContractRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: GeneratedNames.IssueKind.recursive.rule,
        severity: .error,
        clause: "服务接口 4; contract language §7",
        summary: "A type does not contain itself, directly or through other types, except through a list (`[PersonInfo]`).",
        rationale: """
            服务接口 4 describes each parameter's type and length. A type whose fields lead back to \
            itself without a list in between describes a value with no end when the fields are \
            required, and a generated Swift struct cannot contain itself either way. A list may \
            be empty, so `[PersonInfo]` ends: write the nested relation as a list. Lint reports it \
            with the same walk `contractc generate` makes.
            """,
        bad: [
            RuleExample(Examples.base(replacing: """
                        description: 姓名
                        masking: name

                """, with: """
                        description: 姓名
                        masking: name
                      - name: guardian
                        type: PersonInfo
                        description: 监护人

                """)),
        ],
        good: [
            RuleExample(Examples.base(replacing: """
                        description: 姓名
                        masking: name

                """, with: """
                        description: 姓名
                        masking: name
                      - name: guardians
                        type: "[PersonInfo]"
                        description: 监护人

                """)),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each type on a cycle (see ``GeneratedNames/recursiveTypes(_:)``).
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        findings.addGeneratedNameIssues(contract, kind: .recursive)
    }
}
