import Foundation
import Testing


/// Hostile inputs: each gives a diagnostic, in bounded time and memory, and never a crash.
/// Every test prints the child's wall time and peak memory (from `wait4`'s rusage).
@Suite("Adversarial inputs", .serialized)
struct AdversarialTests {
    struct Measured {
        var stdout: String
        var status: Int32
        var seconds: Double
        var peakKB: Int
    }

    /// Runs `contractc ARGS` in a folder and measures it with GNU time (Debian's `time`, in the
    /// base image). Measuring through a small intermediate process matters: a child spawned
    /// straight from this test process shares its memory until exec (vfork), so its own peak
    /// would include the test process's.
    static func measure(_ arguments: [String], in directory: URL, label: String) throws -> Measured {
        let id = UUID().uuidString.prefix(6)
        let out = directory.appendingPathComponent(".stdout-\(id)")
        let figures = directory.appendingPathComponent(".time-\(id)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
        process.arguments = ["-f", "%M %e", "-o", figures.path, CLI.binary.path] + arguments
        process.currentDirectoryURL = directory
        guard FileManager.default.createFile(atPath: out.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        let handle = try FileHandle(forWritingTo: out)
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let stdout = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        let timeText = (try? String(contentsOf: figures, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: out)
        try? FileManager.default.removeItem(at: figures)
        // GNU time writes "Command exited with non-zero status N" before the figures.
        let last = timeText.split(separator: "\n").last.map(String.init) ?? ""
        let parts = last.split(separator: " ")
        let peak = parts.first.flatMap { Int($0) } ?? -1
        let seconds = parts.count > 1 ? Double(parts[1]) ?? -1 : -1
        let measured = Measured(stdout: stdout, status: process.terminationStatus, seconds: seconds, peakKB: peak)
        print("adversarial \(label): exit \(measured.status), \(String(format: "%.2f", seconds)) s, peak \(peak / 1024) MB")
        return measured
    }

    static func lintOne(_ bytes: [UInt8], label: String) async throws -> Measured {
        let dir = try CLI.temporaryFolder(label)
        defer { CLI.cleanUp(dir) }
        try CLI.write(bytes: bytes, to: dir.appendingPathComponent("x.contract.yaml"))
        return try await CLI.offPool { try measure(["lint", "."], in: dir, label: label) }
    }

    @Test func fiftyMegabyteFileIsRefusedWithoutReadingIt() async throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        let file = dir.appendingPathComponent("big.contract.yaml")
        #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
        let handle = try FileHandle(forWritingTo: file)
        let chunk = Data(repeating: UInt8(ascii: "a"), count: 1024 * 1024)
        for _ in 0..<50 { handle.write(chunk) }
        try handle.close()
        let m = try await CLI.offPool { try Self.measure(["lint", "."], in: dir, label: "50 MB file") }
        #expect(m.status == 1)
        #expect(m.stdout.contains("big.contract.yaml:1:1: error: file is 50.0 MB; contracts are limited to 8.0 MB"))
        #expect(m.peakKB < 60 * 1024, "read a refused file into memory: \(m.peakKB) KB")
        #expect(m.seconds < 10)
    }

    @Test func oneMegabyteSingleLineScalar() async throws {
        let text = CLI.clean.replacingOccurrences(of: "title: 参保人员信息查询", with: "title: " + String(repeating: "查", count: 1024 * 1024 / 3))
        let m = try await Self.lintOne(Array(text.utf8), label: "1 MB scalar")
        #expect(m.status == 0, "\(m.stdout.prefix(500))")
        #expect(m.seconds < 20)
        let huge = "contract: 1\ninterface: " + String(repeating: "A", count: 1024 * 1024) + "\n"
        let n = try await Self.lintOne(Array(huge.utf8), label: "1 MB interface name")
        #expect(n.status == 1)
        #expect(n.stdout.count < 4 * 1024 * 1024)
    }

    @Test func invalidUTF8AtEveryPositionOfAKey() async throws {
        let key = Array("interface".utf8)
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        for position in 0...key.count {
            var bytes = Array("contract: 1\n".utf8)
            var k = key
            k.insert(0xFF, at: position)
            bytes += k + Array(": PersonInfoQuery\n".utf8)
            try CLI.write(bytes: bytes, to: dir.appendingPathComponent("k\(position).contract.yaml"))
        }
        let m = try await CLI.offPool { try Self.measure(["lint", "."], in: dir, label: "invalid UTF-8 in a key") }
        #expect(m.status == 1)
        for position in 0...key.count {
            #expect(m.stdout.contains("k\(position).contract.yaml:2:\(position + 1): error: byte 0xFF is not valid UTF-8"), "position \(position)")
        }
    }

    @Test func nulByte() async throws {
        let m = try await Self.lintOne(Array("contract: 1\ninterface: Per".utf8) + [0] + Array("son\n".utf8), label: "NUL byte")
        #expect(m.status == 1)
        #expect(m.stdout.contains("[yaml-syntax]"))
    }

    @Test func everyControlCharacter() async throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        var expected = 0
        for value in UInt8(0)..<0x20 where value != 0x0A && value != 0x0D && value != 0x09 {
            try CLI.write(bytes: Array("contract: 1\ninterface: A".utf8) + [value] + Array("B\n".utf8), to: dir.appendingPathComponent("c\(value).contract.yaml"))
            expected += 1
        }
        try CLI.write(bytes: Array("contract: 1\ninterface: A".utf8) + [0x7F] + Array("B\n".utf8), to: dir.appendingPathComponent("del.contract.yaml"))
        let m = try await CLI.offPool { try Self.measure(["lint", "."], in: dir, label: "control characters") }
        #expect(m.status == 1)
        let syntax = m.stdout.split(separator: "\n").filter { $0.hasSuffix("[yaml-syntax]") }
        #expect(syntax.count >= expected, "\(syntax.count) of \(expected)")
    }

    @Test func tenThousandMethods() async throws {
        var text = CLI.clean
        let method = """
              - name: queryPersonNNNN
                summary: 查询
                parameters:
                  - name: idNumber
                    type: C18
                    description: 公民身份号码
                returns:
                  type: none
                  description: 无
                  codes:
                    - code: 0
                      meaning: 成功

            """
        var methods = ""
        methods.reserveCapacity(10_000 * 260)
        for i in 0..<10_000 { methods += method.replacingOccurrences(of: "NNNN", with: String(i)) }
        text += methods
        let m = try await Self.lintOne(Array(text.utf8), label: "10,000 methods")
        #expect(m.status == 0, "\(m.stdout.prefix(300))")
        #expect(m.seconds < 30)
        #expect(m.peakKB < 512 * 1024)
    }

    @Test func hundredThousandTinyContractsInOneFolder() async throws {
        let dir = try CLI.temporaryFolder()
        defer { CLI.cleanUp(dir) }
        let folder = dir.appendingPathComponent("many")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for i in 0..<100_000 {
            // Empty files: the cheapest contracts there are, one diagnostic each.
            _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("c\(i).contract.yaml").path, contents: nil)
        }
        let m = try await CLI.offPool { try Self.measure(["lint", "many", "--format", "json"], in: dir, label: "100,000 tiny contracts") }
        #expect(m.status == 1)
        #expect(!m.stdout.contains("Too many open files"))
        let count = m.stdout.components(separatedBy: "\"rule\": \"value-type\"").count - 1
        #expect(count == 100_000)
    }
}
