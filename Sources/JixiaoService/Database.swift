import Foundation
import Logging
import PQ
import ServiceLifecycle

/// The service's access to PostgreSQL: a pool of connections working as the application role,
/// and the one place where a transaction gets its audit settings (actor, reason).
public final class Database: Sendable {
    /// How to connect.
    public struct Configuration: Sendable {
        /// URL or conninfo.
        public var url: String
        /// Pool size.
        public var poolSize: Int
        /// Role to `SET ROLE` to after connecting (`jixiao_app` when connecting as the owner;
        /// `nil` when the URL already logs in as the application role).
        public var role: String?
        /// Longest wait for a pooled connection.
        public var acquireTimeout: Duration
        /// Server-side limit per statement.
        public var statementTimeout: Duration

        public init(
            url: String,
            poolSize: Int = 8,
            role: String? = Database.applicationRole,
            acquireTimeout: Duration = .seconds(5),
            statementTimeout: Duration = .seconds(30)
        ) {
            self.url = url
            self.poolSize = poolSize
            self.role = role
            self.acquireTimeout = acquireTimeout
            self.statementTimeout = statementTimeout
        }
    }

    /// The name the service's connections report to the server (`pg_stat_activity`).
    public static let applicationName = "jixiao"

    /// The application role created by the migrations.
    public static let applicationRole = "jixiao_app"

    public let configuration: Configuration
    /// The pool, private to the service: run the database as a ServiceLifecycle service (it
    /// runs the pool's upkeep), or call `close()`.
    let pool: ConnectionPool

    public init(_ configuration: Configuration, logger: Logger = Logger(label: "jixiao.db")) {
        self.configuration = configuration
        let role = configuration.role
        self.pool = ConnectionPool(
            configuration: .init(
                conninfo: configuration.url,
                size: configuration.poolSize,
                acquireTimeout: configuration.acquireTimeout,
                statementTimeout: configuration.statementTimeout,
                applicationName: Database.applicationName,
                onConnect: { conn in
                    if let role { try conn.run(Statements.SetRole(role: role)) }
                }
            ),
            logger: logger
        )
    }

    /// Closes the pool.
    public func close() async { await self.pool.close() }

    /// The pool's size, connections in use and tasks waiting for one (for metrics).
    public var statistics: PoolStatistics {
        let figures = self.pool.statistics
        return PoolStatistics(size: figures.size, inUse: figures.inUse, waiting: figures.waiting)
    }

    /// Connection pool figures at one moment.
    public struct PoolStatistics: Sendable, Hashable {
        public var size: Int
        public var inUse: Int
        public var waiting: Int
    }

    /// One read-only unit of work (a READ COMMITTED, READ ONLY transaction).
    func read<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await self.run { conn in
            try TransientRetry.run(conn) { try conn.withTransaction(readOnly: true) { conn in try body(conn) } }
        }
    }

    /// One writing transaction, audited as `actor` with an optional `reason`: the triggers read
    /// both from the transaction's settings.
    func write<T: Sendable>(actor: String, reason: String? = nil, _ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await self.run { conn in
            try TransientRetry.run(conn) {
                try conn.withTransaction { conn in
                    try conn.run(Statements.AuditSettings(actor: actor, reason: reason))
                    return try body(conn)
                }
            }
        }
    }

    /// A writing transaction in two round trips (`Connection.pipelinedTransaction`), audited as
    /// `actor` with `reason`: the audit settings and `opening` travel with BEGIN; `closing`
    /// checks their results and names the statements that travel with COMMIT; `result` turns
    /// the closing results into the answer, after COMMIT, on the same connection.
    func write<T: Sendable>(
        actor: String,
        reason: String?,
        opening: [PipelineStatement],
        closing: @escaping @Sendable ([QueryResult]) throws -> [PipelineStatement],
        result: @escaping @Sendable (Connection, [QueryResult]) throws -> T
    ) async throws -> T {
        try await self.run { conn in
            let closed = try TransientRetry.run(conn) {
                try conn.pipelinedTransaction(opening: [Statements.AuditSettings(actor: actor, reason: reason).pipelined] + opening) { opened in
                    try closing(Array(opened.dropFirst()))
                }
            }
            return try result(conn, closed)
        }
    }

    /// A consistent read in one round trip: `statements` in a REPEATABLE READ, READ ONLY
    /// transaction sent as one pipeline; `result` gets their results.
    func read<T: Sendable>(_ statements: [PipelineStatement], _ result: @escaping @Sendable ([QueryResult]) throws -> T) async throws -> T {
        try await self.run { conn in
            let results = try conn.pipeline(
                [Statements.BeginSnapshot().pipelined] + statements + [Statements.Commit().pipelined]
            )
            return try result(Array(results.dropFirst().dropLast()))
        }
    }

    /// Runs on a pooled connection, turning connection failures into `.unavailable`.
    func run<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        do {
            return try await self.pool.withConnection(body)
        } catch let error as PQError {
            throw ServiceError(mapping: error)
        }
    }
}

extension Database: Service {
    /// Runs the pool's upkeep (checking idle connections) until graceful shutdown, then closes
    /// the pool: start it in the application's ServiceGroup before the servers that use it.
    public func run() async throws {
        try await self.pool.run()
    }
}

extension ServiceError {
    /// Maps a database error that no operation handled itself.
    init(mapping error: PQError) {
        if error.commitOutcomeUnknown {
            self.init(
                .unavailable,
                .commitUnknown,
                "the connection to the database broke while the change was being saved, so it may or may not have been saved: reload and check before trying again"
            )
            self.underlying = error.description
            return
        }
        switch error.kind {
        case .connection, .poolTimeout, .poolExhausted, .poolClosed:
            self.init(.unavailable, .databaseUnavailable, "the database is not reachable right now; try again shortly")
        case .cancelled:
            self.init(.unavailable, .cancelled, "the request was cancelled")
        default:
            if error.isConnectionLost {
                self.init(.unavailable, .databaseUnavailable, "the database is not reachable right now; try again shortly")
            } else if error.isQueryCanceled {
                self.init(.unavailable, .timeout, "the database took too long to answer")
            } else if error.isInsufficientPrivilege {
                self.init(.forbidden, .notPermitted, "the database refused the change: \(error.message)")
            } else if error.isUniqueViolation {
                self.init(.refused, .duplicate, "already exists: \(error.detail ?? error.message)")
            } else if error.isForeignKeyViolation || error.isCheckViolation || error.sqlState == "23502" || error.sqlState?.hasPrefix("22") == true {
                self.init(.invalid, .invalid, "the database refused the value: \(error.message)")
            } else if error.sqlState?.hasPrefix("JX") == true {
                // Our guard triggers (Schema/): the defence in depth behind a Core rule. The
                // service should have refused first; if not, it is still a refusal, not a defect.
                // Their messages are ours and name no secret.
                self.init(.refused, .refusedByDatabase, "the database refused the change: \(error.message)")
            } else {
                self.init(.internal, .databaseError, "the database reported an unexpected error (SQLSTATE \(error.sqlState ?? "none"))")
            }
        }
        self.underlying = error.description
    }
}
