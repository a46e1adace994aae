/// The rules of this group, in documentation order.
enum TypesGroup {
    static let rules: [any Rule.Type] = [
    ]
}
