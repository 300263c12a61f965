import Foundation
import PQ

/// The service's policy for transactions that fail only because another one got in the way:
/// a serialization failure (40001) or a deadlock (40P01) is run again, at most `maxAttempts`
/// times in all, after a short randomized pause so that the two do not collide again.
///
/// It lives here, not in the driver, because only the service knows that rerunning is safe:
/// each of its units of work is database work alone (no mail sent, no file written) and reads
/// what it decides on inside the transaction, so a rerun decides afresh. A COMMIT whose outcome
/// is unknown (the connection broke) is never rerun: the driver reports it as such.
enum TransientRetry {
    /// Runs in all, the first included.
    static let maxAttempts = 5

    /// Runs `transaction` (one whole transaction on `conn`), again while it fails transiently.
    static func run<T>(_ conn: Connection, _ transaction: () throws -> T) throws -> T {
        var attempt = 1
        while true {
            do {
                return try transaction()
            } catch let error as PQError where error.isTransient && !error.commitOutcomeUnknown && attempt < self.maxAttempts {
                guard !conn.canceller.isCancelled else { throw error }
                attempt += 1
                usleep(UInt32.random(in: 200...2_000) * UInt32(attempt))
            }
        }
    }
}
