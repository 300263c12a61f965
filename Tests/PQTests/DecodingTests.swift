import Foundation
import PQ
import Testing

@Suite("Decoding")
struct DecodingTests {
    @Test("every supported type decodes, and NULL decodes as nil")
    func everyTypeAndNull() throws {
        let conn = try TestDatabase.connect()
        let uuid = UUID()
        let result = try conn.query(
            """
            SELECT 42::int AS i, 7::int4 AS i32, 9007199254740993::int8 AS i64, true AS b, 'héllo 绩效' AS s,
                   1.5::float8 AS d, 7547.363101::numeric AS n, $1::uuid AS u, '\\x00ff10'::bytea AS bin,
                   ARRAY['a', 'b c', 'd"e', 'f\\g', '']::text[] AS arr,
                   '2025-03-01 08:09:10.123456+00'::timestamptz AS ts
            UNION ALL
            SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
            """,
            [uuid]
        )
        let row = result[0]
        #expect(try row.decode(Int.self, "i") == 42)
        #expect(try row.decode(Int32.self, "i32") == 7)
        #expect(try row.decode(Int64.self, "i64") == 9_007_199_254_740_993)
        #expect(try row.decode(Bool.self, "b") == true)
        #expect(try row.decode(String.self, "s") == "héllo 绩效")
        #expect(try row.decode(Double.self, "d") == 1.5)
        #expect(try row.decode(PQNumeric.self, "n").description == "7547.363101")
        #expect(try row.decode(UUID.self, "u") == uuid)
        #expect(try row.decode(PQBytes.self, "bin").bytes == [0x00, 0xFF, 0x10])
        #expect(try row.decode([String].self, "arr") == ["a", "b c", "d\"e", "f\\g", ""])
        let date = try row.decode(Date.self, "ts")
        #expect(PQTestSupport.iso(date) == "2025-03-01 08:09:10.123456")

        let nulls = result[1]
        #expect(try nulls.decode(Int?.self, "i") == nil)
        #expect(try nulls.decode(Int32?.self, "i32") == nil)
        #expect(try nulls.decode(Int64?.self, "i64") == nil)
        #expect(try nulls.decode(Bool?.self, "b") == nil)
        #expect(try nulls.decode(String?.self, "s") == nil)
        #expect(try nulls.decode(Double?.self, "d") == nil)
        #expect(try nulls.decode(PQNumeric?.self, "n") == nil)
        #expect(try nulls.decode(UUID?.self, "u") == nil)
        #expect(try nulls.decode(PQBytes?.self, "bin") == nil)
        #expect(try nulls.decode([String]?.self, "arr") == nil)
        #expect(try nulls.decode(Date?.self, "ts") == nil)
        #expect(try nulls.isNull("ts"))
    }

    @Test(
        "NUMERIC round-trips exactly",
        arguments: [
            "7547.363101", "-0.10", "123456789012345678", "-123456789012345678.123456", "0", "0.000001", "15614.226",
        ]
    )
    func numericRoundTrip(text: String) throws {
        let conn = try TestDatabase.connect()
        try conn.execute("CREATE TABLE m (v numeric)")
        let value = try #require(PQNumeric(text))
        #expect(value.description == text)
        try conn.execute("INSERT INTO m VALUES ($1)", [value])
        let back = try conn.query("SELECT v, v::text AS t FROM m").first!
        #expect(try back.decode(PQNumeric.self, "v").description == text)
        #expect(try back.decode(String.self, "t") == text)
    }

    @Test("timestamps keep their microseconds through a round trip")
    func timestampMicroseconds() throws {
        let conn = try TestDatabase.connect()
        let now = try conn.query("WITH c AS (SELECT clock_timestamp() AS t) SELECT t, t::text AS s FROM c").first!
        let date = try now.decode(Date.self, "t")
        let same = try conn.query("SELECT $1::timestamptz = $2::timestamptz AS eq", [date, try now.decode(String.self, "s")]).first!
        #expect(try same.decode(Bool.self, "eq"))
        let other = try conn.query("SELECT '1999-12-31 23:59:59.999999-05:30'::timestamptz AS t").first!
        let back = try conn.query(
            "SELECT $1::timestamptz = '1999-12-31 23:59:59.999999-05:30'::timestamptz AS eq",
            [try other.decode(Date.self, "t")]
        ).first!
        #expect(try back.decode(Bool.self, "eq"))
    }

    @Test("arrays and UUIDs go in as parameters")
    func arrayAndUUIDParameters() throws {
        let conn = try TestDatabase.connect()
        let row = try conn.query("SELECT $1::text[] AS a, array_length($1::text[], 1) AS n", [["x", "y,z", "NULL", "q\"r"]]).first!
        #expect(try row.decode([String].self, "a") == ["x", "y,z", "NULL", "q\"r"])
        #expect(try row.decode(Int.self, "n") == 4)
        let withNull = try conn.query("SELECT ARRAY['a', NULL] AS a").first!
        #expect(try withNull.textArray("a") == ["a", nil])
        #expect(throws: PQError.self) { try withNull.decode([String].self, "a") }
    }

    @Test("decoding errors name the column and its type")
    func decodingErrors() throws {
        let conn = try TestDatabase.connect()
        let row = try conn.query("SELECT 'abc'::text AS label, NULL::int AS missing, 3000000000::int8 AS big").first!
        let wrongType = #expect(throws: PQError.self) { try row.decode(Int.self, "label") }
        #expect(wrongType?.kind == .decoding)
        #expect(wrongType?.message.contains("\"label\"") == true)
        #expect(wrongType?.message.contains("text") == true)
        #expect(wrongType?.column == "label")
        let null = #expect(throws: PQError.self) { try row.decode(Int.self, "missing") }
        #expect(null?.message.contains("NULL") == true)
        let overflow = #expect(throws: PQError.self) { try row.decode(Int32.self, "big") }
        #expect(overflow?.message.contains("out of range") == true)
        let noColumn = #expect(throws: PQError.self) { try row.decode(Int.self, "nope") }
        #expect(noColumn?.kind == .usage)
    }
}

enum PQTestSupport {
    /// `yyyy-MM-dd HH:mm:ss.SSSSSS` in UTC, computed from whole microseconds.
    static func iso(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let seconds = micros / 1_000_000
        let fraction = micros % 1_000_000
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d.%06d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!, Int(fraction))
    }
}
