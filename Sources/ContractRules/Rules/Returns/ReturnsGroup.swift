/// The rules of this group, in documentation order.
enum ReturnsGroup {
    static let rules: [any Rule.Type] = [
        ReturnsMissingRule.self,
        ReturnsDescriptionMissingRule.self,
        ReturnCodesMissingRule.self,
        ReturnCodeMeaningMissingRule.self,
        ReturnCodeDuplicateRule.self,
    ]
}
