/// The rules of this group, in documentation order.
enum CodesGroup {
    static let rules: [any Rule.Type] = [
    ]
}
