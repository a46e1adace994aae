import ContractSyntax
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Catalogues given to `contractc inspect` and folders given to `contractc files check` come from
/// pull requests: their size must not make the run quadratic, their text must not forge or
/// recolour report lines, names that are not UTF-8 must be reported, and a FIFO where a file is
/// expected must not hang the run (issue 11). Every test runs the built binary under a deadline:
/// a run that overruns it is killed and fails the test (a deadline, not a timing assertion).
@Suite("Untrusted catalogues and file names (the built binary)")
struct UntrustedReportTests {
    // MARK: Size: reading is linear in the catalogue

    /// 200,000 entries whose protocol is neither one of the nine nor a name a catalogue could
    /// declare (it has spaces): read, reported as unchecked, no probe. The place of each entry used to be found by reading the file from its start:
    /// 20,000 entries took minutes in a debug build, 200,000 did not finish in 10 minutes.
    @Test func aCatalogueOf200000EntriesIsReadBeforeTheDeadline() async throws {
        let folder = try CLI.temporaryFolder()
        defer { CLI.cleanUp(folder) }
        try Data(Self.catalogue(count: 200_000).utf8).write(to: folder.appendingPathComponent("catalogue.json"))

        let run = try await Deadlined.run(["inspect", "catalogue.json"], in: folder, seconds: 150)
        #expect(!run.killed, "killed after \(run.seconds) s")
        #expect(run.status == 0, "\(run.stderr.prefix(2000))")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 200_001)
        #expect(lines.last == "200000 inspected: 0 up, 0 down, 200000 unchecked")
    }

    /// `--due` with a state of 200,000 recent times: both files are read, nothing is due, the
    /// state is left as it is.
    @Test func aStateOf200000ServicesIsReadBeforeTheDeadline() async throws {
        let folder = try CLI.temporaryFolder()
        defer { CLI.cleanUp(folder) }
        let count = 200_000
        try Data(Self.catalogue(count: count).utf8).write(to: folder.appendingPathComponent("catalogue.json"))
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let recent = formatter.string(from: Date().addingTimeInterval(-3600))
        var state = "{\n"
        state.reserveCapacity(count * 36)
        for index in 0..<count { state += "  \"\(Self.code(index))\": \"\(recent)\"\(index + 1 < count ? "," : "")\n" }
        state += "}\n"
        let statePath = folder.appendingPathComponent("state.json")
        try Data(state.utf8).write(to: statePath)

        let run = try await Deadlined.run(["inspect", "catalogue.json", "--due", "state.json"], in: folder, seconds: 150)
        #expect(!run.killed, "killed after \(run.seconds) s")
        #expect(run.status == 0, "\(run.stderr.prefix(2000))")
        #expect(run.stdout == "0 inspected: 0 up, 0 down, 0 unchecked; 200000 skipped as not due\n")
        #expect(try Data(contentsOf: statePath) == Data(state.utf8))
    }

    /// A minified catalogue (one line of megabytes) whose 200,000 entries all lack an address:
    /// each is a diagnostic at its column, and the run stops with exit 2 before any probe.
    @Test func everyInvalidEntryOfAOneLineCatalogueIsReportedBeforeTheDeadline() async throws {
        let folder = try CLI.temporaryFolder()
        defer { CLI.cleanUp(folder) }
        let count = 200_000
        var text = "["
        text.reserveCapacity(count * 60)
        var lastOffset = 0
        for index in 0..<count {
            if index > 0 { text += "," }
            lastOffset = text.utf8.count
            text += "{\"code\":\"\(Self.code(index))\",\"interface\":\"Service\(index)\",\"protocol\":\"HTTP\"}"
        }
        text += "]"
        try Data(text.utf8).write(to: folder.appendingPathComponent("catalogue.json"))

        let run = try await Deadlined.run(["inspect", "catalogue.json"], in: folder, seconds: 150)
        #expect(!run.killed, "killed after \(run.seconds) s")
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == count)
        #expect(lines.last == "catalogue.json:1:\(lastOffset + 1): error: entry \(count) has no 'address' [catalogue-invalid]")
    }

    // MARK: Text: no field reaches a report line raw

    /// What a catalogue from a pull request may hold to forge lines or reorder them.
    static let hostile = ["\u{1B}[31m", "\n::error file=x,line=1::forged", "\u{202E}", "\u{85}", "\r\n"]

    @Test func inspectEscapesEveryCatalogueFieldInItsTextReport() async throws {
        let folder = try CLI.temporaryFolder()
        defer { CLI.cleanUp(folder) }
        let evil = Self.hostile.joined()
        // One entry with an unknown protocol (unchecked), one remote entry whose address is not
        // valid (down, and its origin is named in the action): neither is probed.
        let entries: [[String: Any]] = [
            ["code": "1101", "interface": "Evil\(evil)Query", "title": "t\(evil)", "owner": "o\(evil)", "protocol": "XYZ\(evil)",
             "address": "http://127.0.0.1:9/\(evil)", "origin": "o\(evil)"],
            ["code": "1102\(evil)", "interface": "I\(evil)", "title": "t\(evil)", "owner": "o\(evil)", "protocol": "HTTP",
             "address": "not an address\(evil)", "hosting": "remote", "origin": "Origin\(evil)"],
        ]
        try JSONSerialization.data(withJSONObject: entries).write(to: folder.appendingPathComponent("catalogue.json"))

        let run = try await Deadlined.run(["inspect", "catalogue.json", "--timeout", "1"], in: folder, seconds: 60)
        #expect(!run.killed)
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        Self.expectSafe(run.stdout)
        Self.expectSafe(run.stderr)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 3, "\(run.stdout)")
        #expect(lines.last == "2 inspected: 0 up, 1 down, 1 unchecked")
        #expect(lines.contains { $0.hasPrefix("1101 ") && $0.contains(#"Evil\u{1B}[31m\n::error file=x,line=1::forged\u{202E}\u{85}\r\nQuery"#) })
        #expect(lines.contains { $0.hasPrefix(#"1102\u{1B}[31m\n::error"#) && $0.hasSuffix(#"→ notify Origin\u{1B}[31m\n::error file=x,line=1::forged\u{202E}\u{85}\r\n"#) })
    }

    /// Diagnostics quote codes and keys of the catalogue and the state: escaped too.
    @Test func inspectEscapesFieldsQuotedInDiagnostics() async throws {
        let folder = try CLI.temporaryFolder()
        defer { CLI.cleanUp(folder) }
        let evil = Self.hostile.joined()
        let twice: [[String: Any]] = [
            ["code": "1101\(evil)", "interface": "A", "protocol": "XYZ", "address": "x"],
            ["code": "1101\(evil)", "interface": "B", "protocol": "XYZ", "address": "x"],
        ]
        try JSONSerialization.data(withJSONObject: twice).write(to: folder.appendingPathComponent("twice.json"))
        let duplicate = try await Deadlined.run(["inspect", "twice.json"], in: folder, seconds: 60)
        #expect(!duplicate.killed)
        #expect(duplicate.status == 2)
        #expect(duplicate.stdout.isEmpty)
        Self.expectSafe(duplicate.stderr)
        #expect(duplicate.stderr.split(separator: "\n").count == 1, "\(duplicate.stderr)")
        #expect(duplicate.stderr.contains(#"code 1101\u{1B}[31m\n::error file=x,line=1::forged\u{202E}\u{85}\r\n appears twice"#))

        let one: [[String: Any]] = [["code": "1101", "interface": "A", "protocol": "not a protocol", "address": "x", "inspection": "P1D\(evil)"]]
        try JSONSerialization.data(withJSONObject: one).write(to: folder.appendingPathComponent("one.json"))
        try JSONSerialization.data(withJSONObject: ["1101\(evil)": "yesterday\(evil)"]).write(to: folder.appendingPathComponent("state.json"))
        let badState = try await Deadlined.run(["inspect", "one.json", "--due", "state.json"], in: folder, seconds: 60)
        #expect(!badState.killed)
        #expect(badState.status == 2)
        Self.expectSafe(badState.stderr)
        #expect(badState.stderr.split(separator: "\n").count == 1, "\(badState.stderr)")
        #expect(badState.stderr.contains(#"the last inspection of 1101\u{1B}[31m\n::error"#))

        try Data("{}".utf8).write(to: folder.appendingPathComponent("state.json"))
        let warned = try await Deadlined.run(["inspect", "one.json", "--due", "state.json"], in: folder, seconds: 60)
        #expect(!warned.killed)
        #expect(warned.status == 0, "\(warned.stderr)")
        Self.expectSafe(warned.stdout)
        Self.expectSafe(warned.stderr)
        #expect(warned.stderr.split(separator: "\n").count == 1, "\(warned.stderr)")
        #expect(warned.stderr.contains(#"('P1D\u{1B}[31m\n::error file=x,line=1::forged\u{202E}\u{85}\r\n' is not an ISO 8601 duration)"#))
    }

    /// The JSON reports stay JSON and carry no raw control or bidirectional scalar: the JSON
    /// writer escapes them as `\uXXXX` (C1 and bidi controls included), so the last guard of
    /// the line writer has nothing left to rewrite inside a JSON string.
    @Test func jsonReportsStayJSON() async throws {
        let folder = try CLI.temporaryFolder()
        defer { CLI.cleanUp(folder) }
        let evil = Self.hostile.joined()
        let entries: [[String: Any]] = [["code": "1101", "interface": "Evil\(evil)", "protocol": "XYZ\(evil)", "address": "a\(evil)"]]
        try JSONSerialization.data(withJSONObject: entries).write(to: folder.appendingPathComponent("catalogue.json"))
        let run = try await Deadlined.run(["inspect", "catalogue.json", "--format", "json"], in: folder, seconds: 60)
        #expect(!run.killed)
        #expect(run.status == 0)
        Self.expectSafe(run.stdout)
        let parsed = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]]
        #expect(parsed?.first?["interface"] as? String == "Evil\(evil)")
        #expect(parsed?.first?["detail"] as? String == "protocol 'XYZ\(evil)' is not one of SOAP, Telnet, FTP, SMTP, HTTP, HTTPS, SFTP, SNMP, DNS; not inspected")

        let exchange = folder.appendingPathComponent("exchange")
        try FileManager.default.createDirectory(at: exchange, withIntermediateDirectories: true)
        let name = "rlo\u{202E}\u{85}\n::error file=x::forged.csv"
        try Data().write(to: exchange.appendingPathComponent(name))
        let files = try await Deadlined.run(["files", "check", "exchange", "--format", "json"], in: folder, seconds: 60)
        #expect(!files.killed)
        #expect(files.status == 1)
        Self.expectSafe(files.stdout)
        Self.expectSafe(files.stderr)
        let array = try JSONSerialization.jsonObject(with: Data(files.stdout.utf8)) as? [[String: Any]]
        #expect(array?.map { $0["file"] as? String } == ["exchange/" + name])
    }

    @Test func filesCheckEscapesFileNames() async throws {
        let folder = try CLI.temporaryFolder()
        defer { CLI.cleanUp(folder) }
        let exchange = folder.appendingPathComponent("exchange")
        try FileManager.default.createDirectory(at: exchange, withIntermediateDirectories: true)
        let names = [
            "A01002026510100.csv",
            "nl\n::error file=x,line=1::forged.csv",
            "esc\u{1B}[31mred.csv",
            "rlo\u{202E}vsc.exe",
            "nel\u{85}x.csv",
            "crlf\r\n::error file=y::forged.csv",
        ]
        for name in names { try Data().write(to: exchange.appendingPathComponent(name)) }

        let run = try await Deadlined.run(["files", "check", "exchange"], in: folder, seconds: 60)
        #expect(!run.killed)
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        Self.expectSafe(run.stdout)
        Self.expectSafe(run.stderr)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == names.count, "\(run.stdout)")  // one per bad name, then the summary
        #expect(lines.last == "\(names.count - 1) bad names in \(names.count) files")
        #expect(lines.contains { $0.hasPrefix(#"exchange/nl\n::error file=x,line=1::forged.csv:1:1: error: "#) })
        #expect(lines.contains { $0.hasPrefix(#"exchange/esc\u{1B}[31mred.csv:1:1: error: "#) })
        #expect(lines.contains { $0.hasPrefix(#"exchange/rlo\u{202E}vsc.exe:1:1: error: "#) })
        #expect(lines.contains { $0.hasPrefix(#"exchange/nel\u{85}x.csv:1:1: error: "#) })
        #expect(lines.contains { $0.hasPrefix(#"exchange/crlf\r\n::error file=y::forged.csv:1:1: error: "#) })
    }

    #if os(Linux)
        /// Names that are not UTF-8 used to be skipped without a word: each file (and each folder,
        /// whose files cannot be listed by name) is now an error naming it with `\x{FF}` escapes.
        @Test func filesCheckReportsNamesThatAreNotUTF8() async throws {
            let folder = try CLI.temporaryFolder()
            defer { CLI.cleanUp(folder) }
            let exchange = folder.appendingPathComponent("exchange")
            try FileManager.default.createDirectory(at: exchange, withIntermediateDirectories: true)
            try Data().write(to: exchange.appendingPathComponent("A01002026510100.csv"))
            try Self.createRaw(in: exchange, name: Array("A0100202651010".utf8) + [0xFF] + Array(".csv".utf8))
            try Self.createRaw(in: exchange, name: Array("bad".utf8) + [0xFE, 0x1B] + Array("[31m.csv".utf8))
            try Self.createRaw(in: exchange, name: [0x2E, 0xFF], directory: false)  // hidden: skipped as every hidden file
            try Self.createRaw(in: exchange, name: Array("dir".utf8) + [0xC3], directory: true)

            let run = try await Deadlined.run(["files", "check", "exchange"], in: folder, seconds: 60)
            #expect(!run.killed)
            #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
            Self.expectSafe(run.stdout)
            Self.expectSafe(run.stderr)
            let lines = run.stdout.split(separator: "\n").map(String.init)
            #expect(lines == [
                #"exchange/A0100202651010\x{FF}.csv:1:1: error: the file name is not UTF-8 (bytes that are not are shown as \x{..}); an exchange file name is the 15 ASCII letters and digits of the code, '.', and an extension [exchange-file-name]"#,
                #"exchange/bad\x{FE}\u{1B}[31m.csv:1:1: error: the file name is not UTF-8 (bytes that are not are shown as \x{..}); an exchange file name is the 15 ASCII letters and digits of the code, '.', and an extension [exchange-file-name]"#,
                #"exchange/dir\x{C3}:1:1: error: the folder name is not UTF-8 (bytes that are not are shown as \x{..}); its files are not checked: rename it [exchange-file-name]"#,
                "3 bad names in 3 files",
            ], "\(run.stdout)")

            let json = try await Deadlined.run(["files", "check", "exchange", "--format", "json"], in: folder, seconds: 60)
            #expect(json.status == 1)
            let array = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]] ?? []
            #expect(array.map { $0["file"] as? String } == [#"exchange/A0100202651010\x{FF}.csv"#, "exchange/bad\\x{FE}\u{1B}[31m.csv", #"exchange/dir\x{C3}"#])
        }
    #endif

    // MARK: FIFOs where a file is expected

    @Test func aFIFOAsTheCatalogueIsRefusedPromptly() async throws {
        let folder = try CLI.temporaryFolder()
        defer { CLI.cleanUp(folder) }
        try Self.makeFIFO(folder.appendingPathComponent("catalogue.json"))
        let run = try await Deadlined.run(["inspect", "catalogue.json"], in: folder, seconds: 20)
        #expect(!run.killed, "hung on the FIFO; killed after \(run.seconds) s")
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("catalogue.json:1:1: error: cannot read the catalogue: ") && run.stderr.contains("FIFO"), "\(run.stderr)")
    }

    @Test func aFIFOAsTheDueStateIsRefusedPromptly() async throws {
        let folder = try CLI.temporaryFolder()
        defer { CLI.cleanUp(folder) }
        let entries: [[String: Any]] = [["code": "1101", "interface": "A", "protocol": "XYZ", "address": "x", "inspection": "P1D"]]
        try JSONSerialization.data(withJSONObject: entries).write(to: folder.appendingPathComponent("catalogue.json"))
        try Self.makeFIFO(folder.appendingPathComponent("state.json"))
        let run = try await Deadlined.run(["inspect", "catalogue.json", "--due", "state.json"], in: folder, seconds: 20)
        #expect(!run.killed, "hung on the FIFO; killed after \(run.seconds) s")
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("state.json:1:1: error: cannot read the inspection state: ") && run.stderr.contains("FIFO"), "\(run.stderr)")
    }

    @Test func aFIFOAsTheRegionsFileIsRefusedPromptly() async throws {
        let folder = try CLI.temporaryFolder()
        defer { CLI.cleanUp(folder) }
        let exchange = folder.appendingPathComponent("exchange")
        try FileManager.default.createDirectory(at: exchange, withIntermediateDirectories: true)
        try Data().write(to: exchange.appendingPathComponent("A01002026510100.csv"))
        try Self.makeFIFO(folder.appendingPathComponent("regions.csv"))
        let run = try await Deadlined.run(["files", "check", "exchange", "--regions", "regions.csv"], in: folder, seconds: 20)
        #expect(!run.killed, "hung on the FIFO; killed after \(run.seconds) s")
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("regions.csv:1:1: error: cannot read the regions file: ") && run.stderr.contains("FIFO"), "\(run.stderr)")
    }

    // MARK: Helpers

    /// A 7-digit service code.
    static func code(_ index: Int) -> String {
        let digits = String(index)
        return String(repeating: "0", count: max(0, 7 - digits.count)) + digits
    }

    /// A catalogue of `count` entries, one a line, whose protocol is not one of the nine (so
    /// none is probed) and whose period is a day.
    static func catalogue(count: Int) -> String {
        var text = "[\n"
        text.reserveCapacity(count * 110)
        for index in 0..<count {
            text += "{\"code\":\"\(code(index))\",\"interface\":\"Service\(index)\",\"protocol\":\"not a protocol\","
            text += "\"address\":\"http://127.0.0.1:9/\(index)\",\"inspection\":\"P1D\"}\(index + 1 < count ? "," : "")\n"
        }
        return text + "]\n"
    }

    /// Every scalar of an output is safe for a terminal and a CI log (its own line feeds apart),
    /// and no line is a workflow command.
    static func expectSafe(_ output: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let unsafe = output.unicodeScalars.filter { $0 != "\n" && DisplayText.isUnsafe($0) }
        #expect(unsafe.isEmpty, "raw \(unsafe.map { "U+" + String($0.value, radix: 16, uppercase: true) }) in \(output)", sourceLocation: sourceLocation)
        #expect(!output.split(separator: "\n").contains { $0.hasPrefix("::") }, "a forged line in \(output)", sourceLocation: sourceLocation)
    }

    /// Creates a file or folder by the bytes of its name (which may not be UTF-8).
    static func createRaw(in folder: URL, name: [UInt8], directory: Bool = false) throws {
        let path = Array(folder.path.utf8) + [UInt8(ascii: "/")] + name
        let cPath = path.map { CChar(bitPattern: $0) } + [0]
        if directory {
            guard mkdir(cPath, 0o755) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } else {
            let fd = open(cPath, O_CREAT | O_WRONLY | O_TRUNC, 0o644)
            guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            close(fd)
        }
    }

    /// Creates a named pipe that nothing writes to.
    static func makeFIFO(_ url: URL) throws {
        guard mkfifo(url.path, 0o644) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }
}

/// Runs the built binary with a deadline: a run that overruns it is killed (SIGKILL) and
/// reported as such, so a hang fails its test instead of stalling the suite.
enum Deadlined {
    struct Output: Sendable {
        var stdout: String
        var stderr: String
        var status: Int32
        /// Whether the deadline passed and the process was killed.
        var killed: Bool
        var seconds: Double
    }

    /// Runs `contractc ARGUMENTS` in a folder, on a thread of its own, killing it after
    /// `seconds`.
    static func run(_ arguments: [String], in directory: URL, seconds: Double) async throws -> Output {
        try await CLI.offPool { try runBlocking(arguments, in: directory, seconds: seconds) }
    }

    private final class Collected: @unchecked Sendable {
        let lock = NSLock()
        var out = Data()
        var err = Data()
    }

    private static func runBlocking(_ arguments: [String], in directory: URL, seconds: Double) throws -> Output {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        let started = DispatchTime.now()
        try process.run()
        let collected = Collected()
        let readers = DispatchGroup()
        readers.enter()
        DispatchQueue.global().async {
            let data = out.fileHandleForReading.readDataToEndOfFile()
            collected.lock.withLock { collected.out = data }
            readers.leave()
        }
        readers.enter()
        DispatchQueue.global().async {
            let data = err.fileHandleForReading.readDataToEndOfFile()
            collected.lock.withLock { collected.err = data }
            readers.leave()
        }
        var killed = false
        if exited.wait(timeout: started + seconds) == .timedOut {
            killed = true
            kill(process.processIdentifier, SIGKILL)
            exited.wait()
        }
        readers.wait()
        process.waitUntilExit()
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        return collected.lock.withLock {
            Output(stdout: String(decoding: collected.out, as: UTF8.self), stderr: String(decoding: collected.err, as: UTF8.self),
                status: process.terminationStatus, killed: killed, seconds: elapsed)
        }
    }
}
