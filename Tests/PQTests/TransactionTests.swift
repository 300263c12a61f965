import Foundation
import PQ
import Synchronization
import Testing

@Suite("Transactions")
struct TransactionTests {
    @Test("commits when the closure returns")
    func commits() throws {
        let conn = try TestDatabase.connect()
        try conn.execute("CREATE TABLE t (v int)")
        let value = try conn.withTransaction { conn in
            try conn.execute("INSERT INTO t VALUES (1)")
            return "done"
        }
        #expect(value == "done")
        #expect(!conn.inTransaction)
        #expect(try conn.query("SELECT count(*)::int AS n FROM t").first?.decode(Int.self, "n") == 1)
    }

    @Test("rolls back when the closure throws")
    func rollsBackOnThrow() throws {
        struct Boom: Error {}
        let conn = try TestDatabase.connect()
        try conn.execute("CREATE TABLE t (v int)")
        #expect(throws: Boom.self) {
            try conn.withTransaction { conn in
                try conn.execute("INSERT INTO t VALUES (1)")
                throw Boom()
            }
        }
        #expect(!conn.inTransaction)
        #expect(try conn.query("SELECT count(*)::int AS n FROM t").first?.decode(Int.self, "n") == 0)
    }

    @Test("a unique violation carries its SQLSTATE and constraint name, and rolls back")
    func uniqueViolation() throws {
        let conn = try TestDatabase.connect()
        try conn.execute("CREATE TABLE unit (code text CONSTRAINT unit_code_key UNIQUE)")
        try conn.execute("INSERT INTO unit VALUES ('A')")
        let error = #expect(throws: PQError.self) {
            try conn.withTransaction { conn in
                try conn.execute("INSERT INTO unit VALUES ('B')")
                try conn.execute("INSERT INTO unit VALUES ($1)", ["A"])
            }
        }
        #expect(error?.isUniqueViolation == true)
        #expect(error?.sqlState == "23505")
        #expect(error?.constraint == "unit_code_key")
        #expect(error?.table == "unit")
        #expect(error?.detail?.contains("(code)=(A)") == true)
        #expect(try conn.query("SELECT count(*)::int AS n FROM unit").first?.decode(Int.self, "n") == 1)
    }

    @Test("a nested transaction is a savepoint: its rollback keeps the outer work")
    func savepointRollback() throws {
        struct Boom: Error {}
        let conn = try TestDatabase.connect()
        try conn.execute("CREATE TABLE t (v int)")
        try conn.withTransaction { conn in
            try conn.execute("INSERT INTO t VALUES (1)")
            #expect(throws: Boom.self) {
                try conn.withTransaction { conn in
                    try conn.execute("INSERT INTO t VALUES (2)")
                    throw Boom()
                }
            }
            // A failing statement inside a savepoint does not poison the outer transaction.
            #expect(throws: PQError.self) {
                try conn.withTransaction { conn in try conn.execute("SELECT 1/0") }
            }
            try conn.withTransaction { conn in try conn.execute("INSERT INTO t VALUES (3)") }
        }
        let values = try conn.query("SELECT v FROM t ORDER BY v").map { try $0.decode(Int.self, "v") }
        #expect(values == [1, 3])
    }

    @Test("two real concurrent SERIALIZABLE transactions: the loser is retried and succeeds")
    func serializationFailureIsRetried() async throws {
        let url = try await TestDatabase.createAsync()
        let setup = try Connection(url)
        try setup.execute("CREATE TABLE duty (doctor text, on_call bool)")
        try setup.execute("INSERT INTO duty VALUES ('alice', true), ('bob', true)")
        let pool = ConnectionPool(configuration: .init(conninfo: url, size: 2))
        let barrier = Barrier(parties: 2)
        let attempts = Counter()
        // Classic write skew: each reads that two are on call, then takes one off.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for name in ["alice", "bob"] {
                group.addTask {
                    try await pool.withConnection { conn in
                        try conn.withTransaction(isolation: .serializable, maxAttempts: 5) { conn in
                            let attempt = attempts.increment()
                            let onCall = try conn.query("SELECT count(*)::int AS n FROM duty WHERE on_call").first!.decode(Int.self, "n")
                            if attempt <= 2 { barrier.arriveAndWait() }
                            if onCall >= 2 {
                                try conn.execute("UPDATE duty SET on_call = false WHERE doctor = $1", [name])
                            }
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        await pool.close()
        // One transaction failed with 40001 and ran again, seeing the other's commit.
        #expect(attempts.value == 3)
        let onCall = try setup.query("SELECT count(*)::int AS n FROM duty WHERE on_call").first!.decode(Int.self, "n")
        #expect(onCall == 1)
    }

    @Test("without retries left, the serialization failure surfaces")
    func serializationFailureSurfaces() async throws {
        let url = try await TestDatabase.createAsync()
        let setup = try Connection(url)
        try setup.execute("CREATE TABLE c (v int)")
        try setup.execute("INSERT INTO c VALUES (0)")
        let pool = ConnectionPool(configuration: .init(conninfo: url, size: 2))
        let barrier = Barrier(parties: 2)
        let outcomes = try await withThrowingTaskGroup(of: PQError?.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    do {
                        try await pool.withConnection { conn in
                            try conn.withTransaction(isolation: .serializable, maxAttempts: 1) { conn in
                                _ = try conn.query("SELECT v FROM c")
                                barrier.arriveAndWait()
                                try conn.execute("UPDATE c SET v = v + 1")
                            }
                        }
                        return nil
                    } catch let error as PQError {
                        return error
                    }
                }
            }
            return try await group.reduce(into: [PQError?]()) { $0.append($1) }
        }
        await pool.close()
        let failures = outcomes.compactMap { $0 }
        #expect(failures.count == 1)
        #expect(failures.first?.isSerializationFailure == true)
    }
}

/// A thread-safe counter.
final class Counter: Sendable {
    private let count = Mutex(0)
    func increment() -> Int {
        self.count.withLock {
            $0 += 1
            return $0
        }
    }
    var value: Int { self.count.withLock { $0 } }
}

/// A reusable rendezvous for N threads (with a timeout so a broken test cannot hang).
final class Barrier: @unchecked Sendable {
    private let condition = NSCondition()
    private let parties: Int
    private var arrived = 0
    private var generation = 0

    init(parties: Int) { self.parties = parties }

    func arriveAndWait(timeout: TimeInterval = 5) {
        self.condition.lock()
        defer { self.condition.unlock() }
        let generation = self.generation
        self.arrived += 1
        if self.arrived == self.parties {
            self.arrived = 0
            self.generation += 1
            self.condition.broadcast()
            return
        }
        let deadline = Date().addingTimeInterval(timeout)
        while generation == self.generation, self.condition.wait(until: deadline) {}
    }
}
