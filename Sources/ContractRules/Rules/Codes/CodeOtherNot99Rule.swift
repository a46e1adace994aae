import ContractModel
import ContractSyntax

/// `code-other-not-99`: the group's "other" entry with a serial other than 99 (服务分类).
public struct CodeOtherNot99Rule: ContractRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "code-other-not-99",
        severity: .error,
        clause: "服务分类",
        summary: "A contract with `classification.other: true` has serial 99.",
        rationale: """
            服务分类: if a group has an "other" entry, its serial is set directly to 99 (如果含有"其他"类，\
            则该代码应直接设为99). The 99 is what tells every reader of the code that the service is a \
            catch-all, so an "other" service with a numbered serial hides what it is and takes a \
            serial a real service of the group would need.
            """,
        bad: [RuleExample(Examples.base([CodeExamples.other]))],
        good: [RuleExample(Examples.base([CodeExamples.other, ("code: \"1101\"", "code: \"1199\"")]))]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        guard let written = contract.code, let code = ServiceCode(written.value), code.serial != 0, !code.isOther,
            let other = contract.classification?.other, other.value
        else { return }
        let wanted = ServiceCode(group: code.group, serial: ServiceCode.otherSerial)
        findings.append(Finding(file: contract.file, place: written.place,
            message: "'other: true' marks the group's 'other' entry, whose serial is 99, but code \(written.value) has serial \(written.value.suffix(2)); write code: \"\(wanted)\", or remove 'other: true' if this is a numbered service",
            related: [Diagnostic.Related(file: contract.file, place: other.place, message: "marked as the group's 'other' entry here")]))
    }
}
