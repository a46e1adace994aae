/// The rules of this group, in documentation order.
enum InterfaceGroup {
    static let rules: [any Rule.Type] = [
    ]
}
