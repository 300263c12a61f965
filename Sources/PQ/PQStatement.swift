/// A statement with typed binds and a typed row decoder, in the spirit of postgres-nio's
/// `PostgresPreparedStatement`: the SQL text, its parameters and the reading of its rows stay
/// together in one named type instead of a literal and a positional array at the call site.
///
/// ```swift
/// struct UnitName: PQStatement {
///     static let sql = "SELECT name FROM unit WHERE id = $1"
///     var id: Int64
///     var bindings: [(any PQEncodable)?] { [self.id] }
///     func decodeRow(_ row: PQRow) throws -> String { try row.decode(String.self, "name") }
/// }
/// let name = try conn.first(UnitName(id: 7))
/// ```
///
/// A statement with a `preparedName` is prepared once per connection and then executed by
/// name (alone or pipelined); without one it is parsed and planned each time.
public protocol PQStatement: Sendable {
    /// What one result row decodes to; `Void` for a statement whose rows are not read.
    associatedtype Row = Void

    /// The statement's SQL text, with `$1`, `$2` … for `bindings`.
    var sql: String { get }
    /// The prepared statement's name on each connection, or `nil` for an unnamed statement.
    var preparedName: String? { get }
    /// The parameters, in the order of their placeholders.
    var bindings: [(any PQEncodable)?] { get }
    /// Decodes one result row.
    func decodeRow(_ row: PQRow) throws -> Row
}

extension PQStatement {
    /// Unnamed unless the statement says otherwise.
    public var preparedName: String? { nil }

    /// The statement as one entry of a pipelined batch (prepared under its name, if any).
    public var pipelined: PipelineStatement {
        var statement = PipelineStatement(self.sql, self.bindings)
        statement.name = self.preparedName
        return statement
    }

    /// The rows of `result` (this statement's result), decoded.
    public func rows(_ result: QueryResult) throws -> [Row] {
        try result.map(self.decodeRow)
    }

    /// The first row of `result` (this statement's result), decoded, if any.
    public func first(_ result: QueryResult) throws -> Row? {
        try result.first.map(self.decodeRow)
    }
}

extension PQStatement where Row == Void {
    /// Rows of a command are not read.
    public func decodeRow(_ row: PQRow) throws {}
}

extension Connection {
    /// Runs `statement` and decodes all its rows.
    public func rows<S: PQStatement>(_ statement: S) throws -> [S.Row] {
        try statement.rows(self.query(statement.pipelined))
    }

    /// Runs `statement` and decodes its first row, if any.
    public func first<S: PQStatement>(_ statement: S) throws -> S.Row? {
        try statement.first(self.query(statement.pipelined))
    }

    /// Runs `statement`; returns the number of rows it affected.
    @discardableResult
    public func run<S: PQStatement>(_ statement: S) throws -> Int {
        try self.query(statement.pipelined).affectedRows
    }
}
