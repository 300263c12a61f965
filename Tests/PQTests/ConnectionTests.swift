import Foundation
import PQ
import Testing

@Suite("Connection")
struct ConnectionTests {
    @Test("connects by URL and reports status and server version")
    func connectByURL() throws {
        let conn = try Connection(try TestDatabase.serverURL)
        #expect(conn.isOK)
        #expect(conn.serverVersion >= 150000)
        #expect(conn.backendPID > 0)
        let value = try conn.query("SELECT 1 + 1 AS two").first?.decode(Int.self, "two")
        #expect(value == 2)
    }

    @Test("connects by key/value conninfo")
    func connectByConninfo() throws {
        let url = URLComponents(string: try TestDatabase.serverURL)!
        let conn = try Connection("host=\(url.host!) port=\(url.port!) user=\(url.user!) dbname=postgres")
        #expect(try conn.query("SELECT current_user AS u").first?.decode(String.self, "u") == url.user)
    }

    @Test("a refused connection is a connection error")
    func refusedConnection() throws {
        let error = #expect(throws: PQError.self) {
            _ = try Connection("postgres://nobody@127.0.0.1:1/none", connectTimeout: 2)
        }
        #expect(error?.kind == .connection)
        #expect(error?.isConnectionLost == true)
    }

    @Test("parameters travel apart from the SQL: quotes and binary with NUL bytes survive")
    func parametersAreNotSpliced() throws {
        let conn = try TestDatabase.connect()
        try conn.execute("CREATE TABLE t (name text, data bytea)")
        let name = "O'Brien\"; DROP TABLE t; --"
        let bytes: [UInt8] = [0, 1, 0x27, 0x5C, 0xFF, 0, 0x0A]
        try conn.execute("INSERT INTO t VALUES ($1, $2)", [name, PQBytes(bytes)])
        let row = try #require(try conn.query("SELECT name, data, length(data) AS n FROM t").first)
        #expect(try row.decode(String.self, "name") == name)
        #expect(try row.decode(PQBytes.self, "data").bytes == bytes)
        #expect(try row.decode(Int.self, "n") == bytes.count)
    }

    @Test("integer parameters keep sign and range, NULLs stay NULL")
    func integerParameters() throws {
        let conn = try TestDatabase.connect()
        let row = try conn.query(
            "SELECT $1::int8 AS a, $2::int8 AS b, $3::int4 AS c, $4::int8 AS d, $5::text AS e, $6::text IS NULL AS f",
            [Int.min, Int64(-7), Int32.max, 0, "", String?.none]
        ).first!
        #expect(try row.decode(Int.self, "a") == Int.min)
        #expect(try row.decode(Int64.self, "b") == -7)
        #expect(try row.decode(Int32.self, "c") == Int32.max)
        #expect(try row.decode(Int.self, "d") == 0)
        #expect(try row.decode(String.self, "e") == "")
        #expect(try row.decode(Bool.self, "f"))
    }

    @Test("a text parameter with a NUL character is refused, not silently cut")
    func nulInTextIsRefused() throws {
        let conn = try TestDatabase.connect()
        let error = #expect(throws: PQError.self) { try conn.query("SELECT $1::text AS t", ["ab\u{0}cd"]) }
        #expect(error?.sqlState == "22021")
        #expect(error?.message.contains("$1") == true)
        // Binary parameters carry NUL bytes fine, and the connection is still usable.
        #expect(try conn.query("SELECT length($1::bytea) AS n", [PQBytes([0, 0, 1])]).first?.decode(Int.self, "n") == 3)
    }

    @Test("prepared statements run repeatedly with new parameters")
    func preparedStatements() throws {
        let conn = try TestDatabase.connect()
        try conn.prepare("double", "SELECT $1::int * 2 AS v")
        try conn.prepare("double", "SELECT $1::int * 2 AS v")  // idempotent
        #expect(conn.isPrepared("double"))
        for value in [1, 20, -7] {
            #expect(try conn.queryPrepared("double", [value]).first?.decode(Int.self, "v") == value * 2)
        }
        let error = #expect(throws: PQError.self) { try conn.queryPrepared("missing", []) }
        #expect(error?.sqlState == "26000")
    }

    @Test("affected rows and command tags")
    func affectedRows() throws {
        let conn = try TestDatabase.connect()
        try conn.execute("CREATE TABLE t (v int)")
        #expect(try conn.execute("INSERT INTO t SELECT generate_series(1, 5)") == 5)
        #expect(try conn.execute("UPDATE t SET v = v + 1 WHERE v > 2") == 3)
        #expect(try conn.query("DELETE FROM t").commandTag == "DELETE 5")
    }
}
