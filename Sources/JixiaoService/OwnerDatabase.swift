import JixiaoCore
import PQ

/// The database as its schema's owner sees it: direct connections (not the pool), for the
/// upkeep only the owner may do — migrations, their status, maintenance. The front ends name
/// the database by URL; the driver stays inside the service.
public struct OwnerDatabase: Sendable {
    /// URL or conninfo of a login that owns the schema.
    public var url: String

    public init(url: String) {
        self.url = url
    }

    /// Runs `body` on a new direct connection; driver errors come out as `DatabaseError`.
    func connect<T>(_ body: (Connection) throws -> T) throws -> T {
        do {
            return try body(try Connection(self.url, applicationName: Database.applicationName))
        } catch let error as PQError {
            throw DatabaseError(error)
        }
    }
}

/// What the server (or the way to it) said when owner work failed, in the words a person
/// reads: the front ends report it without knowing the driver.
public struct DatabaseError: Error, Sendable, CustomStringConvertible {
    /// The server's or the driver's message.
    public var message: String
    /// The SQLSTATE, when the server answered.
    public var sqlState: String?
    public var detail: String?
    public var hint: String?
    /// The database could not be reached, or the connection broke.
    public var isUnreachable: Bool
    /// The login lacks a privilege the work needs (not the schema's owner).
    public var isInsufficientPrivilege: Bool

    init(_ error: PQError) {
        self.message = error.message
        self.sqlState = error.sqlState
        self.detail = error.detail
        self.hint = error.hint
        self.isUnreachable = error.kind == .connection || error.isConnectionLost
        self.isInsufficientPrivilege = error.isInsufficientPrivilege
    }

    public var description: String { self.message }
}

extension Migrator {
    /// Applies what is pending as the owner and returns the versions it applied.
    @discardableResult
    public func migrate(_ owner: OwnerDatabase) throws -> [Int] {
        try owner.connect { try self.migrate($0) }
    }

    /// Applied and pending migrations.
    public func status(_ owner: OwnerDatabase) throws -> [Status] {
        try owner.connect { try self.status($0) }
    }
}

extension OwnerDatabase {
    /// Sets the password the application role `jixiao_app` logs in with (the login of `jixiao
    /// serve`). Only the verifier goes to the server (`Connection.passwordVerifier`); the
    /// owner needs the right to alter that role (a superuser, or CREATEROLE with admin option).
    public func setApplicationPassword(_ password: String) throws {
        if let problem = ApplicationPassword.problem(password) { throw ServiceError.invalid(problem) }
        try self.connect { conn in
            let verifier = try conn.passwordVerifier(password, role: Database.applicationRole)
            // The statement writes the verifier into its text: refuse (not trap) anything else.
            guard Statements.SetApplicationPassword.isVerifier(verifier) else {
                throw ServiceError(.internal, .databaseError, "libpq returned no SCRAM or md5 password verifier; the password was not set")
            }
            try conn.run(Statements.SetApplicationPassword(verifier: verifier))
        }
    }
}

extension Maintenance {
    /// Clusters the audit trail as the owner (see `clusterAudit(_:)` on a connection).
    public static func clusterAudit(_ owner: OwnerDatabase) throws -> Report {
        try owner.connect { try self.clusterAudit($0) }
    }
}
