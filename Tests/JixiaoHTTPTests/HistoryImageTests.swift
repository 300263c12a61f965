import Foundation
import Hummingbird
import HummingbirdTesting
import JixiaoCore
import Testing

/// History publishes typed row images with the API's field names, not the stored columns.
@Suite("HTTP: history row images in the API's shape")
struct HistoryImageTests {
    @Test("indicator images have the indicator's keys, table images the table's (without indicators), workflow events their own")
    func imagesUseTheAPIsKeys() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let table = try await api.createTable(f)
            let target = table.indicators[1]
            try #require(try await api.patchIndicator(f, target, of: table, ["unit": "名", "reason": "量词"]).status == .ok)
            let submitted = try await api.send(.post, "/v1/tables/\(table.id)/submit", token: f.centreDrafterToken, json: "{}")
            try #require(submitted.status == .ok, "\(submitted.text)")

            let shown = try await api.send(.get, "/v1/tables/\(table.id)", token: f.centreDrafterToken).object
            let indicatorKeys = Set(try #require((shown["indicators"] as? [[String: Any]])?.first).keys)
            // `open_return` is the table's review state, read beside the row, not a column of it.
            let tableKeys = Set(shown.keys).subtracting(["indicators", "open_return"])
            let history = try await api.send(.get, "/v1/tables/\(table.id)/history", token: f.centreDrafterToken)
            let entries = try #require(try history.object["entries"] as? [[String: Any]])

            for entry in entries {
                let images = [entry["old_values"], entry["new_values"]].compactMap { $0 as? [String: Any] }
                #expect(!images.isEmpty, "\(entry)")
                for image in images {
                    switch entry["entity"] as? String {
                    case "indicator": #expect(Set(image.keys) == indicatorKeys, "\(image.keys.sorted())")
                    case "table": #expect(Set(image.keys) == tableKeys, "\(image.keys.sorted())")
                    case "workflow":
                        #expect(
                            Set(image.keys) == ["id", "user_id", "action", "from_status", "to_status", "revision", "reason", "indicator_ids", "at"]
                        )
                        #expect(image["action"] as? String == "submit")
                        #expect((image["at"] as? String)?.hasSuffix("Z") == true)
                    default: Issue.record("unknown entity in \(entry)")
                    }
                }
            }
            let unitChange = try #require(entries.first { $0["indicator_id"] as? Int == Int(target.id) && $0["op"] as? String == "update" })
            #expect(unitChange["changed_fields"] as? [String] == ["unit"])
            #expect((unitChange["old_values"] as? [String: Any])?["unit"] as? String == target.unitOfMeasure)
            #expect((unitChange["new_values"] as? [String: Any])?["unit"] as? String == "名")
            let statusChange = try #require(entries.first { $0["entity"] as? String == "table" && $0["op"] as? String == "update" })
            // `submitted_by` is a column the API does not show.
            #expect(statusChange["changed_fields"] as? [String] == ["status"])
            #expect((statusChange["new_values"] as? [String: Any])?["status"] as? String == "submitted")
        }
    }
}

extension API {
    /// `PATCH`es `fields` into `indicator` of `table` as the centre's drafter, at the
    /// indicator's version.
    func patchIndicator(_ fixture: HTTPFixture, _ indicator: Indicator, of table: TargetTable, _ fields: [String: Any]) async throws -> TestResponse {
        try await self.send(
            .patch,
            "/v1/tables/\(table.id)/indicators/\(indicator.id)",
            token: fixture.centreDrafterToken,
            json: json(fields),
            headers: [.ifMatch: "\"\(indicator.version)\""]
        )
    }
}
