import Foundation

/// Results by index, each written once from concurrent workers (`DispatchQueue.concurrentPerform`)
/// and read in index order afterwards.
public final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    /// Creates `count` empty slots.
    public init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// Fills slot `index`.
    public func set(_ index: Int, _ value: T) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    /// The values of the filled slots, in index order.
    public func values() -> [T] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
