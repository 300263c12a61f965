import Foundation
import Hummingbird
import HummingbirdTesting
import JixiaoCore
import Testing

@Suite("HTTP: the table list for triage")
struct TriageListRouteTests {
    @Test("GET /v1/tables: name, submitted_by/at, counts; waiting_for_me=true keeps the caller's queue")
    func list() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let draft = try await api.createTable(f)
            let submitted = try await api.createTable(f)
            #expect(try await api.send(.post, "/v1/tables/\(submitted.id)/submit", token: f.centreDrafterToken).status == .ok)

            let all = try await api.send(.get, "/v1/tables", token: f.supervisorToken)
            let rows = try #require(try all.object["tables"] as? [[String: Any]])
            #expect(rows.count == 2)
            let row = try #require(rows.first { $0["id"] as? Int == Int(submitted.id) })
            #expect(row["name"] as? String == ProjectTableFixture.projectName)
            #expect((row["submitted_by"] as? [String: Any])?["login"] as? String == "centre-drafter")
            #expect(row["submitted_at"] is String)
            let findings = try await api.send(.get, "/v1/tables/\(submitted.id)/findings", token: f.supervisorToken)
            let listed = try #require(try findings.object["findings"] as? [[String: Any]])
            #expect(row["error_count"] as? Int == listed.filter { $0["severity"] as? String == "error" }.count)
            #expect(row["warning_count"] as? Int == listed.filter { $0["severity"] as? String == "warning" }.count)
            let draftRow = try #require(rows.first { $0["id"] as? Int == Int(draft.id) })
            #expect(draftRow["submitted_by"] is NSNull)

            let waiting = try await api.send(.get, "/v1/tables?waiting_for_me=true", token: f.supervisorToken)
            #expect((try waiting.object["tables"] as? [[String: Any]])?.map { $0["id"] as? Int } == [Int(submitted.id)])
            let drafter = try await api.send(.get, "/v1/tables?waiting_for_me=true", token: f.centreDrafterToken)
            #expect((try drafter.object["tables"] as? [[String: Any]])?.map { $0["id"] as? Int } == [Int(draft.id)])
            // attack: another unit's drafter, and a malformed flag
            let other = try await api.send(.get, "/v1/tables?waiting_for_me=true", token: f.otherDrafterToken)
            #expect((try other.object["tables"] as? [[String: Any]])?.isEmpty == true)
            let bad = try await api.send(.get, "/v1/tables?waiting_for_me=yes", token: f.supervisorToken)
            #expect(bad.status == .badRequest)
        }
    }
}
