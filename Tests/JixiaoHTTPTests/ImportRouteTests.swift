import Foundation
import Hummingbird
import HummingbirdTesting
import JixiaoCore
import JixiaoService
import Testing

@testable import JixiaoHTTP

@Suite("HTTP: import and export")
struct ImportRouteTests {
    /// The seed document (the copy shipped with the deployment samples).
    static let seedPath = ProjectPath.seed

    static func seed() throws -> String {
        try ProjectPath.seedText()
    }

    static let textPlain: HTTPFields = [.contentType: "text/plain; charset=utf-8"]
    static let textCSV: HTTPFields = [.contentType: "text/csv; charset=utf-8"]

    /// The number of audit entries, tables and units the admin sees: a fingerprint of "nothing was written".
    static func footprint(_ api: API, _ f: HTTPFixture) async throws -> (entries: Int, tables: Int, units: Int) {
        let history = try await api.send(.get, "/v1/history?limit=100000", token: f.adminToken)
        try #require(history.status == .ok, "\(history.text)")
        let tables = try await api.send(.get, "/v1/tables", token: f.adminToken)
        let admin = try await f.service.authenticate(token: f.adminToken)
        let units = try await f.service.listUnits(admin)
        return ((try history.object["entries"] as? [Any])?.count ?? -1, (try tables.object["tables"] as? [Any])?.count ?? -1, units.count)
    }

    @Test("POST /v1/import?dry_run=true answers exactly the SeedReport JSON and writes nothing")
    func dryRun() async throws {
        let f = try await HTTPFixture.make()
        let text = try Self.seed()
        try await f.test { api in
            let before = try await Self.footprint(api, f)
            let response = try await api.send(
                .post,
                "/v1/import?create_units=true&dry_run=true",
                token: f.adminToken,
                json: text,
                headers: Self.textPlain
            )
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let expected = try JSONSerialization.jsonObject(with: Data(try SeedParser.parse(text).report.json().utf8)) as? NSDictionary
            let answered = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? NSDictionary
            #expect(answered != nil)
            #expect(answered == expected)
            #expect((try response.object["tables"] as? [Any])?.count == 13)
            #expect(try response.object["changed"] == nil, "a dry run answers the report, not the import result")

            let after = try await Self.footprint(api, f)
            #expect(after.entries == before.entries)
            #expect(after.tables == 0)
            #expect(after.units == before.units, "create_units in a dry run creates no unit")

            // A drafter may dry-run too (it only reads): the first table, whose unit exists.
            let drafter = try await api.send(
                .post,
                "/v1/import?dry_run=true",
                token: f.bureauDrafterToken,
                json: Self.firstTable(text),
                headers: Self.textPlain
            )
            #expect(drafter.status == .ok, "\(drafter.text)")
            #expect((try drafter.object["tables"] as? [Any])?.count == 1)
            #expect(try await Self.footprint(api, f).entries == before.entries)
        }
    }

    @Test("POST /v1/import of the seed: 201 creating 13 tables and the missing units; again 200 with changed=false")
    func importTwice() async throws {
        let f = try await HTTPFixture.make()
        let text = try Self.seed()
        try await f.test { api in
            let first = try await api.send(.post, "/v1/import?create_units=true", token: f.adminToken, json: text, headers: Self.textPlain)
            #expect(first.status == .created, "\(first.text)")
            let firstBody = try first.object
            #expect(firstBody["changed"] as? Bool == true)
            let tables = try #require(firstBody["tables"] as? [[String: Any]])
            #expect(tables.count == 13)
            #expect(tables.allSatisfy { $0["action"] as? String == "created" && $0["id"] is Int })
            let head = try #require(tables.first)
            #expect(head["line"] as? Int == 3)
            #expect(head["indicators"] as? Int == 32)
            #expect(head["findings"] is [Any])
            let units = try #require(firstBody["created_units"] as? [String])
            #expect(units.contains("和政县劳务工作办公室"))
            #expect(units.contains("和政县社保中心"))
            #expect(!units.contains("和政县人力资源和社会保障局"), "existing units are not created again")

            let second = try await api.send(
                .post,
                "/v1/import?create_units=true&dry_run=false",
                token: f.adminToken,
                json: text,
                headers: Self.textPlain
            )
            #expect(second.status == .ok, "\(second.text)")
            let secondBody = try second.object
            #expect(secondBody["changed"] as? Bool == false)
            #expect((secondBody["created_units"] as? [Any])?.isEmpty == true)
            let again = try #require(secondBody["tables"] as? [[String: Any]])
            #expect(again.allSatisfy { $0["action"] as? String == "unchanged" })
            #expect(again.map { $0["id"] as? Int } == tables.map { $0["id"] as? Int })

            let list = try await api.send(.get, "/v1/tables", token: f.adminToken)
            #expect((try list.object["tables"] as? [Any])?.count == 13)
            // The imported tables are drafts of their units, readable by the unit's drafter.
            let id = try #require(tables[1]["id"] as? Int)
            let shown = try await api.send(.get, "/v1/tables/\(id)", token: f.bureauDrafterToken)
            #expect(shown.status == .ok)
            #expect(try shown.decode(TargetTable.self).status == .draft)
        }
    }

    @Test("POST /v1/import refusals: 415, 400, 403, 404 unknown unit, 422 no tables, 413")
    func importRefusals() async throws {
        let f = try await HTTPFixture.make(configuration: JixiaoHTTPConfiguration(maxBodySize: 4096))
        let text = try Self.seed()
        try await f.test { api in
            let small = "项目支出绩效目标表(2025年度)\n"
            for contentType in ["application/json", "text/csv", "text/plain; charset=gbk"] {
                let response = try await api.send(.post, "/v1/import", token: f.adminToken, json: small, headers: [.contentType: contentType])
                #expect(response.status == .unsupportedMediaType, "\(contentType)")
                #expect(try response.error.code == "unsupported-media-type")
                #expect(try response.error.message.contains("text/plain"))
            }
            let noType = try await api.client.execute(
                uri: "/v1/import",
                method: .post,
                headers: [.authorization: "Bearer \(f.adminToken)"],
                body: ByteBuffer(string: small)
            )
            #expect(noType.status == .unsupportedMediaType)

            let badFlag = try await api.send(.post, "/v1/import?dry_run=yes", token: f.adminToken, json: small, headers: Self.textPlain)
            #expect(badFlag.status == .badRequest)
            #expect(try badFlag.error.details["field"] as? String == "dry_run")

            let notUTF8 = try await api.client.execute(
                uri: "/v1/import",
                method: .post,
                headers: [.authorization: "Bearer \(f.adminToken)", .contentType: "text/plain"],
                body: ByteBuffer(bytes: [0xFF, 0xFE, 0xC3, 0x28])
            )
            #expect(notUTF8.status == .badRequest)
            #expect(try notUTF8.error.message.contains("UTF-8"))

            let nul = try await api.send(.post, "/v1/import", token: f.adminToken, json: "a\u{0}b", headers: Self.textPlain)
            #expect(nul.status == .badRequest)

            let auditor = try await api.send(.post, "/v1/import?dry_run=true", token: f.auditorToken, json: small, headers: Self.textPlain)
            #expect(auditor.status == .forbidden)
            #expect(try auditor.error.code == "not-permitted")

            let empty = try await api.send(.post, "/v1/import", token: f.adminToken, json: "no table here\n", headers: Self.textPlain)
            #expect(empty.status == .unprocessableContent)
            #expect(try empty.error.code == "no-tables")

            let tooBig = try await api.send(.post, "/v1/import", token: f.adminToken, json: text, headers: Self.textPlain)
            #expect(tooBig.status == .contentTooLarge)
            #expect(try tooBig.error.details["limit_bytes"] as? Int == 4096)
        }

        let g = try await HTTPFixture.make()
        try await g.test { api in
            // A drafter may not create units.
            let drafter = try await api.send(.post, "/v1/import?create_units=true", token: g.bureauDrafterToken, json: text, headers: Self.textPlain)
            #expect(drafter.status == .forbidden, "\(drafter.text)")
            // Without create_units, a unit the document names and the database lacks is 404; nothing is kept.
            let unknown = try await api.send(.post, "/v1/import", token: g.adminToken, json: text, headers: Self.textPlain)
            #expect(unknown.status == .notFound, "\(unknown.text)")
            #expect(try unknown.error.code == "unknown-unit")
            #expect(try unknown.error.message.contains("和政县劳务工作办公室"))
            #expect(try unknown.error.message.contains("create_units=true"))
            let list = try await api.send(.get, "/v1/tables", token: g.adminToken)
            #expect((try list.object["tables"] as? [Any])?.count == 0, "the import is one transaction")
            // A drafter imports the tables of their own unit only.
            let other = try await api.send(
                .post,
                "/v1/import",
                token: g.otherDrafterToken,
                json: Self.firstTable(text),
                headers: Self.textPlain
            )
            #expect(other.status == .forbidden, "\(other.text)")
            let own = try await api.send(.post, "/v1/import", token: g.bureauDrafterToken, json: Self.firstTable(text), headers: Self.textPlain)
            #expect(own.status == .created, "\(own.text)")
        }
    }

    /// The first table of the seed: the department table of 和政县人力资源和社会保障局 (lines 1…59).
    static func firstTable(_ text: String) -> String {
        text.components(separatedBy: "\n").prefix(59).joined(separator: "\n")
    }

    @Test("GET /v1/export.csv: the service's CSV with BOM as text/csv; 400 without tables, 404 for tables one may not read")
    func export() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let table = try await api.createTable(f)
            let second = try await api.createTable(f, json: HTTPFixture.projectTableJSON(title: "第二张表"))
            let response = try await api.send(.get, "/v1/export.csv?table=\(table.id)&table=\(second.id)", token: f.centreDrafterToken)
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(response.headers[.contentDisposition]?.contains("attachment") == true)
            let bytes = Array(response.body.readableBytesView)
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let caller = try await f.service.authenticate(token: f.centreDrafterToken)
            let expected = try await f.service.exportCSV(caller, tableIDs: [table.id, second.id])
            #expect(response.text == expected)
            let rows = try CSVText.parse(response.text)
            #expect(rows.first?.fields == IndicatorCSV.columns)
            #expect(rows.count == 1 + table.indicators.count + second.indicators.count)

            let supervisor = try await api.send(.get, "/v1/export.csv?table=\(table.id)", token: f.supervisorToken)
            #expect(supervisor.status == .ok, "the supervising bureau reads the centre's tables")

            let none = try await api.send(.get, "/v1/export.csv", token: f.centreDrafterToken)
            #expect(none.status == .badRequest)
            #expect(try none.error.details["field"] as? String == "table")
            let bad = try await api.send(.get, "/v1/export.csv?table=\(table.id)&table=x", token: f.centreDrafterToken)
            #expect(bad.status == .badRequest)
            let hidden = try await api.send(.get, "/v1/export.csv?table=\(table.id)", token: f.otherDrafterToken)
            #expect(hidden.status == .notFound)
            #expect(try hidden.error.code == "not-found")
            let missing = try await api.send(.get, "/v1/export.csv?table=999999", token: f.adminToken)
            #expect(missing.status == .notFound)
            let anonymous = try await api.send(.get, "/v1/export.csv?table=\(table.id)")
            #expect(anonymous.status == .unauthorized)
        }
    }

    /// The export with `value` of the indicator in row `row` (1 = first indicator) set to `value`.
    static func edited(_ csv: String, row: Int, value: String) throws -> String {
        var rows = try CSVText.parse(csv).map(\.fields)
        let column = try #require(rows[0].firstIndex(of: "value"))
        rows[row][column] = value
        return CSVText.write(rows)
    }

    @Test("POST /v1/import.csv: unchanged file changes nothing, an edit changes one indicator, stale 409, no reason 422, 415")
    func importCSV() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let table = try await api.createTable(f)
            let exported = try await api.send(.get, "/v1/export.csv?table=\(table.id)", token: f.centreDrafterToken).text
            let reason = "按财政意见修改".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!

            let same = try await api.send(
                .post,
                "/v1/import.csv?reason=\(reason)",
                token: f.centreDrafterToken,
                json: exported,
                headers: Self.textCSV
            )
            #expect(same.status == .ok, "\(same.text)")
            #expect(try same.object["changed"] as? [Int] == [])
            #expect(try same.object["added"] as? [Int] == [])
            #expect(try same.object["unchanged"] as? Int == table.indicators.count)

            let target = table.indicators[1]
            let edited = try Self.edited(exported, row: 2, value: "150")
            let changed = try await api.send(
                .post,
                "/v1/import.csv?reason=\(reason)",
                token: f.centreDrafterToken,
                json: edited,
                headers: Self.textCSV
            )
            #expect(changed.status == .ok, "\(changed.text)")
            #expect(try changed.object["changed"] as? [Int] == [Int(target.id)])
            #expect(try changed.object["unchanged"] as? Int == table.indicators.count - 1)
            let reread = try await api.send(.get, "/v1/tables/\(table.id)", token: f.centreDrafterToken).decode(TargetTable.self)
            #expect(reread.indicators[1].value == "150")
            let history = try await api.send(.get, "/v1/indicators/\(target.id)/history", token: f.auditorToken)
            let entries = try #require(try history.object["entries"] as? [[String: Any]])
            #expect(entries.first?["reason"] as? String == "按财政意见修改")

            // The file still names the exported version: another edit of that row is stale.
            let stale = try await api.send(
                .post,
                "/v1/import.csv?reason=again",
                token: f.centreDrafterToken,
                json: try Self.edited(exported, row: 2, value: "160"),
                headers: Self.textCSV
            )
            #expect(stale.status == .conflict)
            let error = try stale.error
            #expect(error.code == "version-conflict")
            #expect(error.message.contains("CSV line 3"))
            #expect((error.details["current"] as? [String: Any])?["value"] as? String == "150")
            #expect(stale.etag == "\"\(target.version + 1)\"")

            let noReason = try await api.send(.post, "/v1/import.csv", token: f.centreDrafterToken, json: exported, headers: Self.textCSV)
            #expect(noReason.status == .unprocessableContent)
            #expect(try noReason.error.code == "reason-required")
            #expect(try noReason.error.details["field"] as? String == "reason")
            let blank = try await api.send(.post, "/v1/import.csv?reason=%20%20", token: f.centreDrafterToken, json: exported, headers: Self.textCSV)
            #expect(blank.status == .unprocessableContent)

            for contentType in ["application/json", "text/plain", "text/csv; charset=latin1"] {
                let response = try await api.send(
                    .post,
                    "/v1/import.csv?reason=x",
                    token: f.centreDrafterToken,
                    json: exported,
                    headers: [.contentType: contentType]
                )
                #expect(response.status == .unsupportedMediaType, "\(contentType)")
                #expect(try response.error.message.contains("text/csv"))
            }

            let garbage = try await api.send(.post, "/v1/import.csv?reason=x", token: f.centreDrafterToken, json: "a,b\n1,2\n", headers: Self.textCSV)
            #expect(garbage.status == .unprocessableContent, "\(garbage.text)")
            #expect(try garbage.error.code == "csv-invalid")

            // The supervisor reads the table but does not change its content: 403.
            let supervisor = try await api.send(
                .post,
                "/v1/import.csv?reason=x",
                token: f.supervisorToken,
                json: try Self.edited(exported, row: 1, value: "1"),
                headers: Self.textCSV
            )
            #expect(supervisor.status == .forbidden, "\(supervisor.text)")
            #expect(try supervisor.error.code == "not-permitted")

            // Another unit's drafter: the table does not exist for them.
            let current = try await api.send(.get, "/v1/export.csv?table=\(table.id)", token: f.centreDrafterToken).text
            let hidden = try await api.send(.post, "/v1/import.csv?reason=x", token: f.otherDrafterToken, json: current, headers: Self.textCSV)
            #expect(hidden.status == .notFound, "\(hidden.text)")

            // A submitted table is not editable: 409, nothing kept.
            let submitted = try await api.send(.post, "/v1/tables/\(table.id)/submit", token: f.centreDrafterToken)
            try #require(submitted.status == .ok, "\(submitted.text)")
            let locked = try await api.send(
                .post,
                "/v1/import.csv?reason=x",
                token: f.centreDrafterToken,
                json: try Self.edited(current, row: 1, value: "1"),
                headers: Self.textCSV
            )
            #expect(locked.status == .conflict, "\(locked.text)")
            let after = try await api.send(.get, "/v1/tables/\(table.id)", token: f.centreDrafterToken).decode(TargetTable.self)
            #expect(after.indicators[0].value == table.indicators[0].value)
        }
    }
}
