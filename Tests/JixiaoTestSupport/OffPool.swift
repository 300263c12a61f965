import Foundation
import Synchronization

/// Runs blocking `work` on a new thread and awaits its result: blocking calls (libpq, waitpid)
/// must not starve the cooperative pool that the connection pool's timers run on.
@discardableResult
public func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
}

/// Runs blocking `work` on its own thread; ``wait(timeout:)`` returns its result (for
/// synchronous tests that do something else while it runs).
public final class BackgroundWork<T: Sendable>: Sendable {
    private let result = Mutex<Result<T, any Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    /// Starts `work` on a thread of its own.
    public init(_ work: @escaping @Sendable () throws -> T) {
        Thread.detachNewThread {
            let outcome = Result { try work() }
            self.result.withLock { $0 = outcome }
            self.done.signal()
        }
    }

    /// Whether `work` has returned or thrown.
    public var isFinished: Bool { self.result.withLock { $0 != nil } }

    /// The result of `work`, waiting at most `timeout` seconds for it.
    public func wait(timeout: Double) throws -> T {
        guard self.done.wait(timeout: .now() + timeout) == .success else {
            throw TestSupportError("background work did not finish within \(timeout) s")
        }
        return try self.result.withLock { $0! }.get()
    }
}
