import ContractModel
import ContractSyntax

/// The closed sets of values the publishing rules check, with the standard's labels, and the
/// wording of their messages.
enum Choices {
    /// One allowed value: as written in a contract, with the standard's Chinese name.
    struct Choice {
        /// The value as a contract writes it (`general`).
        var value: String
        /// The standard's name (`通用基础数据`), with the digit where the value has one.
        var label: String
        /// Other spellings that mean this value: the Chinese name, the digit.
        var aliases: [String]
    }

    /// The resource categories of 服务分类.
    static let resource = ResourceCategory.allCases.map {
        Choice(value: $0.rawValue, label: "\($0.digit) \($0.label)", aliases: [$0.label, "\($0.digit)"])
    }
    /// The service categories of 服务分类.
    static let service = ServiceCategory.allCases.map {
        Choice(value: $0.rawValue, label: "\($0.digit) \($0.label)", aliases: [$0.label, "\($0.digit)"])
    }
    /// The content kinds of 服务内容; a service category written as content (`basicQuery`)
    /// means the content kind with the same Chinese name (`basicInfoQuery`).
    static let content = ContentKind.allCases.map { kind in
        let serviceNames = ServiceCategory.allCases.filter { $0.label == kind.label }.map(\.rawValue)
        return Choice(value: kind.rawValue, label: kind.label, aliases: [kind.label] + serviceNames)
    }
    /// The hosting kinds of 服务发布与巡检.
    static let hosting = Hosting.allCases.map { Choice(value: $0.rawValue, label: $0.label, aliases: [$0.label]) }
    /// The sharing levels of 数据共享.
    static let sharing = SharingLevel.allCases.map { Choice(value: $0.rawValue, label: $0.label, aliases: [$0.label]) }
    /// The exchange modes of 数据交换.
    static let exchange = ExchangeMode.allCases.map { Choice(value: $0.rawValue, label: $0.label, aliases: [$0.label]) }

    /// The value a wrong one most likely means: one written as the standard's name or digit,
    /// else the closest by spelling.
    static func suggestion(for written: String, in choices: [Choice]) -> String? {
        if let alias = choices.first(where: { $0.aliases.contains(written) }) { return alias.value }
        return Suggestion.closest(to: written, in: choices.map(\.value))
    }

    /// `general (1 通用基础数据), specialized (2 专项业务数据) or analytical (3 分析数据)`.
    static func list(_ choices: [Choice], _ conjunction: String = "or") -> String {
        let items = choices.map { "\($0.value) (\($0.label))" }
        guard let last = items.last else { return "" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " \(conjunction) " + last
    }

    /// `resource 'generl' is not a resource category of 服务分类; did you mean 'general'? The
    /// values are general (…), specialized (…) and analytical (…)`, or `…; write general (…), …`
    /// when nothing is close.
    static func message(key: String, written: String, isNot what: String, choices: [Choice]) -> String {
        let text = "\(key) '\(written)' is not \(what)"
        if let s = suggestion(for: written, in: choices), s != written {
            return text + "; did you mean '\(s)'? The values are \(list(choices, "and"))"
        }
        return text + "; write \(list(choices))"
    }
}

extension Contract {
    /// The `files:` block when its contents are to be checked: it was read as a mapping, and
    /// the exchange mode is `file` or not known. With another mode, `files-forbidden` reports
    /// the whole block and its contents are not judged.
    var checkedFiles: ExchangeFiles? {
        guard let files else { return nil }
        if let mode = exchangeMode, mode != .file { return nil }
        return files
    }

    /// Whether the reader found a value of the wrong kind inside the top-level block that
    /// starts at a key (up to the next top-level key). `value-type` has reported it, so a rule
    /// that cannot tell which value it was stays quiet rather than report it twice.
    func hasWrongKind(inBlockAt place: SourcePlace) -> Bool {
        let end = keyPlaces.values.filter { $0 > place }.min()
        return problems.contains { problem in
            problem.kind == .wrongKind && problem.place > place && (end.map { problem.place < $0 } ?? true)
        }
    }
}

/// Contracts for the examples of the file-exchange rules.
enum PublishingExamples {
    /// The `files:` block of a clean file-exchange contract.
    static let files = """
          classification: A0102
          region: "510100"
          extensions: [csv, zip]

        """

    /// The base contract exchanging by file, with a `files:` block.
    static func fileExchange(_ files: String = files) -> String {
        Examples.base(replacing: "exchange: interface\n", with: "exchange: file\nfiles:\n" + files)
    }

    /// The clean file-exchange contract with one change in its `files:` block.
    static func fileExchange(replacing old: String, with new: String) -> String {
        fileExchange(files.replacingFirst(old, with: new))
    }
}
