import Foundation
import Hummingbird
import HummingbirdTesting
import JixiaoCore
import Testing

@Suite("HTTP: indicators")
struct IndicatorRouteTests {
    @Test("POST /v1/tables/{id}/indicators adds at a position: 201 with the ETag; 422 without a reason")
    func add() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let table = try await api.createTable(f)
            let fields: [String: Any] = ["level1": "产出指标", "level2": "时效指标", "level3": "发放及时率", "comparator": "≥", "value": "95", "unit": "%"]
            let noReason = try await api.send(.post, "/v1/tables/\(table.id)/indicators", token: f.centreDrafterToken, json: json(fields))
            #expect(noReason.status == .unprocessableContent)
            let error = try noReason.error
            #expect(error.code == "reason-required")
            #expect(error.details["field"] as? String == "reason")
            #expect(error.message.contains("reason"))

            var body = fields
            body["reason"] = "补充时效指标"
            body["position"] = 2
            let response = try await api.send(.post, "/v1/tables/\(table.id)/indicators", token: f.centreDrafterToken, json: json(body))
            #expect(response.status == .created, "\(response.text)")
            let indicator = try response.decode(Indicator.self)
            #expect(indicator.position == 2)
            #expect(indicator.level3 == "发放及时率")
            #expect(indicator.comparator == .gte)
            #expect(response.etag == "\"\(indicator.version)\"")
            let numeric = try response.object["numeric_value"] as? String
            #expect(numeric == "95")

            let reread = try await api.send(.get, "/v1/tables/\(table.id)", token: f.centreDrafterToken).decode(TargetTable.self)
            #expect(reread.indicators.map(\.level3) == ["奖补资金", "发放及时率", "奖补人数", "就业带动", "受益群众满意度"])
        }
    }

    @Test("PATCH …/indicators/{iid}: 412 without If-Match, success with a new ETag, 409 stale with the current indicator")
    func change() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let table = try await api.createTable(f)
            let target = table.indicators[1]
            let uri = "/v1/tables/\(table.id)/indicators/\(target.id)"
            let body = json(["value": "150", "reason": "按实际人数修改"])

            let missing = try await api.send(.patch, uri, token: f.centreDrafterToken, json: body)
            #expect(missing.status == .preconditionFailed)

            let done = try await api.send(.patch, uri, token: f.centreDrafterToken, json: body, headers: [.ifMatch: "\"\(target.version)\""])
            #expect(done.status == .ok, "\(done.text)")
            let changed = try done.decode(Indicator.self)
            #expect(changed.value == "150")
            #expect(changed.version == target.version + 1)
            #expect(done.etag == "\"\(changed.version)\"")

            let stale = try await api.send(
                .patch,
                uri,
                token: f.centreDrafterToken,
                json: json(["value": "160", "reason": "再改"]),
                headers: [.ifMatch: "\"\(target.version)\""]
            )
            #expect(stale.status == .conflict)
            let error = try stale.error
            #expect(error.code == "version-conflict")
            let current = try #require(error.details["current"] as? [String: Any])
            #expect(current["value"] as? String == "150")
            #expect(current["version"] as? Int == changed.version)
            #expect(stale.etag == "\"\(changed.version)\"")

            // A weak ETag never matches (strong comparison), though it names the current version.
            let weak = try await api.send(
                .patch,
                uri,
                token: f.centreDrafterToken,
                json: "{\"comparator\": null, \"reason\": \"无类型\"}",
                headers: [.ifMatch: "W/\"\(changed.version)\""]
            )
            #expect(weak.status == .preconditionFailed, "\(weak.text)")
            #expect(try weak.error.code == "if-match-weak")
            // Comparator null clears it.
            let cleared = try await api.send(
                .patch,
                uri,
                token: f.centreDrafterToken,
                json: "{\"comparator\": null, \"reason\": \"无类型\"}",
                headers: [.ifMatch: "\"\(changed.version)\""]
            )
            #expect(cleared.status == .ok, "\(cleared.text)")
            #expect(try cleared.decode(Indicator.self).comparator == nil)

            let malformed = try await api.send(.patch, uri, token: f.centreDrafterToken, json: body, headers: [.ifMatch: "*"])
            #expect(malformed.status == .badRequest)
            #expect(try malformed.error.details["field"] as? String == "If-Match")

            let nothing = try await api.send(
                .patch,
                uri,
                token: f.centreDrafterToken,
                json: json(["reason": "空"]),
                headers: [.ifMatch: "\"\(changed.version + 1)\""]
            )
            #expect(nothing.status == .unprocessableContent)
        }
    }

    @Test("DELETE …/indicators/{iid}: 412 without If-Match, 422 without a reason, 204 and gone")
    func remove() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let table = try await api.createTable(f)
            let target = table.indicators[2]
            let uri = "/v1/tables/\(table.id)/indicators/\(target.id)"
            let missing = try await api.send(.delete, uri, token: f.centreDrafterToken, json: json(["reason": "删除"]))
            #expect(missing.status == .preconditionFailed)
            let noReason = try await api.send(.delete, uri, token: f.centreDrafterToken, headers: [.ifMatch: "\"\(target.version)\""])
            #expect(noReason.status == .unprocessableContent)
            #expect(try noReason.error.code == "reason-required")
            let emptyReason = try await api.send(
                .delete,
                uri,
                token: f.centreDrafterToken,
                json: json(["reason": "  "]),
                headers: [.ifMatch: "\"\(target.version)\""]
            )
            #expect(emptyReason.status == .unprocessableContent)
            let done = try await api.send(
                .delete,
                uri,
                token: f.centreDrafterToken,
                json: json(["reason": "重复指标"]),
                headers: [.ifMatch: "\"\(target.version)\""]
            )
            #expect(done.status == .noContent, "\(done.text)")
            #expect(done.body.readableBytes == 0)
            let reread = try await api.send(.get, "/v1/tables/\(table.id)", token: f.centreDrafterToken).decode(TargetTable.self)
            #expect(!reread.indicators.contains { $0.id == target.id })
            #expect(reread.indicators.map(\.position) == [1, 2, 3])
            let again = try await api.send(
                .delete,
                uri,
                token: f.centreDrafterToken,
                json: json(["reason": "再删"]),
                headers: [.ifMatch: "\"\(target.version)\""]
            )
            #expect(again.status == .notFound)
        }
    }

    @Test("POST …/indicators/{iid}/move reorders; the ETag is the moved indicator's version")
    func move() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let table = try await api.createTable(f)
            let target = table.indicators[3]
            let uri = "/v1/tables/\(table.id)/indicators/\(target.id)/move"
            let missing = try await api.send(.post, uri, token: f.centreDrafterToken, json: json(["position": 1, "reason": "排序"]))
            #expect(missing.status == .preconditionFailed)
            let response = try await api.send(
                .post,
                uri,
                token: f.centreDrafterToken,
                json: json(["position": 1, "reason": "满意度置前"]),
                headers: [.ifMatch: "\"\(target.version)\""]
            )
            #expect(response.status == .ok, "\(response.text)")
            let indicators = try response.decode(MovedBody.self).indicators
            #expect(indicators.map(\.level3) == ["受益群众满意度", "奖补资金", "奖补人数", "就业带动"])
            let moved = try #require(indicators.first { $0.id == target.id })
            #expect(response.etag == "\"\(moved.version)\"")
            let outside = try await api.send(
                .post,
                uri,
                token: f.centreDrafterToken,
                json: json(["position": 9, "reason": "越界"]),
                headers: [.ifMatch: "\"\(moved.version)\""]
            )
            #expect(outside.status == .unprocessableContent)
        }
    }
}

struct MovedBody: Decodable {
    var indicators: [Indicator]
}
