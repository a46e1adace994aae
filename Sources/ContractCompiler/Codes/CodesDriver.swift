import ContractModel
import ContractRules
import ContractSyntax

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

        /// The closing line.
        public func summary(check: Bool) -> String {
            let n = assigned.count
            let codes = "\(n) code\(n == 1 ? "" : "s")"
            let verb = check ? (n == 0 ? "every contract has a code" : "\(codes) missing") : "assigned \(codes)"
            return "\(verb) in \(fileCount) contract\(fileCount == 1 ? "" : "s")"
        }
    }

    /// Assigns (or, with `check`, reports) missing codes for the contracts under `paths`.
    public static func run(paths: [String], check: Bool, limits: SyntaxLimits = .standard, resolver: ConfigurationResolver = ConfigurationResolver()) -> Result {
        var result = Result()
        result.check = check
        let found = Discovery.find(paths) { path in
            resolver.configuration(forFile: path.hasSuffix("/") ? path + "x" : path).excludes(path)
        }
        result.toolProblems = found.problems
        var contracts: [Contract] = []
        var sources: [String: [UInt8]] = [:]
        // Files whose `interface:` line carries a `disable-next-line` comment: a code line
        // inserted under it would take the comment's rules from the line they were meant for.
        var directiveOnInterfaceLine = Set<String>()
        for path in found.files {
            result.fileCount += 1
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
        let assignments = resolver.partition(contracts, path: \.file).flatMap { ServiceCodeAllocator.assign($0.items) }
        for assignment in assignments {
            let member = assignment.member
            guard let code = assignment.code else {
                result.diagnostics.append(Diagnostic(file: member.file, place: member.place, severity: .error,
                    rule: "code-missing", message: assignment.message ?? "no code can be assigned"))
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
        result.diagnostics.sort(by: Diagnostic.reportOrder)
        result.toolProblems.sort(by: Diagnostic.reportOrder)
        return result
    }
}
