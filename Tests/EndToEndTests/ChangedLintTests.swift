import Foundation
import Testing

/// `contractc lint --changed` in real git repositories: every rule on the changed files, the set
/// rules over all, unchanged files from the cache while their content hash holds.
@Suite("contractc lint --changed")
struct ChangedLintTests {
    static func contract(_ interface: String, code: String) -> String {
        CLI.clean.replacingOccurrences(of: "PersonInfoQuery", with: interface)
            .replacingOccurrences(of: "code: \"1101\"", with: "code: \"\(code)\"")
    }

    /// Runs git in a folder with a test identity.
    static func runGit(_ arguments: [String], in dir: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.name=test", "-c", "user.email=test@example.cn", "-c", "commit.gpgsign=false"] + arguments
        process.currentDirectoryURL = dir
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments.joined(separator: " "))")
    }

    @Test func onlyChangedFilesGetFileRulesAndTheCacheIsReused() throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        try Self.runGit(["init", "-q"], in: dir)
        let alpha = dir.appendingPathComponent("contracts/AlphaQuery.contract.yaml")
        try CLI.write(Self.contract("AlphaQuery", code: "1101").replacingOccurrences(of: "queryPerson", with: "QueryPerson"), to: alpha)
        try CLI.write(Self.contract("BetaQuery", code: "1102"), to: dir.appendingPathComponent("contracts/BetaQuery.contract.yaml"))
        try CLI.write(Self.contract("GammaQuery", code: "1103"), to: dir.appendingPathComponent("contracts/GammaQuery.contract.yaml"))
        try Self.runGit(["add", "."], in: dir)
        try Self.runGit(["commit", "-q", "-m", "contracts"], in: dir)

        // Nothing changed: nothing to report, the cache is written.
        let first = try CLI.run(["lint", "--changed", "contracts"], in: dir)
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        #expect(first.stderr.contains("0 changed contracts checked; 3 unchanged (0 from the cache, 3 read again)"), "\(first.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(".build/contractc-cache/lint-set.bin").path))
        let full = try CLI.run(["lint", "contracts"], in: dir)
        #expect(full.status == 1 && full.stdout.contains("[method-name-case]"), "the full lint sees Alpha's problem")

        // Beta changed (unstaged): its own problems are reported, Alpha's are not.
        let beta = dir.appendingPathComponent("contracts/BetaQuery.contract.yaml")
        try CLI.write(Self.contract("BetaQuery", code: "1102").replacingOccurrences(of: "queryPerson", with: "query_person"), to: beta)
        let second = try CLI.run(["lint", "--changed", "contracts"], in: dir)
        #expect(second.status == 1)
        #expect(second.stderr.contains("1 changed contract checked; 2 unchanged (2 from the cache, 0 read again)"), "\(second.stderr)")
        let lines = second.stdout.diagnosticLines
        #expect(!lines.isEmpty && lines.allSatisfy { $0.hasPrefix("contracts/BetaQuery.contract.yaml:") }, "\(second.stdout)")
        #expect(second.stdout.contains("in 1 contract"))

        // Staged and untracked files count as changed too; a duplicate code with an unchanged
        // file is found through the cache and reported in both files.
        try Self.runGit(["add", "contracts/BetaQuery.contract.yaml"], in: dir)
        try CLI.write(Self.contract("DeltaQuery", code: "1103"), to: dir.appendingPathComponent("contracts/DeltaQuery.contract.yaml"))
        let third = try CLI.run(["lint", "--changed", "contracts"], in: dir)
        #expect(third.stderr.contains("2 changed contracts checked; 2 unchanged (2 from the cache, 0 read again)"), "\(third.stderr)")
        let duplicates = third.stdout.diagnosticLines.filter { $0.contains("[code-duplicate]") }
        #expect(duplicates.count == 2 && duplicates.contains { $0.hasPrefix("contracts/GammaQuery.contract.yaml:") }, "\(third.stdout)")
    }

    @Test func aCommittedChangeInvalidatesTheCacheByContentHash() throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        try Self.runGit(["init", "-q"], in: dir)
        let beta = dir.appendingPathComponent("BetaQuery.contract.yaml")
        try CLI.write(Self.contract("AlphaQuery", code: "1101"), to: dir.appendingPathComponent("AlphaQuery.contract.yaml"))
        try CLI.write(Self.contract("BetaQuery", code: "1102"), to: beta)
        try Self.runGit(["add", "."], in: dir)
        try Self.runGit(["commit", "-q", "-m", "one"], in: dir)
        #expect(try CLI.run(["lint", "--changed"], in: dir).status == 0)

        // Committed, so unchanged for git — but its bytes are not the cached ones: read again,
        // and its new code clashes with Alpha's.
        try CLI.write(Self.contract("BetaQuery", code: "1101"), to: beta)
        try Self.runGit(["commit", "-q", "-a", "-m", "two"], in: dir)
        let out = try CLI.run(["lint", "--changed"], in: dir)
        #expect(out.stderr.contains("0 changed contracts checked; 2 unchanged (1 from the cache, 1 read again)"), "\(out.stderr)")
        #expect(out.status == 1)
        #expect(out.stdout.diagnosticLines.filter { $0.contains("[code-duplicate]") }.count == 2, "\(out.stdout)")

        // A corrupt cache is only a slower run.
        try CLI.write("{not json", to: dir.appendingPathComponent(".build/contractc-cache/lint-set.bin"))
        let again = try CLI.run(["lint", "--changed"], in: dir)
        #expect(again.status == 1 && again.stderr.contains("(0 from the cache, 2 read again)"), "\(again.stderr)")
    }

    @Test func outsideARepositoryIsExitTwo() throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        try CLI.write(CLI.clean, to: dir.appendingPathComponent("PersonInfoQuery.contract.yaml"))
        let out = try CLI.run(["lint", "--changed"], in: dir, environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "GIT_CEILING_DIRECTORIES": dir.deletingLastPathComponent().path])
        #expect(out.status == 2)
        #expect(out.stderr.contains("not in a git repository"), "\(out.stderr)")
    }
}
