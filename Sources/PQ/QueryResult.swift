import CLibPQ
import Glibc

/// The result of one statement. Owns its `PGresult` (cleared in deinit); rows are read
/// through `PQRow` values that keep the result alive. A result is read-only once created, so
/// libpq allows reading it from any thread (hence Sendable).
///
/// ```swift
/// for row in try conn.query("SELECT id, name FROM unit WHERE code = $1", [code]) {
///     let id = try row.decode(Int64.self, "id")
/// }
/// ```
public final class QueryResult: Sequence, @unchecked Sendable {
    let handle: OpaquePointer
    /// Number of rows.
    public let count: Int
    /// Number of columns.
    public let columnCount: Int

    init(handle: OpaquePointer) {
        self.handle = handle
        self.count = Int(PQntuples(handle))
        self.columnCount = Int(PQnfields(handle))
    }

    /// Column names in order.
    public var columns: [String] { (0..<self.columnCount).map(self.columnName(at:)) }

    /// The name of column `index` (COPY results count columns but have no names).
    public func columnName(at index: Int) -> String {
        PQfname(self.handle, Int32(index)).map { String(cString: $0) } ?? "?column?"
    }

    deinit { PQclear(self.handle) }

    /// Rows affected by INSERT/UPDATE/DELETE/COPY (`PQcmdTuples`), 0 otherwise.
    public var affectedRows: Int {
        Int(String(cString: PQcmdTuples(self.handle))) ?? 0
    }

    /// The command tag, e.g. `INSERT 0 1`.
    public var commandTag: String { String(cString: PQcmdStatus(self.handle)) }

    /// Row `index` (0-based).
    public subscript(index: Int) -> PQRow { PQRow(result: self, index: index) }

    /// The first row, if any.
    public var first: PQRow? { self.count > 0 ? self[0] : nil }

    public func makeIterator() -> AnyIterator<PQRow> {
        var index = 0
        return AnyIterator {
            guard index < self.count else { return nil }
            defer { index += 1 }
            return PQRow(result: self, index: index)
        }
    }

    /// The index of column `name`, or a usage error naming the columns that exist.
    public func columnIndex(_ name: String) throws -> Int {
        // Compare C strings in place: no String per column on the hot path.
        let found = name.withCString { wanted -> Int? in
            for index in 0..<self.columnCount {
                if let actual = PQfname(self.handle, Int32(index)), strcmp(actual, wanted) == 0 { return index }
            }
            return nil
        }
        guard let index = found else {
            throw PQError.usage("no column \"\(name)\" in the result (columns: \(self.columns.joined(separator: ", ")))")
        }
        return index
    }

    func field(row: Int, column: Int) throws -> PQField {
        guard column >= 0, column < self.columnCount else {
            throw PQError.usage("column index \(column) out of range (result has \(self.columnCount) columns)")
        }
        guard row >= 0, row < self.count else {
            throw PQError.usage("row index \(row) out of range (result has \(self.count) rows)")
        }
        let bytes: UnsafeBufferPointer<UInt8>?
        if PQgetisnull(self.handle, Int32(row), Int32(column)) != 0 {
            bytes = nil
        } else {
            let length = Int(PQgetlength(self.handle, Int32(row), Int32(column)))
            let pointer = UnsafeRawPointer(PQgetvalue(self.handle, Int32(row), Int32(column))!)
            bytes = UnsafeBufferPointer(start: pointer.assumingMemoryBound(to: UInt8.self), count: length)
        }
        return PQField(bytes: bytes, typeOID: UInt32(PQftype(self.handle, Int32(column))), result: self, column: column)
    }
}

/// One row of a `QueryResult`.
public struct PQRow: Sendable {
    public let result: QueryResult
    public let index: Int

    /// Decodes column `column` (0-based) as `T`; NULL decodes only into an Optional.
    public func decode<T: PQDecodable>(_ type: T.Type = T.self, at column: Int) throws -> T {
        let field = try self.result.field(row: self.index, column: column)
        guard let bytes = field.bytes else { return try T.decodeNull(field) }
        return try withExtendedLifetime(self.result) { try T.decode(field, bytes: bytes) }
    }

    /// Decodes the column named `name` as `T`.
    public func decode<T: PQDecodable>(_ type: T.Type = T.self, _ name: String) throws -> T {
        try self.decode(type, at: try self.result.columnIndex(name))
    }

    /// A one-dimensional array column with NULL elements kept; `nil` when the column is NULL.
    public func textArray(_ name: String) throws -> [String?]? {
        let field = try self.result.field(row: self.index, column: try self.result.columnIndex(name))
        guard let bytes = field.bytes else { return nil }
        guard let elements = PQText.parseArray(bytes) else { throw field.mismatch([String?].self) }
        return elements
    }

    /// Whether the column named `name` is NULL.
    public func isNull(_ name: String) throws -> Bool {
        let column = try self.result.columnIndex(name)
        return PQgetisnull(self.result.handle, Int32(self.index), Int32(column)) != 0
    }
}
