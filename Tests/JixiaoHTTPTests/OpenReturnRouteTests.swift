import Foundation
import Hummingbird
import HummingbirdTesting
import JixiaoCore
import Testing

@Suite("HTTP: the table body carries its open return")
struct OpenReturnRouteTests {
    @Test("GET /v1/tables/{id}: open_return after a return (who, when, why, rows), null after the next submit")
    func openReturn() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let created = try await api.createTable(f)
            let id = created.id
            let flagged = created.indicators[2].id
            var response = try await api.send(.post, "/v1/tables/\(id)/submit", token: f.centreDrafterToken)
            #expect(response.status == .ok)
            response = try await api.send(
                .post,
                "/v1/tables/\(id)/return",
                token: f.supervisorToken,
                json: json(["reason": "人数与资金不符", "indicator_ids": [flagged]])
            )
            #expect(response.status == .ok)
            #expect((try response.object["open_return"] as? [String: Any])?["reason"] as? String == "人数与资金不符")

            let shown = try await api.send(.get, "/v1/tables/\(id)", token: f.centreDrafterToken)
            let open = try #require(try shown.object["open_return"] as? [String: Any])
            #expect(open["reason"] as? String == "人数与资金不符")
            #expect(open["indicator_ids"] as? [Int] == [Int(flagged)])
            #expect((open["returned_by"] as? [String: Any])?["login"] as? String == "bureau-supervisor")
            #expect((open["returned_by"] as? [String: Any])?["display_name"] as? String == "bureau-supervisor")
            #expect(Timestamp.parse(try #require(open["returned_at"] as? String)) != nil)
            #expect(try shown.decode(TargetTable.self).openReturn?.indicatorIDs == [flagged])

            // Another unit's drafter gets 404, not the reason.
            #expect(try await api.send(.get, "/v1/tables/\(id)", token: f.otherDrafterToken).status == .notFound)

            response = try await api.send(.post, "/v1/tables/\(id)/submit", token: f.centreDrafterToken)
            #expect(response.status == .ok)
            let after = try await api.send(.get, "/v1/tables/\(id)", token: f.supervisorToken)
            #expect(try after.object.keys.contains("open_return"))
            #expect(try after.object["open_return"] is NSNull)
        }
    }
}
