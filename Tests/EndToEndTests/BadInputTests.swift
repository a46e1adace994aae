import Foundation
import Testing

/// The bad-input list: each input gets one clear diagnostic with a place and a defined exit code.
@Suite("Bad input")
struct BadInputTests {
    /// Lints one file holding `bytes` and returns the output.
    func lint(_ bytes: [UInt8], name: String = "x.contract.yaml") throws -> CLI.Output {
        let dir = try CLI.temporaryFolder(name)
        defer { CLI.cleanUp(dir) }
        try CLI.write(bytes: bytes, to: dir.appendingPathComponent(name))
        return try CLI.run(["lint", "."], in: dir)
    }

    func expectOne(_ out: CLI.Output, rule: String, at place: String, containing text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let lines = out.stdout.diagnosticLines
        #expect(out.status == 1, "exit \(out.status): \(out.stdout)\(out.stderr)", sourceLocation: sourceLocation)
        #expect(lines.count == 1, "expected one diagnostic, got \(lines)", sourceLocation: sourceLocation)
        let line = String(lines.first ?? "")
        #expect(line.hasPrefix("x.contract.yaml:\(place): error: "), "\(line)", sourceLocation: sourceLocation)
        #expect(line.hasSuffix("[\(rule)]"), "\(line)", sourceLocation: sourceLocation)
        #expect(line.contains(text), "\(line)", sourceLocation: sourceLocation)
        #expect(!out.stderr.contains("Fatal error") && !out.stderr.contains("Stack dump"), sourceLocation: sourceLocation)
    }

    @Test func emptyFile() throws {
        expectOne(try lint([]), rule: "value-type", at: "1:1", containing: "empty")
    }

    @Test func listAtTheTop() throws {
        expectOne(try lint(Array("- contract: 1\n- interface: X\n".utf8)), rule: "value-type", at: "1:1", containing: "not a list")
    }

    @Test func scalarWhereAMappingBelongs() throws {
        let text = CLI.clean.replacingOccurrences(of: "endpoint:\n  address: https://hrss.example.cn/api/person\n  inspection: P1D\n", with: "endpoint: https://hrss.example.cn/api/person\n")
        expectOne(try lint(Array(text.utf8)), rule: "value-type", at: "12:11", containing: "expected 'endpoint' as a mapping")
    }

    @Test func numberWhereAStringBelongs() throws {
        let text = CLI.clean.replacingOccurrences(of: "title: 参保人员信息查询", with: "title: 2026")
        expectOne(try lint(Array(text.utf8)), rule: "value-type", at: "4:8", containing: "quote it")
    }

    @Test func tabIndentation() throws {
        let text = CLI.clean.replacingOccurrences(of: "  service: basicQuery", with: "\tservice: basicQuery")
        expectOne(try lint(Array(text.utf8)), rule: "yaml-syntax", at: "9:1", containing: "tabs")
    }

    @Test func tenMegabyteFile() throws {
        var bytes = Array(CLI.clean.utf8)
        bytes += Array("# ".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 10 * 1024 * 1024) + [0x0A]
        expectOne(try lint(bytes), rule: "yaml-syntax", at: "1:1", containing: "limited to 8.0 MB")
    }

    @Test func hundredLevelsOfNesting() throws {
        var text = "contract: 1\ninterface: X\ntitle: "
        for i in 0..<100 { text += "\n" + String(repeating: "  ", count: i + 1) + "k\(i):" }
        text += " leaf\n"
        expectOne(try lint(Array(text.utf8)), rule: "yaml-syntax", at: "67:129", containing: "deeper than 64 levels")
    }

    @Test func billionLaughs() throws {
        var text = "contract: 1\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        var previous = "a"
        for level in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            text += "\(level): &\(level) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
            previous = level
        }
        let start = Date()
        let out = try lint(Array(text.utf8))
        #expect(Date().timeIntervalSince(start) < 10)
        expectOne(out, rule: "yaml-syntax", at: "6:8", containing: "aliases expand to more than 10000 nodes")
    }

    @Test func invalidUTF8() throws {
        var bytes = Array("contract: 1\ninterface: Pers".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("onQuery\n".utf8)
        expectOne(try lint(bytes), rule: "yaml-syntax", at: "2:16", containing: "not valid UTF-8")
    }

    @Test func byteOrderMarkIsAccepted() throws {
        let out = try lint([0xEF, 0xBB, 0xBF] + Array(CLI.clean.utf8))
        #expect(out.status == 0, "\(out.stdout)")
        let broken = try lint([0xEF, 0xBB, 0xBF] + Array(CLI.clean.replacingOccurrences(of: "interface: PersonInfoQuery", with: "interface: personInfo").utf8))
        expectOne(broken, rule: "interface-name-case", at: "2:12", containing: "did you mean 'PersonInfo'?")
    }

    @Test func crlfLineEnds() throws {
        let crlf = CLI.clean.replacingOccurrences(of: "\n", with: "\r\n")
        let out = try lint(Array(crlf.utf8))
        #expect(out.status == 0, "\(out.stdout)")
        let broken = crlf.replacingOccurrences(of: "  - name: queryPerson", with: "  - name: query_person")
        expectOne(try lint(Array(broken.utf8)), rule: "method-name-case", at: "19:11", containing: "did you mean 'queryPerson'?")
    }

    @Test func missingPathIsExitTwo() throws {
        let out = try CLI.run(["lint", "no/such/folder"])
        #expect(out.status == 2)
        #expect(out.stderr.contains("no/such/folder:1:1: error: no such file or folder 'no/such/folder' [path-invalid]"))
    }

    @Test func folderWithoutContractsIsExitZeroWithANote() throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        let out = try CLI.run(["lint", "."], in: dir)
        #expect(out.status == 0)
        #expect(out.stderr.contains("no contracts (*.contract.yaml) found under ."))
        #expect(out.stdout == "0 errors, 0 warnings in 0 contracts\n")
    }

    @Test func unreadableFileIsExitTwo() throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        let file = dir.appendingPathComponent("x.contract.yaml")
        try CLI.write(CLI.clean, to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: file.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: dir.path)
        // root reads any file; run as nobody so the permission really applies.
        let prefix = getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
        let out = try CLI.run(["lint", dir.path], in: dir, prefix: prefix)
        #expect(out.status == 2, "\(out.stdout)\(out.stderr)")
        #expect(out.stderr.contains("x.contract.yaml:1:1: error: cannot read the file: Permission denied [file-unreadable]"))
    }

    @Test func contractThatIsAFolderIsSearchedNotRead() throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("odd.contract.yaml"), withIntermediateDirectories: true)
        try CLI.write(CLI.clean, to: dir.appendingPathComponent("odd.contract.yaml/inner.contract.yaml"))
        let out = try CLI.run(["lint", "."], in: dir)
        #expect(out.status == 0)
        #expect(out.stdout == "0 errors, 0 warnings in 1 contract\n")
    }

    @Test func symlinkLoopIsNotFollowed() throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        try CLI.write(CLI.clean, to: dir.appendingPathComponent("a/x.contract.yaml"))
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("a/loop").path, withDestinationPath: "..")
        let out = try CLI.run(["lint", "."], in: dir)
        #expect(out.status == 0)
        #expect(out.stdout == "0 errors, 0 warnings in 1 contract\n")
    }
}
