import Foundation
import Hummingbird
import HummingbirdTesting
import JixiaoCore
import Testing

@Suite("HTTP: 指标解释 (explanation)")
struct ExplanationRouteTests {
    @Test("PATCH explanation: stored and returned; GET of the table shows it; a number is refused")
    func patchExplanation() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let created = try await api.createTable(f)
            let target = created.indicators[0]
            #expect(target.explanation == "")
            let path = "/v1/tables/\(created.id)/indicators/\(target.id)"
            let set = try await api.send(
                .patch,
                path,
                token: f.centreDrafterToken,
                json: json(["explanation": "按花名册统计", "reason": "解释"]),
                headers: [.ifMatch: "\"\(target.version)\""]
            )
            #expect(set.status == .ok, "\(set.text)")
            #expect(try set.object["explanation"] as? String == "按花名册统计")
            let refused = try await api.send(
                .patch,
                path,
                token: f.centreDrafterToken,
                json: #"{"explanation": 5, "reason": "x"}"#,
                headers: [.ifMatch: "\"\(target.version + 1)\""]
            )
            #expect(refused.status == .badRequest, "\(refused.text)")
            let table = try await api.send(.get, "/v1/tables/\(created.id)", token: f.auditorToken).decode(TargetTable.self)
            #expect(table.indicators[0].explanation == "按花名册统计")
        }
    }
}
