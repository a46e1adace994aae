import ContractModel

/// `code-missing`: a contract without a service code (服务分类).
///
/// A set rule, because the code `contractc codes` would assign depends on the other contracts
/// of the run; contracts that cannot get a code are left to `code-serial-exhausted` and
/// `code-duplicate`.
public struct CodeMissingRule: SetRule {
    /// The rule's data: id, default severity, clause, rationale and examples.
    public static let description = RuleDescription(
        id: "code-missing",
        severity: .error,
        clause: "服务分类",
        summary: "Every contract has its 4-digit service code (`code: \"NNNN\"`); `contractc codes` assigns the next free one.",
        rationale: """
            服务分类 gives every data service a code made of its resource category, its service category \
            and a serial. The catalogue is sorted and searched by it, and authorisations name it, so a \
            service without one cannot be published. The code is not chosen by hand: `contractc codes` \
            writes the lowest free serial of the contract's group, and never changes it afterwards.
            """,
        bad: [
            RuleExample(Examples.base(replacing: "code: \"1101\"\n", with: "")),
            RuleExample(Examples.base(replacing: "code: \"1101\"\n", with: "code:\n")),
        ],
        good: [RuleExample(Examples.base)]
    )

    /// Creates the rule.
    public init() {}

    /// Appends a finding for each place that breaks the rule.
    public func check(_ files: [CheckedFile], options: RuleOptions, into findings: inout [Finding]) {
        let contracts = files.readableContracts
        var byFile: [String: Contract] = [:]
        for c in contracts where byFile[c.file] == nil { byFile[c.file] = c }
        for a in ServiceCodeAllocator.assign(contracts, held: options.registerHolders) {
            guard let contract = byFile[a.file] else { continue }
            switch a.outcome {
            case .assigned(let code):
                findings.add(contract, contract.codeAnchor,
                    "missing service code; run `contractc codes` to assign one (this contract would get \"\(code)\")")
            case .unclassified:
                findings.add(contract, contract.codeAnchor,
                    "missing service code; give 'classification' a valid resource and service, then run `contractc codes` to assign one")
            case .unreadableCode:
                guard let place = contract.keyPlaces["code"], !contract.topValueWasReported("code") else { continue }
                findings.add(contract, place,
                    "'code:' is empty; delete the line and run `contractc codes` to assign one, or write code: \"NNNN\"")
            case .exhausted, .otherTaken:
                continue  // `code-serial-exhausted` and `code-duplicate` say why no code can be given.
            }
        }
    }
}
