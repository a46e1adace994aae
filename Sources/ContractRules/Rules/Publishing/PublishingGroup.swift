/// The rules of this group, in documentation order.
enum PublishingGroup {
    static let rules: [any Rule.Type] = [
    ]
}
