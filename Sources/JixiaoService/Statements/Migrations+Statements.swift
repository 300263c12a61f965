import Foundation
import PQ

extension Statements {
    /// The migrators' lock: one migrator at a time per database (until the transaction ends).
    struct MigrationLock: PQStatement {
        var sql: String { "SELECT pg_advisory_xact_lock(\(Migrator.lockKey))" }
        var bindings: [(any PQEncodable)?] { [] }
    }

    /// The bookkeeping table of applied migrations, created if missing.
    struct CreateMigrationsTable: PQStatement {
        var sql: String {
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer PRIMARY KEY,
                name       text NOT NULL,
                checksum   text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """
        }
        var bindings: [(any PQEncodable)?] { [] }
    }

    /// The checksum recorded when a migration was applied.
    struct MigrationChecksum: PQStatement {
        var version: Int
        var sql: String { "SELECT checksum FROM schema_migrations WHERE version = $1" }
        var bindings: [(any PQEncodable)?] { [self.version] }
        func decodeRow(_ row: PQRow) throws -> String { try row.decode(String.self, "checksum") }
    }

    /// Records an applied migration.
    struct RecordMigration: PQStatement {
        var version: Int
        var name: String
        var checksum: String
        var sql: String { "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)" }
        var bindings: [(any PQEncodable)?] { [self.version, self.name, self.checksum] }
    }

    /// Every applied migration.
    struct AppliedMigrations: PQStatement {
        var sql: String { "SELECT version, name, applied_at FROM schema_migrations" }
        var bindings: [(any PQEncodable)?] { [] }
        func decodeRow(_ row: PQRow) throws -> (version: Int, name: String, appliedAt: Date) {
            (try row.decode(Int.self, "version"), try row.decode(String.self, "name"), try row.decode(Date.self, "applied_at"))
        }
    }

    /// SHA-256 of a text, computed by PostgreSQL (no crypto library needed here).
    struct SHA256Hex: PQStatement {
        var text: String
        var sql: String { "SELECT encode(sha256(convert_to($1, 'UTF8')), 'hex') AS c" }
        var bindings: [(any PQEncodable)?] { [self.text] }
        func decodeRow(_ row: PQRow) throws -> String { try row.decode(String.self, "c") }
    }
}
