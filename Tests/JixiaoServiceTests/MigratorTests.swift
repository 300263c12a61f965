import Foundation
import JixiaoCore
import JixiaoService
import PQ
import Testing

@Suite("Service: the migrator")
struct MigratorTests {
    @Test("the Schema folder holds numbered migrations 1…n")
    func files() throws {
        let migrator = try MigratorTests.migrator()
        #expect(migrator.migrations.map(\.version) == Array(1...migrator.migrations.count))
        #expect(migrator.migrations.first?.name == "roles")
        // Each file runs in the migrator's transaction: no transaction control of its own.
        for migration in migrator.migrations {
            let statements = migration.sql.split(separator: "\n")
                .map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
                .filter { !$0.hasPrefix("--") }
            #expect(!statements.contains { ["BEGIN;", "COMMIT;", "ROLLBACK;", "START TRANSACTION;"].contains($0) }, "\(migration.name)")
            #expect(
                !statements.contains { $0.contains("INDEX CONCURRENTLY") || $0.hasPrefix("REINDEX") || $0.hasPrefix("VACUUM") },
                "\(migration.name)"
            )
        }
    }

    @Test("an empty database gets every migration once; re-running applies nothing")
    func fromEmpty() async throws {
        let migrator = try MigratorTests.migrator()
        try await withDatabase(empty: true) { url in
            let (pending, first, second, status) = try await offPool {
                let conn = try Connection(url)
                return (try migrator.status(conn), try migrator.migrate(conn), try migrator.migrate(conn), try migrator.status(conn))
            }
            #expect(pending.count == migrator.migrations.count)
            #expect(pending.allSatisfy { !$0.isApplied })
            #expect(first == migrator.migrations.map(\.version))
            #expect(second.isEmpty)
            #expect(status.map(\.version) == migrator.migrations.map(\.version))
            #expect(status.allSatisfy { $0.isApplied })
            // The result is a working database.
            let service = JixiaoService(database: Database(.init(url: url, poolSize: 1)))
            let admin = try await service.bootstrap(adminLogin: "root", displayName: "root", unitCode: "1", unitName: "单位")
            #expect(admin.roles == [.admin])
            await service.database.close()
        }
    }

    @Test("re-running on a migrated database applies nothing; status lists every migration as applied")
    func rerun() async throws {
        let migrator = try MigratorTests.migrator()
        try await withDatabase { url in
            let (applied, status, recorded) = try await offPool {
                let conn = try Connection(url)
                let recorded = try conn.query("SELECT version, name FROM schema_migrations ORDER BY version")
                    .map { "\(try $0.decode(Int.self, "version"))_\(try $0.decode(String.self, "name"))" }
                return (try migrator.migrate(conn), try migrator.status(conn), recorded)
            }
            #expect(applied.isEmpty)
            #expect(status.map(\.version) == migrator.migrations.map(\.version))
            #expect(status.map(\.name) == migrator.migrations.map(\.name))
            #expect(status.allSatisfy { $0.isApplied })
            #expect(recorded == migrator.migrations.map { "\($0.version)_\($0.name)" })
        }
    }

    @Test("an applied migration whose text changed is refused (migration-changed), and nothing after it runs")
    func changedFileRefused() async throws {
        let original = try MigratorTests.migrator().migrations
        var altered = original.map { m in
            m.version == 3 ? Migrator.Migration(version: m.version, name: m.name, sql: m.sql + "\n-- edited after it was applied\n") : m
        }
        let next = (original.last?.version ?? 0) + 1
        altered.append(Migrator.Migration(version: next, name: "probe", sql: "CREATE TABLE migrator_probe (id integer)"))
        let migrator = Migrator(migrations: altered)
        try await withDatabase { url in
            let (applied, refusal, count, probe) = try await offPool { () -> ([Int]?, ServiceError?, Int, Bool) in
                let conn = try Connection(url)
                var applied: [Int]?
                var refusal: ServiceError?
                do { applied = try migrator.migrate(conn) } catch let error as ServiceError { refusal = error }
                let count = try conn.query("SELECT count(*)::int AS n FROM schema_migrations").first!.decode(Int.self, "n")
                let probe = try conn.query("SELECT to_regclass('migrator_probe') IS NOT NULL AS x").first!.decode(Bool.self, "x")
                return (applied, refusal, count, probe)
            }
            #expect(applied == nil, "the changed migration was accepted")
            #expect(refusal?.code.rawValue == "migration-changed")
            #expect(refusal?.kind == .invalid)
            #expect(refusal?.message.contains("3_target_tables") == true)
            #expect(count == original.count)
            #expect(probe == false)
        }
    }

    @Test("a new migration is applied once and listed")
    func newMigration() async throws {
        let original = try MigratorTests.migrator().migrations
        let next = (original.last?.version ?? 0) + 1
        let migrator = Migrator(
            migrations: original + [
                Migrator.Migration(
                    version: next,
                    name: "probe",
                    sql: "CREATE TABLE migrator_probe (id integer);\nGRANT SELECT ON migrator_probe TO jixiao_app;"
                )
            ]
        )
        try await withDatabase { url in
            let (pending, first, second, status) = try await offPool {
                let conn = try Connection(url)
                return (try migrator.status(conn), try migrator.migrate(conn), try migrator.migrate(conn), try migrator.status(conn))
            }
            #expect(pending.last?.version == next)
            #expect(pending.last?.isApplied == false)
            #expect(pending.dropLast().allSatisfy { $0.isApplied })
            #expect(first == [next])
            #expect(second.isEmpty)
            #expect(status.last?.name == "probe")
            #expect(status.allSatisfy { $0.isApplied })
        }
    }

    @Test("several instances migrating one empty database at once apply each migration exactly once")
    func concurrentMigrators() async throws {
        let migrator = try MigratorTests.migrator()
        try await withDatabase(empty: true) { url in
            let outcomes = try await withThrowingTaskGroup(of: [Int].self) { group in
                for _ in 0..<3 {
                    group.addTask { try await offPool { try migrator.migrate(try Connection(url)) } }
                }
                var all: [[Int]] = []
                for try await applied in group { all.append(applied) }
                return all
            }
            #expect(outcomes.flatMap { $0 }.sorted() == migrator.migrations.map(\.version))
            let status = try await offPool { try migrator.status(try Connection(url)) }
            #expect(status.allSatisfy { $0.isApplied })
        }
    }

    @Test("a failing migration leaves nothing behind and stays pending")
    func failingMigrationRollsBack() async throws {
        let original = try MigratorTests.migrator().migrations
        let next = (original.last?.version ?? 0) + 1
        let migrator = Migrator(
            migrations: original + [
                Migrator.Migration(version: next, name: "broken", sql: "CREATE TABLE migrator_half (id integer);\nSELECT 1 / 0;")
            ]
        )
        try await withDatabase { url in
            let (error, half, status) = try await offPool {
                let conn = try Connection(url)
                let error = sqlState { try migrator.migrate(conn) }
                let half = try conn.query("SELECT to_regclass('migrator_half') IS NOT NULL AS x").first!.decode(Bool.self, "x")
                return (error, half, try migrator.status(conn))
            }
            #expect(error == "22012")
            #expect(half == false)
            #expect(status.last?.version == next)
            #expect(status.last?.isApplied == false)
        }
    }

    static func migrator() throws -> Migrator { try Migrator(directory: ServiceTestDatabase.schemaDirectory) }
}
