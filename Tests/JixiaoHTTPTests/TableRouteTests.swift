import Foundation
import Hummingbird
import HummingbirdTesting
import JixiaoCore
import Testing

@Suite("HTTP: tables")
struct TableRouteTests {
    @Test("GET /v1/me returns the caller")
    func me() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let response = try await api.send(.get, "/v1/me", token: f.centreDrafterToken)
            #expect(response.status == .ok)
            let user = try response.decode(User.self)
            #expect(user.login == "centre-drafter")
            #expect(user.roles == [.drafter])
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
        }
    }

    @Test("POST /v1/tables creates a draft: 201, Location, ETag, amounts as strings")
    func create() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let response = try await api.send(.post, "/v1/tables", token: f.centreDrafterToken, json: HTTPFixture.projectTableJSON())
            #expect(response.status == .created)
            let table = try response.decode(TargetTable.self)
            #expect(table.status == .draft)
            #expect(table.indicators.count == 4)
            #expect(response.headers[.location] == "/v1/tables/\(table.id)")
            #expect(response.etag == "\"\(table.version)\"")
            let header = try #require(try response.object["header"] as? [String: Any])
            #expect(header["funds_total"] as? String == "140")
        }
    }

    @Test("GET /v1/tables lists readable tables and filters by year, unit, status and kind")
    func list() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let table = try await api.createTable(f)
            func ids(_ query: String, token: String) async throws -> [Int64] {
                let response = try await api.send(.get, "/v1/tables\(query)", token: token)
                try #require(response.status == .ok, "\(query): \(response.text)")
                return try response.decode(ListBody.self).tables.map(\.id)
            }
            #expect(try await ids("", token: f.centreDrafterToken) == [table.id])
            #expect(try await ids("?year=2025&unit=301002&status=draft&kind=project", token: f.centreDrafterToken) == [table.id])
            #expect(try await ids("?year=2024", token: f.centreDrafterToken) == [])
            #expect(try await ids("?status=approved", token: f.centreDrafterToken) == [])
            #expect(try await ids("?kind=department", token: f.centreDrafterToken) == [])
            #expect(try await ids("", token: f.otherDrafterToken) == [])
            #expect(try await ids("", token: f.supervisorToken) == [table.id])
        }
    }

    @Test("GET /v1/tables/{id} returns the table with its ETag; ?revision= and ?as_of= show the past")
    func show() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let table = try await api.createTable(f)
            let response = try await api.send(.get, "/v1/tables/\(table.id)", token: f.centreDrafterToken)
            #expect(response.status == .ok)
            #expect(response.etag == "\"\(table.version)\"")
            #expect(try response.decode(TargetTable.self) == table)

            try await Task.sleep(for: .milliseconds(50))
            let before = Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
            try await Task.sleep(for: .milliseconds(50))
            let indicator = table.indicators[1]
            let changed = try await api.send(
                .patch,
                "/v1/tables/\(table.id)/indicators/\(indicator.id)",
                token: f.centreDrafterToken,
                json: json(["value": "150", "reason": "按实际人数"]),
                headers: [.ifMatch: "\"\(indicator.version)\""]
            )
            try #require(changed.status == .ok, "\(changed.text)")

            let past = try await api.send(.get, "/v1/tables/\(table.id)?as_of=\(before)", token: f.auditorToken)
            #expect(past.status == .ok, "\(past.text)")
            #expect(try past.decode(TargetTable.self).indicators[1].value == "140")
            #expect(past.etag == nil)
            let revision = try await api.send(.get, "/v1/tables/\(table.id)?revision=1", token: f.auditorToken)
            #expect(revision.status == .ok)
            #expect(try revision.decode(TargetTable.self).indicators[1].value == "150")
            let missing = try await api.send(.get, "/v1/tables/\(table.id)?revision=2", token: f.auditorToken)
            #expect(missing.status == .notFound)
            let both = try await api.send(.get, "/v1/tables/\(table.id)?revision=1&as_of=2025-01-01T00:00:00Z", token: f.auditorToken)
            #expect(both.status == .badRequest)
        }
    }

    @Test("PATCH /v1/tables/{id}: 412 without If-Match, 409 with the current table when stale, new ETag on success")
    func patchHeader() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let table = try await api.createTable(f)
            let body = json(["title": "2024年奖补资金项目支出绩效目标表（修订）", "reason": "标题更正"])
            let missing = try await api.send(.patch, "/v1/tables/\(table.id)", token: f.centreDrafterToken, json: body)
            #expect(missing.status == .preconditionFailed)
            #expect(try missing.error.code == "if-match-required")

            let done = try await api.send(
                .patch,
                "/v1/tables/\(table.id)",
                token: f.centreDrafterToken,
                json: body,
                headers: [.ifMatch: "\"\(table.version)\""]
            )
            #expect(done.status == .ok, "\(done.text)")
            let updated = try done.decode(TargetTable.self)
            #expect(updated.title == "2024年奖补资金项目支出绩效目标表（修订）")
            #expect(updated.version > table.version)
            #expect(done.etag == "\"\(updated.version)\"")

            let stale = try await api.send(
                .patch,
                "/v1/tables/\(table.id)",
                token: f.centreDrafterToken,
                json: json(["goals": ["1. 新目标"], "reason": "x"]),
                headers: [.ifMatch: "\"\(table.version)\""]
            )
            #expect(stale.status == .conflict)
            let error = try stale.error
            #expect(error.code == "version-conflict")
            let current = try #require(error.details["current"] as? [String: Any])
            #expect(current["version"] as? Int == updated.version)
            #expect(current["title"] as? String == updated.title)
            #expect(stale.etag == "\"\(updated.version)\"")

            let noReason = try await api.send(
                .patch,
                "/v1/tables/\(table.id)",
                token: f.centreDrafterToken,
                json: json(["title": "x"]),
                headers: [.ifMatch: "\"\(updated.version)\""]
            )
            #expect(noReason.status == .unprocessableContent)
            #expect(try noReason.error.code == "reason-required")
        }
    }

    @Test("GET /v1/tables/{id}/findings lists the findings")
    func findings() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let table = try await api.createTable(f, json: HTTPFixture.projectTableJSON(goals: []))
            let response = try await api.send(.get, "/v1/tables/\(table.id)/findings", token: f.centreDrafterToken)
            #expect(response.status == .ok)
            let findings = try response.decode(FindingsBody.self).findings
            #expect(findings.contains { $0.code == .missingGoal && $0.severity == .error })
        }
    }
}

struct ListBody: Decodable {
    struct Summary: Decodable {
        var id: Int64
        var status: TableStatus
    }

    var tables: [Summary]
}

struct FindingsBody: Decodable {
    var findings: [Finding]
}
