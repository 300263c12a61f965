import ArgumentParser
import Foundation
import JixiaoService

/// Options every command takes: where the database is, who acts, and the output format.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .customLong("database-url"),
        help: ArgumentHelp(
            "PostgreSQL URL or conninfo (else JIXIAO_DATABASE_URL, else the private local cluster of Deploy/).",
            valueName: "url"
        )
    )
    var databaseURL: String?

    @Option(
        name: .customLong("as"),
        help: ArgumentHelp("The acting user, recorded in the audit trail (else JIXIAO_AS).", valueName: "login")
    )
    var login: String?

    @Flag(name: .customLong("json"), help: "Print JSON for scripts (the HTTP API's field names).")
    var json = false

    /// The default URL of the private local cluster (`Deploy/local-postgres.sh url`).
    static let localClusterURL = "postgres://postgres@127.0.0.1:54329/jixiao"

    /// `--database-url`, else `JIXIAO_DATABASE_URL`, else what `Deploy/local-postgres.sh url`
    /// prints when run from a checkout (with its password file as `PGPASSFILE`, unless one is
    /// set), else the local cluster's default URL.
    func resolvedURL() -> String {
        if let url = self.databaseURL, !url.isEmpty { return url }
        if let url = ProcessInfo.processInfo.environment["JIXIAO_DATABASE_URL"], !url.isEmpty { return url }
        let script = FileManager.default.currentDirectoryPath + "/Deploy/local-postgres.sh"
        if FileManager.default.isExecutableFile(atPath: script),
            let output = Subprocess.output(of: script, ["url"])
        {
            let url = output.trimmingCharacters(in: .whitespacesAndNewlines)
            if !url.isEmpty, !url.contains("\n") {
                if ProcessInfo.processInfo.environment["PGPASSFILE"] == nil,
                    let passfile = Subprocess.output(of: script, ["passfile"])?.trimmingCharacters(in: .whitespacesAndNewlines),
                    FileManager.default.fileExists(atPath: passfile)
                {
                    // Before any connection exists: libpq reads it when it connects.
                    setenv("PGPASSFILE", passfile, 1)
                }
                return url
            }
        }
        return Self.localClusterURL
    }

    /// The role the service works as after connecting: `JIXIAO_DB_ROLE` (empty: none, when the
    /// URL already logs in as the application role), else `jixiao_app`.
    func databaseRole() -> String? {
        guard let role = ProcessInfo.processInfo.environment["JIXIAO_DB_ROLE"] else { return Database.applicationRole }
        return role.isEmpty ? nil : role
    }

    /// `--as`, else `JIXIAO_AS`; a usage error when neither names a user.
    func actingLogin() throws -> String {
        if let login = self.login, !login.isEmpty { return login }
        if let login = ProcessInfo.processInfo.environment["JIXIAO_AS"], !login.isEmpty { return login }
        throw CLIError.usage("name the acting user with --as LOGIN (or set JIXIAO_AS)")
    }
}
