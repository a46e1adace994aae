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

extension Contract {
    /// Calls `body` with every field of a named type and every parameter, in that order, and a
    /// description of it for messages (`field 'fullName' of PersonInfo`, `parameter 'idNumber'
    /// of queryPerson`), made only when a message asks for it.
    func forEachDescribedField(_ body: (_ field: Field, _ what: () -> String) -> Void) {
        for t in types {
            for f in t.fields { body(f) { "field '\(f.name?.value ?? "?")' of \(t.name?.value ?? "?")" } }
        }
        for m in methods {
            for p in m.parameters { body(p) { "parameter '\(p.name?.value ?? "?")' of \(m.name?.value ?? "?")" } }
        }
    }

    /// The type findings of one kind, leaving out those another rule already reports: a
    /// `type:` or `length:` that was written with the wrong kind of value is reported by
    /// `value-type`, not again as missing.
    func typeFindings(_ kind: TypeFinding.Kind) -> [TypeFinding] {
        var out: [TypeFinding] = []
        func collect(_ resolution: TypeResolution, _ writtenKeys: Set<String>, _ field: Field?) {
            for finding in resolution.findings where finding.kind == kind {
                switch kind {
                case .missing:
                    // Written but unreadable: the reader kept no value and `value-type` reported it.
                    if writtenKeys.contains("type") && field != nil && field?.type == nil { continue }
                case .lengthMissing:
                    if writtenKeys.contains("length") && field?.length == nil { continue }
                default:
                    break
                }
                out.append(finding)
            }
        }
        // Named types first (the reader resolves them first), then each method's parameters and return.
        for t in types {
            for f in t.fields where !f.resolution.findings.isEmpty { collect(f.resolution, f.writtenKeys, f) }
        }
        for m in methods {
            for p in m.parameters where !p.resolution.findings.isEmpty { collect(p.resolution, p.writtenKeys, p) }
            if let r = m.returns, !r.resolution.findings.isEmpty { collect(r.resolution, r.writtenKeys, nil) }
        }
        return out
    }

    /// Reports every type finding of a kind.
    func reportTypeFindings(_ kind: TypeFinding.Kind, into findings: inout [Finding]) {
        for finding in typeFindings(kind) {
            findings.add(self, finding.place, finding.message)
        }
    }
}
