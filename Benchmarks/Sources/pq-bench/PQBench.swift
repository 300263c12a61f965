// pq-bench: PQ measured against limits taken in the same run, on the same server.
//
//   pq-bench [URL] [--quick] [--strict] [--no-pin] [--only=seq,pool,insert,copy]
//
// URL defaults to $JIXIAO_BENCH_URL, then to the private cluster of Deploy/local-postgres.sh.
// Every figure is printed as `name = value`; ratios compare PQ with
//   1. the same sequential prepared-statement loop written in C against libpq (CLoop),
//   2. postgres-nio's PostgresClient doing the same pooled queries at the same concurrency,
//   3. PQ's own one-by-one INSERTs (for pipelined INSERTs and COPY).
// Each side is warmed up first, then measured in alternating rounds; a ratio uses each side's
// best round (the medians are printed too). Every answer is checked against what was sent.
//
// COPY runs in a child process of this program (`--copy-only`), so that a trap inside PQ's
// copyFrom costs that figure alone; the other figures and the targets are still printed.
//
// Exit status: 0 when every measurement ran and every answer was right (whatever the targets
// say), 1 with --strict when a target failed, 2 on an error, a crash or a wrong answer.

import CLoop
import Foundation
import Logging
import PQ
import PostgresNIO

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// How much work each measurement does. `--quick` divides everything by 5 (for a smoke test).
struct Plan {
    // Many short rounds per side rather than a few long ones: on a shared 2-core machine some
    // rounds are disturbed from outside, and the best of many is the least disturbed.
    var seqCount = 5_000  // statements per sequential round
    var seqRounds = 20
    var poolCalls = [1: 5_000, 16: 24_000]  // calls per pooled round, by concurrency
    var poolRounds = [1: 6, 16: 4]
    var insertRows = 10_000  // rows per one-by-one / pipelined round
    var insertRounds = 6
    var copyRows = 200_000
    var copyRounds = 2

    static func quick() -> Plan {
        var plan = Plan()
        plan.seqCount /= 5
        plan.poolCalls = plan.poolCalls.mapValues { $0 / 5 }
        plan.insertRows /= 5
        plan.copyRows /= 5
        return plan
    }
}

let clock = ContinuousClock()

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

func medianValue(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    if sorted.isEmpty { return 0 }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// The NUL-terminated text in a C buffer.
func cString(_ buffer: [CChar]) -> String {
    buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
}

func fmt(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }

/// Prints one `name = value` line at once (stdout may be a pipe).
func report(_ name: String, _ value: String) {
    print("\(name) = \(value)")
    fflush(nil)
}

func note(_ text: String) {
    print("# \(text)")
    fflush(nil)
}

/// Best and median rates of a series of rounds.
struct Rates {
    var rounds: [Double] = []
    var best: Double { rounds.max() ?? 0 }
    var median: Double { medianValue(rounds) }
    var list: String { rounds.map { fmt($0, 0) }.joined(separator: " ") }
}

struct Target {
    let name: String
    let value: Double
    let minimum: Double
    var passed: Bool { value >= minimum }
}

// MARK: - placement

/// The application_name of every benchmark connection (the admin connection has its own).
let appName = "pq-bench"

func addingApplicationName(_ conninfo: String, _ name: String) -> String {
    if conninfo.contains("://") { return conninfo + (conninfo.contains("?") ? "&" : "?") + "application_name=\(name)" }
    return conninfo + " application_name=\(name)"
}

/// Where threads run. On a small VM the kernel puts a client thread and its server process
/// either on the same CPU (each round trip is then a direct switch) or on two CPUs (each round
/// trip then waits for the other CPU to wake up), and the two differ by 4-5x here, at random,
/// from one round to the next. Pinned mode fixes the placement per section, so that both sides
/// of a comparison always run the same way:
/// - sequential statements and concurrency 1: this program's threads and their backends all on
///   CPU 0, where a round trip is cheapest and the client's own cost shows most;
/// - concurrency 16: nothing pinned, every CPU in use;
/// - INSERTs and COPY: this program on CPU 0, its backend on CPU 1, like a client and a server
///   on two machines: a round trip is then expensive, which is what pipelining and COPY save
///   (on one CPU they would have no second CPU to overlap with, and a round trip would be
///   almost free).
final class Placement: Sendable {
    let enabled: Bool
    let why: String
    private let adminURL: String

    init(requested: Bool, adminURL: String) {
        self.adminURL = adminURL
        if !requested {
            (self.enabled, self.why) = (false, "unpinned (--no-pin)")
        } else if cloop_allowed_cpus() < 2 || sysconf(Int32(_SC_NPROCESSORS_ONLN)) < 2 {
            (self.enabled, self.why) = (false, "unpinned (one CPU)")
        } else if let pid = try? Connection(adminURL).backendPID, cloop_set_affinity_process(Int32(pid), -1) != 0 {
            (self.enabled, self.why) = (false, "unpinned (no permission to set a backend's CPU affinity; run as root)")
        } else {
            (self.enabled, self.why) = (
                true, "pinned (seq, c1: client and backend on CPU 0; c16: unpinned; insert, copy: client on CPU 0, backend on CPU 1)"
            )
        }
    }

    func pinClient() throws {
        guard self.enabled else { return }
        let status = cloop_set_affinity_all_threads(0)
        guard status == 0 else { throw BenchError("could not pin this program's threads: errno \(status)") }
    }

    func unpinClient() throws {
        guard self.enabled else { return }
        let status = cloop_set_affinity_all_threads(-1)
        guard status == 0 else { throw BenchError("could not unpin this program's threads: errno \(status)") }
    }

    /// Pins the backends of every open benchmark connection to `cpu`.
    func pinBackends(cpu: Int = 0) throws {
        guard self.enabled else { return }
        let admin = try Connection(self.adminURL)
        let pids = try admin.query("SELECT pid FROM pg_stat_activity WHERE application_name = $1", [appName])
            .map { try $0.decode(Int.self, at: 0) }
        for pid in pids {
            let status = cloop_set_affinity_process(Int32(pid), Int32(cpu))
            guard status == 0 else { throw BenchError("could not pin backend \(pid): errno \(status)") }
        }
    }
}

// MARK: - 1. sequential prepared statements: PQ vs C

/// The C side: one libpq connection with the statement prepared, reused by every round.
final class CSession {
    let pointer: OpaquePointer

    init(_ conninfo: String) throws {
        var error = [CChar](repeating: 0, count: 512)
        guard let pointer = cloop_open(conninfo, &error, error.count) else {
            throw BenchError("C baseline could not connect: \(cString(error))")
        }
        self.pointer = pointer
    }

    deinit { cloop_close(self.pointer) }

    func execute(_ sql: String) throws {
        var error = [CChar](repeating: 0, count: 512)
        guard cloop_exec(self.pointer, sql, &error, error.count) == 0 else {
            throw BenchError("C baseline: \(sql) failed: \(cString(error))")
        }
    }

    /// Statements per second for `count` statements starting at parameter `first`.
    func run(first: Int, count: Int) throws -> Double {
        var error = [CChar](repeating: 0, count: 512)
        let nanoseconds = cloop_run(self.pointer, Int32(first), Int32(count), &error, error.count)
        guard nanoseconds > 0 else { throw BenchError("C baseline failed: \(cString(error))") }
        return Double(count) / (Double(nanoseconds) * 1e-9)
    }
}

/// The PQ side: the whole loop inside one `withConnection` closure. Timed around the call, so the
/// one thread hop into the pool is included (it is negligible next to thousands of statements).
func pqSequential(_ pool: ConnectionPool, first: Int, count: Int) async throws -> Double {
    let start = clock.now
    try await pool.withConnection { conn in
        for i in first..<(first + count) {
            let value = try conn.queryPrepared("q", sql: "SELECT $1::int", [i]).first!.decode(Int.self, at: 0)
            guard value == i else { throw BenchError("PQ sequential: sent \(i), got \(value)") }
        }
    }
    return Double(count) / seconds(clock.now - start)
}

/// postgres-nio's side of the same loop, for information: one leased connection, `count`
/// bound queries in sequence (no pool per statement).
func nioSequential(_ client: PostgresClient, first: Int, count: Int) async throws -> Double {
    var logger = Logger(label: "pq-bench.nio")
    logger.logLevel = .critical
    let start = clock.now
    try await client.withConnection { conn in
        for i in first..<(first + count) {
            let rows = try await conn.query("SELECT \(i)::int", logger: logger)
            var values: [Int] = []
            for try await value in rows.decode(Int.self) { values.append(value) }
            guard values == [i] else { throw BenchError("postgres-nio sequential: sent \(i), got \(values)") }
        }
    }
    return Double(count) / seconds(clock.now - start)
}

func benchSequential(url: String, plan: Plan, placement: Placement) async throws -> Target {
    note("1. sequential prepared SELECT $1::int on one connection, \(plan.seqCount) statements x \(plan.seqRounds) rounds per side")
    let cSession = try CSession(url)
    let pool = ConnectionPool(configuration: .init(conninfo: url, size: 1))
    // The pool sets statement_timeout on its connections (a timer the server arms for every
    // statement); give the C connection the same, so that both sides ask the same of the server.
    if let timeout = pool.configuration.statementTimeout {
        try cSession.execute("SET statement_timeout = '\(timeout.components.seconds * 1000)ms'")
    }
    // Warm up both: connections open, statement prepared, code paths and caches hot.
    _ = try await pqSequential(pool, first: 0, count: 10)
    try placement.pinBackends()
    for _ in 0..<2 {
        _ = try cSession.run(first: 0, count: plan.seqCount)
        _ = try await pqSequential(pool, first: 0, count: plan.seqCount)
    }

    // Short rounds, alternating which side goes first, so that load from elsewhere on the
    // machine hits both sides alike; each pair of neighbouring rounds also gives one ratio.
    var c = Rates()
    var pq = Rates()
    var pairs: [Double] = []
    for round in 0..<plan.seqRounds {
        let first = round * 7  // a different parameter range every round
        let cRate: Double
        let pqRate: Double
        if round % 2 == 0 {
            cRate = try cSession.run(first: first, count: plan.seqCount)
            pqRate = try await pqSequential(pool, first: first, count: plan.seqCount)
        } else {
            pqRate = try await pqSequential(pool, first: first, count: plan.seqCount)
            cRate = try cSession.run(first: first, count: plan.seqCount)
        }
        c.rounds.append(cRate)
        pq.rounds.append(pqRate)
        pairs.append(pqRate / cRate)
    }
    await pool.close()

    // For information: postgres-nio on one connection, no pool in the loop.
    let client = PostgresClient(configuration: try nioConfiguration(url: url, connections: 1))
    let nio = try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { await client.run() }
        defer { group.cancelAll() }
        _ = try await nioSequential(client, first: 0, count: 10)
        try placement.pinBackends()
        _ = try await nioSequential(client, first: 0, count: plan.seqCount / 2)
        var nio = Rates()
        for round in 0..<3 { nio.rounds.append(try await nioSequential(client, first: round, count: plan.seqCount)) }
        return nio
    }

    report("seq_c_ops_per_s", fmt(c.best))
    report("seq_pq_ops_per_s", fmt(pq.best))
    report("seq_c_rounds_ops_per_s", c.list)
    report("seq_pq_rounds_ops_per_s", pq.list)
    report("seq_nio_ops_per_s", fmt(nio.best))
    report("seq_ratio_pairs_median", fmt(medianValue(pairs), 3))
    let ratio = pq.best / c.best
    report("seq_ratio", fmt(ratio, 3))
    return Target(name: "seq_ratio", value: ratio, minimum: 0.9)
}

// MARK: - 2. one pooled query per call: PQ vs postgres-nio

/// `calls` pooled calls spread over `concurrency` tasks; returns calls per second.
func runConcurrent(
    concurrency: Int,
    calls: Int,
    offset: Int,
    _ call: @escaping @Sendable (Int) async throws -> Void
) async throws -> Double {
    let perTask = calls / concurrency
    let start = clock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
        for task in 0..<concurrency {
            group.addTask {
                let base = offset + task * perTask
                for i in base..<(base + perTask) { try await call(i) }
            }
        }
        try await group.waitForAll()
    }
    return Double(perTask * concurrency) / seconds(clock.now - start)
}

@Sendable func pqPoolCall(_ pool: ConnectionPool, _ i: Int) async throws {
    let value = try await pool.withConnection {
        try $0.queryPrepared("q", sql: "SELECT $1::int", [i]).first!.decode(Int.self, at: 0)
    }
    guard value == i else { throw BenchError("PQ pool: sent \(i), got \(value)") }
}

@Sendable func nioCall(_ client: PostgresClient, _ i: Int) async throws {
    // Interpolation binds `i` as parameter $1: the statement sent is `SELECT $1::int`.
    let rows = try await client.query("SELECT \(i)::int")
    var values: [Int] = []
    for try await value in rows.decode(Int.self) { values.append(value) }
    guard values == [i] else { throw BenchError("postgres-nio: sent \(i), got \(values)") }
}

/// The password libpq would take from `PGPASSFILE` (postgres-nio does not read that file):
/// the first `host:port:database:user:password` line matching host, port and user (`*` matches all).
func passfilePassword(host: String, port: Int, user: String) -> String? {
    guard let path = ProcessInfo.processInfo.environment["PGPASSFILE"], let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        return nil
    }
    for line in text.split(separator: "\n") {
        let fields = line.split(separator: ":", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 5 else { continue }
        func matches(_ field: String, _ value: String) -> Bool { field == "*" || field == value }
        if matches(fields[0], host), matches(fields[1], String(port)), matches(fields[3], user) { return fields[4] }
    }
    return nil
}

func nioConfiguration(url: String, connections: Int) throws -> PostgresClient.Configuration {
    guard let components = URLComponents(string: url), let host = components.host else {
        throw BenchError("postgres-nio needs a postgres:// URL, got \(url)")
    }
    let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
    var configuration = PostgresClient.Configuration(
        host: host,
        port: components.port ?? 5432,
        username: components.user ?? "postgres",
        password: components.password ?? passfilePassword(host: host, port: components.port ?? 5432, user: components.user ?? "postgres"),
        database: database.isEmpty ? nil : database,
        tls: .disable
    )
    configuration.options.maximumConnections = connections
    configuration.options.additionalStartupParameters = [("application_name", appName)]
    return configuration
}

func benchPool(url: String, plan: Plan, placement: Placement) async throws -> [Target] {
    var targets: [Target] = []
    for concurrency in [1, 16] {
        let calls = plan.poolCalls[concurrency]!
        let rounds = plan.poolRounds[concurrency]!
        let pinned = placement.enabled && concurrency == 1
        if !pinned { try placement.unpinClient() }
        defer { if !pinned { try? placement.pinClient() } }
        note(
            "2. one pooled query per call, concurrency \(concurrency), pool size \(concurrency) on both sides, \(calls) calls x \(rounds) rounds\(pinned ? ", pinned" : "")"
        )
        let pool = ConnectionPool(configuration: .init(conninfo: url, size: concurrency))
        let client = PostgresClient(configuration: try nioConfiguration(url: url, connections: concurrency))
        let (pq, nio, hop) = try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            // Warm-up: every connection of both pools opened, statements prepared.
            _ = try await runConcurrent(concurrency: concurrency, calls: calls / 4, offset: 0) { try await pqPoolCall(pool, $0) }
            _ = try await runConcurrent(concurrency: concurrency, calls: calls / 4, offset: 0) { try await nioCall(client, $0) }
            if pinned { try placement.pinBackends() }

            var pq = Rates()
            var nio = Rates()
            var hop = Rates()
            for round in 0..<rounds {
                let offset = round * 11
                if round % 2 == 0 {
                    pq.rounds.append(
                        try await runConcurrent(concurrency: concurrency, calls: calls, offset: offset) { try await pqPoolCall(pool, $0) }
                    )
                    nio.rounds.append(
                        try await runConcurrent(concurrency: concurrency, calls: calls, offset: offset) { try await nioCall(client, $0) }
                    )
                } else {
                    nio.rounds.append(
                        try await runConcurrent(concurrency: concurrency, calls: calls, offset: offset) { try await nioCall(client, $0) }
                    )
                    pq.rounds.append(
                        try await runConcurrent(concurrency: concurrency, calls: calls, offset: offset) { try await pqPoolCall(pool, $0) }
                    )
                }
            }
            // Diagnostic: the pool's per-call cost with no statement at all.
            for _ in 0..<2 {
                hop.rounds.append(
                    try await runConcurrent(concurrency: concurrency, calls: calls, offset: 0) { i in
                        let value = try await pool.withConnection { _ in i }
                        guard value == i else { throw BenchError("PQ pool hop: sent \(i), got \(value)") }
                    }
                )
            }
            return (pq, nio, hop)
        }
        await pool.close()

        let suffix = "c\(concurrency)"
        report("pool_nio_ops_per_s_\(suffix)", fmt(nio.best))
        report("pool_pq_ops_per_s_\(suffix)", fmt(pq.best))
        report("pool_nio_rounds_ops_per_s_\(suffix)", nio.list)
        report("pool_pq_rounds_ops_per_s_\(suffix)", pq.list)
        report("pool_pq_empty_call_ops_per_s_\(suffix)", fmt(hop.best))
        report("pool_ratio_median_\(suffix)", fmt(pq.median / nio.median, 3))
        let ratio = pq.best / nio.best
        report("pool_ratio_\(suffix)", fmt(ratio, 3))
        targets.append(Target(name: "pool_ratio_\(suffix)", value: ratio, minimum: 2.0))
    }
    return targets
}

// MARK: - 3. pipelined INSERTs and COPY vs one-by-one INSERTs

let insertSQL = "INSERT INTO pq_bench_rows (a, b) VALUES ($1, $2)"

/// A fresh temporary table on `conn` (temporary tables live as long as the connection).
func createTable(_ conn: Connection) throws {
    try conn.execute("SET client_min_messages = warning")
    try conn.execute("DROP TABLE IF EXISTS pq_bench_rows")
    try conn.execute("CREATE TEMP TABLE pq_bench_rows (a int NOT NULL, b text NOT NULL)")
}

/// Checks that the table holds exactly the rows 0..<expected, then empties it.
func checkTable(_ conn: Connection, _ expected: Int, _ what: String) throws {
    let row = try conn.query("SELECT count(*), count(DISTINCT a), coalesce(sum(a), 0) FROM pq_bench_rows").first!
    let count = try row.decode(Int.self, at: 0)
    let distinct = try row.decode(Int.self, at: 1)
    let sum = try row.decode(Int.self, at: 2)
    guard count == expected, distinct == expected, sum == expected * (expected - 1) / 2 else {
        throw BenchError("\(what): table holds \(count) rows (\(distinct) distinct, sum \(sum)), expected \(expected)")
    }
    try conn.execute("TRUNCATE pq_bench_rows")
}

/// `rows` INSERTs one by one (one round trip each) in one transaction; rows per second.
func insertOneByOne(_ conn: Connection, _ rows: Int) throws -> Double {
    let start = clock.now
    try conn.withTransaction { conn in
        for i in 0..<rows {
            guard try conn.execute(insertSQL, [i, "row \(i)"]) == 1 else { throw BenchError("one-by-one INSERT affected no row") }
        }
    }
    let rate = Double(rows) / seconds(clock.now - start)
    try checkTable(conn, rows, "one-by-one")
    return rate
}

/// The same INSERTs as one pipeline in one transaction; rows per second (building the batch included).
func insertPipelined(_ conn: Connection, _ rows: Int) throws -> Double {
    let start = clock.now
    let results = try conn.withTransaction { conn in
        try conn.pipeline((0..<rows).map { PipelineStatement(insertSQL, [$0, "row \($0)"]) })
    }
    let rate = Double(rows) / seconds(clock.now - start)
    guard results.count == rows, results.allSatisfy({ $0.affectedRows == 1 }) else {
        throw BenchError("pipeline returned \(results.count) results for \(rows) INSERTs")
    }
    try checkTable(conn, rows, "pipelined")
    return rate
}

/// `rows` rows through `copyFrom` (rows made lazily while streaming); rows per second.
func copyRows(_ conn: Connection, _ rows: Int) throws -> Double {
    let start = clock.now
    let copied = try conn.copyFrom(
        "COPY pq_bench_rows (a, b) FROM STDIN",
        rows: (0..<rows).lazy.map { i -> [(any PQEncodable)?] in [i, "row \(i)"] }
    )
    let rate = Double(rows) / seconds(clock.now - start)
    guard copied == rows else { throw BenchError("COPY reported \(copied) rows, expected \(rows)") }
    try checkTable(conn, rows, "COPY")
    return rate
}

func benchInserts(url: String, plan: Plan, placement: Placement) async throws -> Double {
    note("3. INSERT one by one vs pipelined, \(plan.insertRows) rows x \(plan.insertRounds) rounds, each batch in one transaction")
    let pool = ConnectionPool(configuration: .init(conninfo: url, size: 1))
    let (single, pipe) = try await pool.withConnection { conn -> (Rates, Rates) in
        try createTable(conn)
        try placement.pinBackends(cpu: 1)
        _ = try insertOneByOne(conn, plan.insertRows / 10)  // warm-up
        _ = try insertPipelined(conn, plan.insertRows / 10)
        var single = Rates()
        var pipe = Rates()
        for round in 0..<plan.insertRounds {
            if round % 2 == 0 {
                single.rounds.append(try insertOneByOne(conn, plan.insertRows))
                pipe.rounds.append(try insertPipelined(conn, plan.insertRows))
            } else {
                pipe.rounds.append(try insertPipelined(conn, plan.insertRows))
                single.rounds.append(try insertOneByOne(conn, plan.insertRows))
            }
        }
        try conn.execute("DROP TABLE pq_bench_rows")
        return (single, pipe)
    }
    await pool.close()
    report("insert_one_by_one_rows_per_s", fmt(single.best))
    report("insert_pipelined_rows_per_s", fmt(pipe.best))
    report("insert_one_by_one_rounds_rows_per_s", single.list)
    report("insert_pipelined_rounds_rows_per_s", pipe.list)
    report("pipeline_ratio", fmt(pipe.best / single.best, 2))
    return single.best
}

/// The COPY measurement proper; runs in the child process (`--copy-only`).
func benchCopy(url: String, plan: Plan, placement: Placement) async throws {
    let pool = ConnectionPool(configuration: .init(conninfo: url, size: 1))
    let copy = try await pool.withConnection { conn -> Rates in
        try createTable(conn)
        try placement.pinBackends(cpu: 1)
        _ = try copyRows(conn, plan.copyRows / 10)  // warm-up
        var copy = Rates()
        for _ in 0..<plan.copyRounds { copy.rounds.append(try copyRows(conn, plan.copyRows)) }
        try conn.execute("DROP TABLE pq_bench_rows")
        return copy
    }
    await pool.close()
    report("copy_rows_per_s", fmt(copy.best))
    report("copy_rounds_rows_per_s", copy.list)
}

/// Runs the COPY measurement in a child process of this program, so that a crash inside PQ
/// (a trap cannot be caught) costs that one figure instead of the whole run.
func benchCopyIsolated(url: String, plan: Plan, quick: Bool, pin: Bool, oneByOneRate: Double) throws {
    note("3. COPY FROM STDIN, \(plan.copyRows) rows x \(plan.copyRounds) rounds (in a child process)")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Bundle.main.executablePath ?? CommandLine.arguments[0])
    process.arguments = [url, "--copy-only"] + (quick ? ["--quick"] : []) + (pin ? [] : ["--no-pin"])
    var environment = ProcessInfo.processInfo.environment
    environment["SWIFT_BACKTRACE"] = "enable=no"  // a one-line message instead of a full backtrace
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()

    var copyRate: Double?
    for line in output.split(separator: "\n") {
        if line.hasPrefix("copy_") {
            print(line)
            if line.hasPrefix("copy_rows_per_s = ") { copyRate = Double(line.dropFirst("copy_rows_per_s = ".count)) }
        } else if !line.hasPrefix("#") {
            print("# child: \(line)")
        }
    }
    if let copyRate, process.terminationReason == .exit, process.terminationStatus == 0 {
        report("copy_ratio", fmt(copyRate / oneByOneRate, 2))
        return
    }
    let how =
        process.terminationReason == .uncaughtSignal
        ? "crashed (signal \(process.terminationStatus))" : "exited with status \(process.terminationStatus)"
    report("copy_rows_per_s", "n/a")
    report("copy_ratio", "n/a")
    throw BenchError("the COPY measurement \(how): PQ's copyFrom failed")
}

// MARK: - main

@main
enum PQBench {
    static func main() async {
        var arguments = Array(CommandLine.arguments.dropFirst())
        let quick = arguments.contains("--quick")
        let strict = arguments.contains("--strict")
        let copyOnly = CommandLine.arguments.contains("--copy-only")
        let pin = !arguments.contains("--no-pin")
        // --only=seq,pool,insert,copy: run some sections alone (for profiling); targets of the
        // sections not run are not judged.
        let only = arguments.first { $0.hasPrefix("--only=") }
            .map { Set($0.dropFirst("--only=".count).split(separator: ",").map(String.init)) }
        let runs = { (section: String) in only?.contains(section) ?? true }
        arguments.removeAll { $0.hasPrefix("--") }
        let baseURL =
            arguments.first
            ?? ProcessInfo.processInfo.environment["JIXIAO_BENCH_URL"]
            ?? "postgres://postgres@127.0.0.1:54329/jixiao"
        // Benchmark connections carry an application_name, so that their backends can be found.
        let url = addingApplicationName(baseURL, appName)
        let plan = quick ? Plan.quick() : Plan()
        if copyOnly {
            do {
                let placement = Placement(requested: pin, adminURL: addingApplicationName(baseURL, "\(appName)-admin"))
                try placement.pinClient()
                try await benchCopy(url: url, plan: plan, placement: placement)
            } catch {
                print("ERROR: \(error)")
                fflush(nil)
                exit(2)
            }
            return
        }

        do {
            let version = try Connection(baseURL).query("SELECT current_setting('server_version')").first!.decode(String.self, at: 0)
            note("pq-bench: PostgreSQL \(version) at \(baseURL), \(ProcessInfo.processInfo.activeProcessorCount) cores\(quick ? ", --quick" : "")")
            let placement = Placement(requested: pin, adminURL: addingApplicationName(baseURL, "\(appName)-admin"))
            report("placement", placement.why)
            try placement.pinClient()
            let started = clock.now
            var targets: [Target] = []
            if runs("seq") { targets.append(try await benchSequential(url: url, plan: plan, placement: placement)) }
            if runs("pool") { targets.append(contentsOf: try await benchPool(url: url, plan: plan, placement: placement)) }
            let oneByOneRate = runs("insert") || runs("copy") ? try await benchInserts(url: url, plan: plan, placement: placement) : 0
            var failures: [String] = []
            if runs("copy") {
                do {
                    try benchCopyIsolated(url: baseURL, plan: plan, quick: quick, pin: placement.enabled, oneByOneRate: oneByOneRate)
                } catch {
                    failures.append("\(error)")
                }
            }
            report("elapsed_s", fmt(seconds(clock.now - started), 1))
            note("targets")
            for target in targets {
                print("\(target.passed ? "PASS" : "FAIL"): \(target.name) = \(fmt(target.value, 4)) (target >= \(fmt(target.minimum, 1)))")
            }
            print("INFO: pipeline_ratio and copy_ratio have no target")
            for failure in failures { print("ERROR: \(failure)") }
            fflush(nil)
            if !failures.isEmpty { exit(2) }
            if strict && targets.contains(where: { !$0.passed }) { exit(1) }
        } catch {
            print("ERROR: \(error)")
            fflush(nil)
            exit(2)
        }
    }
}
