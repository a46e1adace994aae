import ContractModel
import ContractSyntax

/// The rules of this group, in documentation order.
enum CodesGroup {
    static let rules: [any Rule.Type] = [
        CodeMissingRule.self,
        CodeFormatRule.self,
        CodeCategoryMismatchRule.self,
        CodeOtherNot99Rule.self,
        Code99NotOtherRule.self,
        CodeDuplicateRule.self,
        CodeSerialExhaustedRule.self,
        CodeRegisterMissingRule.self,
        CodeUnregisteredRule.self,
        CodeRegisterConflictRule.self,
        CodeRetiredRule.self,
        CodeRegisterOrphanRule.self,
    ]
}

/// Building blocks for the examples of the code rules.
enum CodeExamples {
    /// The base contract as another service: its own interface name, title and address, and
    /// the given `code:` line (nil: no code).
    static func service(_ name: String, code: String?, classification: [(String, String)] = []) -> String {
        let codeLine = code.map { "code: \"\($0)\"\n" } ?? ""
        return Examples.base([
            ("interface: PersonInfoQuery\ncode: \"1101\"\n", "interface: \(name)\n\(codeLine)"),
            ("title: 参保人员信息查询", "title: 参保人员信息查询（\(name)）"),
            ("https://hrss.example.cn/api/person", "https://hrss.example.cn/api/\(name.lowercased())"),
        ] + classification)
    }

    /// `other: true` under `classification:`.
    static let other = ("  content: basicInfoQuery\n", "  content: basicInfoQuery\n  other: true\n")
}

extension Contract {
    /// Where to report about the contract as a whole: its `interface:` key (where
    /// `contractc codes` writes the code), else its first key.
    var codeAnchor: SourcePlace { keyPlaces["interface"] ?? place }

    /// Whether `value-type` already reported the value of a top-level key: a wrong-kind problem
    /// between the key and the next top-level key.
    func topValueWasReported(_ key: String) -> Bool {
        guard let start = keyPlaces[key] else { return false }
        let end = keyPlaces.values.filter { $0 > start }.min()
        return problems.contains { p in
            p.kind == .wrongKind && p.place > start && end.map { p.place < $0 } ?? true
        }
    }

    /// Whether `classification.other` was written with a value that could not be read (`value-type`'s).
    var otherIsUnreadable: Bool {
        guard let c = classification else { return false }
        return c.writtenKeys.contains("other") && c.other == nil
    }
}

extension Array where Element == CheckedFile {
    /// The contracts of the files that could be read as contracts.
    var readableContracts: [Contract] {
        compactMap { file in file.contract.flatMap { $0.isDocument ? $0 : nil } }
    }
}
