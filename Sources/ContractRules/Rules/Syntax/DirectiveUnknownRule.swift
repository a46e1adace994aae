import ContractModel
import ContractSyntax

/// `directive-unknown-rule`: a `# contractc:disable-next-line` comment names a rule that does not exist.
public struct DirectiveUnknownRule: FileRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "directive-unknown-rule",
        severity: .error,
        clause: "合同格式 (§5: configuration)",
        summary: "Every rule named in a `# contractc:disable-next-line RULE[, RULE]` comment is a rule of contractc (or `all`).",
        rationale: """
            A comment that silences a misspelt rule (`method-name-cse`) silences nothing: the finding \
            it was written for is still reported, or, worse, the comment survives a rename and \
            reads as if the line had been reviewed. Like an unknown rule in `.contractc.yaml` \
            (config-invalid), an unknown rule in a directive is an error at its place, with the \
            closest rule id when one is near. `contractc explain --list` lists the ids.
            """,
        bad: [
            RuleExample(Examples.base(replacing: "  - name: queryPerson\n", with: "  # contractc:disable-next-line method-name-cse\n  - name: queryPerson\n")),
            RuleExample(Examples.base(replacing: "  - name: queryPerson\n", with: "  # contractc:disable-next-line all, no-such-rule\n  - name: queryPerson\n")),
        ],
        good: [
            RuleExample(Examples.base),
            RuleExample(Examples.base(replacing: "  - name: queryPerson\n", with: "  # contractc:disable-next-line method-name-case\n  - name: QueryPerson\n")),
            RuleExample(Examples.base(replacing: "  - name: queryPerson\n", with: "  # contractc:disable-next-line all\n  - name: QueryPerson\n")),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// The word a directive may name besides rule ids: every rule at once.
    static let allRules: String = "all"

    /// Appends a finding for each unknown rule id of a directive, at the id.
    public func check(_ file: CheckedFile, options: RuleOptions, into findings: inout [Finding]) {
        guard !file.suppressions.isEmpty else { return }
        let known = Set(RuleRegistry.ids)
        for line in file.suppressions.keys.sorted() {
            for rule in file.suppressions[line] ?? [] where rule.value != Self.allRules && !known.contains(rule.value) {
                var message = "'\(DisplayText.escaped(rule.value))' in '# \(SuppressionDirectives.nextLine)' is not a rule of contractc, so it silences nothing"
                if let guess = Suggestion.closest(to: rule.value, in: RuleRegistry.ids + [Self.allRules]) {
                    message += "; did you mean '\(guess)'?"
                } else {
                    message += "; write rule ids as `contractc explain --list` shows them, or 'all'"
                }
                findings.append(Finding(file: file.path, place: rule.place, message: message))
            }
        }
    }
}
