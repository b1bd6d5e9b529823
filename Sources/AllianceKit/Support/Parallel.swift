import Dispatch

/// Work spread over the machine's processors.
enum Parallel {
    /// How many processors are online (at least 1, at most 8: more would not pay here).
    static var processors: Int { max(1, min(POSIX.onlineProcessors, 8)) }

    /// `body(0) … body(count - 1)`, run on every processor, in that order.
    static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        nonisolated(unsafe) let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        // Each iteration writes only its own slot.
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: count) { results[$0] = body($0) }
        }
        return results.map { $0! }
    }
}
