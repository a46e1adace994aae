import ContractModel

/// `methods-missing`: the interface lists no method (服务接口 3).
public struct MethodsMissingRule: ContractRule {
    /// The base contract with its `methods:` and `types:` replaced by an empty method list.
    static let withoutMethods: String = {
        guard let range = Examples.base.firstRange(of: "methods:\n") else {
            return Examples.base + "\nexample-replacement-not-found: [methods\n"
        }
        return String(Examples.base[..<range.lowerBound])
    }()

    /// The rule's id, clause, explanation and examples.
    public static let description = RuleDescription(
        id: "methods-missing",
        severity: .error,
        clause: "服务接口 3",
        summary: "The contract lists at least one method under `methods:`.",
        rationale: """
            服务接口 3 asks that an interface state and list the functions it offers, with a method \
            definition for each. An interface without methods offers nothing to call, to generate \
            or to publish in the catalogue.
            """,
        bad: [
            RuleExample(withoutMethods),
            RuleExample(withoutMethods + "methods: []\n"),
        ],
        good: [RuleExample(Examples.base)]
    )

    /// Creates the rule.
    public init() {}

    /// Reports a contract without `methods:` or with an empty list.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        guard contract.methods.isEmpty else { return }
        // A misspelt key (`method:`) is reported once, by `unknown-key`.
        guard !contract.misspeltKeys.contains("methods") else { return }
        let advice = "add 'methods:' with at least one method: its name, summary and returns"
        guard let keyPlace = contract.keyPlaces["methods"] else {
            findings.add(contract, contract.place, "missing 'methods'; the interface lists its functions with a method definition for each (服务接口 3): \(advice)")
            return
        }
        // `methods: x` or items that are not methods: `value-type` reports them.
        guard !contract.hasWrongKindValue(from: keyPlace, before: contract.topLevelEnd(after: keyPlace)) else { return }
        findings.add(contract, keyPlace, "'methods' lists no method; the interface lists its functions with a method definition for each (服务接口 3): write at least one '- name: …' item with its summary and returns")
    }
}
