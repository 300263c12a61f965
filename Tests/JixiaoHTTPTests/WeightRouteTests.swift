import Foundation
import Hummingbird
import HummingbirdTesting
import JixiaoCore
import Testing

@Suite("HTTP: indicator weights (权重)")
struct WeightRouteTests {
    @Test("PATCH a weight as a string: stored, returned, cleared by null; a JSON number or a negative weight is refused")
    func patchWeight() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let created = try await api.createTable(f)
            let target = created.indicators[0]
            let path = "/v1/tables/\(created.id)/indicators/\(target.id)"
            let set = try await api.send(
                .patch,
                path,
                token: f.centreDrafterToken,
                json: json(["weight": "12.5", "reason": "权重"]),
                headers: [.ifMatch: "\"\(target.version)\""]
            )
            #expect(set.status == .ok, "\(set.text)")
            #expect(try set.object["weight"] as? String == "12.5")
            for bad in [#"{"weight": 12.5, "reason": "x"}"#, #"{"weight": "-1", "reason": "x"}"#, #"{"weight": "1.234", "reason": "x"}"#] {
                let refused = try await api.send(
                    .patch,
                    path,
                    token: f.centreDrafterToken,
                    json: bad,
                    headers: [.ifMatch: "\"\(target.version + 1)\""]
                )
                #expect(refused.status == .badRequest || refused.status == .unprocessableContent, "\(bad): \(refused.text)")
            }
            let cleared = try await api.send(
                .patch,
                path,
                token: f.centreDrafterToken,
                json: #"{"weight": null, "reason": "不设权重"}"#,
                headers: [.ifMatch: "\"\(target.version + 1)\""]
            )
            #expect(cleared.status == .ok, "\(cleared.text)")
            #expect(try cleared.object["weight"] is NSNull)
        }
    }
}
