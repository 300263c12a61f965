import Foundation
import Hummingbird
import HummingbirdTesting
import JixiaoCore
import Testing

@Suite("HTTP: history and audit")
struct HistoryRouteTests {
    @Test("history of a table, of an indicator, and by actor and time range; audit verify")
    func history() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let start = Date().addingTimeInterval(-60).formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
            let table = try await api.createTable(f)
            let target = table.indicators[1]
            let changed = try await api.patchIndicator(f, target, of: table, ["value": "150", "reason": "按实际人数"])
            try #require(changed.status == .ok)

            let tableHistory = try await api.send(.get, "/v1/tables/\(table.id)/history", token: f.centreDrafterToken)
            #expect(tableHistory.status == .ok)
            let tableEntries = try #require(try tableHistory.object["entries"] as? [[String: Any]])
            #expect(tableEntries.count >= 5)
            #expect(tableEntries.allSatisfy { $0["table_id"] as? Int == Int(table.id) })

            let indicatorHistory = try await api.send(.get, "/v1/indicators/\(target.id)/history", token: f.centreDrafterToken)
            #expect(indicatorHistory.status == .ok)
            let indicatorEntries = try #require(try indicatorHistory.object["entries"] as? [[String: Any]])
            #expect(indicatorEntries.count == 2)
            #expect(indicatorEntries.first?["reason"] as? String == "按实际人数")
            #expect(indicatorEntries.first?["op"] as? String == "update")
            #expect((indicatorEntries.first?["changed_at"] as? String)?.contains("T") == true)

            let byActor = try await api.send(.get, "/v1/history?actor=centre-drafter&since=\(start)", token: f.auditorToken)
            #expect(byActor.status == .ok)
            let actorEntries = try #require(try byActor.object["entries"] as? [[String: Any]])
            #expect(!actorEntries.isEmpty)
            #expect(actorEntries.allSatisfy { $0["actor"] as? String == "centre-drafter" })
            let limited = try await api.send(.get, "/v1/history?limit=1", token: f.auditorToken)
            #expect(try (limited.object["entries"] as? [[String: Any]])?.count == 1)
            let future = try await api.send(.get, "/v1/history?since=2999-01-01T00:00:00Z", token: f.auditorToken)
            #expect(try (future.object["entries"] as? [[String: Any]])?.isEmpty == true)
            let before = try await api.send(.get, "/v1/history?until=\(start)", token: f.auditorToken)
            #expect(try (before.object["entries"] as? [[String: Any]])?.isEmpty == true)

            let badSince = try await api.send(.get, "/v1/history?since=yesterday", token: f.auditorToken)
            #expect(badSince.status == .badRequest)
            #expect(try badSince.error.details["field"] as? String == "since")
            let badLimit = try await api.send(.get, "/v1/history?limit=0", token: f.auditorToken)
            #expect(badLimit.status == .badRequest)
            #expect(try badLimit.error.details["field"] as? String == "limit")

            let verify = try await api.send(.get, "/v1/audit/verify", token: f.auditorToken)
            #expect(verify.status == .ok)
            #expect(try verify.object["intact"] as? Bool == true)
            #expect(try (verify.object["problems"] as? [Any])?.isEmpty == true)
            let verifyOne = try await api.send(.get, "/v1/audit/verify?table=\(table.id)", token: f.auditorToken)
            #expect(try verifyOne.object["intact"] as? Bool == true)
            let badTable = try await api.send(.get, "/v1/audit/verify?table=x", token: f.auditorToken)
            #expect(badTable.status == .badRequest)
        }
    }
}
