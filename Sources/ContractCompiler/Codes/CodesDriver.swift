import ContractModel
import ContractRules
import ContractSyntax
import Foundation

/// `contractc codes`: assigns missing service codes in place (§3 of the language, 服务分类).
public enum CodesDriver {
    /// One code given to one file.
    public struct Assigned: Sendable, Hashable {
        /// The file.
        public var file: String
        /// The code, e.g. `1104`.
        public var code: String
    }

    /// What a run did.
    public struct Result: Sendable {
        /// Codes assigned (or, with `--check`, that would be).
        public var assigned: [Assigned] = []
        /// Contracts that could not get a code, and files that could not be read as contracts.
        public var diagnostics: [Diagnostic] = []
        /// Problems that stop the command (bad paths, configuration, unreadable or unwritable files).
        public var toolProblems: [Diagnostic] = []
        /// The number of contracts looked at.
        public var fileCount = 0
        /// Whether the run only checked.
        public var check = false

        /// 2 when the command could not run; 1 when a contract lacks a code that cannot be given,
        /// or (with `--check`) lacks one at all; else 0.
        public var exitCode: Int32 {
            if !toolProblems.isEmpty { return 2 }
            if !diagnostics.isEmpty || (check && !assigned.isEmpty) { return 1 }
            return 0
        }

        /// Registers written or brought up to date (paths as shown).
        public var registersWritten: [String] = []

        /// The closing line: what was assigned (or is missing), and how many contracts need a
        /// person because no code can be given to them.
        public func summary(check: Bool) -> String {
            func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
            let n = assigned.count
            let stuck = Set(diagnostics.map(\.file)).subtracting(assigned.map(\.file)).count
            var text: String
            if check {
                text = n == 0 && stuck == 0 ? "every contract has a code" : "\(plural(n, "code")) missing"
            } else {
                text = "assigned \(plural(n, "code"))"
            }
            text += " in \(plural(fileCount, "contract"))"
            if stuck > 0 { text += "; \(plural(stuck, "contract")) cannot get one as \(stuck == 1 ? "it stands" : "they stand") (see above)" }
            return text
        }
    }

    /// Assigns (or, with `check`, reports) missing codes for the contracts under `paths`.
    public static func run(paths: [String], check: Bool, limits: SyntaxLimits = .standard, resolver: ConfigurationResolver = ConfigurationResolver()) -> Result {
        var result = Result()
        result.check = check
        let excluded: (String) -> Bool = { path in
            resolver.configuration(forFile: path.hasSuffix("/") ? path + "x" : path).excludes(path)
        }
        let given = Discovery.find(paths, excluded: excluded)
        result.toolProblems = given.problems
        // A code is never chosen from a partial view: every contract of the catalogues the given
        // files belong to is read (their register folders, or the folders given when no
        // configuration applies); codes are assigned only to the given files.
        var roots = Set<String>()
        for path in given.files {
            if let root = resolver.outermostConfigurationFolder(forFile: path) {
                roots.insert(resolver.catalogue(forFile: path)?.root ?? root)
            }
        }
        let found: Discovery.Result
        if roots.isEmpty {
            found = given
        } else {
            var whole = Discovery.find(roots.sorted().map { ConfigurationResolver.display($0).isEmpty ? "." : ConfigurationResolver.display($0) }, excluded: excluded)
            // Keep the paths as the user gave them for the given files.
            let givenAbsolute = Set(given.files.map(resolver.absolutePath(ofFile:)))
            whole.files.removeAll { givenAbsolute.contains(resolver.absolutePath(ofFile: $0)) }
            whole.files = given.files + whole.files
            whole.problems = []
            found = whole
        }
        let assignable = Set(given.files)
        // Two runs at once on one catalogue could give one code twice: each holds a lock on the
        // catalogue's configuration file while it reads, assigns and writes.
        let locks = roots.sorted().compactMap { CatalogueLock(folder: $0) }
        defer { locks.forEach { $0.release() } }
        // Codes written in files that cannot be read as contracts still hold them.
        var heldByUnreadable: [String: [ServiceCodeAllocator.Holder]] = [:]
        var contracts: [Contract] = []
        var sources: [String: [UInt8]] = [:]
        // Files whose `interface:` line carries a `disable-next-line` comment: a code line
        // inserted under it would take the comment's rules from the line they were meant for.
        var directiveOnInterfaceLine = Set<String>()
        for path in found.files {
            if assignable.contains(path) { result.fileCount += 1 }
            switch FileSystem.read(path, limit: limits.maxBytes) {
            case .failed(let why):
                result.toolProblems.append(Diagnostic(file: path, place: .start, severity: .error, rule: "file-unreadable", message: "cannot read the file: \(why)"))
            case .tooLarge:
                let file = LintDriver.load(path, limits: limits)
                result.diagnostics += file.syntaxProblems.map { Diagnostic(file: path, place: $0.place, severity: .error, rule: "yaml-syntax", message: $0.message) }
            case .bytes(let bytes):
                let file = Linter.read(path: path, bytes: bytes, limits: limits)
                let blocking = file.syntaxProblems.filter { $0.kind == .syntax }
                guard blocking.isEmpty, let contract = file.contract, contract.isDocument else {
                    if let held = WrittenCode.find(in: bytes, file: path) { heldByUnreadable[path, default: []].append(held) }
                    guard assignable.contains(path) else { continue }
                    result.diagnostics += blocking.map { Diagnostic(file: path, place: $0.place, severity: .error, rule: "yaml-syntax", message: $0.message) }
                    if blocking.isEmpty {
                        result.diagnostics.append(Diagnostic(file: path, place: .start, severity: .error, rule: "value-type", message: "not a contract: a contract is a mapping of keys starting 'contract: 1'"))
                    }
                    continue
                }
                contracts.append(contract)
                sources[path] = bytes
                if let line = contract.keyPlaces["interface"]?.line, file.suppressions[line + 1] != nil {
                    directiveOnInterfaceLine.insert(path)
                }
            }
        }
        result.toolProblems += resolver.problems
        var assignments: [ServiceCodeAllocator.Assignment] = []
        var registers: [(loaded: RegisterFiles.Loaded, scope: CatalogueScope?, contracts: [Contract])] = []
        let unreadableHolders = heldByUnreadable.keys.sorted().flatMap { heldByUnreadable[$0] ?? [] }
        for catalogue in resolver.partition(contracts, path: \.file) {
            let folder = RegisterFiles.folder(for: catalogue.items.map(\.file), scope: catalogue.scope, resolver: resolver)
            let loaded = RegisterFiles.load(folder: folder, covers: true)
            result.toolProblems += loaded.problems
            registers.append((loaded, catalogue.scope, catalogue.items))
            let held = (loaded.register?.holders ?? []) + unreadableHolders
            assignments += ServiceCodeAllocator.assign(catalogue.items, held: held).filter { assignable.contains($0.file) }
        }
        guard result.toolProblems.isEmpty else {
            result.toolProblems.sort(by: Diagnostic.reportOrder)
            return result
        }
        for assignment in assignments {
            let member = assignment.member
            guard let code = assignment.code else {
                var place = member.place
                var message = assignment.message ?? "no code can be assigned"
                var rule = "code-missing"
                switch assignment.outcome {
                case .exhausted: rule = "code-serial-exhausted"
                case .otherTaken: rule = "code-duplicate"
                case .unreadableCode:
                    if let bytes = sources[member.file], let value = WrittenCode.valuePlace(in: bytes) {
                        place = value.place
                        if value.isUnquotedDigits {
                            message = "the code is written unquoted, so YAML reads it as a number (a leading 0 would be lost); quote it: code: \"\(value.text)\""
                        }
                    }
                default: break
                }
                result.diagnostics.append(Diagnostic(file: member.file, place: place, severity: .error, rule: rule, message: message))
                continue
            }
            let text = code.description
            if check {
                result.assigned.append(Assigned(file: member.file, code: text))
                result.diagnostics.append(Diagnostic(file: member.file, place: member.place, severity: .error, rule: "code-missing",
                    message: "no service code; `contractc codes` would assign \"\(text)\""))
                continue
            }
            guard let bytes = sources[member.file], let contract = contracts.first(where: { $0.file == member.file }),
                let interface = contract.interface, let keyPlace = contract.keyPlaces["interface"]
            else {
                result.diagnostics.append(Diagnostic(file: member.file, place: member.place, severity: .error, rule: "code-missing",
                    message: "no 'interface:' line to put the code under; add 'interface:' and run again"))
                continue
            }
            guard interface.place.line == keyPlace.line else {
                result.diagnostics.append(Diagnostic(file: member.file, place: keyPlace, severity: .error, rule: "code-missing",
                    message: "the interface name does not sit on the 'interface:' line; write 'code: \"\(text)\"' by hand"))
                continue
            }
            guard !directiveOnInterfaceLine.contains(member.file) else {
                result.diagnostics.append(Diagnostic(file: member.file, place: keyPlace, severity: .error, rule: "code-not-written",
                    message: "code \"\(text)\" not written: the 'interface:' line ends with a '# contractc:disable-next-line' comment, which would then silence the inserted code line instead of the line it was written for; move the comment to a line of its own above that line and run again"))
                continue
            }
            switch CodeInserter.insert(code: text, into: bytes, interfaceLine: keyPlace.line, keyColumn: keyPlace.column) {
            case .failure(let failure):
                result.diagnostics.append(Diagnostic(file: member.file, place: keyPlace, severity: .error, rule: "code-missing", message: failure.description))
            case .success(let updated):
                // Read the result back: the file must parse as before, with exactly this code.
                let reread = Linter.read(path: member.file, bytes: updated, limits: limits)
                guard reread.syntaxProblems.count == Linter.read(path: member.file, bytes: bytes, limits: limits).syntaxProblems.count,
                    reread.contract?.code?.value == text
                else {
                    result.diagnostics.append(Diagnostic(file: member.file, place: keyPlace, severity: .error, rule: "code-missing",
                        message: "cannot insert a 'code:' line here without changing the document (flow style?); write 'code: \"\(text)\"' by hand"))
                    continue
                }
                // Only the file as it was read is replaced: a link, a hard link, a read-only file or
                // an edit made while the command ran is reported, never overwritten.
                do {
                    try FileSystem.replace(member.file, expected: bytes, with: updated)
                    result.assigned.append(Assigned(file: member.file, code: text))
                } catch {
                    result.diagnostics.append(Diagnostic(file: member.file, place: keyPlace, severity: .error, rule: "code-not-written",
                        message: "code \"\(text)\" not written: \(error)"))
                }
            }
        }
        // The registers: every code the contracts now hold is recorded (a new register holds the
        // codes already written), renames are recorded, nothing is ever removed.
        if !check {
            let given = Dictionary(result.assigned.map { ($0.file, $0.code) }, uniquingKeysWith: { a, _ in a })
            for (loaded, _, members) in registers {
                guard let file = loaded.file else { continue }
                var register = loaded.register ?? CodeRegister(path: ConfigurationResolver.display(file))
                let before = loaded.register.map { $0.rendered() }
                for contract in members.sorted(by: { $0.file.utf8.lexicographicallyPrecedes($1.file.utf8) }) {
                    guard let interface = contract.interface?.value,
                        let code = (contract.code.flatMap { ServiceCode($0.value) })?.description ?? given[contract.file],
                        ServiceCode(code).map({ $0.serial != 0 }) == true
                    else { continue }
                    if var entry = register.entries[code] {
                        // A rename under the code: the register follows, unless the old name
                        // still exists (a conflict lint reports) or the code is retired.
                        let names = Set(members.compactMap { $0.interface?.value })
                        if entry.interface != interface && !entry.isRetired && !names.contains(entry.interface) {
                            entry.interface = interface
                            register.entries[code] = entry
                        }
                    } else {
                        register.entries[code] = CodeRegister.Entry(code: code, interface: interface)
                    }
                }
                let text = register.rendered()
                guard text != before else { continue }
                do {
                    if try FileSystem.writeIfChanged(Array(text.utf8), to: file) {
                        result.registersWritten.append(ConfigurationResolver.display(file))
                    }
                } catch {
                    result.toolProblems.append(Diagnostic(file: ConfigurationResolver.display(file), place: .start, severity: .error,
                        rule: RegisterFiles.invalidRule, message: "cannot write the register: \(error)"))
                }
            }
        }
        result.diagnostics.sort(by: Diagnostic.reportOrder)
        result.toolProblems.sort(by: Diagnostic.reportOrder)
        return result
    }
}

/// A `code:` line read from bytes without parsing them: so that a contract with a syntax error
/// still holds its code, and so that an unreadable code value can be reported where it is.
enum WrittenCode {
    /// The value of the first top-level `code:` line.
    struct Value {
        var text: String
        var place: SourcePlace
        var isUnquotedDigits: Bool
    }

    /// The first line starting `code:` (at column 1), its value and place.
    static func valuePlace(in bytes: [UInt8]) -> Value? {
        var line = 1
        var start = 0
        let key = Array("code:".utf8)
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            if end - start >= key.count && Array(bytes[start..<(start + key.count)]) == key {
                var i = start + key.count
                while i < end && (bytes[i] == 0x20 || bytes[i] == 0x09) { i += 1 }
                var j = i
                while j < end && bytes[j] != 0x20 && bytes[j] != 0x09 && bytes[j] != 0x0D && bytes[j] != UInt8(ascii: "#") { j += 1 }
                let raw = Array(bytes[i..<j])
                let quoted = raw.count >= 2 && (raw.first == UInt8(ascii: "\"") || raw.first == UInt8(ascii: "'")) && raw.last == raw.first
                let text = String(decoding: quoted ? Array(raw.dropFirst().dropLast()) : raw, as: UTF8.self)
                let digits = !raw.isEmpty && raw.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
                let column = String(decoding: bytes[start..<i], as: UTF8.self).unicodeScalars.count + 1
                return Value(text: text, place: SourcePlace(line: line, column: column), isUnquotedDigits: digits && !quoted)
            }
            line += 1
            start = end + 1
        }
        return nil
    }

    /// The code a file holds by its `code:` line, if the value is a service code.
    static func find(in bytes: [UInt8], file: String) -> ServiceCodeAllocator.Holder? {
        guard let value = valuePlace(in: bytes), let code = ServiceCode(value.text), code.serial != 0 else { return nil }
        return ServiceCodeAllocator.Holder(file: file, place: value.place, code: code, isWritten: true)
    }
}

/// An exclusive lock on a catalogue (its `.contractc.yaml`, opened read-only and locked with
/// `flock`), held by `contractc codes` from reading to writing: a second run waits.
final class CatalogueLock {
    private let fd: Int32

    /// Locks the catalogue of `folder`; nil when it has no configuration file to lock.
    init?(folder: String) {
        let path = folder == "/" ? "/" + Configuration.fileName : folder + "/" + Configuration.fileName
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            return nil
        }
        while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        self.fd = fd
    }

    /// Releases the lock.
    func release() {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
