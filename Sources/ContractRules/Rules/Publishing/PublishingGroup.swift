/// The rules of this group, in documentation order.
enum PublishingGroup {
    static let rules: [any Rule.Type] = [
        ClassificationInvalidRule.self,
        ContentCategoryMismatchRule.self,
        HostingInvalidRule.self,
        OriginMissingRule.self,
        OriginIsOwnerRule.self,
        OriginIgnoredRule.self,
        InspectionInvalidRule.self,
        SharingLevelInvalidRule.self,
        SharingConditionsMissingRule.self,
        SharingConditionsIgnoredRule.self,
        ExchangeInvalidRule.self,
        FilesMissingRule.self,
        FilesForbiddenRule.self,
        ExchangeFileClassificationRule.self,
        ExchangeFileRegionRule.self,
        ExchangeFileExtensionRule.self,
    ]
}
