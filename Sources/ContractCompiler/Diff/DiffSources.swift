import ContractRules
import ContractSyntax
import Foundation

/// One contract file of a side of a diff, read from a folder or from a git revision.
struct SourceFile: Sendable {
    /// The path shown in reports.
    var path: String
    /// The path inside the folder or revision compared.
    var relativePath: String
    /// What reading gave.
    var content: FileRead
}

/// Reads the `*.contract.yaml` files of one side of a diff: a file or folder that exists, or else
/// a revision of the git repository of the working folder.
enum DiffSources {
    /// What one side gave: its files, or a problem that stops the run (exit 2).
    enum Loaded {
        case files([SourceFile])
        case problem(Diagnostic)
    }

    /// Reads one side. A path that exists is a folder (or a file); anything else is a revision.
    static func load(_ argument: String, limits: SyntaxLimits, resolver: ConfigurationResolver) -> Loaded {
        if FileSystem.kind(argument) != .missing {
            return loadFolder(argument, limits: limits, resolver: resolver)
        }
        return loadRevision(argument, limits: limits, resolver: resolver)
    }

    private static func loadFolder(_ argument: String, limits: SyntaxLimits, resolver: ConfigurationResolver) -> Loaded {
        let found = Discovery.find([argument]) { path in
            resolver.configuration(forFile: path.hasSuffix("/") ? path + "x" : path).excludes(path)
        }
        if let problem = found.problems.first { return .problem(problem) }
        let root = Discovery.clean(argument)
        let isFile = FileSystem.kind(root) == .file
        var files: [SourceFile] = []
        for path in found.files {
            let relative: String
            if isFile {
                relative = (path as NSString).lastPathComponent
            } else if root == "." {
                relative = path
            } else {
                let prefix = root.hasSuffix("/") ? root : root + "/"
                relative = path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
            }
            files.append(SourceFile(path: path, relativePath: relative, content: FileSystem.read(path, limit: limits.maxBytes)))
        }
        // The code registers of the catalogues (service-codes.yaml in a contract's folder or a
        // folder above it, within the side compared): they tell renames from new services.
        if !isFile {
            var folders = Set<String>()
            for file in files {
                var folder = (file.relativePath as NSString).deletingLastPathComponent
                while folders.insert(folder).inserted, !folder.isEmpty {
                    folder = (folder as NSString).deletingLastPathComponent
                }
            }
            for folder in folders.sorted() {
                let relative = folder.isEmpty ? CodeRegister.fileName : folder + "/" + CodeRegister.fileName
                let path = root == "." ? relative : (root.hasSuffix("/") ? root : root + "/") + relative
                guard FileSystem.kind(path) == .file else { continue }
                files.append(SourceFile(path: path, relativePath: relative, content: FileSystem.read(path, limit: 8 * 1024 * 1024)))
            }
        }
        return .files(files)
    }

    // MARK: Git

    private static func loadRevision(_ revision: String, limits: SyntaxLimits, resolver: ConfigurationResolver) -> Loaded {
        func problem(_ message: String) -> Loaded {
            .problem(Diagnostic(file: revision, place: .start, severity: .error, rule: "path-invalid", message: message))
        }
        guard !revision.isEmpty, !revision.hasPrefix("-") else {
            return problem("'\(revision)' is neither a file or folder nor a git revision")
        }
        // The tree of the revision; refuses what is not a revision of this repository.
        let verify: GitOutput
        do {
            verify = try Git.run(["rev-parse", "--verify", "--quiet", "\(revision)^{tree}"])
        } catch {
            return problem("'\(revision)' is not a file or folder, and git could not be run to read it as a revision: \(error)")
        }
        let tree = String(decoding: verify.stdout, as: UTF8.self).trimming(" \t\r\n")
        guard verify.status == 0, !tree.isEmpty else {
            if verify.status == 127 {
                return problem("'\(revision)' is not a file or folder, and git is not installed to read it as a revision")
            }
            let why = String(decoding: verify.stderr, as: UTF8.self).trimming(" \t\r\n")
            if why.contains("not a git repository") {
                return problem("'\(revision)' is not a file or folder, and the working folder is not in a git repository, so it cannot be a revision")
            }
            let said = why.split(separator: "\n").first.map { " (git: \($0))" } ?? ""
            return problem("'\(revision)' is neither a file or folder nor a revision of the git repository here (a branch, tag or commit such as main, v1.2.0 or HEAD~1)\(said)")
        }
        // Every blob under the working folder at that revision, with its size: `<mode> <type> <oid> <size>\t<path>\0`.
        let listing: GitOutput
        do {
            listing = try Git.run(["ls-tree", "-r", "-z", "-l", tree])
        } catch {
            return problem("cannot list the files of \(revision): \(error)")
        }
        guard listing.status == 0 else {
            return problem("cannot list the files of \(revision): \(String(decoding: listing.stderr, as: UTF8.self).trimming(" \t\r\n"))")
        }
        struct Entry {
            var path: String
            var oid: String
            var size: Int
        }
        var blobsByPath: [String: Entry] = [:]
        var links: [String: String] = [:]  // link path → its blob (holding the target path)
        var candidates: [String] = []
        for record in listing.stdout.split(separator: 0, omittingEmptySubsequences: true) {
            guard let tab = record.firstIndex(of: 0x09) else { continue }
            let header = String(decoding: record[record.startIndex..<tab], as: UTF8.self)
                .split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            let path = String(decoding: record[record.index(after: tab)...], as: UTF8.self)
            // Regular files and symbolic links (followed to a file of the tree, as the folder
            // walk follows them); submodules are not contracts.
            guard header.count == 4, header[1] == "blob" else { continue }
            if header[0] == "120000" {
                links[path] = header[2]
            } else {
                blobsByPath[path] = Entry(path: path, oid: header[2], size: Int(header[3]) ?? 0)
            }
            let name = (path as NSString).lastPathComponent
            guard name.hasSuffix(Discovery.suffix) || name == CodeRegister.fileName else { continue }
            // Like the folder walk: hidden folders (and .build) are skipped.
            let folders = path.split(separator: "/").dropLast()
            if folders.contains(where: { $0.hasPrefix(".") }) { continue }
            if resolver.configuration(forFile: path).excludes(path) { continue }
            candidates.append(path)
        }
        candidates.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        // Symbolic links: their blobs hold the target, relative to the link's folder.
        var linkTargets: [String: String] = [:]
        let linkOids = Array(Set(links.values)).sorted()
        switch readBlobs(linkOids) {
        case .success(let found):
            for (path, oid) in links {
                if let bytes = found[oid] { linkTargets[path] = String(decoding: bytes, as: UTF8.self) }
            }
        case .failure(let error):
            return problem("cannot read the files of \(revision): \(error.description)")
        }
        var entries: [Entry] = []
        for path in candidates {
            var current = path
            var hops = 0
            while let target = linkTargets[current], hops < 16, let next = Self.resolve(target, from: current) {
                current = next
                hops += 1
            }
            // A link to nothing in the listed tree (outside it, or dangling) is skipped.
            guard var entry = blobsByPath[current] else { continue }
            entry.path = path
            entries.append(entry)
        }
        // The contents of every blob small enough, in one `git cat-file --batch`.
        var blobs: [String: [UInt8]] = [:]
        switch readBlobs(Array(Set(entries.filter { $0.size <= limits.maxBytes }.map(\.oid))).sorted()) {
        case .success(let found): blobs = found
        case .failure(let error): return problem("cannot read the files of \(revision): \(error.description)")
        }
        let files = entries.map { e -> SourceFile in
            let content: FileRead
            if e.size > limits.maxBytes {
                content = .tooLarge(e.size)
            } else if let bytes = blobs[e.oid] {
                content = .bytes(bytes)
            } else {
                content = .failed("git did not return its content")
            }
            return SourceFile(path: e.path, relativePath: e.path, content: content)
        }
        return .files(files)
    }

    /// The contents of blobs, by object id, from one `git cat-file --batch`.
    static func readBlobs(_ oids: [String]) -> Result<[String: [UInt8]], FileSystemError> {
        guard !oids.isEmpty else { return .success([:]) }
        let batch: GitOutput
        do {
            batch = try Git.run(["cat-file", "--batch"], input: Data(oids.map { $0 + "\n" }.joined().utf8))
        } catch {
            return .failure(FileSystemError("\(error)"))
        }
        guard batch.status == 0 else {
            return .failure(FileSystemError(String(decoding: batch.stderr, as: UTF8.self).trimming(" \t\r\n")))
        }
        return Git.parseBatch(batch.stdout)
    }

    /// The path a symbolic link at `link` points to, when it stays inside the listed tree.
    static func resolve(_ target: String, from link: String) -> String? {
        guard !target.hasPrefix("/") else { return nil }
        var parts = link.split(separator: "/").dropLast().map(String.init)
        for part in target.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }
}

/// What a git command gave.
struct GitOutput: Sendable {
    var status: Int32
    var stdout: Data
    var stderr: Data
}

/// Runs git (found on `PATH`) in the working folder, without a terminal or a pager.
enum Git {
    /// Runs `git ARGUMENTS` with `input` (if any) as its standard input, read from a temporary
    /// file so that git can never block on a full pipe nor signal the tool with SIGPIPE.
    static func run(_ arguments: [String], input: Data? = nil) throws -> GitOutput {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        environment["LC_ALL"] = "C"
        process.environment = environment
        var inputFile: URL?
        defer { if let inputFile { try? FileManager.default.removeItem(at: inputFile) } }
        var inputHandle: FileHandle?
        defer { try? inputHandle?.close() }
        if let input {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("contractc-git-\(UUID().uuidString)")
            try input.write(to: url)
            inputFile = url
            let handle = try FileHandle(forReadingFrom: url)
            inputHandle = handle
            process.standardInput = handle
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting, so that a large output cannot block git.
        let group = DispatchGroup()
        let collected = Collected()
        let errReader = err.fileHandleForReading
        group.enter()
        DispatchQueue.global().async {
            collected.setStderr(errReader.readDataToEndOfFile())
            group.leave()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return GitOutput(status: process.terminationStatus, stdout: stdout, stderr: collected.stderr)
    }

    /// Reads `git cat-file --batch` output: `<oid> blob <size>\n<bytes>\n` per object.
    static func parseBatch(_ data: Data) -> Result<[String: [UInt8]], FileSystemError> {
        let bytes = [UInt8](data)
        var result: [String: [UInt8]] = [:]
        var i = 0
        while i < bytes.count {
            guard let newline = bytes[i...].firstIndex(of: 0x0A) else {
                return .failure(FileSystemError("unexpected end of git output"))
            }
            let header = String(decoding: bytes[i..<newline], as: UTF8.self).split(separator: " ").map(String.init)
            i = newline + 1
            guard header.count == 3, let size = Int(header[2]), size >= 0, i + size <= bytes.count else {
                return .failure(FileSystemError("git could not give object \(header.first ?? "?")"))
            }
            result[header[0]] = Array(bytes[i..<(i + size)])
            i += size + 1
        }
        return .success(result)
    }
}

/// Standard error collected on another thread.
private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func setStderr(_ value: Data) {
        lock.lock()
        data = value
        lock.unlock()
    }

    var stderr: Data {
        lock.lock()
        defer { lock.unlock() }
        return data
    }
}
