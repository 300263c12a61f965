import Foundation
import PQ
import Testing

/// Instances of `jixiao serve` are stateless: versions live in the database, so a stale write is
/// detected whichever instance it reaches (issue 7: several instances behind one address).
@Suite("jixiao serve: two instances, one database", .timeLimit(.minutes(1)))
struct TwoInstancesTests {
    @Test("read through A, change through B, the stale write through A is 409 with the current indicator; one audit row")
    func conflictAcrossInstances() throws {
        let world = try CLIWorld.withPeople()
        defer { world.drop() }
        let drafter = try world.token("kang")
        let created = try world.createProjectTable(as: "kang")

        let a = try ServerProcess.start(databaseURL: world.url, poolSize: 2)
        defer { a.stop() }
        let b = try ServerProcess.start(databaseURL: world.url, poolSize: 2)
        defer { b.stop() }
        #expect(a.port != b.port)

        let database = try Connection(world.url)
        func auditRows(_ indicatorID: Int) throws -> Int {
            try database.query(
                "SELECT count(*)::int AS n FROM audit_log WHERE entity = 'indicator' AND op = 'update' AND indicator_id = $1",
                [Int64(indicatorID)]
            ).first?.decode(Int.self, "n") ?? -1
        }

        // Read through A: the indicator's version is its ETag.
        let shown = try RawHTTP.request(port: a.port, "GET", "/v1/tables/\(created.id)", token: drafter)
        #expect(shown.status == 200, "\(shown)")
        let indicator = try #require((try shown.object()["indicators"] as? [[String: Any]])?[1])
        let id = try #require(indicator["id"] as? Int)
        let version = try #require(indicator["version"] as? Int)
        let etag = "\"\(version)\""
        let path = "/v1/tables/\(created.id)/indicators/\(id)"
        let before = try auditRows(id)
        #expect(before == 0)

        // Change it through B with that ETag.
        let changed = try RawHTTP.request(
            port: b.port,
            "PATCH",
            path,
            token: drafter,
            headers: ["If-Match": etag],
            body: #"{"value": "150", "reason": "经由实例B修改"}"#
        )
        #expect(changed.status == 200, "\(changed)")
        #expect(changed.etag == "\"\(version + 1)\"")

        // The same stale ETag through A: 409 with the current representation.
        let stale = try RawHTTP.request(
            port: a.port,
            "PATCH",
            path,
            token: drafter,
            headers: ["If-Match": etag],
            body: #"{"value": "160", "reason": "经由实例A修改"}"#
        )
        #expect(stale.status == 409, "\(stale)")
        #expect(stale.errorCode == "version-conflict")
        let current = try #require(((try stale.object()["error"] as? [String: Any])?["details"] as? [String: Any])?["current"] as? [String: Any])
        #expect(current["value"] as? String == "150")
        #expect(current["version"] as? Int == version + 1)
        #expect(stale.etag == "\"\(version + 1)\"")

        // Both instances now show B's change; exactly one audit row records it, with B's reason.
        for port in [a.port, b.port] {
            let table = try RawHTTP.request(port: port, "GET", "/v1/tables/\(created.id)", token: drafter).object()
            #expect((table["indicators"] as? [[String: Any]])?[1]["value"] as? String == "150")
        }
        #expect(try auditRows(id) == before + 1)
        let reasons = try database.query("SELECT reason FROM audit_log WHERE indicator_id = $1 AND op = 'update'", [Int64(id)])
            .map { try $0.decode(String.self, "reason") }
        #expect(reasons == ["经由实例B修改"])
    }
}
