/// The rules of this group, in documentation order.
enum InterfaceGroup {
    static let rules: [any Rule.Type] = [
        ProtocolMissingRule.self,
        ProtocolUnknownRule.self,
        AddressInvalidRule.self,
        AddressProtocolMismatchRule.self,
        MethodsMissingRule.self,
        MethodSummaryMissingRule.self,
        NameDuplicateRule.self,
        HTTPBindingInvalidRule.self,
        VersionInvalidRule.self,
        FileNameInterfaceRule.self,
        TypeRecursiveRule.self,
        InterfaceNameConflictRule.self,
        OutputFileConflictRule.self,
    ]
}
