import Foundation
import Hummingbird
import HummingbirdTesting
import JixiaoCore
import Testing

/// The attack of issue 12 over HTTP: `POST /v1/tables/{id}/adjust` with `{"reason": ""}` was
/// accepted and audited with a blank reason.
@Suite("HTTP: blank reasons are refused on every route that changes content or reopens a table")
struct BlankReasonRouteTests {
    @Test("adjust and return with a blank reason: 422 reason-required, the table unchanged")
    func workflow() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let created = try await api.createTable(f)
            for (action, token) in [("submit", f.centreDrafterToken), ("approve", f.supervisorToken), ("approve", f.financeToken)] {
                let response = try await api.send(.post, "/v1/tables/\(created.id)/\(action)", token: token)
                try #require(response.status == .ok, "\(action): \(response.text)")
            }
            for body in [json(["reason": ""]), json(["reason": "\u{3000}"]), nil] {
                let adjust = try await api.send(.post, "/v1/tables/\(created.id)/adjust", token: f.centreDrafterToken, json: body)
                #expect(adjust.status == .unprocessableContent, "\(body ?? "no body"): \(adjust.text)")
                #expect(try adjust.error.code == "reason-required")
            }
            let table = try await api.send(.get, "/v1/tables/\(created.id)", token: f.auditorToken).decode(TargetTable.self)
            #expect(table.status == .approved)
            #expect(table.revision == 1)
        }
    }

    @Test("an indicator PATCH with a full-width-space reason: 422, nothing changed")
    func indicator() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let created = try await api.createTable(f)
            let target = created.indicators[0]
            let path = "/v1/tables/\(created.id)/indicators/\(target.id)"
            let headers: HTTPFields = [.ifMatch: "\"\(target.version)\""]
            let patch = try await api.send(
                .patch,
                path,
                token: f.centreDrafterToken,
                json: json(["value": "1", "reason": "\u{3000}"]),
                headers: headers
            )
            #expect(patch.status == .unprocessableContent, "\(patch.text)")
            #expect(try patch.error.code == "reason-required")
            let after = try await api.send(.get, "/v1/tables/\(created.id)", token: f.centreDrafterToken).decode(TargetTable.self)
            #expect(after == created)
        }
    }
}
