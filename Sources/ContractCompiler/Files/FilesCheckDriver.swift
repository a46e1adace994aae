import ContractModel
import ContractRules
import ContractSyntax
import Foundation

/// What `contractc files check` found.
public struct FilesCheckRun: Sendable {
    /// One error per badly named file, sorted by path (rule `exchange-file-name`).
    public var diagnostics: [Diagnostic] = []
    /// Problems that stop the command (a missing folder, a bad `--regions` file, a missing
    /// `--contracts` path): exit code 2.
    public var toolProblems: [Diagnostic] = []
    /// Remarks for the user, such as that no file-exchange contract was found.
    public var notes: [String] = []
    /// How many files were checked.
    public var fileCount = 0
    /// How many file-exchange contracts the names were checked against.
    public var contractCount = 0

    /// Creates an empty run.
    public init() {}

    /// 2 when the command could not run, 1 when a name is bad, else 0.
    public var exitCode: Int32 {
        if !toolProblems.isEmpty { return 2 }
        return diagnostics.isEmpty ? 0 : 1
    }

    /// `2 bad names in 40 files`.
    public var summary: String {
        let bad = diagnostics.count
        return "\(bad) bad name\(bad == 1 ? "" : "s") in \(fileCount) file\(fileCount == 1 ? "" : "s")"
    }
}

/// Runs `contractc files check DIR... [--contracts PATHS] [--regions FILE]` (文件名命名规则).
public enum FilesCheckDriver {
    /// The rule id of a badly named exchange file.
    public static let ruleID = "exchange-file-name"
    /// The contracts folder used when `--contracts` is not given, if it exists.
    public static let defaultContracts = "contracts"

    /// Checks every file name under `folders` (recursively; regular files; hidden files and
    /// folders skipped; links to folders not followed). `contracts` nil means the
    /// ``defaultContracts`` folder when it exists; `regions` replaces the GB/T 2260 table.
    public static func run(folders: [String], contracts: [String]? = nil, regions: String? = nil) -> FilesCheckRun {
        var run = FilesCheckRun()
        var table = RegionTable.gbt2260
        if let regions {
            switch FileSystem.read(regions, limit: 16 * 1024 * 1024) {
            case .bytes(let bytes):
                switch RegionTable.parseCSV(bytes, file: regions) {
                case .success(let parsed): table = parsed
                case .failure(let error): run.toolProblems.append(error.diagnostic)
                }
            case .tooLarge(let size):
                run.toolProblems.append(toolProblem(regions, "the regions file is \(size) bytes; the limit is 16 MB", rule: RegionTable.ruleID))
            case .failed(let why):
                run.toolProblems.append(toolProblem(regions, "cannot read the regions file: \(DisplayText.escaped(why))", rule: RegionTable.ruleID))
            }
        }
        let (allowances, contractProblems, note) = loadAllowances(contracts)
        run.toolProblems += contractProblems
        run.contractCount = allowances.count
        if let note { run.notes.append(note) }
        let (files, notUTF8, walkProblems) = listFiles(folders)
        run.toolProblems += walkProblems
        guard run.toolProblems.isEmpty else { return run }
        run.fileCount = files.count + notUTF8.filter { !$0.isFolder }.count
        for entry in notUTF8 {
            let message = entry.isFolder
                ? "the folder name is not UTF-8 (bytes that are not are shown as \\x{..}); its files are not checked: rename it"
                : "the file name is not UTF-8 (bytes that are not are shown as \\x{..}); an exchange file name is the 15 ASCII letters and digits of the code, '.', and an extension"
            run.diagnostics.append(Diagnostic(file: entry.path, place: .start, severity: .error, rule: ruleID, message: message))
        }
        let rules = ExchangeFileNameRules(regions: table, allowances: allowances)
        for path in files {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            let problems = ExchangeFileNames.problems(in: name, rules: rules)
            guard !problems.isEmpty else { continue }
            run.diagnostics.append(Diagnostic(file: path, place: .start, severity: .error, rule: ruleID,
                message: ExchangeFileNames.message(for: problems)))
        }
        run.diagnostics.sort(by: Diagnostic.reportOrder)
        return run
    }

    /// The file-exchange contracts under the paths: contracts whose `exchange` is `file` and
    /// whose `files:` has a valid classification. Returns them, problems with the paths, and a
    /// note when there are none.
    static func loadAllowances(_ paths: [String]?) -> ([FileExchangeAllowance], [Diagnostic], String?) {
        let searched: [String]
        if let paths, !paths.isEmpty {
            searched = paths
        } else if FileSystem.kind(defaultContracts) == .directory || FileSystem.kind(defaultContracts) == .directoryLink {
            searched = [defaultContracts]
        } else {
            return ([], [], "no contracts folder (\(defaultContracts)/) and no --contracts: any extension of lower-case letters and digits is accepted, and classifications are not checked")
        }
        let found = Discovery.find(searched)
        guard found.problems.isEmpty else { return ([], found.problems, nil) }
        var allowances: [FileExchangeAllowance] = []
        for path in found.files {
            guard let contract = LintDriver.load(path, limits: .standard).contract,
                contract.exchangeMode == .file, let files = contract.files,
                let classification = files.classification?.value, ExchangeFileClassificationRule.isValid(classification)
            else { continue }
            let extensions = (files.extensions ?? []).map(\.value).filter(ExchangeFileExtensionRule.isValid)
            let allowance = FileExchangeAllowance(classification: classification, extensions: extensions)
            if !allowances.contains(allowance) { allowances.append(allowance) }
        }
        guard !allowances.isEmpty else {
            return ([], [], "no file-exchange contract (exchange: file) under \(searched.map(DisplayText.escaped).joined(separator: " ")): any extension of lower-case letters and digits is accepted, and classifications are not checked")
        }
        return (allowances, [], nil)
    }

    /// An entry whose name is not UTF-8 (`FileSystem.listEntries`): a `String` path cannot name
    /// it, so it is reported by ``path``, where each byte that is not UTF-8 is written `\x{FF}`.
    public struct UnnamableEntry: Sendable, Hashable {
        /// The folder's path, `/`, and the name with its bytes that are not UTF-8 escaped.
        public var path: String
        /// Whether the entry is a folder (whose files are then not listed).
        public var isFolder: Bool
    }

    /// Every regular file under the paths (a file named directly is taken as it is), sorted by
    /// path; the files and folders whose names are not UTF-8, sorted by their shown path;
    /// problems for paths that do not exist or cannot be read.
    public static func listFiles(_ paths: [String]) -> (files: [String], notUTF8: [UnnamableEntry], problems: [Diagnostic]) {
        var files: [String] = []
        var notUTF8: [UnnamableEntry] = []
        var problems: [Diagnostic] = []
        var seen = Set<String>()
        func walk(_ folder: String, depth: Int) {
            guard depth < 256 else { return }
            switch FileSystem.listEntries(folder) {
            case .failure(let error):
                problems.append(toolProblem(folder, error.description, rule: "path-invalid"))
            case .success(let entries):
                func child(_ name: String) -> String {
                    folder == "." ? name : (folder.hasSuffix("/") ? folder + name : folder + "/" + name)
                }
                for shown in entries.invalidNames where !shown.hasPrefix(".") {
                    notUTF8.append(UnnamableEntry(path: child(shown), isFolder: entries.invalidFolders.contains(shown)))
                }
                for name in entries.names where !name.hasPrefix(".") {
                    let path = child(name)
                    switch FileSystem.kind(path) {
                    case .directory: walk(path, depth: depth + 1)
                    case .file: if seen.insert(path).inserted { files.append(path) }
                    case .directoryLink, .missing, .other: continue
                    }
                }
            }
        }
        for path in paths {
            let cleaned = Discovery.clean(path)
            switch FileSystem.kind(cleaned) {
            case .missing:
                problems.append(toolProblem(path, "no such folder '\(DisplayText.escaped(path))'", rule: "path-invalid"))
            case .file:
                if seen.insert(cleaned).inserted { files.append(cleaned) }
            case .directory, .directoryLink:
                walk(cleaned, depth: 0)
            case .other:
                problems.append(toolProblem(path, "'\(DisplayText.escaped(path))' is neither a folder nor a file", rule: "path-invalid"))
            }
        }
        files.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        notUTF8.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return (files, notUTF8, problems)
    }

    private static func toolProblem(_ file: String, _ message: String, rule: String) -> Diagnostic {
        Diagnostic(file: file, place: .start, severity: .error, rule: rule, message: message)
    }
}
