import ContractTestSupport
import Foundation
import Testing

/// The code register (服务编目, contract language §3): a service code identifies one service for
/// ever. Every test runs the real binary on a catalogue folder.
@Suite("The code register")
struct CodeRegisterTests {
    static func service(_ name: String, code: String?, group: (String, String) = ("general", "basicQuery")) -> String {
        var text = CLI.clean.replacingOccurrences(of: "PersonInfoQuery", with: name)
            .replacingOccurrences(of: "resource: general", with: "resource: \(group.0)")
            .replacingOccurrences(of: "service: basicQuery", with: "service: \(group.1)")
        text = text.replacingOccurrences(of: "code: \"1101\"\n", with: code.map { "code: \"\($0)\"\n" } ?? "")
        return text
    }

    /// A catalogue folder `c` with a `.contractc.yaml` and the given contracts.
    static func catalogue(_ contracts: [(String, String?)], in dir: URL) throws {
        try CLI.write("rules: {}\n", to: dir.appendingPathComponent("c/.contractc.yaml"))
        for (name, code) in contracts {
            try CLI.write(service(name, code: code), to: dir.appendingPathComponent("c/\(name).contract.yaml"))
        }
    }

    static func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    @Test func codesOnOneFileSeesTheWholeCatalogueAndCreatesTheRegister() async throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        try Self.catalogue([("PersonQuery", "1101"), ("CaseQuery", nil)], in: dir)
        let lint = try await CLI.runOffPool(["lint", "c"], in: dir)
        #expect(lint.stdout.contains("c/.contractc.yaml:1:1: warning: this catalogue keeps no code register"), "\(lint.stdout)")
        let out = try await CLI.runOffPool(["codes", "c/CaseQuery.contract.yaml"], in: dir)
        #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
        #expect(out.stdout.contains("c/CaseQuery.contract.yaml: assigned code 1102"), "not 1101, which the sibling holds: \(out.stdout)")
        let register = try Self.read(dir.appendingPathComponent("c/service-codes.yaml"))
        #expect(register.contains("\"1101\": {interface: PersonQuery}\n  \"1102\": {interface: CaseQuery}\n"), "\(register)")
        let after = try await CLI.runOffPool(["lint", "c"], in: dir)
        #expect(after.status == 0 && after.stdout.hasSuffix("0 errors, 0 warnings in 2 contracts\n"), "\(after.stdout)")
    }

    @Test func aSiblingWithASyntaxErrorHoldsItsCode() async throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        try Self.catalogue([("CaseQuery", nil)], in: dir)
        try CLI.write(Self.service("BrokenQuery", code: "1101") + "methods: [unclosed\n", to: dir.appendingPathComponent("c/BrokenQuery.contract.yaml"))
        let out = try await CLI.runOffPool(["codes", "c/CaseQuery.contract.yaml"], in: dir)
        #expect(out.stdout.contains("assigned code 1102"), "\(out.stdout)")
    }

    @Test func aRemovedServiceIsRetiredAndItsCodeNeverReused() async throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        try Self.catalogue([("PersonQuery", nil), ("CaseQuery", nil)], in: dir)
        #expect(try await CLI.runOffPool(["codes", "c"], in: dir).status == 0)
        let old = dir.appendingPathComponent("old")
        try FileManager.default.copyItem(at: dir.appendingPathComponent("c"), to: old)
        // CaseQuery (1101, first in path order) is withdrawn: lint asks for the retirement.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("c/CaseQuery.contract.yaml"))
        let orphan = try await CLI.runOffPool(["lint", "c"], in: dir)
        #expect(orphan.status == 1)
        #expect(orphan.stdout.contains("c/service-codes.yaml:5:3: error: 1101 ('CaseQuery') has no contract"), "\(orphan.stdout)")
        #expect(orphan.stdout.contains("[code-register-orphan]"))
        let registerURL = dir.appendingPathComponent("c/service-codes.yaml")
        try Data(try Self.read(registerURL).replacingOccurrences(of: "{interface: CaseQuery}", with: "{interface: CaseQuery, retired: 2026-12-04, reason: 并入 1102}").utf8).write(to: registerURL)
        #expect(try await CLI.runOffPool(["lint", "c"], in: dir).status == 0)
        // A new service of the same group gets 1103, never the retired 1101.
        try CLI.write(Self.service("NewCaseQuery", code: nil), to: dir.appendingPathComponent("c/NewCaseQuery.contract.yaml"))
        let codes = try await CLI.runOffPool(["codes", "c"], in: dir)
        #expect(codes.stdout.contains("assigned code 1103"), "\(codes.stdout)")
        #expect(try Self.read(registerURL).contains("\"1101\": {interface: CaseQuery, retired: 2026-12-04, reason: 并入 1102}"), "the retirement is kept")
        // diff: CaseQuery removed, NewCaseQuery added — not a rename.
        let diff = try await CLI.runOffPool(["diff", "old", "c"], in: dir)
        #expect(diff.stdout.contains("interface CaseQuery (code 1101, version 1.0.0) was removed"), "\(diff.stdout)")
        #expect(!diff.stdout.contains("was renamed to NewCaseQuery"), "\(diff.stdout)")
        // Reusing the retired code by hand is an error.
        try CLI.write(Self.service("NewCaseQuery", code: "1101"), to: dir.appendingPathComponent("c/NewCaseQuery.contract.yaml"))
        let reused = try await CLI.runOffPool(["lint", "c"], in: dir)
        #expect(reused.stdout.contains("service code 1101 was retired on 2026-12-04 with 'CaseQuery': 并入 1102"), "\(reused.stdout)")
        #expect(reused.stdout.contains("[code-retired]"))
    }

    @Test func aCodeWrittenByHandOrTakenFromAnotherServiceIsReported() async throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        try Self.catalogue([("PersonQuery", nil), ("CaseQuery", nil)], in: dir)
        #expect(try await CLI.runOffPool(["codes", "c"], in: dir).status == 0)
        try CLI.write(Self.service("HandQuery", code: "1105"), to: dir.appendingPathComponent("c/HandQuery.contract.yaml"))
        try CLI.write(Self.service("CopyQuery", code: "1101"), to: dir.appendingPathComponent("c/CopyQuery.contract.yaml"))
        let out = try await CLI.runOffPool(["lint", "c"], in: dir)
        #expect(out.stdout.contains("c/HandQuery.contract.yaml:3:7: error: service code 1105 is not in the code register"), "\(out.stdout)")
        #expect(out.stdout.contains("[code-unregistered]"))
        #expect(out.stdout.contains("c/CopyQuery.contract.yaml:3:7: error: service code 1101 belongs to 'CaseQuery' in the register"), "\(out.stdout)")
        #expect(out.stdout.contains("[code-register-conflict]"))
    }

    @Test func aRenameUnderItsCodeIsRecorded() async throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        try Self.catalogue([("PersonQuery", nil)], in: dir)
        #expect(try await CLI.runOffPool(["codes", "c"], in: dir).status == 0)
        let file = dir.appendingPathComponent("c/PersonQuery.contract.yaml")
        try Data(try Self.read(file).replacingOccurrences(of: "interface: PersonQuery", with: "interface: PersonBasicQuery").utf8).write(to: file)
        let before = try await CLI.runOffPool(["lint", "c"], in: dir)
        #expect(before.stdout.contains("the register gives 1101 to 'PersonQuery'"), "\(before.stdout)")
        #expect(try await CLI.runOffPool(["codes", "c"], in: dir).status == 0)
        #expect(try Self.read(dir.appendingPathComponent("c/service-codes.yaml")).contains("\"1101\": {interface: PersonBasicQuery}"))
        #expect(try await CLI.runOffPool(["lint", "c"], in: dir).status == 0)
    }

    @Test func diffReadsRenamesFromTheRegister() async throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        try Self.catalogue([("CaseQuery", nil)], in: dir)
        #expect(try await CLI.runOffPool(["codes", "c"], in: dir).status == 0)
        let new = dir.appendingPathComponent("new")
        try FileManager.default.copyItem(at: dir.appendingPathComponent("c"), to: new)
        try FileManager.default.removeItem(at: new.appendingPathComponent("CaseQuery.contract.yaml"))
        // Another service takes the removed one's code without the register saying it is a rename.
        try CLI.write(Self.service("NewQuery", code: "1101"), to: new.appendingPathComponent("NewQuery.contract.yaml"))
        let moved = try await CLI.runOffPool(["diff", "c", "new"], in: dir)
        #expect(moved.stdout.contains("[diff-interface-removed]"), "\(moved.stdout)")
        #expect(moved.stdout.contains("[diff-interface-added]"), "\(moved.stdout)")
        #expect(!moved.stdout.contains("renamed"), "\(moved.stdout)")
        // Recorded by `codes` as a rename, it is one.
        let register = new.appendingPathComponent("service-codes.yaml")
        try Data(try Self.read(register).replacingOccurrences(of: "{interface: CaseQuery}", with: "{interface: NewQuery}").utf8).write(to: register)
        let renamed = try await CLI.runOffPool(["diff", "c", "new"], in: dir)
        #expect(renamed.stdout.contains("interface CaseQuery was renamed to NewQuery"), "\(renamed.stdout)")
    }

    @Test func twoRunsAtOnceNeverGiveOneCodeTwice() async throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        try Self.catalogue((0..<60).map { ("Service\($0)Query", nil) }, in: dir)
        async let first = CLI.runOffPool(["codes", "c"], in: dir)
        async let second = CLI.runOffPool(["codes", "c"], in: dir)
        let (a, b) = try await (first, second)
        #expect(a.status == 0 && b.status == 0, "\(a.stdout)\(a.stderr)\(b.stdout)\(b.stderr)")
        let lint = try await CLI.runOffPool(["lint", "c"], in: dir)
        #expect(lint.status == 0, "\(lint.stdout)")
        #expect(!lint.stdout.contains("code-duplicate"))
    }

    @Test func checkTagsAnExhaustedGroupAndDoesNotClaimEveryContractHasACode() async throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        var contracts: [(String, String?)] = (1...98).map { ("Person\($0)Query", String(format: "11%02d", $0)) }
        contracts.append(("LastQuery", nil))
        try Self.catalogue(contracts, in: dir)
        let out = try await CLI.runOffPool(["codes", "c", "--check"], in: dir)
        #expect(out.status == 1)
        #expect(out.stdout.contains("[code-serial-exhausted]"), "\(out.stdout)")
        #expect(!out.stdout.contains("every contract has a code"), "\(out.stdout)")
        #expect(out.stdout.contains("1 contract cannot get one as it stands"), "\(out.stdout)")
    }

    @Test func anUnquotedCodeIsReportedAtItsValue() async throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        try CLI.write(CLI.clean.replacingOccurrences(of: "code: \"1101\"", with: "code: 1101"), to: dir.appendingPathComponent("A.contract.yaml"))
        let out = try await CLI.runOffPool(["codes", "."], in: dir)
        #expect(out.status == 1)
        #expect(out.stdout.contains("A.contract.yaml:3:7: error: the code is written unquoted"), "\(out.stdout)")
        #expect(out.stdout.contains("quote it: code: \"1101\""))
    }

    /// The hooks of `.pre-commit-hooks.yaml`, run by the real pre-commit framework in a real git
    /// repository: a staged contract that takes a code a committed contract holds fails, though
    /// the committed file is not part of the commit. The hooks run with `language: system` and
    /// the built binary on PATH (the `language: swift` build would take minutes); entry, file
    /// pattern and `pass_filenames` are read from the repository's hook definitions.
    @Test func preCommitHooksCheckCodesAcrossTheRepository() async throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        let repo = dir.appendingPathComponent("repo")
        try Self.catalogue([("PersonQuery", "1101")], in: repo)
        let git = URL(fileURLWithPath: "/usr/bin/git")
        // Off Swift's cooperative pool: a blocked pool thread would stall other suites' tests.
        func run(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil) async throws -> TestProcess.Output {
            try await CLI.offPool { try TestProcess.run(executable, arguments, in: repo, environment: environment, deadline: 300) }
        }
        #expect(try await run(git, ["init", "-q"]).status == 0)
        // As in any Swift repository: `.build/` (where `lint --changed` keeps its cache) is ignored.
        try CLI.write(".build/\n", to: repo.appendingPathComponent(".gitignore"))
        // The hook definitions, turned into a local configuration that runs the built binary.
        let convert = """
            import sys, yaml
            hooks = yaml.safe_load(open(sys.argv[1]))
            for h in hooks:
                h['language'] = 'system'
            print(yaml.safe_dump({'repos': [{'repo': 'local', 'hooks': hooks}]}, allow_unicode=True))
            """
        let python = URL(fileURLWithPath: "/usr/bin/env")
        let config = try await run(python, ["python3", "-c", convert, CLI.root.appendingPathComponent(".pre-commit-hooks.yaml").path])
        #expect(config.status == 0, "\(config.stderr)")
        try CLI.write(config.stdout, to: repo.appendingPathComponent(".pre-commit-config.yaml"))
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = CLI.binary.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["PRE_COMMIT_HOME"] = dir.appendingPathComponent("pre-commit-home").path
        environment["GIT_AUTHOR_NAME"] = "t"
        environment["GIT_AUTHOR_EMAIL"] = "t@example.cn"
        environment["GIT_COMMITTER_NAME"] = "t"
        environment["GIT_COMMITTER_EMAIL"] = "t@example.cn"
        #expect(try await run(CLI.binary, ["codes", "c"]).status == 0)
        #expect(try await run(git, ["add", "-A"]).status == 0)
        #expect(try await run(git, ["commit", "-q", "--no-verify", "-m", "first"], environment: environment).status == 0)
        let preCommit = URL(fileURLWithPath: "/usr/bin/env")
        #expect(try await run(preCommit, ["pre-commit", "install"], environment: environment).status == 0)

        // A new contract copied with its code line: staged alone, it clashes with the committed one.
        try CLI.write(Self.service("CopyQuery", code: "1101"), to: repo.appendingPathComponent("c/CopyQuery.contract.yaml"))
        #expect(try await run(git, ["add", "c/CopyQuery.contract.yaml"]).status == 0)
        let refused = try await run(git, ["commit", "-m", "copy"], environment: environment)
        #expect(!refused.timedOut)
        #expect(refused.status != 0, "the commit must be refused: \(refused.stdout)\(refused.stderr)")
        let output = refused.stdout + refused.stderr
        #expect(output.contains("code-duplicate") || output.contains("code-register-conflict"), "\(output)")

        // With its own code (assigned and registered), the commit goes through.
        try CLI.write(Self.service("CopyQuery", code: nil), to: repo.appendingPathComponent("c/CopyQuery.contract.yaml"))
        #expect(try await run(CLI.binary, ["codes", "c"]).status == 0)
        #expect(try await run(git, ["add", "-A"]).status == 0)
        let accepted = try await run(git, ["commit", "-m", "copy with its own code"], environment: environment)
        let status = try await run(git, ["status", "--short"]).stdout
        #expect(accepted.status == 0, "\(accepted.stdout)\(accepted.stderr)\(status)")
    }
}
