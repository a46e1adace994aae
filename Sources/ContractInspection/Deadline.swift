import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A point on the monotonic clock by which a probe must finish. Wall-clock changes cannot
/// stretch or shrink it.
public struct Deadline: Sendable {
    /// Nanoseconds of the monotonic clock.
    public let uptimeNanoseconds: UInt64

    /// A deadline `seconds` from now (at least now).
    public init(secondsFromNow seconds: Double) {
        let now = DispatchTime.now().uptimeNanoseconds
        let span = seconds.isFinite && seconds > 0 ? UInt64(min(seconds, 86_400) * 1e9) : 0
        uptimeNanoseconds = now &+ span
    }

    /// Seconds left, never negative.
    public var remainingSeconds: Double {
        let now = DispatchTime.now().uptimeNanoseconds
        return now >= uptimeNanoseconds ? 0 : Double(uptimeNanoseconds - now) / 1e9
    }

    /// Milliseconds left for `poll`, never negative, rounded up so a poll never returns early
    /// for a deadline that has not passed.
    public var remainingMilliseconds: Int32 {
        let now = DispatchTime.now().uptimeNanoseconds
        guard now < uptimeNanoseconds else { return 0 }
        let ms = (uptimeNanoseconds - now + 999_999) / 1_000_000
        return Int32(min(ms, UInt64(Int32.max)))
    }

    /// Whether the deadline has passed.
    public var hasPassed: Bool { DispatchTime.now().uptimeNanoseconds >= uptimeNanoseconds }
}

/// A stopwatch on the monotonic clock.
struct Stopwatch {
    let start = DispatchTime.now().uptimeNanoseconds

    /// Whole milliseconds since the start.
    var elapsedMilliseconds: Int {
        let now = DispatchTime.now().uptimeNanoseconds
        return now >= start ? Int((now - start) / 1_000_000) : 0
    }
}

/// Resumes a continuation exactly once, whoever comes first: the work or the watchdog.
final class Once<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Value, Never>?

    init(_ continuation: CheckedContinuation<Value, Never>) { self.continuation = continuation }

    /// Resumes with a value; later calls do nothing. Returns whether this call resumed.
    @discardableResult
    func resume(_ value: Value) -> Bool {
        lock.lock()
        let pending = continuation
        continuation = nil
        lock.unlock()
        guard let pending else { return false }
        pending.resume(returning: value)
        return true
    }
}

enum Watchdog {
    /// Runs blocking work on a thread of its own (never on the cooperative pool, which has one
    /// thread per core and must not block), and returns its value, or `onTimeout` when it is not
    /// done `seconds` from now. Work that overruns keeps its thread until it ends by itself
    /// (every blocking call of the probes has its own deadline); the caller never waits for it.
    static func run<Value: Sendable>(
        seconds: Double, onTimeout: @escaping @Sendable () -> Value, _ work: @escaping @Sendable () -> Value
    ) async -> Value {
        await withCheckedContinuation { continuation in
            let once = Once(continuation)
            let thread = Thread { once.resume(work()) }
            thread.name = "contractc-inspect-probe"
            thread.start()
            DispatchQueue.global().asyncAfter(deadline: .now() + max(0, seconds)) {
                once.resume(onTimeout())
            }
        }
    }
}
