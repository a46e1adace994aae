import ContractGenerators
import ContractRules
import ContractSyntax
import Foundation

/// `contractc lint --changed`: the pre-commit lint. Every rule of a file runs on the contracts
/// that git reports as changed (staged, unstaged or untracked); the set-wide rules (duplicate
/// codes, exhausted serials) run over every contract under the paths, the unchanged ones read
/// from a cache of their ``SetView`` in `.build/contractc-cache/` of the repository, valid while
/// the file's content hash (64-bit FNV-1a and the length) is the one recorded.
public enum ChangedLint {
    /// The cache file, relative to the repository's top folder.
    public static let cachePath = ".build/contractc-cache/lint-set.bin"

    /// What a `--changed` run did, beyond its lint run.
    public struct Outcome: Sendable {
        /// The lint run: diagnostics of the changed files and of the set rules; ``LintRun/files``
        /// holds the changed files only.
        public var lint: LintRun
        /// Contracts under the paths.
        public var total = 0
        /// Changed contracts, checked completely.
        public var changed = 0
        /// Unchanged contracts taken from the cache.
        public var reused = 0
        /// Unchanged contracts read again because the cache had no valid entry for them.
        public var reread = 0

        /// `--changed: 1 changed contract checked; 1,999 unchanged (1,999 from the cache, 0 read again)`.
        public var summary: String {
            "--changed: \(changed) changed contract\(changed == 1 ? "" : "s") checked; \(total - changed) unchanged (\(reused) from the cache, \(reread) read again)"
        }
    }

    /// One cached file: the hash of its bytes and its set view.
    struct Entry: Equatable {
        var hash: String
        var view: SetView
    }

    /// The cache: entries by absolute path. Its stamp holds the format and the tool's version,
    /// so a new contractc never trusts an old reading.
    struct Cache: Equatable {
        static let stamp = "format 3, contractc \(ContractCompilerInfo.version)"
        var entries: [String: Entry] = [:]
    }

    /// Lints the changed contracts under `paths` (relative to the working folder, inside a git
    /// repository) and runs the set rules over all of them.
    public static func run(
        paths: [String], limits: SyntaxLimits = .standard, resolver: ConfigurationResolver = ConfigurationResolver()
    ) -> Outcome {
        func failed(_ message: String) -> Outcome {
            let problem = Diagnostic(file: ".", place: .start, severity: .error, rule: "path-invalid", message: message)
            return Outcome(lint: LintRun(diagnostics: [], toolProblems: [problem], files: []))
        }
        let top: String
        let changedPaths: Set<String>
        do {
            let root = try Git.run(["rev-parse", "--show-toplevel"])
            guard root.status == 0 else {
                return failed("--changed compares with git's index, and this folder is not in a git repository: \(String(decoding: root.stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))")
            }
            top = (String(decoding: root.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) as NSString).standardizingPath
            let status = try Git.run(["status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames"])
            guard status.status == 0 else {
                return failed("git status failed: \(String(decoding: status.stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))")
            }
            changedPaths = Set(changedFiles(porcelain: status.stdout).map { (top + "/" + $0 as NSString).standardizingPath })
        } catch {
            return failed("--changed needs git on PATH: \(error.localizedDescription)")
        }

        let found = LintDriver.discover(paths, resolver: resolver)
        let absolute = found.files.map(resolver.absolutePath(ofFile:))
        let cacheFile = top + "/" + cachePath
        var cache = readCache(cacheFile)

        // Changed files: every rule. Unchanged: the cached view when the hash matches, else read.
        enum Work { case changed, unchanged(Entry?) }
        let work: [Work] = absolute.map { changedPaths.contains($0) ? .changed : .unchanged(cache.entries[$0]) }
        struct Done { var file: CheckedFile; var diagnostics: [Diagnostic]; var entry: Entry?; var reused: Bool }
        let results = ResultSlots<Done>(count: found.files.count)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, found.files.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var i = worker
            while i < found.files.count {
                defer { i += workers }
                let path = found.files[i]
                guard case .bytes(let bytes) = FileSystem.read(path, limit: limits.maxBytes) else {
                    // Too large or unreadable: checked as a changed file is, so the problem shows.
                    let file = LintDriver.load(path, limits: limits)
                    results.set(i, Done(file: file, diagnostics: Linter.check(file, settings: resolver.configuration(forFile: path).settings), entry: nil, reused: false))
                    continue
                }
                let hash = contentHash(bytes)
                if case .unchanged(let cached?) = work[i], cached.hash == hash {
                    var view = cached.view
                    view.path = path
                    results.set(i, Done(file: view.checkedFile, diagnostics: [], entry: cached, reused: true))
                    continue
                }
                let file = Linter.read(path: path, bytes: bytes, limits: limits)
                var view = SetView(file)
                let diagnostics: [Diagnostic]
                if case .changed = work[i] {
                    diagnostics = Linter.check(file, settings: resolver.configuration(forFile: path).settings)
                } else {
                    diagnostics = []
                }
                let checked = view.checkedFile
                view.path = ""  // stored by absolute path; the path as given differs with the working folder
                results.set(i, Done(file: checked, diagnostics: diagnostics, entry: Entry(hash: hash, view: view), reused: false))
            }
        }
        let done = results.values()

        var outcome = Outcome(lint: LintDriver.finish(done.map { ($0.file, $0.diagnostics) }, problems: found.problems, resolver: resolver, searched: paths))
        outcome.total = done.count
        for (index, item) in done.enumerated() {
            if case .changed = work[index] { outcome.changed += 1 } else if item.reused { outcome.reused += 1 } else { outcome.reread += 1 }
        }
        let changedSet = Set(work.indices.filter { if case .changed = work[$0] { true } else { false } }.map { found.files[$0] })
        outcome.lint.files = outcome.lint.files.filter { changedSet.contains($0.path) }

        // Keep entries of files outside this run that still exist; replace this run's.
        var updated = Cache()
        let inRun = Set(absolute)
        for (path, entry) in cache.entries where !inRun.contains(path) && FileSystem.kind(path) == .file {
            updated.entries[path] = entry
        }
        for (index, item) in done.enumerated() {
            if let entry = item.entry { updated.entries[absolute[index]] = entry }
        }
        if updated != cache {
            cache = updated
            writeCache(cache, to: cacheFile)
        }
        return outcome
    }

    /// The cache's content hash: 64-bit FNV-1a with the length, as hex. A cache needs to notice
    /// a change, not to resist an attacker, and SHA-256 over every contract was most of a run.
    static func contentHash(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        bytes.withUnsafeBufferPointer { buffer in
            for byte in buffer {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            }
        }
        return String(hash, radix: 16) + ":" + String(bytes.count)
    }

    /// The paths in `git status --porcelain=v1 -z` output (relative to the repository's top).
    static func changedFiles(porcelain: Data) -> [String] {
        var paths: [String] = []
        for record in porcelain.split(separator: 0) where record.count > 3 {
            paths.append(String(decoding: record.dropFirst(3), as: UTF8.self))
        }
        return paths
    }

    static func readCache(_ path: String) -> Cache {
        guard case .bytes(let bytes) = FileSystem.read(path, limit: 256 * 1024 * 1024),
            let entries = SetView.decodeCache(bytes, stamp: Cache.stamp)
        else { return Cache() }
        var cache = Cache()
        for entry in entries { cache.entries[entry.key] = Entry(hash: entry.hash, view: entry.view) }
        return cache
    }

    /// Writes the cache atomically; a cache that cannot be written only costs speed next time.
    static func writeCache(_ cache: Cache, to path: String) {
        let entries = cache.entries.map { SetView.CacheEntry(key: $0.key, hash: $0.value.hash, view: $0.value.view) }
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = try? FileSystem.writeIfChanged(SetView.encodeCache(entries, stamp: Cache.stamp), to: path)
    }
}
