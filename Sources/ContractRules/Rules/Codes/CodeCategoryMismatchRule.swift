import ContractModel
import ContractSyntax

/// `code-category-mismatch`: the code's first two digits do not match `classification` (服务分类).
public struct CodeCategoryMismatchRule: ContractRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "code-category-mismatch",
        severity: .error,
        clause: "服务分类",
        summary: "The code's first digit is the resource category's digit (general 1, specialized 2, analytical 3) and its second the service category's (basicQuery 1, businessAnalysis 2, statistics 3, other 9).",
        rationale: """
            服务分类 makes the code out of the categories: 数据资源类别码 first, 服务类别码 second. A code \
            whose digits say one category while the classification says another files the service \
            under the wrong heading of the catalogue, and whoever reads only the code is misled. \
            Either the code or the classification is wrong; the message names both.
            """,
        bad: [
            RuleExample(Examples.base(replacing: "code: \"1101\"", with: "code: \"2101\"")),
            RuleExample(Examples.base(replacing: "code: \"1101\"", with: "code: \"1301\"")),
        ],
        good: [
            RuleExample(Examples.base),
            RuleExample(Examples.base([("code: \"1101\"", "code: \"2101\""), ("resource: general", "resource: specialized")])),
        ]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        guard let written = contract.code, let code = ServiceCode(written.value), let c = contract.classification,
            let resource = c.resourceCategory, let service = c.serviceCategory
        else { return }
        let digits = code.group.compactMap(\.wholeNumberValue)
        guard digits.count == 2 else { return }
        var problems: [String] = []
        var related: [Diagnostic.Related] = []
        if digits[0] != resource.digit {
            let meaning = ResourceCategory(digit: digits[0]).map { "\($0.label)" } ?? "no resource category"
            problems.append("starts with \(digits[0]) (\(meaning)) but resource is \(resource.rawValue) (\(resource.digit))")
            if let place = c.resource?.place {
                related.append(Diagnostic.Related(file: contract.file, place: place, message: "resource \(resource.rawValue) (\(resource.label)) is digit \(resource.digit)"))
            }
        }
        if digits[1] != service.digit {
            let meaning = ServiceCategory(digit: digits[1]).map { "\($0.label)" } ?? "no service category"
            problems.append("has \(digits[1]) (\(meaning)) as second digit but service is \(service.rawValue) (\(service.digit))")
            if let place = c.service?.place {
                related.append(Diagnostic.Related(file: contract.file, place: place, message: "service \(service.rawValue) (\(service.label)) is digit \(service.digit)"))
            }
        }
        guard !problems.isEmpty else { return }
        let group = "\(resource.digit)\(service.digit)"
        let message = "code \(written.value) " + problems.joined(separator: ", and ")
            + "; a code of this classification starts with \(group): delete the 'code:' line and run `contractc codes` to assign one in group \(group), or correct 'classification'"
        findings.append(Finding(file: contract.file, place: written.place, message: message, related: related))
    }
}
