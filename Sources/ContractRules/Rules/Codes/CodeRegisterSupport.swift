import ContractModel
import ContractSyntax

/// Building blocks of the code register rules (服务编目).
enum RegisterExamples {
    /// A register file for examples: `service-codes.yaml` with the given lines under `codes:`.
    static func register(_ lines: [String]) -> (name: String, text: String) {
        (CodeRegister.fileName, "register: 1\ncodes:\n" + lines.map { "  \($0)\n" }.joined())
    }
}

extension RuleOptions {
    /// The catalogue's register, when it has one.
    var codeRegister: CodeRegister? {
        if case .present(let register) = register { return register }
        return nil
    }

    /// The codes the register holds, as holders the allocator never gives again.
    var registerHolders: [ServiceCodeAllocator.Holder] {
        codeRegister?.holders ?? []
    }
}

extension CodeRegister {
    /// Every code of the register (retired ones included) as a holder for the allocator.
    public var holders: [ServiceCodeAllocator.Holder] {
        entries.keys.sorted().compactMap { key in
            guard let entry = entries[key], let code = ServiceCode(key) else { return nil }
            return ServiceCodeAllocator.Holder(file: path, place: entry.place, code: code, isWritten: true)
        }
    }
}

extension Array where Element == Contract {
    /// The contracts with a well-formed code (serial 00 is `code-format`'s), with the code, in
    /// file-path order.
    var coded: [(contract: Contract, code: ServiceCode, place: SourcePlace)] {
        sorted { $0.file.utf8.lexicographicallyPrecedes($1.file.utf8) }.compactMap { contract in
            guard let written = contract.code, let code = ServiceCode(written.value), code.serial != 0 else { return nil }
            return (contract, code, written.place)
        }
    }
}
