import ArgumentParser
import Foundation
import JixiaoCore
import JixiaoService

/// `jixiao db init|migrate|status|maintain`: the schema and its upkeep, as the database owner.
struct DbCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Create, migrate and inspect the database schema.",
        discussion: """
            Connects directly as the URL's user, which must own the schema (the migrations \
            create the application role jixiao_app). The migrations are the SQL files of \
            Schema/ (or JIXIAO_SCHEMA_DIR).

            EXAMPLE
              jixiao db init --admin admin --unit-code 000 --unit-name 和政县财政局
              jixiao db status
            """,
        subcommands: [DbInit.self, DbMigrate.self, DbStatus.self, DbMaintain.self]
    )
}

/// Opens the migrations and a direct owner connection.
enum Migrations {
    /// The migrations of `Schema/`, or a clear error when the folder cannot be read.
    static func load() throws -> Migrator {
        let directory = Migrator.defaultDirectory()
        do {
            return try Migrator(directory: directory)
        } catch let error as ServiceError {
            throw error
        } catch {
            throw CLIError.invalid("cannot read the migrations in \(directory.path); run from the project folder or set JIXIAO_SCHEMA_DIR")
        }
    }

    /// Applies pending migrations on `url`; returns the versions applied.
    static func migrate(_ url: String) async throws -> [Int] {
        let migrator = try self.load()
        return try await Blocking.run { try migrator.migrate(OwnerDatabase(url: url)) }
    }
}

/// `jixiao db init`: migrate, then create the first unit and admin user.
struct DbInit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Apply the migrations and create the first unit and admin user.",
        discussion: """
            Refused (exit 1) once the database has users: add more with `jixiao user add`.

            EXAMPLE
              jixiao db init --admin admin --display-name 管理员 --unit-code 000 --unit-name 和政县财政局
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Login of the first admin user.", valueName: "login"))
    var admin: String

    @Option(name: .customLong("display-name"), help: "The admin's name for people (default: the login).")
    var displayName: String?

    @Option(name: .customLong("unit-code"), help: "Code of the admin's unit (e.g. the finance bureau).")
    var unitCode: String

    @Option(name: .customLong("unit-name"), help: "Name of that unit, e.g. 和政县财政局.")
    var unitName: String

    func run() async throws {
        let url = self.global.resolvedURL()
        let applied = try await Migrations.migrate(url)
        let user = try await Session.withService(self.global) { service in
            try await service.bootstrap(
                adminLogin: self.admin,
                displayName: self.displayName ?? self.admin,
                unitCode: self.unitCode,
                unitName: self.unitName
            )
        }
        if self.global.json {
            try Output.json(InitResult(applied: applied, admin: user))
        } else {
            Output.line("applied \(applied.count) migration(s); created admin \(user.login) of unit \(self.unitName) (\(self.unitCode))")
        }
    }

    struct InitResult: Encodable {
        var applied: [Int]
        var admin: User
    }
}

/// `jixiao db migrate`: apply pending migrations.
struct DbMigrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the pending migrations (each in its own transaction).",
        discussion: """
            Re-running is a no-op; a migration file changed after it was applied is refused. \
            With JIXIAO_APP_PASSWORD set it then sets the password of the application role \
            jixiao_app, the login of `jixiao serve` (only its verifier reaches the server).

            EXAMPLE
              jixiao db migrate --database-url postgres://postgres@127.0.0.1:54329/jixiao
            """
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let url = self.global.resolvedURL()
        let applied = try await Migrations.migrate(url)
        if let password = ProcessInfo.processInfo.environment["JIXIAO_APP_PASSWORD"], !password.isEmpty {
            try await Blocking.run { try OwnerDatabase(url: url).setApplicationPassword(password) }
        }
        if self.global.json {
            try Output.json(["applied": applied])
        } else if applied.isEmpty {
            Output.line("the schema is up to date")
        } else {
            Output.line("applied migration(s) \(applied.map(String.init).joined(separator: ", "))")
        }
    }
}

/// `jixiao db maintain`: put each indicator's audit rows together (for fast history reads).
struct DbMaintain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maintain",
        abstract: "Rewrite the audit trail in indicator order and refresh statistics (a quiet-hour job).",
        discussion: """
            Clusters audit_log on its indicator index so that the history of one indicator \
            reads a few pages instead of one per change. The table is locked while it runs \
            (writers wait; 67 s for 5 million rows on a 2-core machine). Contents, \
            sequence numbers and hash chains are unchanged. Connects as the owner, like migrate.

            EXAMPLE
              jixiao db maintain --database-url postgres://postgres@127.0.0.1:54329/jixiao
            """
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let url = self.global.resolvedURL()
        let report = try await Blocking.run { try Maintenance.clusterAudit(OwnerDatabase(url: url)) }
        if self.global.json {
            try Output.json(report)
        } else {
            Output.line("audit trail clustered: \(report.auditRows) rows, \(report.auditBytes / 1_048_576) MiB, \(report.milliseconds) ms")
        }
    }
}

/// `jixiao db status`: applied and pending migrations.
struct DbStatus: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "List the applied and pending migrations.",
        discussion: """
            EXAMPLE
              jixiao db status
              jixiao db status --json
            """
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let migrator = try Migrations.load()
        let url = self.global.resolvedURL()
        let statuses = try await Blocking.run { try migrator.status(OwnerDatabase(url: url)) }
        if self.global.json {
            try Output.json(statuses.map(MigrationJSON.init))
            return
        }
        var table = TextTable([.init("version", right: true), .init("name"), .init("state"), .init("applied at")])
        for status in statuses {
            table.append([
                "\(status.version)", status.name, status.isApplied ? "applied" : "pending",
                status.appliedAt.map(Time.human) ?? "",
            ])
        }
        Output.block(table.render())
        let pending = statuses.filter { !$0.isApplied }.count
        Output.line(pending == 0 ? "up to date" : "\(pending) pending: run `jixiao db migrate`")
    }

    struct MigrationJSON: Encodable {
        var version: Int
        var name: String
        var applied: Bool
        var appliedAt: Date?

        init(_ status: Migrator.Status) {
            self.version = status.version
            self.name = status.name
            self.applied = status.isApplied
            self.appliedAt = status.appliedAt
        }

        enum CodingKeys: String, CodingKey {
            case version, name, applied
            case appliedAt = "applied_at"
        }
    }
}
