/// The rules of this group, in documentation order.
enum SyntaxGroup {
    static let rules: [any Rule.Type] = [
        YAMLSyntaxRule.self,
        YAMLDuplicateKeyRule.self,
        UnknownKeyRule.self,
        ValueTypeRule.self,
        KeyMissingRule.self,
        ContractVersionRule.self,
        DirectiveUnknownRule.self,
        FileUnreadableRule.self,
    ]
}
