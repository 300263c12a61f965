import Foundation
import Hummingbird
import HummingbirdTesting
import JixiaoCore
import JixiaoService
import Testing

@testable import JixiaoHTTP

@Suite("HTTP: error statuses")
struct ErrorStatusTests {
    @Test("400: malformed JSON, wrong field types, missing fields, bad query and path parameters, NUL in strings")
    func badRequest() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let token = f.centreDrafterToken
            let malformed = try await api.send(.post, "/v1/tables", token: token, json: "{\"title\": ")
            #expect(malformed.status == .badRequest)
            #expect(try malformed.error.code == "bad-request")

            let notObject = try await api.send(.post, "/v1/tables", token: token, json: "[1, 2]")
            #expect(notObject.status == .badRequest)

            var fields = try JSONSerialization.jsonObject(with: Data(HTTPFixture.projectTableJSON().utf8)) as! [String: Any]
            fields["fiscal_year"] = "2025"
            let wrongType = try await api.send(.post, "/v1/tables", token: token, json: json(fields))
            #expect(wrongType.status == .badRequest)
            #expect(try wrongType.error.details["field"] as? String == "fiscal_year")

            fields["fiscal_year"] = 2025
            fields["title"] = nil
            let missingField = try await api.send(.post, "/v1/tables", token: token, json: json(fields))
            #expect(missingField.status == .badRequest)
            #expect(try missingField.error.details["field"] as? String == "title")
            #expect(try missingField.error.message.contains("title"))

            fields["title"] = "t"
            var header = fields["header"] as! [String: Any]
            header["funds_total"] = 140
            fields["header"] = header
            let numberAmount = try await api.send(.post, "/v1/tables", token: token, json: json(fields))
            #expect(numberAmount.status == .badRequest)
            #expect(try numberAmount.error.details["field"] as? String == "header.funds_total")

            header["funds_total"] = "140"
            fields["header"] = header
            fields["indicators"] = [["level1": "产出指标", "level2": "数量指标", "level3": "x", "comparator": "maybe", "value": "1"]]
            let badComparator = try await api.send(.post, "/v1/tables", token: token, json: json(fields))
            #expect(badComparator.status == .badRequest)
            #expect(try badComparator.error.details["field"] as? String == "indicators[0].comparator")

            let nul = try await api.send(
                .post,
                "/v1/tables",
                token: token,
                json: HTTPFixture.projectTableJSON().replacingOccurrences(of: "2024年奖补资金项目", with: "2024\\u0000项目")
            )
            #expect(nul.status == .badRequest)
            #expect(try nul.error.message.contains("U+0000"))

            for (query, field) in [("year=abc", "year"), ("status=done", "status"), ("kind=x", "kind")] {
                let response = try await api.send(.get, "/v1/tables?\(query)", token: token)
                #expect(response.status == .badRequest, "\(query)")
                #expect(try response.error.details["field"] as? String == field)
            }
            let badAsOf = try await api.send(.get, "/v1/tables/1?as_of=noon", token: token)
            #expect(badAsOf.status == .badRequest)
            #expect(try badAsOf.error.details["field"] as? String == "as_of")
            let badID = try await api.send(.get, "/v1/tables/abc", token: token)
            #expect(badID.status == .badRequest)
            #expect(try badID.error.details["field"] as? String == "id")
        }
    }

    @Test("413: a body over the configured limit, declared or not")
    func tooLarge() async throws {
        let f = try await HTTPFixture.make(configuration: JixiaoHTTPConfiguration(maxBodySize: 1024))
        try await f.test { api in
            let big = json(["title": String(repeating: "绩", count: 1000), "reason": "x"])
            let response = try await api.send(.patch, "/v1/tables/1", token: f.centreDrafterToken, json: big, headers: [.ifMatch: "\"1\""])
            #expect(response.status == .contentTooLarge)
            let error = try response.error
            #expect(error.code == "body-too-large")
            #expect(error.details["limit_bytes"] as? Int == 1024)
            // Small bodies still pass the limit.
            let small = try await api.send(.post, "/v1/tables/1/submit", token: f.centreDrafterToken, json: "{}")
            #expect(small.status == .notFound)
        }
        let defaults = try await HTTPFixture.make()
        try await defaults.test { api in
            let big = "{\"reason\": \"" + String(repeating: "x", count: 1 << 20) + "\"}"
            let response = try await api.send(.post, "/v1/tables", token: defaults.centreDrafterToken, json: big)
            #expect(response.status == .contentTooLarge)
            #expect(try response.error.details["limit_bytes"] as? Int == 1 << 20)
        }
    }

    @Test("415: a JSON route given another content type, or a body without one")
    func unsupportedMediaType() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let response = try await api.send(
                .post,
                "/v1/tables",
                token: f.centreDrafterToken,
                json: HTTPFixture.projectTableJSON(),
                headers: [.contentType: "text/plain"]
            )
            #expect(response.status == .unsupportedMediaType)
            #expect(try response.error.code == "unsupported-media-type")
            let form = try await api.send(
                .post,
                "/v1/tables/1/submit",
                token: f.centreDrafterToken,
                json: "reason=x",
                headers: [.contentType: "application/x-www-form-urlencoded"]
            )
            #expect(form.status == .unsupportedMediaType)
            let charset = try await api.send(
                .post,
                "/v1/tables",
                token: f.centreDrafterToken,
                json: HTTPFixture.projectTableJSON(),
                headers: [.contentType: "application/json; charset=utf-8"]
            )
            #expect(charset.status == .created)
        }
    }

    @Test("422: validation by the service, with a clear message")
    func unprocessable() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            var fields = try JSONSerialization.jsonObject(with: Data(HTTPFixture.projectTableJSON().utf8)) as! [String: Any]
            fields["fiscal_year"] = 1999
            let response = try await api.send(.post, "/v1/tables", token: f.centreDrafterToken, json: json(fields))
            #expect(response.status == .unprocessableContent)
            #expect(try response.error.message.contains("1999"))
            fields["fiscal_year"] = 2025
            fields["title"] = "   "
            let blank = try await api.send(.post, "/v1/tables", token: f.centreDrafterToken, json: json(fields))
            #expect(blank.status == .unprocessableContent)
        }
    }

    @Test("404 for an unknown route, 405 with Allow for a known path and another method")
    func routing() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let unknown = try await api.send(.get, "/v2/tables", token: f.centreDrafterToken)
            #expect(unknown.status == .notFound)
            #expect(try unknown.error.code == "no-route")
            let method = try await api.send(.put, "/v1/tables/7", token: f.centreDrafterToken, json: "{}")
            #expect(method.status == .methodNotAllowed)
            #expect(method.headers[.allow] == "GET, PATCH")
            #expect(try method.error.details["allowed_methods"] as? [String] == ["GET", "PATCH"])
        }
    }

    @Test("503 while the database is unreachable; the server stays up and answers what needs no database")
    func databaseUnavailable() async throws {
        let service = JixiaoService(
            database: Database(
                .init(
                    url: "postgres://postgres@127.0.0.1:1/postgres",
                    poolSize: 2,
                    acquireTimeout: .seconds(2)
                )
            )
        )
        let app = buildApplication(service: service, logger: quietLogger)
        try await app.test(.router) { client in
            let api = API(client: client)
            let me = try await api.send(.get, "/v1/me", token: "jx_whatever")
            #expect(me.status == .serviceUnavailable)
            #expect(try me.error.code == "database-unavailable")
            #expect(me.headers[.retryAfter] == "1")
            #expect(!me.text.localizedCaseInsensitiveContains("select"))
            let health = try await api.send(.get, "/healthz")
            #expect(health.status == .serviceUnavailable)
            #expect(try await api.send(.get, "/livez").status == .ok)
            #expect(try await api.send(.get, "/openapi.yaml").status == .ok)
            let metrics = try await api.send(.get, "/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.text.contains("jixiao_http_requests_total{method=\"GET\",route=\"/v1/me\",status=\"503\"} 1"))
            #expect(try await api.send(.get, "/v1/me", token: "jx_whatever").status == .serviceUnavailable)
        }
        await service.database.close()
    }

    @Test("ServiceError kinds map to statuses in one place; 500 carries no internals")
    func mapping() throws {
        let cases: [(ServiceError.Kind, HTTPResponse.Status)] = [
            (.invalid, .unprocessableContent), (.refused, .conflict), (.unauthenticated, .unauthorized), (.forbidden, .forbidden),
            (.notFound, .notFound), (.conflict, .conflict), (.unavailable, .serviceUnavailable), (.internal, .internalServerError),
        ]
        for (kind, status) in cases {
            #expect(APIError(ServiceError(kind, .invalid, "m")).status == status, "\(kind)")
        }
        let refusedWithFindings = ServiceError(
            .refused,
            .hasErrors,
            "m",
            findings: [Finding(code: .missingGoal, severity: .error, message: "no goal")]
        )
        #expect(APIError(refusedWithFindings).status == .unprocessableContent)

        var internalError = ServiceError(.internal, .databaseError, "the database reported an unexpected error (SQLSTATE XX000)")
        internalError.underlying = "ERROR: relation \"target_table\" ... SELECT * FROM target_table"
        let response = APIError(internalError).response()
        #expect(response.status == .internalServerError)
        let text = String(decoding: try JSONCoding.encoder().encode(APIError(internalError).body), as: UTF8.self)
        #expect(!text.contains("SELECT"))
        #expect(!text.contains("target_table"))
        #expect(text.contains("\"code\":\"database-error\""))
    }
}
