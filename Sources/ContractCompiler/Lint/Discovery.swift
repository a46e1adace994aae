import ContractSyntax
import Foundation

/// Finds contract files under the paths given on the command line.
public enum Discovery {
    /// The suffix that marks a contract (the build plugin picks up exactly this).
    public static let suffix = ".contract.yaml"

    /// What discovery found.
    public struct Result: Sendable {
        /// Contract files, as paths built from the arguments, in a stable order.
        public var files: [String] = []
        /// Problems with the arguments themselves (missing paths, unreadable folders): exit 2.
        public var problems: [Diagnostic] = []
    }

    /// Walks the paths. A file named on the command line is checked whatever its name; folders
    /// are searched recursively for `*.contract.yaml`, skipping hidden folders and `.build*`,
    /// and not following symbolic links to folders (so a link loop cannot trap the walk).
    public static func find(_ paths: [String], excluded: (String) -> Bool = { _ in false }) -> Result {
        var result = Result()
        var seen = Set<String>()
        for path in paths {
            let cleaned = clean(path)
            switch FileSystem.kind(cleaned) {
            case .missing:
                result.problems.append(Diagnostic(file: path, place: .start, severity: .error, rule: "path-invalid",
                    message: "no such file or folder '\(path)'"))
            case .file:
                if seen.insert(cleaned).inserted { result.files.append(cleaned) }
            case .directory, .directoryLink:
                walk(cleaned, into: &result, seen: &seen, excluded: excluded, depth: 0)
            case .other:
                result.problems.append(Diagnostic(file: path, place: .start, severity: .error, rule: "path-invalid",
                    message: "'\(path)' is neither a file nor a folder"))
            }
        }
        return result
    }

    private static func walk(_ folder: String, into result: inout Result, seen: inout Set<String>, excluded: (String) -> Bool, depth: Int) {
        guard depth < 256 else { return }
        switch FileSystem.listEntries(folder) {
        case .failure(let error):
            result.problems.append(Diagnostic(file: folder, place: .start, severity: .error, rule: "path-invalid", message: error.description))
        case .success(let entries):
            // A name that is not UTF-8 cannot be named by a path here; report it, never skip it
            // silently (it may be a contract, or a folder of them).
            for name in entries.invalidNames where !name.hasPrefix(".") && (name.hasSuffix(suffix) || entries.invalidFolders.contains(name)) {
                let path = folder == "." ? name : (folder.hasSuffix("/") ? folder + name : folder + "/" + name)
                result.problems.append(Diagnostic(file: path, place: .start, severity: .error, rule: "file-unreadable",
                    message: "the name is not valid UTF-8 (bad bytes shown as \\x{..}), so it cannot be checked; rename it"))
            }
            for name in entries.names {
                let path = folder == "." ? name : (folder.hasSuffix("/") ? folder + name : folder + "/" + name)
                switch FileSystem.kind(path) {
                case .directory:
                    if name.hasPrefix(".") { continue }
                    if excluded(path + "/") { continue }
                    walk(path, into: &result, seen: &seen, excluded: excluded, depth: depth + 1)
                case .file, .other:
                    // `.other` (a broken link, a socket) named like a contract is reported when read.
                    guard name.hasSuffix(suffix), name.count > suffix.count || name == suffix else { continue }
                    if excluded(path) { continue }
                    if seen.insert(path).inserted { result.files.append(path) }
                case .directoryLink, .missing:
                    continue
                }
            }
        }
    }

    /// Removes a trailing slash and leading `./` so paths print the way users expect.
    static func clean(_ path: String) -> String {
        var p = path
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        while p.hasPrefix("./") && p.count > 2 { p.removeFirst(2) }
        return p.isEmpty ? "." : p
    }
}
