import Foundation
import PQ
import Testing

@Suite("Pipelined transactions")
struct PipelinedTransactionTests {
    @Test("BEGIN with the opening batch, COMMIT with the closing one; named statements are prepared once")
    func commits() throws {
        let url = try TestDatabase.create()
        let conn = try Connection(url)
        try conn.execute("CREATE TABLE t (id int PRIMARY KEY, v int)")
        try conn.execute("INSERT INTO t VALUES (1, 10)")
        for round in 1...2 {
            var seen: [Int] = []
            let results = try conn.pipelinedTransaction(
                opening: [
                    PipelineStatement(prepared: "read_t", "SELECT v FROM t WHERE id = $1 FOR UPDATE", [1]),
                    PipelineStatement("SELECT txid_current() AS x"),
                ]
            ) { opening in
                #expect(opening.count == 2)
                seen = try opening[0].map { try $0.decode(Int.self, "v") }
                return [PipelineStatement(prepared: "bump_t", "UPDATE t SET v = v + $2 WHERE id = $1 RETURNING v", [1, 5])]
            }
            #expect(seen == [5 + round * 5])
            #expect(results.count == 1)
            #expect(try results[0].first?.decode(Int.self, "v") == 10 + round * 5)
            #expect(conn.isPrepared("read_t") && conn.isPrepared("bump_t"))
            #expect(!conn.inTransaction)
        }
        // Committed: another session sees it.
        let other = try Connection(url)
        #expect(try other.query("SELECT v FROM t WHERE id = 1").first?.decode(Int.self, "v") == 20)
    }

    @Test("a throwing decision rolls back what the opening batch did")
    func decisionThrows() throws {
        struct Refused: Error {}
        let conn = try TestDatabase.connect()
        try conn.execute("CREATE TABLE t (v int)")
        #expect(throws: Refused.self) {
            try conn.pipelinedTransaction(opening: [PipelineStatement("INSERT INTO t VALUES (1)")]) { _ in throw Refused() }
        }
        #expect(!conn.inTransaction)
        #expect(try conn.query("SELECT count(*)::int AS n FROM t").first?.decode(Int.self, "n") == 0)
    }

    @Test("an error in either batch is thrown, nothing stays, and the connection goes on working")
    func errors() throws {
        let conn = try TestDatabase.connect()
        try conn.execute("CREATE TABLE t (v int CHECK (v < 3))")
        var decided = false
        let opening = #expect(throws: PQError.self) {
            try conn.pipelinedTransaction(opening: [
                PipelineStatement("INSERT INTO t VALUES (1)"),
                PipelineStatement("INSERT INTO t VALUES (7)"),
                PipelineStatement("INSERT INTO t VALUES (2)"),
            ]) { _ in
                decided = true
                return []
            }
        }
        #expect(opening?.isCheckViolation == true)
        #expect(!decided)
        let closing = #expect(throws: PQError.self) {
            try conn.pipelinedTransaction(opening: [PipelineStatement("INSERT INTO t VALUES (1)")]) { _ in
                [PipelineStatement("INSERT INTO t VALUES (2)"), PipelineStatement("INSERT INTO t VALUES (9)")]
            }
        }
        #expect(closing?.isCheckViolation == true)
        #expect(!conn.inTransaction)
        #expect(try conn.query("SELECT count(*)::int AS n FROM t").first?.decode(Int.self, "n") == 0)
        // A statement whose preparation fails is not remembered as prepared.
        #expect(throws: PQError.self) {
            try conn.pipelinedTransaction(opening: [PipelineStatement(prepared: "broken", "SELEC 1")]) { _ in [] }
        }
        #expect(!conn.isPrepared("broken"))
        #expect(try conn.query("SELECT 1 AS one").first?.decode(Int.self, "one") == 1)
        #expect(try conn.pipeline([PipelineStatement("SELECT 2 AS two")]).first?.first?.decode(Int.self, "two") == 2)
    }

    @Test("a serialization failure reruns the whole transaction")
    func retries() throws {
        let conn = try TestDatabase.connect()
        try conn.executeScript(
            """
            CREATE TABLE t (v int);
            CREATE SEQUENCE attempts;
            CREATE FUNCTION flaky() RETURNS int LANGUAGE plpgsql AS $$
            BEGIN
                -- Sequences are not transactional: the first call fails, later ones pass.
                IF nextval('attempts') = 1 THEN RAISE EXCEPTION 'try again' USING ERRCODE = '40001'; END IF;
                RETURN 1;
            END $$;
            """
        )
        var decisions = 0
        let results = try conn.pipelinedTransaction(maxAttempts: 5, opening: [PipelineStatement("INSERT INTO t VALUES (0)")]) { _ in
            decisions += 1
            return [PipelineStatement("INSERT INTO t SELECT flaky() RETURNING v")]
        }
        #expect(decisions == 2)
        #expect(try results[0].first?.decode(Int.self, "v") == 1)
        #expect(try conn.query("SELECT count(*)::int AS n FROM t").first?.decode(Int.self, "n") == 2)
    }

    @Test("a connection lost after COMMIT was sent is marked outcome-unknown; lost before, it is not")
    func commitOutcomeUnknown() throws {
        let url = try TestDatabase.create()
        let admin = try Connection(url)
        for closingPhase in [false, true] {
            let conn = try Connection(url)
            let pid = conn.backendPID
            // Another session ends this backend while it sleeps in the chosen batch.
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) {
                _ = try? Connection(url).execute("SELECT pg_terminate_backend($1::int)", [pid])
            }
            let sleep = PipelineStatement("SELECT pg_sleep(3)")
            let error = #expect(throws: PQError.self) {
                try conn.pipelinedTransaction(opening: closingPhase ? [] : [sleep]) { _ in closingPhase ? [sleep] : [] }
            }
            #expect(error?.isConnectionLost == true)
            #expect(error?.commitOutcomeUnknown == closingPhase)
        }
        #expect(try admin.query("SELECT 1 AS one").first?.decode(Int.self, "one") == 1)
    }

    @Test("not inside another transaction")
    func notNested() throws {
        let conn = try TestDatabase.connect()
        let error = #expect(throws: PQError.self) {
            try conn.withTransaction { conn in
                try conn.pipelinedTransaction(opening: []) { _ in [] }
            }
        }
        #expect(error?.kind == .usage)
    }
}

@Suite("Pipelines with their own transaction block")
struct PipelineBlockTests {
    @Test("a failed batch with its own BEGIN leaves no aborted transaction behind")
    func failedBlockRollsBack() throws {
        let conn = try TestDatabase.connect()
        try conn.execute("CREATE TABLE t (v int CHECK (v < 3))")
        #expect(throws: PQError.self) {
            try conn.pipeline([
                PipelineStatement("BEGIN"), PipelineStatement("INSERT INTO t VALUES (1)"),
                PipelineStatement("INSERT INTO t VALUES (5)"), PipelineStatement("COMMIT"),
            ])
        }
        // Not "current transaction is aborted": the block was rolled back.
        #expect(try conn.query("SELECT count(*)::int AS n FROM t").first?.decode(Int.self, "n") == 0)
    }
}
