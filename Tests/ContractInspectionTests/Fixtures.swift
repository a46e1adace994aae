import ContractCompiler
import ContractInspection
import Foundation

/// One catalogue entry for a fixture, in the shape `contractc catalogue` publishes.
struct FixtureEntry {
    var code: String
    var interface: String
    var protocolName: String
    var address: String
    var hosting = "local"
    var origin: String?
    var inspection = "P1D"
}

enum Fixture {
    static let province = "四川省人力资源和社会保障厅"

    /// `catalogue.json` text: a JSON array sorted by code, each entry with code, interface,
    /// title, protocol, address, hosting, origin (or null) and inspection, plus keys inspection
    /// ignores (version, sharing).
    static func catalogue(_ entries: [FixtureEntry]) -> String {
        let objects = entries.sorted { $0.code < $1.code }.map { e -> String in
            let origin = e.origin.map { "\"\($0)\"" } ?? "null"
            return """
                  {
                    "code": "\(e.code)",
                    "interface": "\(e.interface)",
                    "title": "测试服务 \(e.code)",
                    "version": "1.0.0",
                    "protocol": "\(e.protocolName)",
                    "address": "\(e.address)",
                    "hosting": "\(e.hosting)",
                    "origin": \(origin),
                    "inspection": "\(e.inspection)",
                    "sharing": {"level": "unconditional", "conditions": null}
                  }
                """
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    /// File access through the compiler's `FileSystem`: bounded reads, atomic write-if-changed.
    static let io = InspectionIO(
        read: { path in
            if FileSystem.kind(path) == .missing { return .missing }
            switch FileSystem.read(path, limit: 64 * 1024 * 1024) {
            case .bytes(let bytes): return .bytes(bytes)
            case .tooLarge(let size): return .failed("too large: \(size)")
            case .failed(let why): return .failed(why)
            }
        },
        write: { bytes, path in try FileSystem.writeIfChanged(bytes, to: path) }
    )

    /// A fresh temporary folder.
    static func temporaryFolder(_ name: String = #function) throws -> URL {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("contractc-inspect-\(safe)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The system resolver, except that names under `.invalid` fail without asking anyone, so
    /// that no test sends a DNS query off the machine.
    static let lookup = HostLookup { host, port in
        if host.hasSuffix(".invalid") { return .failure(LookupFailure("Name or service not known")) }
        guard host == "localhost" || host.hasPrefix("127.") || host == "::1" else {
            return .failure(LookupFailure("tests resolve only loopback names"))
        }
        return HostLookup.system.resolve(host, port)
    }
}

/// A clock tests set and advance.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) { current = start }

    var now: Date { lock.withLock { current } }

    func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
}

/// A task executor on Dispatch threads, apart from Swift concurrency's cooperative pool. Other
/// test suites block the pool's threads (one per core) with synchronous work; timing assertions
/// run their awaits here so that those waits do not count as inspection time.
final class DispatchTaskExecutor: TaskExecutor, @unchecked Sendable {
    private let queue = DispatchQueue(label: "contractc-inspection-tests", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { unowned.runSynchronously(on: executor) }
    }
}

/// Runs async work with its tasks (and their children) on Dispatch threads, timing it there.
func timedOffThePool<Value: Sendable>(_ work: @escaping @Sendable () async -> Value) async -> (value: Value, seconds: Double) {
    let executor = DispatchTaskExecutor()
    return await withTaskExecutorPreference(executor) {
        let started = DispatchTime.now().uptimeNanoseconds
        let value = await work()
        return (value, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
    }
}
