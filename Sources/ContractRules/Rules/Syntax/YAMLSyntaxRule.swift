import ContractSyntax

/// `yaml-syntax`: the file is not readable YAML (or not UTF-8, or too large or deep).
public struct YAMLSyntaxRule: FileRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "yaml-syntax",
        severity: .error,
        clause: "合同格式 (§2: YAML 1.1, UTF-8)",
        summary: "The file must be one readable YAML document in UTF-8.",
        rationale: """
            A contract the reader cannot read describes nothing: the standard's requirements \
            (服务接口 1–5) cannot be checked on it. The diagnostic points at the place libyaml \
            reports — tab indentation, an unclosed quote, a bad indent, a byte that is not UTF-8 — and \
            says how to fix it. Files over 8 MB, nesting deeper than 64 levels and aliases that would \
            expand to more than 10,000 nodes are refused here too, so a hostile file costs nothing.
            """,
        bad: [
            RuleExample(Examples.base(replacing: "  service: basicQuery", with: "\tservice: basicQuery")),
            RuleExample(Examples.base(replacing: "title: 参保人员信息查询", with: "title: \"参保人员信息查询")),
        ],
        good: [RuleExample(Examples.base)]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ file: CheckedFile, options: RuleOptions, into findings: inout [Finding]) {
        for p in file.syntaxProblems where p.kind == .syntax {
            findings.append(Finding(file: file.path, place: p.place, message: p.message))
        }
    }
}
