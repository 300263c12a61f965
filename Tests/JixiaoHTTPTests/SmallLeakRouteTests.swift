import Foundation
import Hummingbird
import HummingbirdTesting
import JixiaoCore
import JixiaoService
import Testing

@testable import JixiaoHTTP

/// The red team's smaller leaks on the HTTP side (issue 15, item 8), replayed as attacks.
@Suite("HTTP: smaller leaks")
struct SmallLeakRouteTests {
    @Test("a key written twice in a body is refused with a 400 naming it; nothing is stored")
    func duplicateKeys() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let table = try await api.createTable(f)
            let indicator = table.indicators[1]
            let uri = "/v1/tables/\(table.id)/indicators/\(indicator.id)"
            for body in [
                #"{"value": "1", "reason": "改", "value": "2"}"#,
                #"{"value": "1", "reason": "改", "\u0076alue": "2"}"#,
            ] {
                let response = try await api.send(
                    .patch,
                    uri,
                    token: f.centreDrafterToken,
                    json: body,
                    headers: [.ifMatch: "\"\(indicator.version)\""]
                )
                #expect(response.status == .badRequest, "\(response.text)")
                let error = try response.error
                #expect(error.code == "duplicate-key")
                #expect(error.details["field"] as? String == "value")
                #expect(error.message.contains("value"))
            }
            // In the first indicator of a new table: the path names it.
            var nested = HTTPFixture.projectTableJSON()
            let first = try #require(nested.range(of: #""level1":""#))
            nested.replaceSubrange(first, with: #""level1":"x","level1":""#)
            let created = try await api.send(.post, "/v1/tables", token: f.centreDrafterToken, json: nested)
            #expect(created.status == .badRequest, "\(created.text)")
            #expect(try created.error.details["field"] as? String == "indicators[0].level1")
            let after = try await api.send(.get, "/v1/tables/\(table.id)", token: f.centreDrafterToken).decode(TargetTable.self)
            #expect(after.indicators == table.indicators)
        }
    }

    @Test("duplicate keys are found at any depth, after unescaping, and only in the same object")
    func duplicateKeyScanner() {
        #expect(JSONDuplicateKeys.first(in: Array(#"{"a": 1, "a": 2}"#.utf8)) == "a")
        #expect(JSONDuplicateKeys.first(in: Array(#"{"x": [{"b": 1}, {"b": 2, "c": {"d": "}", "d": 3}}]}"#.utf8)) == "x[1].c.d")
        #expect(JSONDuplicateKeys.first(in: Array(#"{"a\"b": 1, "a\u0022b": 2}"#.utf8)) == #"a"b"#)
        #expect(JSONDuplicateKeys.first(in: Array(#"{"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}], "s": "\"a\": 1"}"#.utf8)) == nil)
        #expect(JSONDuplicateKeys.first(in: Array(#"["a", "a", {"k": "a"}]"#.utf8)) == nil)
    }

    @Test("an oversized URL gets the JSON error body, not an empty 400")
    func oversizedURL() async throws {
        let f = try await HTTPFixture.make()
        do {
            try await f.app.test(.live) { client in
                let uri = "/v1/tables?unit=" + String(repeating: "a", count: 100_000)
                let response = try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(f.adminToken)"])
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let error = try response.error
                #expect(error.code == "request-too-large", "\(response.text)")
            }
        } catch {
            await f.fixture.close()
            throw error
        }
        await f.fixture.close()
    }
}

/// Issue 15, item 5: the limits on what enters the trail, as documented and as answered.
@Suite("HTTP: input limits")
struct InputLimitRouteTests {
    @Test("the OpenAPI document states InputLimits: maxLength of reasons and indicator texts, maxItems of lists")
    func documented() throws {
        let spec = try OpenAPISpec()
        #expect(try spec.schema("Reason")["maxLength"] as? Int == InputLimits.reason)
        for name in ["IndicatorFields", "IndicatorChange"] {
            let properties = try #require(try spec.schema(name)["properties"] as? [String: [String: Any]])
            for field in IndicatorContent.Field.allCases {
                #expect(properties[field.jsonKey]?["maxLength"] as? Int == InputLimits.maximumLength(of: field), "\(name).\(field.jsonKey)")
            }
        }
        let newTable = try #require(try spec.schema("NewTable")["properties"] as? [String: [String: Any]])
        let indicators = try #require((newTable["indicators"]?["oneOf"] as? [[String: Any]])?.first)
        #expect(indicators["maxItems"] as? Int == InputLimits.indicatorsPerTable)
        let goals = try #require((newTable["goals"]?["oneOf"] as? [[String: Any]])?.first)
        #expect(goals["maxItems"] as? Int == InputLimits.goalsPerTable)
        #expect((goals["items"] as? [String: Any])?["maxLength"] as? Int == InputLimits.text)
        #expect(newTable["title"]?["maxLength"] as? Int == InputLimits.text)
    }

    @Test("an oversized value is 422 too-long; nothing is stored")
    func oversizedValue() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let table = try await api.createTable(f)
            let indicator = table.indicators[1]
            let body = json(["value": String(repeating: "9", count: InputLimits.value + 1), "reason": "改"])
            let response = try await api.send(
                .patch,
                "/v1/tables/\(table.id)/indicators/\(indicator.id)",
                token: f.centreDrafterToken,
                json: body,
                headers: [.ifMatch: "\"\(indicator.version)\""]
            )
            #expect(response.status == .unprocessableContent, "\(response.text)")
            #expect(try response.error.code == "too-long")
            let after = try await api.send(.get, "/v1/tables/\(table.id)", token: f.centreDrafterToken).decode(TargetTable.self)
            #expect(after.indicators == table.indicators)
        }
    }
}
