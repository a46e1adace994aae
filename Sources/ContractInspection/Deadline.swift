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

    /// Whole milliseconds from the start to a moment (now by default).
    func elapsedMilliseconds(until end: UInt64 = DispatchTime.now().uptimeNanoseconds) -> Int {
        end >= start ? Int((end - start) / 1_000_000) : 0
    }
}

/// Calls a function at most once, whoever comes first: the work or the watchdog.
final class OnceCall<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var callback: (@Sendable (Value) -> Void)?

    init(_ callback: @escaping @Sendable (Value) -> Void) { self.callback = callback }

    /// Calls with a value; later calls do nothing. Returns whether this call was the first.
    @discardableResult
    func call(_ value: Value) -> Bool {
        lock.lock()
        let pending = callback
        callback = nil
        lock.unlock()
        guard let pending else { return false }
        pending(value)
        return true
    }
}

/// A value and the moment (monotonic nanoseconds) it was ready: measured where the work ends,
/// not where the waiting task resumes, so a busy cooperative pool does not inflate the time.
struct Timed<Value: Sendable>: Sendable {
    var value: Value
    var readyAt: UInt64

    init(_ value: Value) {
        self.value = value
        readyAt = DispatchTime.now().uptimeNanoseconds
    }
}

enum Watchdog {
    /// Runs blocking work on a thread of its own (never on the cooperative pool, which has one
    /// thread per core and must not block), and returns its value, or `onTimeout` when it is not
    /// done `seconds` from now. Work that overruns keeps its thread until it ends by itself
    /// (every blocking call of the probes has its own deadline); the caller never waits for it.
    static func run<Value: Sendable>(
        seconds: Double, onTimeout: @escaping @Sendable () -> Value, _ work: @escaping @Sendable () -> Value
    ) async -> Timed<Value> {
        await withCheckedContinuation { continuation in
            let once = OnceCall<Timed<Value>> { continuation.resume(returning: $0) }
            let thread = Thread { once.call(Timed(work())) }
            thread.name = "contractc-inspect-probe"
            thread.start()
            DispatchQueue.global().asyncAfter(deadline: .now() + max(0, seconds)) {
                once.call(Timed(onTimeout()))
            }
        }
    }

    /// Starts callback-based work and returns the value it calls back with, or `onTimeout`
    /// when it has not called back `seconds` from now.
    static func callback<Value: Sendable>(
        seconds: Double, onTimeout: Value, _ start: @escaping @Sendable (_ done: @escaping @Sendable (Value) -> Void) -> Void
    ) async -> Timed<Value> {
        await withCheckedContinuation { continuation in
            let once = OnceCall<Timed<Value>> { continuation.resume(returning: $0) }
            start { value in once.call(Timed(value)) }
            DispatchQueue.global().asyncAfter(deadline: .now() + max(0, seconds)) {
                once.call(Timed(onTimeout))
            }
        }
    }
}
