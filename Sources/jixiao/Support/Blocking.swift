import Foundation

/// Runs blocking work (a direct libpq connection) on a thread of its own, so that it never
/// occupies Swift's cooperative pool.
enum Blocking {
    /// The result of `work`, run on a new thread.
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
        }
    }
}
