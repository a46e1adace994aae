/// The rules of this group, in documentation order.
enum NamingGroup {
    static let rules: [any Rule.Type] = [
        InterfaceNameCaseRule.self,
        MethodNameCaseRule.self,
        ParameterNameCaseRule.self,
        TypeNameCaseRule.self,
        FieldNameCaseRule.self,
        ReturnCodeNameCaseRule.self,
        SwiftNameConflictRule.self,
        SwiftNameReservedRule.self,
    ]
}
