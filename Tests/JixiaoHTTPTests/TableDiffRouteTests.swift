import Foundation
import Hummingbird
import HummingbirdTesting
import JixiaoCore
import JixiaoService
import Testing

@Suite("HTTP: GET /v1/tables/{id}/diff")
struct TableDiffRouteTests {
    @Test("default since the last submission; from/to by name or revision; API field names; 400 and 404")
    func diff() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let created = try await api.createTable(f)
            let id = created.id
            let target = created.indicators[1]
            // Never submitted: no submission to compare with.
            let none = try await api.send(.get, "/v1/tables/\(id)/diff", token: f.centreDrafterToken)
            #expect(none.status == .notFound, "\(none.text)")

            #expect(try await api.send(.post, "/v1/tables/\(id)/submit", token: f.centreDrafterToken).status == .ok)
            let returned = try await api.send(.post, "/v1/tables/\(id)/return", token: f.supervisorToken, json: json(["reason": "人数与资金不符"]))
            #expect(returned.status == .ok)
            let fixed = try await api.send(
                .patch,
                "/v1/tables/\(id)/indicators/\(target.id)",
                token: f.centreDrafterToken,
                json: json(["value": "150", "unit": "名", "reason": "按意见修改"]),
                headers: [.ifMatch: "\"\(target.version)\""]
            )
            #expect(fixed.status == .ok, "\(fixed.text)")

            let diff = try await api.send(.get, "/v1/tables/\(id)/diff", token: f.supervisorToken)
            #expect(diff.status == .ok, "\(diff.text)")
            let body = try diff.object
            #expect((body["from"] as? [String: Any])?["point"] as? String == "submission")
            #expect((body["to"] as? [String: Any])?["point"] as? String == "current")
            let rows = try #require(body["indicators"] as? [[String: Any]])
            #expect(rows.count == 1)
            #expect(rows.first?["indicator_id"] as? Int == Int(target.id))
            let fields = try #require(rows.first?["fields"] as? [[String: Any]])
            #expect(fields.map { $0["field"] as? String } == ["value", "unit"], "API names, not unit_of_measure")
            #expect(fields.first?["new"] as? String == "150")
            #expect(try diff.decode(TableDiff.self).indicators.first?.change == .changed)

            let between = try await api.send(.get, "/v1/tables/\(id)/diff?from=1&to=current", token: f.auditorToken)
            #expect(between.status == .ok)
            #expect((try between.object["indicators"] as? [Any])?.isEmpty == true, "revision 1 ends now")

            // attacks: another unit's drafter, bad points, a revision that does not exist
            #expect(try await api.send(.get, "/v1/tables/\(id)/diff", token: f.otherDrafterToken).status == .notFound)
            for bad in ["from=latest", "to=0", "from=1.5", "to=%2B1"] {
                let response = try await api.send(.get, "/v1/tables/\(id)/diff?\(bad)", token: f.supervisorToken)
                #expect(response.status == .badRequest, "\(bad): \(response.status)")
            }
            #expect(try await api.send(.get, "/v1/tables/\(id)/diff?from=approved", token: f.supervisorToken).status == .notFound)
            #expect(try await api.send(.get, "/v1/tables/\(id)/diff?to=7", token: f.supervisorToken).status == .notFound)
        }
    }
}

@Suite("HTTP: GET /v1/tables/{id}/changes")
struct TableChangesRouteTests {
    @Test("one row per change and per workflow step, names and people; 404 for another unit; 400 for a bad limit")
    func changes() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let created = try await api.createTable(f)
            let target = created.indicators[1]
            #expect(try await api.send(.post, "/v1/tables/\(created.id)/submit", token: f.centreDrafterToken).status == .ok)
            let returned = try await api.send(
                .post,
                "/v1/tables/\(created.id)/return",
                token: f.supervisorToken,
                json: json(["reason": "人数与资金不符", "indicator_ids": [target.id]])
            )
            #expect(returned.status == .ok)
            let fixed = try await api.send(
                .patch,
                "/v1/tables/\(created.id)/indicators/\(target.id)",
                token: f.centreDrafterToken,
                json: json(["value": "150", "reason": "按意见修改"]),
                headers: [.ifMatch: "\"\(target.version)\""]
            )
            #expect(fixed.status == .ok)

            let response = try await api.send(.get, "/v1/tables/\(created.id)/changes", token: f.auditorToken)
            #expect(response.status == .ok, "\(response.text)")
            let changes = try #require(try response.object["changes"] as? [[String: Any]])
            let workflow = changes.filter { $0["entity"] as? String == "workflow" }
            #expect(workflow.map { $0["action"] as? String } == ["return", "submit"])
            #expect(workflow.first?["from_status"] as? String == "submitted" && workflow.first?["to_status"] as? String == "returned")
            #expect(!changes.contains { $0["entity"] as? String == "table" && $0["action"] as? String == "update" }, "folded into the steps")
            let edit = try #require(changes.first { $0["entity"] as? String == "indicator" && $0["action"] as? String == "update" })
            #expect(edit["indicator_name"] as? String == target.fields.level3)
            #expect(edit["actor"] as? String == "centre-drafter")
            let fields = try #require(edit["changes"] as? [[String: Any]])
            #expect(fields.map { $0["field"] as? String } == ["value"] && fields.first?["new"] as? String == "150")

            // attacks: another unit's drafter; a limit out of range
            #expect(try await api.send(.get, "/v1/tables/\(created.id)/changes", token: f.otherDrafterToken).status == .notFound)
            #expect(try await api.send(.get, "/v1/tables/\(created.id)/changes?limit=0", token: f.auditorToken).status == .badRequest)
        }
    }
}
