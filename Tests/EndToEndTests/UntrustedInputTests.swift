import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Contracts, configuration and file names come from pull requests (docs/security.md). Each test
/// runs the real binary on what an attacker could commit; a hang is caught by a deadline (the
/// process is killed and the test fails), never by a timed assertion.
@Suite("Untrusted input")
struct UntrustedInputTests {
    /// A contract that lints clean with the naming rule switched off on its interface line.
    static func contract(interface: String, code: String = "1101") -> String {
        CLI.clean
            .replacingOccurrences(of: "interface: PersonInfoQuery", with: "# contractc:disable-next-line interface-name-case\ninterface: \(interface)")
            .replacingOccurrences(of: "code: \"1101\"", with: "code: \"\(code)\"")
    }

    static func files(under url: URL) -> [String] {
        ((try? FileManager.default.subpathsOfDirectory(atPath: url.path)) ?? []).sorted()
    }

    // MARK: 1. Output paths

    @Test(arguments: ["catalogue", "openapi"])
    func anInterfaceNameNeverWritesOutsideTheOutputFolder(command: String) async throws {
        let dir = try CLI.temporaryFolder("outside-\(command)")
        defer { CLI.cleanUp(dir) }
        let work = dir.appendingPathComponent("a/b/c/d")
        try CLI.write(Self.contract(interface: "../../../../outside/victim"), to: work.appendingPathComponent("in/E.contract.yaml"))
        try CLI.write("victim\n", to: dir.appendingPathComponent("a/outside/victim.openapi.json"))
        let lint = try await CLI.runOffPool(["lint", "in"], in: work)
        #expect(lint.status == 0, "the rule is off, so lint passes: \(lint.stdout)")
        let out = try await CLI.runOffPool([command, "in", "--output", "out"], in: work)
        #expect(out.status == 1, "\(out.stdout)\(out.stderr)")
        #expect(out.stdout.contains("in/E.contract.yaml:3:12: error: interface '../../../../outside/victim' cannot name an output file"), "\(out.stdout)")
        #expect(out.stdout.contains("[output-name-invalid]"))
        #expect(try String(contentsOf: dir.appendingPathComponent("a/outside/victim.openapi.json"), encoding: .utf8) == "victim\n")
        #expect(Self.files(under: dir.appendingPathComponent("a/outside")) == ["victim.openapi.json"])
        #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("out").path), "nothing is written")
    }

    @Test func aLinkInsideTheOutputFolderIsNotFollowed() async throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        try CLI.write(CLI.clean, to: dir.appendingPathComponent("in/A.contract.yaml"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("out"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("escaped"), withIntermediateDirectories: true)
        // A committed `backstage -> ../escaped` in a published folder.
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("out/backstage").path, withDestinationPath: "../escaped")
        let out = try await CLI.runOffPool(["catalogue", "in", "--output", "out"], in: dir)
        #expect(out.status == 2, "\(out.stdout)\(out.stderr)")
        #expect(out.stderr.contains("out/backstage is a symbolic link"), "\(out.stderr)")
        #expect(Self.files(under: dir.appendingPathComponent("escaped")).isEmpty)
    }

    @Test(arguments: ["generate", "catalogue", "openapi"])
    func anOutputPathThatIsAFileIsOneMessage(command: String) async throws {
        let dir = try CLI.temporaryFolder("output-file-\(command)")
        defer { CLI.cleanUp(dir) }
        for i in 1...3 {
            try CLI.write(CLI.clean.replacingOccurrences(of: "PersonInfoQuery", with: "PersonInfoQuery\(i)")
                .replacingOccurrences(of: "\"1101\"", with: "\"110\(i)\""), to: dir.appendingPathComponent("in/P\(i).contract.yaml"))
        }
        try CLI.write("not a folder\n", to: dir.appendingPathComponent("out"))
        let out = try await CLI.runOffPool([command, "in", "--output", "out"], in: dir)
        #expect(out.status == 2)
        let lines = out.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(out.stderr)")
        #expect(out.stderr.contains("the output path out is a file, not a folder"), "\(out.stderr)")
        #expect(!out.stderr.contains("NSCocoaErrorDomain"))
        #expect(try String(contentsOf: dir.appendingPathComponent("out"), encoding: .utf8) == "not a folder\n")
    }

    @Test func theCatalogueRemovesOnlyWhatItPublished() async throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        try CLI.write(CLI.clean, to: dir.appendingPathComponent("in/A.contract.yaml"))
        let second = CLI.clean.replacingOccurrences(of: "PersonInfoQuery", with: "PensionQuery").replacingOccurrences(of: "\"1101\"", with: "\"1102\"")
        try CLI.write(second, to: dir.appendingPathComponent("in/B.contract.yaml"))
        #expect(try await CLI.runOffPool(["catalogue", "in", "--output", "out"], in: dir).status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/backstage/pension-query.yaml").path)
            || Self.files(under: dir.appendingPathComponent("out/backstage")).count == 2)
        // Somebody adds their own entity to the published folder; a contract goes away.
        try CLI.write("apiVersion: backstage.io/v1alpha1\n", to: dir.appendingPathComponent("out/backstage/my-service.yaml"))
        try FileManager.default.removeItem(at: dir.appendingPathComponent("in/B.contract.yaml"))
        let out = try await CLI.runOffPool(["catalogue", "in", "--output", "out"], in: dir)
        #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
        let backstage = Self.files(under: dir.appendingPathComponent("out/backstage"))
        #expect(backstage.contains("my-service.yaml"), "a file contractc did not write stays: \(backstage)")
        #expect(backstage.count == 2, "B's entity is gone, A's and the hand-written one stay: \(backstage)")
        #expect(out.stdout.contains("removed"), "\(out.stdout)")
        // A manifest edited to point outside removes nothing there.
        try CLI.write("keep\n", to: dir.appendingPathComponent("keep.txt"))
        try CLI.write("# x\n../keep.txt\nbackstage/../../keep.txt\n", to: dir.appendingPathComponent("out/.contractc-catalogue-files"))
        #expect(try await CLI.runOffPool(["catalogue", "in", "--output", "out"], in: dir).status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("keep.txt").path))
    }

    // MARK: 2. Report lines cannot be forged

    static let forging = "contract: 1\n\"x\\r\\n::error file=README.md,line=1::forged\\u001B[31m\\u202E\": 1\n"

    @Test(arguments: ["text", "github", "junit", "json", "sarif"])
    func aKeyCannotForgeAReportLine(format: String) async throws {
        let dir = try CLI.temporaryFolder("forge-\(format)")
        defer { CLI.cleanUp(dir) }
        try CLI.write(CLI.clean + Self.forging.replacingOccurrences(of: "contract: 1\n", with: ""), to: dir.appendingPathComponent("A.contract.yaml"))
        let out = try await CLI.runOffPool(["lint", ".", "--format", format], in: dir)
        #expect(out.status == 1, "\(out.stdout)\(out.stderr)")
        #expect(out.stdout.contains("x"), "the finding is reported")
        for line in (out.stdout + out.stderr).split(separator: "\n", omittingEmptySubsequences: false) {
            #expect(!line.hasPrefix("::error file=README.md"), "forged: \(line)")
        }
        let raw = (out.stdout + out.stderr).unicodeScalars.filter {
            ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || $0.value == 0x1B || $0.value == 0x202E || (0x7F...0x9F).contains($0.value)
        }
        #expect(raw.isEmpty, "raw control or bidi scalars: \(raw.map { String($0.value, radix: 16) })")
        if format == "github" {
            #expect(out.stdout.contains("%0D%0A::error file=README.md"), "CR LF is encoded: \(out.stdout)")
        }
    }

    @Test func aFileNameCannotForgeALine() async throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        let name = "x\n::error file=README.md,line=1::forged\u{1B}[2J.contract.yaml"
        try CLI.write("contract: 1\n", to: dir.appendingPathComponent(name))
        for format in ["text", "github"] {
            let out = try await CLI.runOffPool(["lint", ".", "--format", format], in: dir)
            #expect(out.status == 1)
            #expect(!out.stdout.split(separator: "\n").contains { $0.hasPrefix("::error file=README.md") }, "\(out.stdout)")
            #expect(!out.stdout.unicodeScalars.contains("\u{1B}"))
        }
    }

    // MARK: 3. Nothing but regular files is read

    @Test(arguments: [["lint", "d"], ["codes", "d"], ["generate", "d", "--output", "out"], ["catalogue", "d", "--output", "out"],
                      ["openapi", "d", "--output", "out"], ["diff", "d", "d"]])
    func aFIFONamedLikeAContractDoesNotHang(arguments: [String]) async throws {
        let dir = try CLI.temporaryFolder("fifo-\(arguments[0])")
        defer { CLI.cleanUp(dir) }
        try CLI.write(CLI.clean, to: dir.appendingPathComponent("d/A.contract.yaml"))
        #expect(mkfifo(dir.appendingPathComponent("d/F.contract.yaml").path, 0o644) == 0)
        #expect(mkfifo(dir.appendingPathComponent("fifo").path, 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("d/L.contract.yaml").path, withDestinationPath: "../fifo")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("d/S.contract.yaml").path, withDestinationPath: "/dev/stdin")
        let out = try await CLI.offPool { try CLI.run(arguments, in: dir, deadline: 60) }
        #expect(!out.timedOut, "\(arguments) hung on a FIFO")
        #expect(out.status == 2, "\(arguments): \(out.status) \(out.stdout)\(out.stderr)")
        #expect((out.stdout + out.stderr).contains("F.contract.yaml:1:1: error: cannot read the file: it is a FIFO"), "\(out.stdout)\(out.stderr)")
    }

    @Test func aFIFOAtAnOutputPathDoesNotHang() async throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        try CLI.write(CLI.clean, to: dir.appendingPathComponent("in/A.contract.yaml"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("out"), withIntermediateDirectories: true)
        #expect(mkfifo(dir.appendingPathComponent("out/A.swift").path, 0o644) == 0)
        let out = try await CLI.offPool { try CLI.run(["generate", "in", "--output", "out"], in: dir, deadline: 60) }
        #expect(!out.timedOut)
        #expect(out.status == 2, "\(out.stdout)\(out.stderr)")
        #expect(out.stderr.contains("it is a FIFO"), "\(out.stderr)")
    }

    // MARK: 5. Globs are linear

    @Test func aBacktrackingGlobDoesNotHang() async throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        try CLI.write("exclude: ['*a*a*a*a*a*a*a*a*a*a*a*a*z', '**/**/**/**/**/**/**/**/x']\n", to: dir.appendingPathComponent(".contractc.yaml"))
        for i in 0..<100 {
            let name = String(repeating: "a", count: 60) + "\(i)"
            try CLI.write(CLI.clean.replacingOccurrences(of: "\"1101\"", with: "\"11\(String(format: "%02d", i % 98 + 1))\""),
                to: dir.appendingPathComponent("\(String(repeating: "a/", count: 8))\(name).contract.yaml"))
        }
        let out = try await CLI.offPool { try CLI.run(["lint", "."], in: dir, deadline: 60) }
        #expect(!out.timedOut, "the exclude globs backtracked")
        #expect(out.stdout.contains("in 100 contracts"), "\(out.stdout.suffix(300))")
    }

    // MARK: 7, 8. codes edits only what it read

    @Test func codesDoesNotReplaceLinksHardLinksOrReadOnlyFiles() async throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        let uncoded = CLI.clean.replacingOccurrences(of: "code: \"1101\"\n", with: "")
        try CLI.write(uncoded, to: dir.appendingPathComponent("target/T.yaml"))
        try CLI.write(uncoded.replacingOccurrences(of: "PersonInfoQuery", with: "HardQuery"), to: dir.appendingPathComponent("c/H.contract.yaml"))
        try CLI.write(uncoded.replacingOccurrences(of: "PersonInfoQuery", with: "ReadOnlyQuery"), to: dir.appendingPathComponent("c/R.contract.yaml"))
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("c/L.contract.yaml").path, withDestinationPath: "../target/T.yaml")
        #expect(link(dir.appendingPathComponent("c/H.contract.yaml").path, dir.appendingPathComponent("target/H2").path) == 0)
        #expect(chmod(dir.appendingPathComponent("c/R.contract.yaml").path, 0o444) == 0)
        let out = try await CLI.runOffPool(["codes", "c"], in: dir)
        #expect(out.status == 1, "\(out.stdout)\(out.stderr)")
        #expect(out.stdout.contains("c/L.contract.yaml:2:1: error: code \"1102\" not written: c/L.contract.yaml is a symbolic link (to '../target/T.yaml')"), "\(out.stdout)")
        #expect(out.stdout.contains("c/H.contract.yaml has 2 hard links"), "\(out.stdout)")
        #expect(out.stdout.contains("c/R.contract.yaml is read-only"), "\(out.stdout)")
        #expect(out.stdout.contains("[code-not-written]"))
        let attributes = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("c/L.contract.yaml").path)
        #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink, "the link stays a link")
        #expect(try String(contentsOf: dir.appendingPathComponent("target/T.yaml"), encoding: .utf8) == uncoded)
        var st = stat()
        #expect(stat(dir.appendingPathComponent("target/H2").path, &st) == 0 && st.st_nlink == 2, "the hard link is not split")
        #expect(stat(dir.appendingPathComponent("c/R.contract.yaml").path, &st) == 0 && st.st_mode & 0o777 == 0o444)
    }

    @Test func codesKeepsEditsMadeWhileItRuns() async throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        let uncoded = CLI.clean.replacingOccurrences(of: "code: \"1101\"\n", with: "")
        let count = 400
        for i in 0..<count {
            let resource = ["general", "specialized", "analytical"][i % 3]
            let text = uncoded.replacingOccurrences(of: "PersonInfoQuery", with: "Service\(i)Query")
                .replacingOccurrences(of: "resource: general", with: "resource: \(resource)")
                .replacingOccurrences(of: "service: basicQuery", with: "service: \(["basicQuery", "businessAnalysis", "statistics", "other"][(i / 3) % 4])")
            try CLI.write(text, to: dir.appendingPathComponent("c/S\(i).contract.yaml"))
        }
        // Append a comment line to every file while codes runs.
        let folder = dir.appendingPathComponent("c")
        async let run = CLI.runOffPool(["codes", "c"], in: dir)
        try await CLI.offPool {
            for i in 0..<count {
                let handle = try FileHandle(forWritingTo: folder.appendingPathComponent("S\(i).contract.yaml"))
                try handle.seekToEnd()
                try handle.write(contentsOf: Data("# edited \(i)\n".utf8))
                try handle.close()
                if i % 40 == 0 { usleep(2_000) }
            }
        }
        let out = try await run
        #expect(out.status == 0 || out.status == 1, "\(out.stderr)")
        for i in 0..<count {
            let text = try String(contentsOf: folder.appendingPathComponent("S\(i).contract.yaml"), encoding: .utf8)
            #expect(text.contains("# edited \(i)\n"), "the edit of S\(i) was lost: \(out.stdout.prefix(500))")
        }
    }

    // MARK: 9. Configuration stops at the repository

    @Test func configurationAboveTheRepositoryDoesNotApply() async throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        try CLI.write("rules: {key-missing: off}\n", to: dir.appendingPathComponent(".contractc.yaml"))
        let untitled = CLI.clean.replacingOccurrences(of: "title: 参保人员信息查询\n", with: "")
        try CLI.write(untitled, to: dir.appendingPathComponent("repo/c/A.contract.yaml"))
        // Outside a repository the walk goes up to /: the folder above applies.
        let before = try await CLI.runOffPool(["lint", "c"], in: dir.appendingPathComponent("repo"))
        #expect(before.status == 0, "\(before.stdout)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("repo/.git"), withIntermediateDirectories: true)
        let after = try await CLI.runOffPool(["lint", "c"], in: dir.appendingPathComponent("repo"))
        #expect(after.status == 1, "\(after.stdout)")
        #expect(after.stdout.contains("[key-missing]"), "\(after.stdout)")
        // A configuration at the repository root still applies.
        try CLI.write("rules: {key-missing: off}\n", to: dir.appendingPathComponent("repo/.contractc.yaml"))
        #expect(try await CLI.runOffPool(["lint", "c"], in: dir.appendingPathComponent("repo")).status == 0)
    }

    // MARK: 12. Names that are not UTF-8

    @Test func aFileNameThatIsNotUTF8IsReported() async throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        try CLI.write(CLI.clean, to: dir.appendingPathComponent("c/A.contract.yaml"))
        let bad: [CChar] = (Array(dir.path.utf8) + Array("/c/caf".utf8) + [0xE9] + Array(".contract.yaml".utf8) + [0]).map { CChar(bitPattern: $0) }
        let fd = open(bad, O_CREAT | O_WRONLY, 0o644)
        #expect(fd >= 0)
        close(fd)
        let out = try await CLI.runOffPool(["lint", "c"], in: dir)
        #expect(out.status == 2)
        #expect(out.stderr.contains("c/caf\\x{E9}.contract.yaml:1:1: error: the name is not valid UTF-8"), "\(out.stderr)")
    }

    // MARK: 16. Findings are capped

    @Test func findingsPerFileAreCapped() async throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        let keys = (0..<30_000).map { "k\($0): 1\n" }.joined()
        try CLI.write(CLI.clean + keys, to: dir.appendingPathComponent("A.contract.yaml"))
        let out = try await CLI.offPool { try CLI.run(["lint", "."], in: dir, deadline: 120) }
        #expect(!out.timedOut)
        #expect(out.status == 1)
        let lines = out.stdout.diagnosticLines
        #expect(lines.count == 1_001, "\(lines.count) lines")
        #expect(out.stdout.contains("A.contract.yaml:1:1: error: 29000 more findings in this file not shown (a report shows at most 1000 a file)"), "\(out.stdout.prefix(400))")
        #expect(out.stdout.contains("[findings-limit]"))
    }

    // MARK: 17. Line terminators

    @Test(arguments: ["\u{2028}", "\u{2029}", "\u{85}", "\r"])
    func anAmbiguousLineBreakIsRefusedWhereTheEditorShowsIt(separator: String) async throws {
        let dir = try CLI.temporaryFolder("lb-\(separator.unicodeScalars.first!.value)")
        defer { CLI.cleanUp(dir) }
        let text = CLI.clean.replacingOccurrences(of: "code: \"1101\"\n", with: "")
            .replacingOccurrences(of: "contract: 1\n", with: "contract: 1\n# 备注\(separator)code: \"1199\"\n")
        try CLI.write(text, to: dir.appendingPathComponent("A.contract.yaml"))
        let out = try await CLI.runOffPool(["lint", "."], in: dir)
        #expect(out.status == 1)
        #expect(out.stdout.contains("A.contract.yaml:2:5: error: "), "\(out.stdout)")
        #expect(out.stdout.contains("[yaml-syntax]"))
        let codes = try await CLI.runOffPool(["codes", "."], in: dir)
        #expect(codes.status == 1)
        #expect(try String(contentsOf: dir.appendingPathComponent("A.contract.yaml"), encoding: .utf8) == text, "codes changed nothing")
    }

    @Test func codesDoesNotMoveATrailingDirective() async throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        let text = CLI.clean.replacingOccurrences(of: "code: \"1101\"\n", with: "")
            .replacingOccurrences(of: "interface: PersonInfoQuery", with: "interface: PersonInfoQuery  # contractc:disable-next-line title-missing")
        try CLI.write(text, to: dir.appendingPathComponent("A.contract.yaml"))
        let out = try await CLI.runOffPool(["codes", "."], in: dir)
        #expect(out.status == 1)
        #expect(out.stdout.contains("A.contract.yaml:2:1: error: code \"1101\" not written: the 'interface:' line ends with a '# contractc:disable-next-line' comment"), "\(out.stdout)")
        #expect(try String(contentsOf: dir.appendingPathComponent("A.contract.yaml"), encoding: .utf8) == text)
    }

    @Test func aBidiControlInAnAddressIsAnError() async throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        let text = CLI.clean.replacingOccurrences(of: "https://hrss.example.cn/api/person", with: "https://hrss.example.cn/api/\u{202E}nosrep")
        try CLI.write(text, to: dir.appendingPathComponent("A.contract.yaml"))
        let out = try await CLI.runOffPool(["lint", "."], in: dir)
        #expect(out.status == 1)
        #expect(out.stdout.contains("invisible bidirectional formatting character (U+202E)"), "\(out.stdout)")
        #expect(out.stdout.contains("[address-invalid]"))
    }
}
