import Foundation
import PQ
import Synchronization
import Testing

@Suite("Connection pool")
struct PoolTests {
    @Test("200 concurrent tasks on a pool of 4, no error")
    func manyTasks() async throws {
        let url = try await TestDatabase.createAsync()
        // The point is "no error under contention", not latency: on a loaded 2-core machine the
        // last of 200 waiters can wait longer than the default 5 s, so the wait is generous.
        let pool = ConnectionPool(configuration: .init(conninfo: url, size: 4, acquireTimeout: .seconds(120)))
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<200 {
                group.addTask {
                    try await pool.withConnection { conn in
                        try conn.withTransaction { conn in
                            try conn.queryPrepared("double", sql: "SELECT $1::int * 2 AS v", [i]).first!.decode(Int.self, "v")
                        }
                    }
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(total == (0..<200).reduce(0) { $0 + $1 * 2 })
        let stats = pool.statistics
        #expect(stats.inUse == 0 && stats.waiting == 0 && stats.size == 4)
        await pool.close()
    }

    @Test("a whole closure runs on one connection thread, off the cooperative pool")
    func closureRunsOnOneThread() async throws {
        let pool = ConnectionPool(configuration: .init(conninfo: try await TestDatabase.createAsync(), size: 1))
        let (names, pids) = try await pool.withConnection { conn -> ([String], [Int]) in
            var names: [String] = []
            var pids: [Int] = []
            for _ in 0..<3 {
                names.append(ConnectionPool.currentThreadName ?? "not a pool thread")
                pids.append(try conn.query("SELECT pg_backend_pid() AS p").first!.decode(Int.self, "p"))
            }
            return (names, pids)
        }
        #expect(Set(names) == ["pq-pool-0"])
        #expect(ConnectionPool.currentThreadName == nil)
        #expect(Set(pids).count == 1)
        await pool.close()
    }

    @Test("acquisition times out with a clear error, and waiters are bounded")
    func acquisitionTimeoutAndBoundedWaiters() async throws {
        let pool = ConnectionPool(
            configuration: .init(
                conninfo: try await TestDatabase.createAsync(),
                size: 1,
                acquireTimeout: .milliseconds(300),
                maxWaiters: 1
            )
        )
        let holder = Task {
            try await pool.withConnection { conn in try conn.execute("SELECT pg_sleep(3)") }
        }
        try await waitUntil { pool.statistics.inUse == 1 }
        let waiter = Task { () -> PQError? in
            do {
                try await pool.withConnection { _ in }
                return nil
            } catch let error as PQError { return error }
        }
        try await waitUntil { pool.statistics.waiting == 1 }
        // The single waiting place is taken: the next caller fails at once.
        let exhausted = await #expect(throws: PQError.self) { try await pool.withConnection { _ in } }
        #expect(exhausted?.kind == .poolExhausted)
        let timedOut = try await waiter.value
        #expect(timedOut?.kind == .poolTimeout)
        #expect(timedOut?.message.contains("no database connection became free") == true)
        _ = try await holder.value
        await pool.close()
    }

    @Test("cancelling the task cancels pg_sleep(10) within a second")
    func cancellation() async throws {
        let pool = ConnectionPool(configuration: .init(conninfo: try await TestDatabase.createAsync(), size: 1))
        let task = Task { try await pool.withConnection { conn in try conn.execute("SELECT pg_sleep(10)") } }
        try await waitUntil { pool.statistics.inUse == 1 }
        try await Task.sleep(for: .milliseconds(200))
        let started = ContinuousClock.now
        task.cancel()
        let error = await #expect(throws: PQError.self) { try await task.value }
        #expect(error?.kind == .cancelled)
        #expect(ContinuousClock.now - started < .seconds(1))
        // The connection is usable afterwards.
        #expect(try await pool.withConnection { try $0.query("SELECT 5 AS v").first!.decode(Int.self, "v") } == 5)
        await pool.close()
    }

    @Test("cancelling a task mid-transaction rolls the transaction back")
    func cancellationRollsBack() async throws {
        let url = try await TestDatabase.createAsync()
        let setup = try Connection(url)
        try setup.execute("CREATE TABLE t (v int)")
        let pool = ConnectionPool(configuration: .init(conninfo: url, size: 1))
        let task = Task {
            try await pool.withConnection { conn in
                try conn.withTransaction { conn in
                    try conn.execute("INSERT INTO t VALUES (1)")
                    try conn.execute("SELECT pg_sleep(10)")
                    try conn.execute("INSERT INTO t VALUES (2)")
                }
            }
        }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        await #expect(throws: PQError.self) { try await task.value }
        #expect(try setup.query("SELECT count(*)::int AS n FROM t").first?.decode(Int.self, "n") == 0)
        await pool.close()
    }

    @Test("the statement timeout stops a runaway statement")
    func statementTimeout() async throws {
        let pool = ConnectionPool(
            configuration: .init(
                conninfo: try await TestDatabase.createAsync(),
                size: 1,
                statementTimeout: .milliseconds(200)
            )
        )
        let error = await #expect(throws: PQError.self) {
            try await pool.withConnection { conn in try conn.execute("SELECT pg_sleep(5)") }
        }
        #expect(error?.isQueryCanceled == true)
        #expect(error?.kind == .server)
        await pool.close()
    }

    @Test("a closed pool refuses work")
    func closedPool() async throws {
        let pool = ConnectionPool(configuration: .init(conninfo: try await TestDatabase.createAsync(), size: 1))
        await pool.close()
        let error = await #expect(throws: PQError.self) { try await pool.withConnection { _ in } }
        #expect(error?.kind == .poolClosed)
    }

    @Test("the pool recovers after the server restarts", .timeLimit(.minutes(1)))
    func recoversAfterRestart() async throws {
        // A cluster of its own: restarting the shared one would disturb parallel tests.
        let directory = "/tmp/jx-pqrestart-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        // Below Linux's ephemeral range (32768–60999): a port there can be taken at any moment by
        // the local end of one of the many client connections the parallel tests open (seen in
        // CI: "could not bind … Address already in use").
        let port = String(Int.random(in: 20_000..<30_000))
        let environment = ["JIXIAO_PG_DIR": directory, "JIXIAO_PG_PORT": port, "JIXIAO_PG_QUIET": "1"]
        let started = try await offPool { try run(ProjectPath.localPostgres, ["start"], environment: environment) }
        defer { _ = try? run(ProjectPath.localPostgres, ["destroy"], environment: environment) }
        // Its passwords are in its own password file (libpq's `passfile` parameter).
        let passfile = try await offPool { try run(ProjectPath.localPostgres, ["passfile"], environment: environment) }
        let url = "\(started)?passfile=\(passfile)"
        let pool = ConnectionPool(configuration: .init(conninfo: url, size: 2))
        let before = try await pool.withConnection { try $0.query("SELECT pg_backend_pid() AS p").first!.decode(Int.self, "p") }
        try await offPool { try run(ProjectPath.localPostgres, ["restart"], environment: environment) }
        // Every call after the restart succeeds: dead connections are replaced before use.
        for _ in 0..<10 {
            let pid = try await pool.withConnection { try $0.query("SELECT pg_backend_pid() AS p").first!.decode(Int.self, "p") }
            #expect(pid != before)
        }
        #expect(await pool.checkIdleConnections() == 2)
        // While the server is down, calls fail fast with a connection error, then recover.
        try await offPool { try run(ProjectPath.localPostgres, ["stop"], environment: environment) }
        let down = await #expect(throws: PQError.self) { try await pool.withConnection { try $0.query("SELECT 1") } }
        #expect(down?.isConnectionLost == true)
        _ = try await offPool { try run(ProjectPath.localPostgres, ["start"], environment: environment) }
        #expect(try await pool.withConnection { try $0.query("SELECT 1 AS v").first!.decode(Int.self, "v") } == 1)
        await pool.close()
    }
}

/// Polls `condition` every 10 ms, failing after 5 s.
func waitUntil(_ condition: () -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(5)
    while !condition() {
        guard ContinuousClock.now < deadline else { throw PQError(kind: .usage, message: "condition not reached within 5 s") }
        try await Task.sleep(for: .milliseconds(10))
    }
}
