import ContractModel
import ContractRules
import ContractSyntax
import Foundation

/// The settings of a `.contractc.yaml`: rule severities, excluded paths, acronyms and the
/// catalogue its folder publishes.
public struct Configuration: Sendable {
    /// The configuration's file name.
    public static let fileName = ".contractc.yaml"

    /// The file it was read from, if any.
    public var path: String?
    /// The folder its globs are relative to.
    public var root: String
    /// `rules:` — severity overrides; nil turns a rule off.
    public var severities: [String: Severity?] = [:]
    /// `exclude:` — globs of paths not to check.
    public var exclude: [Glob] = []
    /// `acronyms:` — whole-capital words naming rules accept.
    public var acronyms: [String] = []
    /// `catalogue:` — the name of the catalogue this folder (with its sub-folders) publishes on
    /// its own. Service codes are unique within one catalogue, so a repository holding several
    /// (a city's and each district's, say) numbers each one separately. Nil: the folder belongs
    /// to the catalogue of the nearest folder above that names one, or to the run's own.
    public var catalogue: String?
    /// `protocols:` — protocols beyond the nine of 服务接口 2 (which ends its list with 等) that
    /// contracts here may name in `protocol:`, each with the URL schemes of its addresses.
    public var protocols: [DeclaredProtocol] = []

    /// Creates an empty configuration rooted at a folder.
    public init(root: String) { self.root = root }

    /// The lint settings this configuration gives.
    public var settings: LintSettings {
        LintSettings(severities: severities, options: RuleOptions(acronyms: Set(acronyms), protocols: protocols))
    }

    /// Whether a path (as given to the tool) is excluded.
    public func excludes(_ path: String) -> Bool {
        guard !exclude.isEmpty else { return false }
        let absolute = Self.absolute(path)
        let base = root.hasSuffix("/") ? root : root + "/"
        let relative = absolute.hasPrefix(base) ? String(absolute.dropFirst(base.count)) : absolute
        return exclude.contains { $0.matches(relative) }
    }

    static func absolute(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return (joined as NSString).standardizingPath
    }

    /// Parses configuration text. Problems are diagnostics at their place (rule `config-invalid`).
    public static func parse(_ bytes: [UInt8], path: String, root: String) -> (Configuration, [Diagnostic]) {
        var config = Configuration(root: root)
        config.path = path
        var problems: [Diagnostic] = []
        func problem(_ place: SourcePlace, _ message: String) {
            problems.append(Diagnostic(file: path, place: place, severity: .error, rule: "config-invalid", message: message))
        }
        let document = YAMLParser.parse(bytes: bytes, limits: SyntaxLimits(maxBytes: 1024 * 1024))
        for p in document.problems { problem(p.place, p.message) }
        guard let root = document.root else { return (config, problems) }
        if let s = root.scalar, s.kind == .null { return (config, problems) }
        guard let entries = root.entries else {
            problem(root.place, "a configuration is a mapping with 'rules', 'exclude', 'acronyms', 'catalogue' and 'protocols', not \(root.kindDescription)")
            return (config, problems)
        }
        let known = ["rules", "exclude", "acronyms", "catalogue", "protocols"]
        let ids = RuleRegistry.ids
        for entry in entries {
            switch entry.key {
            case "rules":
                guard let rules = entry.value.entries else {
                    if entry.value.scalar?.kind != .null {
                        problem(entry.value.place, "'rules' is a mapping of rule ids to error, warning or off")
                    }
                    continue
                }
                for rule in rules {
                    guard ids.contains(rule.key) else {
                        problem(rule.keyPlace, "unknown rule '\(rule.key)'\(Suggestion.didYouMeanRule(rule.key, ids)); `contractc explain --list` lists them")
                        continue
                    }
                    let value = rule.value.scalar
                    switch (value?.text, value?.kind) {
                    case ("error", _): config.severities[rule.key] = .some(.error)
                    case ("warning", _): config.severities[rule.key] = .some(.warning)
                    case ("off", _), (_, .boolean(false)?):
                        config.severities[rule.key] = .some(nil)
                    default:
                        problem(rule.value.place, "rule '\(rule.key)' is set to '\(value?.text ?? rule.value.kindDescription)'; write error, warning or off")
                    }
                }
            case "exclude", "acronyms":
                let items: [YAMLNode]
                if let list = entry.value.items {
                    items = list
                } else if entry.value.scalar?.kind == .null {
                    items = []
                } else {
                    problem(entry.value.place, "'\(entry.key)' is a list, e.g. \(entry.key == "exclude" ? "[generated/**]" : "[ID, URL]")")
                    continue
                }
                for item in items {
                    guard let s = item.scalar, s.kind != .null else {
                        problem(item.place, "each entry of '\(entry.key)' is a string")
                        continue
                    }
                    if entry.key == "exclude" {
                        config.exclude.append(Glob(s.text))
                    } else {
                        let valid = !s.text.isEmpty && s.text.allSatisfy { ($0.isASCII && $0.isUppercase) || ($0.isASCII && $0.isNumber) }
                            && s.text.first?.isLetter == true
                        if valid {
                            config.acronyms.append(s.text)
                        } else {
                            problem(item.place, "acronym '\(s.text)' must be capital ASCII letters and digits, starting with a letter (e.g. ID, URL, HTTP2)")
                        }
                    }
                }
            case "catalogue":
                guard let s = entry.value.scalar, s.kind != .null, !s.text.trimmingCharacters(in: .whitespaces).isEmpty,
                    entry.value.items == nil, entry.value.entries == nil
                else {
                    problem(entry.value.place, "'catalogue' is the name of the catalogue this folder publishes, e.g. 'catalogue: 成都市本级'")
                    continue
                }
                config.catalogue = s.text
            case "protocols":
                config.protocols = parseProtocols(entry.value, problem: problem)
            default:
                let suggestion = Suggestion.closest(to: entry.key, in: known)
                problem(entry.keyPlace, "unknown key '\(entry.key)' in \(fileName)" + (suggestion.map { "; did you mean '\($0)'?" } ?? "; known keys are rules, exclude, acronyms, catalogue, protocols"))
            }
        }
        return (config, problems)
    }

    /// Reads `protocols:`: a list of `{name, schemes}` mappings. A name is letters, digits, `-`
    /// and `_`, starting with a letter, not one of the nine in any case and not declared twice;
    /// a scheme is an RFC 3986 scheme, written lowercase, taken by no other protocol.
    static func parseProtocols(_ node: YAMLNode, problem: (SourcePlace, String) -> Void) -> [DeclaredProtocol] {
        let example = "e.g. '- {name: MQTT, schemes: [mqtt, mqtts]}'"
        guard let items = node.items else {
            if node.scalar?.kind != .null { problem(node.place, "'protocols' is a list of protocols with 'name' and 'schemes', \(example)") }
            return []
        }
        var declared: [DeclaredProtocol] = []
        var takenSchemes: [String: String] = [:]
        for kind in ProtocolKind.allCases { for scheme in kind.schemes where takenSchemes[scheme] == nil { takenSchemes[scheme] = kind.rawValue } }
        for item in items {
            guard let fields = item.entries else {
                problem(item.place, "each protocol is a mapping with 'name' and 'schemes', \(example)")
                continue
            }
            var name: String?
            var schemes: [String] = []
            var valid = true
            var sawSchemes = false
            for field in fields {
                switch field.key {
                case "name":
                    guard let s = field.value.scalar, s.kind != .null, field.value.items == nil, field.value.entries == nil else {
                        problem(field.value.place, "a protocol's 'name' is how contracts spell it in 'protocol:', e.g. MQTT")
                        valid = false
                        continue
                    }
                    let text = s.text
                    let wellFormed = text.first.map { $0.isASCII && $0.isLetter } ?? false
                        && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
                    if !wellFormed {
                        problem(field.value.place, "protocol name '\(text)' must be ASCII letters, digits, '-' and '_', starting with a letter (e.g. MQTT)")
                        valid = false
                    } else if let standard = ProtocolKind.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) {
                        problem(field.value.place, "protocol '\(text)' is \(standard.rawValue), one of the nine of 服务接口 2; it needs no declaration (write 'protocol: \(standard.rawValue)')")
                        valid = false
                    } else if declared.contains(where: { $0.name.lowercased() == text.lowercased() }) {
                        problem(field.value.place, "protocol '\(text)' is declared twice")
                        valid = false
                    } else {
                        name = text
                    }
                case "schemes":
                    sawSchemes = true
                    guard let list = field.value.items, !list.isEmpty else {
                        problem(field.value.place, "a protocol's 'schemes' is a non-empty list of URL schemes, e.g. [mqtt, mqtts]")
                        valid = false
                        continue
                    }
                    for entry in list {
                        guard let s = entry.scalar, s.kind != .null else {
                            problem(entry.place, "each scheme is a string, e.g. mqtt")
                            valid = false
                            continue
                        }
                        let text = s.text
                        let wellFormed = text.first.map { $0.isASCII && $0.isLowercase } ?? false
                            && text.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "+" || $0 == "-" || $0 == "." }
                        if !wellFormed {
                            problem(entry.place, "scheme '\(text)' is not a URL scheme: lowercase ASCII letters, digits, '+', '-' and '.', starting with a letter (e.g. mqtts)")
                            valid = false
                        } else if let owner = takenSchemes[text] {
                            problem(entry.place, "scheme '\(text)' belongs to \(owner); a declared protocol has schemes of its own")
                            valid = false
                        } else if !schemes.contains(text) {
                            schemes.append(text)
                        }
                    }
                default:
                    let suggestion = Suggestion.closest(to: field.key, in: ["name", "schemes"])
                    problem(field.keyPlace, "unknown key '\(field.key)' in a protocol declaration" + (suggestion.map { "; did you mean '\($0)'?" } ?? "; a protocol has 'name' and 'schemes'"))
                    valid = false
                }
            }
            if name == nil && valid { problem(item.place, "a protocol declaration needs 'name', \(example)"); valid = false }
            if !sawSchemes && valid { problem(item.place, "a protocol declaration needs 'schemes', the URL schemes of its addresses, \(example)"); valid = false }
            if valid, let name {
                for scheme in schemes { takenSchemes[scheme] = name }
                declared.append(DeclaredProtocol(name: name, schemes: schemes))
            }
        }
        return declared
    }
}

extension Suggestion {
    static func didYouMeanRule(_ id: String, _ ids: [String]) -> String {
        closest(to: id, in: ids).map { "; did you mean '\($0)'?" } ?? ""
    }
}

/// A catalogue published on its own: named by `catalogue:` in the `.contractc.yaml` of its folder.
public struct CatalogueScope: Sendable, Hashable {
    /// The catalogue's name.
    public var name: String
    /// The folder (absolute) whose configuration names it.
    public var root: String

    /// Creates a scope.
    public init(name: String, root: String) {
        self.name = name
        self.root = root
    }
}

/// Finds and caches the `.contractc.yaml` that applies to each folder, walking up from it.
public final class ConfigurationResolver: @unchecked Sendable {
    private var cache: [String: Configuration?] = [:]
    private let lock = NSLock()
    /// Problems found in configuration files, in the order found.
    public private(set) var problems: [Diagnostic] = []
    /// A configuration given explicitly (`--config`), used for every file instead of lookup.
    public let explicit: Configuration?

    /// Creates a resolver; `explicit` overrides lookup.
    public init(explicit: Configuration? = nil) { self.explicit = explicit }

    /// The configuration for a file (the nearest `.contractc.yaml` in its folder or above),
    /// or an empty one rooted at the file's folder.
    public func configuration(forFile path: String) -> Configuration {
        if let explicit { return explicit }
        let folder = absoluteFolder(ofFile: path)
        return configuration(forFolder: folder) ?? Configuration(root: folder)
    }

    private var absoluteFolders: [Substring: String] = [:]

    /// The absolute, standardised folder of a file, cached by the folder as written: Foundation's
    /// `standardizingPath` is slow, and every file of a folder asks for the same one.
    func absoluteFolder(ofFile path: String) -> String {
        let written = path.lastIndex(of: "/").map { path[..<$0] } ?? ""
        lock.lock()
        if let known = absoluteFolders[written] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let folder = written.isEmpty && !path.hasPrefix("/")
            ? Configuration.absolute(".")
            : Configuration.absolute(written.isEmpty ? "/" : String(written))
        lock.lock()
        absoluteFolders[written] = folder
        lock.unlock()
        return folder
    }

    /// The absolute path of a file given as `path` (its folder made absolute, then its name): the
    /// key under which one file is the same file whatever working folder or spelling named it.
    public func absolutePath(ofFile path: String) -> String {
        absoluteFolder(ofFile: path) + "/" + (path.split(separator: "/").last.map(String.init) ?? path)
    }

    /// The catalogue a file belongs to: the nearest `.contractc.yaml` in its folder or above that
    /// names one (`catalogue:`), or nil for the run's own catalogue. With `--config`, that
    /// file's catalogue for every file.
    public func catalogue(forFile path: String) -> CatalogueScope? {
        if let explicit {
            return explicit.catalogue.map { CatalogueScope(name: $0, root: explicit.root) }
        }
        var folder = absoluteFolder(ofFile: path)
        while let config = configuration(forFolder: folder) {
            if let name = config.catalogue { return CatalogueScope(name: name, root: config.root) }
            if Self.isRepositoryRoot(config.root) { return nil }
            let parent = (config.root as NSString).deletingLastPathComponent
            guard parent != config.root, !parent.isEmpty else { return nil }
            folder = parent
        }
        return nil
    }

    /// The folder of the outermost `.contractc.yaml` that applies to a file (the nearest one and
    /// those above it, up to the file's repository root), or nil when none applies. With
    /// `--config`, that file's folder.
    public func outermostConfigurationFolder(forFile path: String) -> String? {
        if let explicit { return explicit.root }
        var folder = absoluteFolder(ofFile: path)
        var found: String?
        while let config = configuration(forFolder: folder) {
            found = config.root
            if Self.isRepositoryRoot(config.root) { break }
            let parent = (config.root as NSString).deletingLastPathComponent
            guard parent != config.root, !parent.isEmpty else { break }
            folder = parent
        }
        return found
    }

    /// Splits items into the catalogues their files belong to: the run's own (nil) first, then
    /// the named ones by folder. Each keeps the items' order. Rules over a whole set and code
    /// assignment run once per catalogue.
    public func partition<Item>(_ items: [Item], path: (Item) -> String) -> [(scope: CatalogueScope?, items: [Item])] {
        var groups: [String: (scope: CatalogueScope?, items: [Item])] = [:]
        for item in items {
            let scope = catalogue(forFile: path(item))
            groups[scope?.root ?? "", default: (scope, [])].items.append(item)
        }
        return groups.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map(\.value)
    }

    private func configuration(forFolder folder: String) -> Configuration? {
        lock.lock()
        if let cached = cache[folder] {
            lock.unlock()
            return cached
        }
        lock.unlock()
        let candidate = folder == "/" ? "/" + Configuration.fileName : folder + "/" + Configuration.fileName
        var found: Configuration?
        if FileSystem.kind(candidate) == .file {
            let shown = Self.display(candidate)
            switch FileSystem.read(candidate, limit: 1024 * 1024) {
            case .bytes(let bytes):
                let (config, problems) = Configuration.parse(bytes, path: shown, root: folder)
                found = config
                record(problems)
            case .tooLarge(let size):
                record([Diagnostic(file: shown, place: .start, severity: .error, rule: "config-invalid", message: "configuration is \(size) bytes; the limit is 1 MB")])
            case .failed(let why):
                record([Diagnostic(file: shown, place: .start, severity: .error, rule: "config-invalid", message: "cannot read the configuration: \(why)")])
            }
        } else if folder != "/" && !folder.isEmpty && !Self.isRepositoryRoot(folder) {
            found = configuration(forFolder: (folder as NSString).deletingLastPathComponent)
        }
        lock.lock()
        cache[folder] = .some(found)
        lock.unlock()
        return found
    }

    private func record(_ new: [Diagnostic]) {
        lock.lock()
        problems.append(contentsOf: new)
        lock.unlock()
    }

    /// Whether a folder is the root of a git repository (it holds `.git`, a folder or, in a
    /// worktree or submodule, a file). The search for `.contractc.yaml` stops there: a
    /// configuration in a folder above the repository (any writable ancestor, a shared home or
    /// build folder) is not the repository's and must not turn its rules off. Outside a
    /// repository the search goes up to `/`.
    static func isRepositoryRoot(_ folder: String) -> Bool {
        let marker = folder == "/" ? "/.git" : folder + "/.git"
        var st = stat()
        return lstat(marker, &st) == 0
    }

    /// A path shown relative to the working folder when it is inside it.
    static func display(_ absolute: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
    }
}
