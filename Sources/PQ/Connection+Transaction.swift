import CLibPQ
import Foundation

/// Transaction isolation levels.
public enum IsolationLevel: String, Sendable {
    case readCommitted = "READ COMMITTED"
    case repeatableRead = "REPEATABLE READ"
    case serializable = "SERIALIZABLE"
}

extension Connection {
    /// Runs `body` in a transaction: COMMIT when it returns, ROLLBACK when it throws (also when
    /// the unit of work was cancelled). Inside another transaction the call becomes a SAVEPOINT
    /// that is rolled back alone on error, keeping the outer transaction.
    ///
    /// The transaction runs once unless the caller asks for more: with `maxAttempts` above 1, a
    /// serialization failure (40001) or deadlock (40P01) at the outermost level reruns the
    /// whole closure, at most `maxAttempts` times in all — only the caller knows whether `body`
    /// is safe to run again. A failed COMMIT that lost the connection is never retried (its
    /// outcome is unknown) and is marked `commitOutcomeUnknown`.
    ///
    /// ```swift
    /// try conn.withTransaction(isolation: .serializable) { conn in
    ///     try conn.execute("UPDATE indicator SET value = $1 WHERE id = $2", [value, id])
    /// }
    /// ```
    @discardableResult
    public func withTransaction<T>(
        isolation: IsolationLevel = .readCommitted,
        readOnly: Bool = false,
        maxAttempts: Int = 1,
        _ body: (Connection) throws -> T
    ) throws -> T {
        if self.transactionDepth > 0 { return try self.withSavepoint(body) }
        var attempt = 1
        while true {
            do {
                return try self.runTransaction(isolation: isolation, readOnly: readOnly, body)
            } catch let error as PQError where error.isTransient && attempt < maxAttempts && !self.canceller.isCancelled {
                attempt += 1
                // Short randomized back-off so the competing transactions do not collide again.
                usleep(UInt32.random(in: 200...2_000) * UInt32(attempt))
            }
        }
    }

    /// Whether a transaction block is open on this connection.
    public var inTransaction: Bool { self.transactionDepth > 0 }

    private func runTransaction<T>(isolation: IsolationLevel, readOnly: Bool, _ body: (Connection) throws -> T) throws -> T {
        try self.checkCancelled()
        try self.internalExecute("BEGIN ISOLATION LEVEL \(isolation.rawValue)\(readOnly ? " READ ONLY" : "")")
        self.transactionDepth = 1
        defer { self.transactionDepth = 0 }
        let value: T
        do {
            value = try body(self)
            try self.checkCancelled()
        } catch {
            self.rollbackQuietly("ROLLBACK")
            throw error
        }
        do {
            try self.internalExecute("COMMIT")
        } catch var error as PQError where error.isConnectionLost {
            error.commitOutcomeUnknown = true
            throw error
        }
        return value
    }

    private func withSavepoint<T>(_ body: (Connection) throws -> T) throws -> T {
        let name = "pq_savepoint_\(self.transactionDepth)"
        try self.checkCancelled()
        try self.internalExecute("SAVEPOINT \(name)")
        self.transactionDepth += 1
        defer { self.transactionDepth -= 1 }
        do {
            let value = try body(self)
            try self.internalExecute("RELEASE SAVEPOINT \(name)")
            return value
        } catch {
            self.rollbackQuietly("ROLLBACK TO SAVEPOINT \(name)")
            throw error
        }
    }

    /// Runs a fixed statement of our own, regardless of the cancellation mark.
    func internalExecute(_ sql: String) throws {
        _ = try self.check(PQexec(self.handle, sql))
    }

    private func rollbackQuietly(_ sql: String) {
        guard self.isOK else { return }
        if let result = PQexec(self.handle, sql) { PQclear(result) }
    }
}
