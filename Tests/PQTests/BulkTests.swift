import Foundation
import PQ
import Testing

@Suite("COPY, pipeline, LISTEN/NOTIFY")
struct BulkTests {
    @Test("100,000 rows through COPY FROM STDIN, with text-format escaping")
    func copyManyRows() throws {
        let conn = try TestDatabase.connect()
        try conn.execute("CREATE TABLE t (id int, label text, amount numeric(18,6), data bytea)")
        let count = 100_000
        let rows = (0..<count).lazy.map { i -> [(any PQEncodable)?] in
            let label: String? = i % 10 == 0 ? nil : "row \(i)\ttab\nnewline\\back\r绩效"
            return [i, label, PQNumeric("\(i).000001")!, PQBytes([UInt8(i % 256), 0, 0x5C])]
        }
        #expect(try conn.copyFrom("COPY t (id, label, amount, data) FROM STDIN", rows: rows) == count)
        let summary = try conn.query(
            """
            SELECT count(*)::int AS n, count(label)::int AS labels, sum(amount) AS total,
                   (SELECT label FROM t WHERE id = 7) AS seven, (SELECT data FROM t WHERE id = 7) AS bytes
            FROM t
            """
        ).first!
        #expect(try summary.decode(Int.self, "n") == count)
        #expect(try summary.decode(Int.self, "labels") == count - count / 10)
        #expect(try summary.decode(PQNumeric.self, "total").description == "4999950000.100000")
        #expect(try summary.decode(String.self, "seven") == "row 7\ttab\nnewline\\back\r绩效")
        #expect(try summary.decode(PQBytes.self, "bytes").bytes == [7, 0, 0x5C])
    }

    @Test("a COPY the server refuses reports the error and leaves the connection usable")
    func copyError() throws {
        let conn = try TestDatabase.connect()
        try conn.execute("CREATE TABLE t (id int PRIMARY KEY)")
        let rows: [[(any PQEncodable)?]] = [[1], [2], [1]]
        let error = #expect(throws: PQError.self) { try conn.copyFrom("COPY t FROM STDIN", rows: rows) }
        #expect(error?.isUniqueViolation == true)
        #expect(try conn.query("SELECT count(*)::int AS n FROM t").first?.decode(Int.self, "n") == 0)
    }

    @Test("pipeline mode sends a batch and returns every result in order")
    func pipeline() throws {
        let conn = try TestDatabase.connect()
        try conn.execute("CREATE TABLE t (v int)")
        var batch = (1...500).map { PipelineStatement("INSERT INTO t VALUES ($1)", [$0]) }
        batch.append(PipelineStatement("SELECT sum(v)::int AS s FROM t"))
        let results = try conn.pipeline(batch)
        #expect(results.count == 501)
        #expect(results[0].affectedRows == 1)
        #expect(try results[500].first?.decode(Int.self, "s") == 125_250)
    }

    @Test("an error in a pipeline is thrown and the batch's implicit transaction rolls back")
    func pipelineError() throws {
        let conn = try TestDatabase.connect()
        try conn.execute("CREATE TABLE t (v int CHECK (v < 3))")
        let batch = (1...5).map { PipelineStatement("INSERT INTO t VALUES ($1)", [$0]) }
        let error = #expect(throws: PQError.self) { try conn.pipeline(batch) }
        #expect(error?.isCheckViolation == true)
        #expect(try conn.query("SELECT count(*)::int AS n FROM t").first?.decode(Int.self, "n") == 0)
    }

    @Test("NOTIFY arrives through the listener's async sequence")
    func listenNotify() async throws {
        let url = try await TestDatabase.createAsync()
        let listener = try await NotificationListener.start(conninfo: url, channels: ["table_changed", "其他"])
        let sender = try Connection(url)
        try sender.execute("SELECT pg_notify('table_changed', $1)", ["table 42"])
        try sender.execute("SELECT pg_notify('其他', 'second')")
        var received: [PQNotification] = []
        for await note in listener.notifications {
            received.append(note)
            if received.count == 2 { break }
        }
        listener.stop()
        #expect(received.map(\.channel) == ["table_changed", "其他"])
        #expect(received.map(\.payload) == ["table 42", "second"])
        #expect(received.first?.senderPID == sender.backendPID)
    }
}
