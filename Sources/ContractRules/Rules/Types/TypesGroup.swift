import ContractModel

/// The rules of this group, in documentation order.
enum TypesGroup {
    static let rules: [any Rule.Type] = [
        TypeMissingRule.self,
        TypeUnknownRule.self,
        LengthMissingRule.self,
        LengthInvalidRule.self,
        LengthIgnoredRule.self,
        LengthConflictRule.self,
        DescriptionMissingRule.self,
        MaskingUnknownRule.self,
        MaskingTypeRule.self,
    ]
}

/// Something of a contract that has a type: a parameter, a field of a named type, or a return value.
struct TypedItem {
    /// The parameter or field; nil for a return value.
    var field: Field?
    /// What resolving its type found.
    var resolution: TypeResolution
    /// The keys written on it, readable or not.
    var writtenKeys: Set<String>
}

extension Contract {
    /// Every parameter, field and return value, in file order of their groups: fields of
    /// named types first (the reader resolves them first), then each method's parameters and return.
    var typedItems: [TypedItem] {
        var items: [TypedItem] = []
        for t in types {
            for f in t.fields { items.append(TypedItem(field: f, resolution: f.resolution, writtenKeys: f.writtenKeys)) }
        }
        for m in methods {
            for p in m.parameters { items.append(TypedItem(field: p, resolution: p.resolution, writtenKeys: p.writtenKeys)) }
            if let r = m.returns { items.append(TypedItem(field: nil, resolution: r.resolution, writtenKeys: r.writtenKeys)) }
        }
        return items
    }

    /// Every parameter and every field of a named type, with a description of it for messages
    /// (`parameter 'idNumber' of queryPerson`, `field 'fullName' of PersonInfo`).
    var describedFields: [(field: Field, what: String)] {
        var out: [(Field, String)] = []
        for t in types {
            for f in t.fields { out.append((f, "field '\(f.name?.value ?? "?")' of \(t.name?.value ?? "?")")) }
        }
        for m in methods {
            for p in m.parameters { out.append((p, "parameter '\(p.name?.value ?? "?")' of \(m.name?.value ?? "?")")) }
        }
        return out
    }

    /// The type findings of one kind, leaving out those another rule already reports: a
    /// `type:` or `length:` that was written with the wrong kind of value is reported by
    /// `value-type`, not again as missing.
    func typeFindings(_ kind: TypeFinding.Kind) -> [TypeFinding] {
        typedItems.flatMap { item in
            item.resolution.findings.filter { finding in
                guard finding.kind == kind else { return false }
                switch kind {
                case .missing:
                    // Written but unreadable: the reader kept no value and `value-type` reported it.
                    return !(item.writtenKeys.contains("type") && item.field?.type == nil && item.field != nil)
                case .lengthMissing:
                    return !(item.writtenKeys.contains("length") && item.field?.length == nil)
                default:
                    return true
                }
            }
        }
    }

    /// Reports every type finding of a kind.
    func reportTypeFindings(_ kind: TypeFinding.Kind, into findings: inout [Finding]) {
        for finding in typeFindings(kind) {
            findings.add(self, finding.place, finding.message)
        }
    }
}
