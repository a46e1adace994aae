import ContractModel
import ContractSyntax

/// `name-duplicate`: two methods, two parameters of a method, or two fields of a type share a name.
public struct NameDuplicateRule: ContractRule {
    /// The rule's id, clause, explanation and examples.
    public static let description = RuleDescription(
        id: "name-duplicate",
        severity: .error,
        clause: "服务接口 3; 服务接口 4",
        summary: "Method names are unique in the interface, parameter names in their method, field names in their type.",
        rationale: """
            服务接口 3 lists an interface's functions and 服务接口 4 their parameters; a name that \
            appears twice makes the list ambiguous — which `queryPerson` does a caller mean, which \
            `idNumber` holds the value? Generated code could not compile either: a protocol cannot \
            hold two requirements, nor a struct two properties, of one name. The finding points at \
            the second and names the line of the first.
            """,
        bad: [
            RuleExample(Examples.base(replacing: """
                      - name: idNumber
                        type: C18
                        description: 公民身份号码
                        masking: idNumber

                """, with: """
                      - name: idNumber
                        type: C18
                        description: 公民身份号码
                        masking: idNumber
                      - name: idNumber
                        type: C18
                        description: 社会保障号码

                """)),
            RuleExample(Examples.base(replacing: """
                        description: 姓名
                        masking: name

                """, with: """
                        description: 姓名
                        masking: name
                      - name: fullName
                        type: C..50
                        description: 曾用名

                """)),
        ],
        good: [RuleExample(Examples.base)]
    )

    /// Creates the rule.
    public init() {}

    /// Reports every repeated name at its repetition.
    public func check(_ contract: Contract, options: RuleOptions, into findings: inout [Finding]) {
        Self.repeats(contract.methods.compactMap(\.name)) { name, first in
            findings.add(contract, name.place, "method name '\(name.value)' is already used on line \(first.line); give each method its own name")
        }
        for method in contract.methods {
            Self.repeats(method.parameters.compactMap(\.name)) { name, first in
                findings.add(contract, name.place, "parameter '\(name.value)' of \(method.findingLabel) is already declared on line \(first.line); remove one or rename it")
            }
        }
        for type in contract.types {
            let owner = type.name.map { "type \($0.value)" } ?? "this type"
            Self.repeats(type.fields.compactMap(\.name)) { name, first in
                findings.add(contract, name.place, "field '\(name.value)' of \(owner) is already declared on line \(first.line); remove one or rename it")
            }
        }
    }

    /// Calls `report` for every name that repeats an earlier one, with the earlier one's place.
    static func repeats(_ names: [Located<String>], report: (Located<String>, SourcePlace) -> Void) {
        var seen: [String: SourcePlace] = [:]
        for name in names {
            if let first = seen[name.value] {
                report(name, first)
            } else {
                seen[name.value] = name.place
            }
        }
    }
}
