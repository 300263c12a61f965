import Foundation
import PQ

/// Applies the numbered SQL files of `Schema/` in order, each in its own transaction, and
/// records them in `schema_migrations(version, name, checksum, applied_at)`. Re-running is a
/// no-op; an applied file whose content changed is refused.
public struct Migrator: Sendable {
    /// One migration file.
    public struct Migration: Sendable, Equatable {
        public var version: Int
        public var name: String
        public var sql: String

        public init(version: Int, name: String, sql: String) {
            self.version = version
            self.name = name
            self.sql = sql
        }
    }

    /// A migration's state in a database.
    public struct Status: Sendable, Equatable {
        public var version: Int
        public var name: String
        public var appliedAt: Date?
        public var isApplied: Bool { self.appliedAt != nil }
    }

    public let migrations: [Migration]

    /// Reads `NNNN_name.sql` files from `directory`.
    public init(directory: URL) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".sql") }
        var migrations: [Migration] = []
        for file in files {
            let stem = String(file.dropLast(4))
            guard let underscore = stem.firstIndex(of: "_"), let version = Int(stem[..<underscore]) else {
                throw ServiceError.invalid("migration file \(file) is not named NNNN_name.sql")
            }
            let sql = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            migrations.append(Migration(version: version, name: String(stem[stem.index(after: underscore)...]), sql: sql))
        }
        let versions = migrations.map(\.version)
        guard Set(versions).count == versions.count else {
            throw ServiceError.invalid("two migration files share a version number in \(directory.path)")
        }
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    public init(migrations: [Migration]) {
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// The `Schema/` folder: `JIXIAO_SCHEMA_DIR`, else `Schema/` in the working directory or
    /// beside the executable's package.
    public static func defaultDirectory() -> URL {
        if let path = ProcessInfo.processInfo.environment["JIXIAO_SCHEMA_DIR"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let candidates = [
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Schema"),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("Schema"),
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) } ?? candidates[0]
    }

    /// Applies what is pending on `conn` (which must connect as the owner) and returns the
    /// versions it applied.
    @discardableResult
    package func migrate(_ conn: Connection) throws -> [Int] {
        try self.ensureTable(conn)
        var applied: [Int] = []
        for migration in self.migrations {
            let done = try TransientRetry.run(conn) {
                try conn.withTransaction { conn -> Bool in
                    // One migrator at a time per database.
                    try conn.run(Statements.MigrationLock())
                    let checksum = try Self.checksum(conn, migration.sql)
                    if let recorded = try conn.first(Statements.MigrationChecksum(version: migration.version)) {
                        guard recorded == checksum else {
                            throw ServiceError.invalid(
                                "migration \(migration.version)_\(migration.name).sql was changed after it was applied (checksum \(recorded.prefix(12))… in the database, \(checksum.prefix(12))… on disk); add a new migration instead of editing an applied one",
                                code: .migrationChanged
                            )
                        }
                        return false
                    }
                    try conn.executeScript(migration.sql)
                    try conn.run(Statements.RecordMigration(version: migration.version, name: migration.name, checksum: checksum))
                    return true
                }
            }
            if done { applied.append(migration.version) }
        }
        return applied
    }

    /// Applied and pending migrations.
    package func status(_ conn: Connection) throws -> [Status] {
        try self.ensureTable(conn)
        var appliedAt: [Int: Date] = [:]
        var names: [Int: String] = [:]
        for row in try conn.rows(Statements.AppliedMigrations()) {
            appliedAt[row.version] = row.appliedAt
            names[row.version] = row.name
        }
        var statuses = self.migrations.map { Status(version: $0.version, name: $0.name, appliedAt: appliedAt[$0.version]) }
        // Applied versions that no file describes any more.
        for (version, date) in appliedAt where !self.migrations.contains(where: { $0.version == version }) {
            statuses.append(Status(version: version, name: names[version] ?? "?", appliedAt: date))
        }
        return statuses.sorted { $0.version < $1.version }
    }

    /// Creates `schema_migrations` once, under the migrators' lock: two `CREATE TABLE IF NOT
    /// EXISTS` at the same moment collide in the catalog (23505/42710), e.g. when several
    /// instances start on a new database together.
    private func ensureTable(_ conn: Connection) throws {
        try TransientRetry.run(conn) {
            try conn.withTransaction { conn in
                try conn.run(Statements.MigrationLock())
                try conn.run(Statements.CreateMigrationsTable())
            }
        }
    }

    /// The advisory lock that lets one migrator at a time work on a database.
    static let lockKey = 7_426_001

    /// SHA-256 of the file's text, computed by PostgreSQL (no crypto library needed here).
    private static func checksum(_ conn: Connection, _ sql: String) throws -> String {
        try conn.first(Statements.SHA256Hex(text: sql))!
    }
}
