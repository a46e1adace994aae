import ContractSyntax
import Foundation

/// The names the generators and the publisher derive from a contract — generated Swift
/// declarations, output files, published file names — and the one judgement of whether they can
/// all be made.
///
/// Lint rules (`swift-name-conflict`, `swift-name-reserved`, `type-recursive`,
/// `interface-name-conflict`, `output-file-conflict`) and the generators both ask here, so a
/// contract set that lints clean is one `generate`, `catalogue` and `openapi` accept: the two
/// cannot disagree.
///
/// Generated Swift declares, at the top level of a module, only names derived from the interface
/// name (``topLevelNames(interface:)``). Everything named after a name of the file — its types,
/// each method's `<Method>Input` and `<Method>Code` — is nested in the contract's namespace, the
/// catalogue enum `<Interface>Service`, because types are local to their file (contract language
/// §2): two contracts may both declare `PersonInfo`.
public enum GeneratedNames {
    // MARK: - Files

    /// The name of the file generated from a contract file: the contract's file name without its
    /// folder and without `.contract.yaml` (or, for a file named otherwise, without its last
    /// extension), then `.` and `extension`. `contracts/PersonInfoQuery.contract.yaml` →
    /// `PersonInfoQuery.swift`.
    ///
    /// The name comes from the file, not its content, so that a build plugin can name its outputs
    /// before the generator runs.
    public static func outputName(forContract path: String, extension: String) -> String {
        let name = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
        let suffix = ".contract.yaml"
        var stem = name
        if name.hasSuffix(suffix), name.count > suffix.count {
            stem = String(name.dropLast(suffix.count))
        } else if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            stem = String(name[..<dot])
        }
        return stem + "." + `extension`
    }

    /// The keys under which an interface's published files and entities are named (the
    /// interface name on a case-insensitive file system, and its ``slug(_:limit:fallback:)`` for
    /// Backstage): two interfaces sharing a key would publish the same files.
    public static func publishedKeys(interface: String) -> [String] {
        let lower = interface.lowercased()
        let slugged = "slug:" + slug(interface, fallback: "api")
        return [lower, slugged]
    }

    /// A name for systems that allow only `[a-z0-9-]` (Backstage entity names, HTML ids):
    /// lower-kebab-case, word breaks found at case changes (`PersonInfoQuery` →
    /// `person-info-query`, `IDCardQuery` → `id-card-query`). Han characters are spelt in pinyin
    /// without tones (ICU's Han-Latin transform), other letters reduced to ASCII, anything else is
    /// a break. At most `limit` characters: a longer name is cut and ends with 8 hex digits of a
    /// hash of the whole text, so that two long names stay apart. Empty text gives `fallback`
    /// and a hash.
    public static func slug(_ text: String, limit: Int = 63, fallback: String = "x") -> String {
        var ascii = text
        if text.unicodeScalars.contains(where: { !$0.isASCII }) {
            ascii = text.applyingTransform(StringTransform("Any-Latin; Latin-ASCII"), reverse: false) ?? text
        }
        var words: [String] = []
        var current = ""
        let characters = Array(ascii.unicodeScalars)
        for (index, scalar) in characters.enumerated() {
            let isUpper = scalar.properties.isUppercase && scalar.isASCII
            let isAlnum = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
            guard isAlnum else {
                if !current.isEmpty { words.append(current) }
                current = ""
                continue
            }
            if isUpper, !current.isEmpty, index > 0 {
                let previous = characters[index - 1]
                let previousLower = previous.properties.isLowercase || ("0"..."9").contains(previous)
                let nextLower = index + 1 < characters.count && characters[index + 1].properties.isLowercase
                // `infoQuery` → info|Query; `IDCard` → ID|Card (an acronym ends before the capital of the next word).
                if previousLower || (previous.properties.isUppercase && nextLower) {
                    words.append(current)
                    current = ""
                }
            }
            current.unicodeScalars.append(scalar)
        }
        if !current.isEmpty { words.append(current) }
        let joined = words.map { $0.lowercased() }.joined(separator: "-")
        if joined.isEmpty { return fallback + "-" + hash(text) }
        if joined.count <= limit { return joined }
        var cut = String(joined.prefix(limit - 9))
        while cut.hasSuffix("-") { cut.removeLast() }
        return cut + "-" + hash(text)
    }

    /// 8 hex digits of the 32-bit FNV-1a hash of the text's UTF-8 bytes: stable across runs and
    /// machines (Swift's `hashValue` is not).
    public static func hash(_ text: String) -> String {
        var value: UInt32 = 0x811C9DC5
        for byte in text.utf8 {
            value ^= UInt32(byte)
            value = value &* 0x0100_0193
        }
        let digits = String(value, radix: 16, uppercase: false)
        return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    // MARK: - Swift identifiers

    /// A name made a valid Swift identifier, without backticks: ASCII letters, digits and `_` are
    /// kept, other ASCII characters become `_`, other characters `uXXXX`; a leading digit gets a
    /// `_` before it.
    public static func swiftIdentifier(_ name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            let v = scalar.value
            if (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F {
                out.unicodeScalars.append(scalar)
            } else if v < 0x80 {
                out += "_"
            } else {
                let digits = String(v, radix: 16, uppercase: true)
                out += "u" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
            }
        }
        if out.isEmpty || out == "_" { return "_" + out + "unnamed" }
        if let first = out.unicodeScalars.first, first.value >= 0x30 && first.value <= 0x39 { out = "_" + out }
        return out
    }

    /// The modules generated code qualifies names with (`Swift.String`, `Foundation.Date`,
    /// `ContractRuntime.Validator`): nothing generated may be named like them, or the qualified
    /// names inside it would find the member or local instead of the module.
    public static let moduleNames: Set<String> = ["Swift", "Foundation", "ContractRuntime"]

    /// The names that decide the type of a literal without context: a type of one of these names
    /// changes what `"…"` or `1` means where it is visible.
    public static let literalTypeNames: Set<String> = [
        "IntegerLiteralType", "FloatLiteralType", "BooleanLiteralType", "StringLiteralType",
        "UnicodeScalarType", "ExtendedGraphemeClusterType",
    ]

    /// Names the client and handler bodies use next to the contract's type names in expressions:
    /// their properties, locals and members. A type of one of these names would be hidden there.
    public static let bodyNames: Set<String> = [
        "_core", "_input", "_output", "_path", "_query", "_request", "_pathValues", "_reader",
        "_service", "_masksResponses", "_router", "_Route", "handle", "init", "self", "Self", "CodingKeys",
    ]

    /// Names that mean the metatype after a dot (`X.Type`, `X.Protocol`), even in backticks where
    /// an expression names a nested type (`X.`Type`(…)`): no nested type can have them.
    public static let metatypeNames: Set<String> = ["Type", "Protocol"]

    /// The members of the catalogue enum `<Interface>Service`, which is also the namespace of the
    /// contract's types: a type cannot share their names.
    public static let namespaceMemberNames: Set<String> = [
        "code", "title", "summary", "version", "owner", "resourceCategory", "serviceCategory", "content",
        "protocol", "address", "hosting", "origin", "inspection", "sharing", "sharingConditions", "exchange",
        "exchangeFileClassification", "exchangeFileRegion", "exchangeFileExtensions", "ExchangeFileNameError",
        "exchangeFileName",
    ]

    /// Names no top-level declaration can have: the modules generated code qualifies names with,
    /// the literal types and the names the generated bodies use (``bodyNames``).
    public static let reservedTopLevelNames: Set<String> = moduleNames.union(literalTypeNames).union(bodyNames)

    /// Names no type nested in the namespace can have: ``reservedTopLevelNames``, the members of
    /// the namespace (``namespaceMemberNames``) and ``metatypeNames``.
    public static let reservedTypeNames: Set<String> = reservedTopLevelNames.union(namespaceMemberNames).union(metatypeNames)

    /// Why a type name is reserved, for messages.
    public static func whyReserved(_ name: String) -> String {
        if moduleNames.contains(name) { return "it would hide the module '\(name)'" }
        if literalTypeNames.contains(name) { return "it would change the type of every literal where it is visible" }
        if name == "Self" || name == "self" { return "'\(name)' means the enclosing type or value" }
        if name == "Type" || name == "Protocol" { return "'.\(name)' after a type means its metatype" }
        if namespaceMemberNames.contains(name) { return "the namespace of the contract's types already has a member '\(name)'" }
        return "the generated code declares and uses '\(name)' itself, which would hide the type"
    }

    /// Member names of every generated struct that a stored property cannot share (besides the
    /// contract's namespace, see ``memberName(_:namespace:)``). A property may share its name
    /// with a method that takes arguments (`collectIssues(into:at:)`, `hash(into:)`,
    /// `encode(to:)`), so those names stay.
    public static let reservedMemberNames: Set<String> = moduleNames.union(["masked", "validate", "hashValue", "CodingKeys"])

    /// Member names of every code enum, and the module names; a code with one of these names gets
    /// a `_` after it.
    public static let reservedCaseNames: Set<String> = moduleNames.union(["allCases", "rawValue", "hashValue", "meaning"])

    /// The string with its first character upper-cased (ASCII letters only).
    public static func capitalisedFirst(_ text: String) -> String {
        guard let first = text.first, first.isASCII, first.isLowercase else { return text }
        return first.uppercased() + text.dropFirst()
    }

    /// A Swift declaration named after the interface, with what it is.
    public struct TopLevelName: Sendable, Hashable {
        /// The Swift name, without backticks.
        public var name: String
        /// What it is, for messages (`the client`).
        public var what: String
    }

    /// Every name generated Swift can declare at the top level of a module for an interface: the
    /// protocol `<Interface>`, the namespace and catalogue enum `<Interface>Service`, and the
    /// client `<Interface>Client` and handler `<Interface>Handler` (generated for HTTP and HTTPS
    /// contracts; the names are the contract's whatever its protocol). Nothing else of a contract
    /// is declared at the top level.
    public static func topLevelNames(interface: String) -> [TopLevelName] {
        let base = swiftIdentifier(interface)
        return [
            TopLevelName(name: base, what: "the protocol"),
            TopLevelName(name: base + "Service", what: "the namespace and catalogue enum"),
            TopLevelName(name: base + "Client", what: "the client"),
            TopLevelName(name: base + "Handler", what: "the handler"),
        ]
    }

    /// The enum the contract's types are nested in: `<Interface>Service`.
    public static func namespace(interface: String) -> String {
        swiftIdentifier(interface) + "Service"
    }

    /// The nested struct holding a method's parameters: `queryPersonInfo` → `QueryPersonInfoInput`.
    public static func inputName(method: String) -> String {
        capitalisedFirst(swiftIdentifier(method)) + "Input"
    }

    /// The nested enum of a method's return codes: `queryPersonInfo` → `QueryPersonInfoCode`.
    public static func codeName(method: String) -> String {
        capitalisedFirst(swiftIdentifier(method)) + "Code"
    }

    /// The OpenAPI schema of a method's input: the method name as written, its first character
    /// upper-cased, and `Input`.
    public static func openAPIInputName(method: String) -> String {
        method.prefix(1).uppercased() + method.dropFirst() + "Input"
    }

    /// A method's name in Swift: its identifier, with `_` after it when it would hide a module or
    /// the namespace inside the generated client (whose bodies qualify names with them).
    public static func methodName(_ written: String, namespace: String) -> String {
        let identifier = swiftIdentifier(written)
        return moduleNames.contains(identifier) || identifier == namespace ? identifier + "_" : identifier
    }

    /// A field's or parameter's property name in Swift: its identifier, with `_` after it when it
    /// is a member every generated struct has, a module, or the namespace (its JSON key stays).
    public static func memberName(_ written: String, namespace: String) -> String {
        let identifier = swiftIdentifier(written)
        return reservedMemberNames.contains(identifier) || identifier == namespace ? identifier + "_" : identifier
    }

    /// A return code's case name in Swift: its name made an identifier (`_` after a reserved
    /// one), or `code<value>` / `codeMinus<magnitude>` when it has none.
    public static func caseName(written: String?, value: Int) -> String {
        if let written, !written.isEmpty {
            let identifier = swiftIdentifier(written)
            return reservedCaseNames.contains(identifier) ? identifier + "_" : identifier
        }
        return value < 0 ? "codeMinus\(value.magnitude)" : "code\(value)"
    }

    // MARK: - What cannot be generated

    /// What keeps a contract from becoming Swift.
    public enum IssueKind: Sendable, Hashable, CaseIterable {
        /// Two names of the contract are one name in generated Swift (or an OpenAPI schema), or a
        /// type takes a name generated for the contract.
        case conflict
        /// A name generated code cannot declare.
        case reserved
        /// A type that contains itself other than through a list.
        case recursive
        /// Two methods, parameters of a method or fields of a type written with the same name
        /// (`name-duplicate` reports them).
        case duplicateName
        /// Two return codes of a method with the same name, or the same number and no name
        /// (`return-code-duplicate` reports them).
        case duplicateCode

        /// The id of the lint rule reporting this kind (the generators report with it too).
        public var rule: String {
            switch self {
            case .conflict: "swift-name-conflict"
            case .reserved: "swift-name-reserved"
            case .recursive: "type-recursive"
            case .duplicateName: "name-duplicate"
            case .duplicateCode: "return-code-duplicate"
            }
        }
    }

    /// One reason a contract cannot become Swift.
    public struct Issue: Sendable, Hashable {
        /// The kind, which names its rule.
        public var kind: IssueKind
        /// Where.
        public var place: SourcePlace
        /// What and what to do.
        public var message: String
        /// The earlier declaration of the same name, when there is one.
        public var related: SourcePlace?
    }

    /// Every reason the contract's names cannot be generated: what ``IssueKind`` lists. Empty for
    /// a contract whose Swift (and OpenAPI schemas) can be generated as named. The Swift
    /// generator refuses exactly these; lint reports them first.
    public static func issues(_ contract: Contract) -> [Issue] {
        var issues: [Issue] = []
        guard let interface = contract.interface, !interface.value.isEmpty else { return issues }
        let namespace = namespace(interface: interface.value)
        var declared: [String: SourcePlace] = [:]
        var topLevel: Set<String> = []

        for top in topLevelNames(interface: interface.value) {
            topLevel.insert(top.name)
            if reservedTopLevelNames.contains(top.name) {
                issues.append(Issue(kind: .reserved, place: interface.place,
                    message: "\(top.what) of interface '\(interface.value)' would be named '\(top.name)' in Swift, which generated code cannot declare (\(whyReserved(top.name))); rename the interface"))
            }
        }
        func declare(_ name: String, _ what: String, at place: SourcePlace) {
            if reservedTypeNames.contains(name) {
                issues.append(Issue(kind: .reserved, place: place,
                    message: "\(what) would be named '\(name)' in Swift, which generated code cannot declare (\(whyReserved(name))); rename it"))
                return
            }
            if topLevel.contains(name) {
                issues.append(Issue(kind: .conflict, place: place,
                    message: "\(what) would be named '\(name)' in Swift, a name generated for interface '\(interface.value)'; rename it"))
                return
            }
            if let first = declared[name] {
                issues.append(Issue(kind: .conflict, place: place,
                    message: "\(what) would be named '\(name)' in Swift, a name already used for the declaration from line \(first.line); rename one",
                    related: first))
                return
            }
            declared[name] = place
        }
        for type in contract.types {
            guard let name = type.name else { continue }
            declare(swiftIdentifier(name.value), "type '\(name.value)'", at: name.place)
        }
        var declaredMethods: Set<String> = []
        for method in contract.methods {
            // A method written twice is `name-duplicate`'s, reported once below.
            guard let name = method.name, declaredMethods.insert(name.value).inserted else { continue }
            declare(inputName(method: name.value), "the input of method '\(name.value)'", at: name.place)
            if let codes = method.returns?.codes, !codes.isEmpty {
                declare(codeName(method: name.value), "the return codes of method '\(name.value)'", at: name.place)
            }
        }

        // OpenAPI names its schemas after the names as written.
        var writtenMethods: [String: SourcePlace] = [:]
        var schemas: [String: SourcePlace] = [:]
        for type in contract.types {
            guard let name = type.name, schemas[name.value] == nil else { continue }
            schemas[name.value] = name.place
        }
        for method in contract.methods {
            guard let name = method.name else { continue }
            let schema = openAPIInputName(method: name.value)
            if let first = schemas[schema], first != name.place {
                issues.append(Issue(kind: writtenMethods[name.value] != nil ? .duplicateName : .conflict, place: name.place,
                    message: "the input of method '\(name.value)' would be the OpenAPI schema '\(schema)', like the type on line \(first.line); rename one",
                    related: first))
            }
            schemas[schema] = name.place
            writtenMethods[name.value] = writtenMethods[name.value] ?? name.place
        }

        var methods: [String: Located<String>] = [:]
        for method in contract.methods {
            guard let name = method.name else { continue }
            let swiftName = methodName(name.value, namespace: namespace)
            if declared[swiftName] != nil || topLevel.contains(swiftName) {
                issues.append(Issue(kind: .conflict, place: name.place,
                    message: "method '\(name.value)' is spelled '\(swiftName)' in Swift, the name of a type of this contract; rename one"))
            }
            if let first = methods[swiftName] {
                issues.append(Issue(kind: first.value == name.value ? .duplicateName : .conflict, place: name.place,
                    message: "method '\(name.value)' is spelled '\(swiftName)' in Swift, like the method on line \(first.place.line); rename one",
                    related: first.place))
            } else {
                methods[swiftName] = name
            }
            issues += memberIssues(method.parameters, of: "parameter", namespace: namespace)
            var cases: [String: (place: SourcePlace, written: String?, value: Int)] = [:]
            for code in method.returns?.codes ?? [] {
                guard let value = code.code?.value else { continue }
                let written = code.name?.value
                let caseName = caseName(written: written, value: value)
                let place = code.name?.place ?? code.place
                if let first = cases[caseName] {
                    let same = (written != nil && first.written == written) || (written == nil && first.written == nil && first.value == value)
                    issues.append(Issue(kind: same ? .duplicateCode : .conflict, place: place,
                        message: "return code \(value) of method '\(name.value)' is named '\(caseName)' in Swift, like the code on line \(first.place.line); give it its own name",
                        related: first.place))
                } else {
                    cases[caseName] = (place, written, value)
                }
            }
        }
        for type in contract.types {
            issues += memberIssues(type.fields, of: "field", namespace: namespace)
        }
        for name in recursiveTypes(contract) {
            issues.append(Issue(kind: .recursive, place: name.place,
                message: "type '\(name.value)' contains itself through fields that are not lists; no finite value has it (and a Swift struct cannot), so make one of those fields a list"))
        }
        return issues
    }

    /// Fields (or parameters) that are one property in Swift.
    private static func memberIssues(_ fields: [Field], of what: String, namespace: String) -> [Issue] {
        var issues: [Issue] = []
        var seen: [String: Located<String>] = [:]
        for field in fields {
            guard let name = field.name else { continue }
            let property = memberName(name.value, namespace: namespace)
            if let first = seen[property] {
                issues.append(Issue(kind: first.value == name.value ? .duplicateName : .conflict, place: name.place,
                    message: "\(what) '\(name.value)' is spelled '\(property)' in Swift, like the \(what) on line \(first.place.line); rename one",
                    related: first.place))
            } else {
                seen[property] = name
            }
        }
        return issues
    }

    /// The named types that hold themselves other than through a list, in contract order.
    ///
    /// A type holds itself when it lies on a cycle of non-list references: a strongly connected
    /// component of more than one type, or a type referring to itself. Tarjan's algorithm finds
    /// them in one walk, linear in types and fields, and iterative, so a chain of any length cannot
    /// exhaust the stack.
    public static func recursiveTypes(_ contract: Contract) -> [Located<String>] {
        var index: [String: Int] = [:]
        var names: [String] = []
        for type in contract.types {
            guard let name = type.name?.value, index[name] == nil else { continue }
            index[name] = names.count
            names.append(name)
        }
        let count = names.count
        var edges = [[Int]](repeating: [], count: count)
        var selfLoop = [Bool](repeating: false, count: count)
        for type in contract.types {
            guard let name = type.name?.value, let from = index[name] else { continue }
            for field in type.fields {
                guard case .named(let target)? = field.resolution.type, let to = index[target] else { continue }
                edges[from].append(to)
                if from == to { selfLoop[from] = true }
            }
        }
        var order = [Int](repeating: -1, count: count)
        var low = [Int](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count)
        var stack: [Int] = []
        var cyclic = [Bool](repeating: false, count: count)
        var counter = 0
        for root in 0..<count where order[root] < 0 {
            // Each frame: a node and how many of its edges have been followed.
            var frames: [(node: Int, edge: Int)] = [(root, 0)]
            order[root] = counter
            low[root] = counter
            counter += 1
            stack.append(root)
            onStack[root] = true
            while let frame = frames.last {
                let node = frame.node
                if frame.edge < edges[node].count {
                    frames[frames.count - 1].edge += 1
                    let next = edges[node][frame.edge]
                    if order[next] < 0 {
                        order[next] = counter
                        low[next] = counter
                        counter += 1
                        stack.append(next)
                        onStack[next] = true
                        frames.append((next, 0))
                    } else if onStack[next] {
                        low[node] = min(low[node], order[next])
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last?.node { low[parent] = min(low[parent], low[node]) }
                guard low[node] == order[node] else { continue }
                var component: [Int] = []
                while let member = stack.popLast() {
                    onStack[member] = false
                    component.append(member)
                    if member == node { break }
                }
                if component.count > 1 || selfLoop[node] {
                    for member in component { cyclic[member] = true }
                }
            }
        }
        return contract.types.compactMap { type in
            guard let name = type.name, let at = index[name.value], cyclic[at] else { return nil }
            return name
        }
    }
}
