import Foundation

/// Runs programs for the tests: the built `contractc` as a user would, and tools such as git.
/// One copy for every test target that starts processes.
public enum TestProcess {
    /// What a process printed and how it ended.
    public struct Output: Sendable {
        /// Standard output.
        public var stdout: String
        /// Standard error.
        public var stderr: String
        /// The exit status.
        public var status: Int32
        /// Seconds from start to exit, measured by the thread that waited.
        public var seconds: Double
        /// Whether the process was killed because it outlived its deadline (a hang).
        public var timedOut = false
    }

    /// The repository root (for `contracts/`, `docs/`, …).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `contractc` executable `swift test` built next to the test bundle.
    public static let contractc: URL = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("contractc")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug/contractc")
    }()

    /// Runs a program to its end, reading both pipes while it runs so that a large output
    /// cannot block it. Blocks the calling thread.
    /// With a `deadline` (seconds), a process still running then is killed and the output says
    /// ``Output/timedOut``: a test of a hang fails instead of hanging the suite.
    public static func run(
        _ executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil,
        deadline: Double? = nil
    ) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let started = DispatchTime.now().uptimeNanoseconds
        try process.run()
        let killed = KillFlag()
        if let deadline {
            let pid = process.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + deadline) { [process] in
                if process.isRunning {
                    killed.set()
                    kill(pid, SIGKILL)
                }
            }
        }
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        group.enter()
        DispatchQueue.global().async {
            outData = out.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Output(
            stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
            status: process.terminationStatus,
            seconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9,
            timedOut: killed.isSet)
    }

    /// ``run(_:_:in:environment:)`` waited for on a thread of its own, never on one of the few
    /// threads of Swift's cooperative pool, so that other tests keep running meanwhile.
    public static func runOffPool(
        _ executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil
    ) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try run(executable, arguments, in: directory, environment: environment) })
            }
        }
    }
}

/// A flag set from the deadline timer and read by the waiting thread.
private final class KillFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() {
        lock.lock()
        value = true
        lock.unlock()
    }

    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}
