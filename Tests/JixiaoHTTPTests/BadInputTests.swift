import Foundation
import Hummingbird
import HummingbirdTesting
import JixiaoCore
import JixiaoService
import Testing

@testable import JixiaoHTTP

/// Bad input (issue 8, item 8): oversized bodies, bytes that are not UTF-8, and strings that
/// look like SQL. What is refused is refused with a clear 4xx and leaves every stored row and
/// the audit trail as they were; what is accepted is stored, answered and audited verbatim.
@Suite("HTTP: bad input")
struct BadInputTests {
    /// Everything the admin can read: every table with its indicators (as answered), and the
    /// whole audit trail. Equal snapshots mean nothing was stored.
    static func snapshot(_ api: API, _ f: HTTPFixture) async throws -> String {
        let list = try await api.send(.get, "/v1/tables", token: f.adminToken)
        try #require(list.status == .ok, "\(list.text)")
        var parts = [list.text]
        for table in try #require(try list.object["tables"] as? [[String: Any]]) {
            let id = try #require(table["id"] as? Int)
            parts.append(try await api.send(.get, "/v1/tables/\(id)", token: f.adminToken).text)
        }
        let history = try await api.send(.get, "/v1/history?limit=100000", token: f.adminToken)
        try #require(history.status == .ok, "\(history.text)")
        parts.append(history.text)
        return parts.joined(separator: "\n")
    }

    static func body(_ bytes: [UInt8]) -> ByteBuffer { ByteBuffer(bytes: bytes) }

    /// Sends raw bytes (no JSON handling on the way).
    static func raw(
        _ api: API,
        _ method: HTTPRequest.Method,
        _ uri: String,
        token: String,
        contentType: String,
        _ bytes: [UInt8],
        headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var fields = headers
        fields[.authorization] = "Bearer \(token)"
        fields[.contentType] = contentType
        return try await api.client.execute(uri: uri, method: method, headers: fields, body: ByteBuffer(bytes: bytes))
    }

    // MARK: - oversized bodies

    @Test("413 for oversized JSON, document and CSV bodies, with or without Content-Length; nothing stored")
    func oversizedBodies() async throws {
        let limit = 4096
        let f = try await HTTPFixture.make(configuration: JixiaoHTTPConfiguration(maxBodySize: limit))
        try await f.test { api in
            let table = try await api.createTable(f)
            let indicator = table.indicators[2]
            let csv = try await api.send(.get, "/v1/export.csv?table=\(table.id)", token: f.centreDrafterToken).text
            let before = try await Self.snapshot(api, f)

            let big = String(repeating: "绩", count: limit)  // 3 bytes each
            let cases: [(HTTPRequest.Method, String, String, [UInt8], HTTPFields)] = [
                (
                    .post, "/v1/tables", "application/json",
                    Array(HTTPFixture.projectTableJSON(goals: [big]).utf8), [:]
                ),
                (
                    .post, "/v1/tables/\(table.id)/indicators", "application/json",
                    Array(json(["level1": "产出指标", "level2": "数量指标", "level3": "x", "value": "1", "content": big, "reason": "r"]).utf8), [:]
                ),
                (
                    .patch, "/v1/tables/\(table.id)/indicators/\(indicator.id)", "application/json",
                    Array(json(["value": big, "reason": "r"]).utf8), [.ifMatch: "\"\(indicator.version)\""]
                ),
                (
                    .patch, "/v1/tables/\(table.id)", "application/json",
                    Array(json(["title": big, "reason": "r"]).utf8), [.ifMatch: "\"\(table.version)\""]
                ),
                (.post, "/v1/tables/\(table.id)/submit", "application/json", Array(json(["reason": big]).utf8), [:]),
                (.post, "/v1/import?create_units=true", "text/plain", Array((try ImportRouteTests.seed()).utf8), [:]),
                (.post, "/v1/import.csv?reason=r", "text/csv", Array((csv + String(repeating: "\"\",", count: limit)).utf8), [:]),
                // Exactly one byte over the limit.
                (.post, "/v1/tables", "application/json", Array(repeating: UInt8(ascii: " "), count: limit + 1), [:]),
            ]
            for (method, uri, contentType, bytes, headers) in cases {
                for declared in [true, false] {
                    var headers = headers
                    if declared { headers[.contentLength] = "\(bytes.count)" }
                    let response = try await Self.raw(api, method, uri, token: f.adminToken, contentType: contentType, bytes, headers: headers)
                    #expect(response.status == .contentTooLarge, "\(method) \(uri) declared=\(declared): \(response.status) \(response.text)")
                    #expect(try response.error.code == "body-too-large")
                    #expect(try response.error.details["limit_bytes"] as? Int == limit)
                }
            }
            #expect(try await Self.snapshot(api, f) == before, "an oversized request stored something")

            // A body at the limit is read (and refused or accepted on its merits).
            let padded =
                json(["value": "91", "reason": "r"]) + String(repeating: " ", count: limit - json(["value": "91", "reason": "r"]).utf8.count)
            let atLimit = try await api.send(
                .patch,
                "/v1/tables/\(table.id)/indicators/\(table.indicators[3].id)",
                token: f.centreDrafterToken,
                json: padded,
                headers: [.ifMatch: "\"\(table.indicators[3].version)\""]
            )
            #expect(atLimit.status == .ok, "\(atLimit.text)")
        }
    }

    @Test("GET /v1/export.csv: more than 1000 table parameters is a 400, repeats counted (maxItems in /openapi.yaml)")
    func exportParameterLimit() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let table = try await api.createTable(f)
            let atLimit = Array(repeating: "table=\(table.id)", count: 1000).joined(separator: "&")
            let ok = try await api.send(.get, "/v1/export.csv?\(atLimit)", token: f.centreDrafterToken)
            #expect(ok.status == .ok)
            #expect(try CSVText.parse(ok.text).count == 1 + table.indicators.count, "a repeated id is exported once")
            let over = try await api.send(.get, "/v1/export.csv?\(atLimit)&table=\(table.id)", token: f.centreDrafterToken)
            #expect(over.status == .badRequest, "\(over.status)")
            #expect(try over.error.details["field"] as? String == "table")
        }
    }

    // MARK: - invalid UTF-8

    /// Byte sequences that are not UTF-8.
    static let invalidSequences: [(String, [UInt8])] = [
        ("lone continuation byte", [0x80]),
        ("truncated sequence", [0xE7, 0xBB]),
        ("overlong slash", [0xC0, 0xAF]),
        ("encoded surrogate", [0xED, 0xA0, 0x80]),
        ("beyond U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
        ("GBK 绩效", [0xBC, 0xA8, 0xD0, 0xA7]),
        ("0xFF", [0xFF]),
    ]

    /// `text` with `bytes` in place of the first `@@`.
    static func splice(_ text: String, _ bytes: [UInt8]) -> [UInt8] {
        let parts = text.components(separatedBy: "@@")
        return Array(parts[0].utf8) + bytes + Array(parts.dropFirst().joined(separator: "@@").utf8)
    }

    @Test("invalid UTF-8 in JSON bodies: 400 that names UTF-8; nothing stored")
    func invalidUTF8InJSON() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let table = try await api.createTable(f)
            let indicator = table.indicators[2]
            let before = try await Self.snapshot(api, f)
            for (name, bytes) in Self.invalidSequences {
                let bodies: [(HTTPRequest.Method, String, String, HTTPFields)] = [
                    (.post, "/v1/tables", HTTPFixture.projectTableJSON(title: "坏@@标题"), [:]),
                    (
                        .patch, "/v1/tables/\(table.id)/indicators/\(indicator.id)", #"{"value": "明显@@", "reason": "改"}"#,
                        [.ifMatch: "\"\(indicator.version)\""]
                    ),
                    (
                        .patch, "/v1/tables/\(table.id)/indicators/\(indicator.id)", #"{"content": "内容", "reason": "原因@@"}"#,
                        [.ifMatch: "\"\(indicator.version)\""]
                    ),
                    (
                        .post, "/v1/tables/\(table.id)/indicators",
                        #"{"level1": "产出指标", "level2": "数量指标", "level3": "指标@@", "value": "1", "reason": "加"}"#, [:]
                    ),
                    (.patch, "/v1/tables/\(table.id)", #"{"goals": ["目标@@"], "reason": "改"}"#, [.ifMatch: "\"\(table.version)\""]),
                    // Outside any string, too.
                    (.post, "/v1/tables/\(table.id)/return", #"{"reason": "x"}@@"#, [:]),
                ]
                for (method, uri, text, headers) in bodies {
                    let response = try await Self.raw(
                        api,
                        method,
                        uri,
                        token: f.centreDrafterToken,
                        contentType: "application/json",
                        Self.splice(text, bytes),
                        headers: headers
                    )
                    #expect(response.status == .badRequest, "\(name): \(method) \(uri): \(response.status) \(response.text)")
                    #expect(try response.error.message.contains("UTF-8"), "\(name): \(response.text)")
                }
            }
            // A lone surrogate escaped in JSON is not text either.
            for escaped in [#"\ud800"#, #"\udfff"#, #"a\udc00b"#] {
                let response = try await api.send(
                    .patch,
                    "/v1/tables/\(table.id)/indicators/\(indicator.id)",
                    token: f.centreDrafterToken,
                    json: #"{"value": "\#(escaped)", "reason": "改"}"#,
                    headers: [.ifMatch: "\"\(indicator.version)\""]
                )
                #expect(response.status == .badRequest, "\(escaped): \(response.status) \(response.text)")
            }
            #expect(try await Self.snapshot(api, f) == before, "a request that is not UTF-8 stored something")
        }
    }

    @Test("invalid UTF-8 in documents and CSV edits: 400 that names UTF-8; nothing stored")
    func invalidUTF8InImports() async throws {
        let f = try await HTTPFixture.make()
        let seed = try ImportRouteTests.seed()
        try await f.test { api in
            let table = try await api.createTable(f)
            let csv = try await api.send(.get, "/v1/export.csv?table=\(table.id)", token: f.centreDrafterToken).text
            let before = try await Self.snapshot(api, f)
            for (name, bytes) in Self.invalidSequences {
                // The seed with one bad sequence in an indicator name (line 20), at its start, at its end.
                var lines = seed.components(separatedBy: "\n")
                lines[19] = lines[19].replacingOccurrences(of: "预算调整率", with: "预算@@调整率")
                for document in [lines.joined(separator: "\n"), "@@" + seed, seed + "@@"] {
                    for query in ["create_units=true", "create_units=true&dry_run=true"] {
                        let response = try await Self.raw(
                            api,
                            .post,
                            "/v1/import?\(query)",
                            token: f.adminToken,
                            contentType: "text/plain; charset=utf-8",
                            Self.splice(document, bytes)
                        )
                        #expect(response.status == .badRequest, "\(name) \(query): \(response.status)")
                        #expect(try response.error.message.contains("UTF-8"), "\(name): \(response.text)")
                    }
                }
                // The export with a bad sequence in a value, and in the reason column's neighbour.
                let edited = try ImportRouteTests.edited(csv, row: 3, value: "明显@@")
                for body in [Self.splice(edited, bytes), bytes + Array(csv.utf8)] {
                    let response = try await Self.raw(
                        api,
                        .post,
                        "/v1/import.csv?reason=x",
                        token: f.centreDrafterToken,
                        contentType: "text/csv",
                        body
                    )
                    #expect(response.status == .badRequest, "\(name) CSV: \(response.status)")
                    #expect(try response.error.message.contains("UTF-8"), "\(name): \(response.text)")
                }
            }
            #expect(try await Self.snapshot(api, f) == before, "an import that is not UTF-8 stored something")
        }
    }

    // MARK: - strings that look like SQL

    /// Strings that would break a query built by concatenation, or a careless escaper.
    static let hostile: [String] = [
        "'); DROP TABLE indicator; --",
        "' OR '1'='1",
        "\" OR \"\"=\"",
        "1; DELETE FROM audit_log WHERE true; --",
        "'; SELECT pg_sleep(5); --",
        "$1",
        "$1::text || $2",
        "$$ quoted $$",
        "\\",
        "\\\\",
        "C:\\temp\\新建文件夹\\",
        "\\x00\\u0000\\0",
        "E'\\n' \\' \\\"",
        "%s %d %n %x {0} ${jndi:ldap://127.0.0.1/a}",
        "/* comment */ -- line",
        "<script>alert('绩效')</script>",
        "👩‍💻 𝄞 \u{202E}gnp.exe",
        "\u{FEFF}零宽\u{200B}空格",
        "semi;colon,comma\ttab",
        String(repeating: "'", count: 200),
    ]

    struct Entries: Decodable { var entries: [Entry] }

    /// A history entry: its entity, reason and (for indicators) new row image.
    struct Entry: Decodable {
        var entity: String
        var reason: String?
        var newValues: RowImage?
        enum CodingKeys: String, CodingKey {
            case entity, reason
            case newValues = "new_values"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.entity = try container.decode(String.self, forKey: .entity)
            self.reason = try container.decodeIfPresent(String.self, forKey: .reason)
            self.newValues = self.entity == "indicator" ? try container.decodeIfPresent(RowImage.self, forKey: .newValues) : nil
        }
    }

    /// The text fields of an indicator's row image in the audit trail (the API's names).
    struct RowImage: Decodable {
        var value, content, remark, level3, unitOfMeasure: String
        enum CodingKeys: String, CodingKey {
            case value, content, remark, level3
            case unitOfMeasure = "unit"
        }
    }

    @Test("SQL-like strings in indicator values, contents, names, reasons and titles are stored, answered and audited verbatim")
    func hostileStringsVerbatim() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let table = try await api.createTable(f)
            var indicator = table.indicators[2]  // 定性: any text is a value
            for text in Self.hostile {
                let change: [String: Any] = ["value": text, "content": text, "remark": text, "level3": text, "unit": text, "reason": text]
                let response = try await api.send(
                    .patch,
                    "/v1/tables/\(table.id)/indicators/\(indicator.id)",
                    token: f.centreDrafterToken,
                    json: json(change),
                    headers: [.ifMatch: "\"\(indicator.version)\""]
                )
                try #require(response.status == .ok, "\(text): \(response.status) \(response.text)")
                indicator = try response.decode(Indicator.self)
                for (field, stored) in [
                    ("value", indicator.value), ("content", indicator.content), ("remark", indicator.remark),
                    ("level3", indicator.level3), ("unit", indicator.unitOfMeasure),
                ] {
                    #expect(stored == text, "\(field) answered as \(stored) for \(text)")
                }
                // Read back, and in the audit trail: the reason and the new row image.
                let reread = try await api.send(.get, "/v1/tables/\(table.id)", token: f.centreDrafterToken).decode(TargetTable.self)
                let readIndicator = try #require(reread.indicators.first { $0.id == indicator.id })
                #expect(readIndicator.value == text && readIndicator.content == text && readIndicator.level3 == text, "\(text)")
                // (Decoded with JSONDecoder: Foundation's JSONSerialization on Linux drops a leading U+FEFF from strings.)
                let history = try await api.send(.get, "/v1/indicators/\(indicator.id)/history?limit=1", token: f.auditorToken)
                let entry = try #require(try history.decode(Entries.self).entries.first)
                #expect(entry.reason == text)
                let image = try #require(entry.newValues)
                #expect(
                    [image.value, image.content, image.remark, image.level3, image.unitOfMeasure] == [text, text, text, text, text],
                    "audit new_values for \(text): \(image)"
                )
            }
            // Nothing else was touched: the other indicators and the table are as created.
            let final = try await api.send(.get, "/v1/tables/\(table.id)", token: f.centreDrafterToken).decode(TargetTable.self)
            #expect(final.indicators.count == table.indicators.count)
            #expect(final.indicators.filter { $0.id != indicator.id } == table.indicators.filter { $0.id != indicator.id })
            #expect(final.title == table.title)
            let verify = try await api.send(.get, "/v1/audit/verify", token: f.auditorToken)
            #expect(try verify.object["intact"] as? Bool == true)
        }
    }

    @Test("SQL-like strings as table titles, goals, new indicators, return reasons and query filters")
    func hostileStringsElsewhere() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            var created: [TargetTable] = []
            for (offset, text) in Self.hostile.enumerated() {
                let body = HTTPFixture.projectTableJSON(title: text, goals: [text, "1. 发放奖补资金"])
                let response = try await api.send(.post, "/v1/tables", token: f.centreDrafterToken, json: body)
                try #require(response.status == .created, "\(text): \(response.text)")
                let table = try response.decode(TargetTable.self)
                #expect(table.title == text)
                #expect(table.goals.first == text)
                let added = try await api.send(
                    .post,
                    "/v1/tables/\(table.id)/indicators",
                    token: f.centreDrafterToken,
                    json: json([
                        "level1": "产出指标", "level2": "质量指标", "level3": text, "comparator": "定性", "value": text,
                        "content": text, "remark": text, "reason": text,
                    ])
                )
                try #require(added.status == .created, "\(text): \(added.text)")
                let indicator = try added.decode(Indicator.self)
                #expect([indicator.level3, indicator.value, indicator.content, indicator.remark] == [text, text, text, text])
                if offset < 3 { created.append(table) }
            }
            // Filters with the same strings find nothing instead of everything.
            let all = try await api.send(.get, "/v1/tables", token: f.adminToken)
            #expect((try all.object["tables"] as? [Any])?.count == Self.hostile.count)
            for text in Self.hostile.prefix(6) {
                let encoded = text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let byUnit = try await api.send(.get, "/v1/tables?unit=\(encoded)", token: f.adminToken)
                #expect(byUnit.status == .ok || byUnit.status == .notFound, "\(text): \(byUnit.status)")
                if byUnit.status == .ok { #expect((try byUnit.object["tables"] as? [Any])?.isEmpty == true, "unit=\(text)") }
                let byActor = try await api.send(.get, "/v1/history?actor=\(encoded)", token: f.auditorToken)
                #expect(byActor.status == .ok)
                #expect((try byActor.object["entries"] as? [Any])?.isEmpty == true, "actor=\(text)")
            }
            // A return reason travels to the workflow event verbatim.
            let table = created[0]
            try #require(try await api.send(.post, "/v1/tables/\(table.id)/submit", token: f.centreDrafterToken).status == .ok)
            let reason = Self.hostile[0] + " " + Self.hostile[1]
            let returned = try await api.send(.post, "/v1/tables/\(table.id)/return", token: f.supervisorToken, json: json(["reason": reason]))
            #expect(returned.status == .ok, "\(returned.text)")
            let history = try await api.send(.get, "/v1/tables/\(table.id)/history", token: f.auditorToken)
            let events = try history.decode(Entries.self).entries.filter { $0.entity == "workflow" }
            #expect(events.first?.reason == reason)
            // The tables are all still there, and so is the audit trail.
            let verify = try await api.send(.get, "/v1/audit/verify", token: f.auditorToken)
            #expect(try verify.object["intact"] as? Bool == true)
        }
    }

    @Test("NUL in any string of a body is refused clearly; nothing stored")
    func nulRefused() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let table = try await api.createTable(f)
            let indicator = table.indicators[2]
            let before = try await Self.snapshot(api, f)
            let ifMatch: HTTPFields = [.ifMatch: "\"\(indicator.version)\""]
            let uri = "/v1/tables/\(table.id)/indicators/\(indicator.id)"
            let requests: [(HTTPRequest.Method, String, String, HTTPFields)] = [
                (.patch, uri, #"{"value": "明显\u0000'); DROP TABLE indicator; --", "reason": "改"}"#, ifMatch),
                (.patch, uri, #"{"content": "x", "reason": "\u0000"}"#, ifMatch),
                (.patch, uri, #"{"remark": "a\u0000", "reason": "改"}"#, ifMatch),
                (
                    .post, "/v1/tables/\(table.id)/indicators",
                    #"{"level1": "产出指标", "level2": "数量指标", "level3": "\u0000", "value": "1", "reason": "加"}"#, [:]
                ),
                (.patch, "/v1/tables/\(table.id)", #"{"title": "标题\u0000", "reason": "改"}"#, [.ifMatch: "\"\(table.version)\""]),
                (.patch, "/v1/tables/\(table.id)", #"{"goals": ["\u0000"], "reason": "改"}"#, [.ifMatch: "\"\(table.version)\""]),
                (.post, "/v1/tables/\(table.id)/submit", #"{"reason": "\u0000"}"#, [:]),
            ]
            for (method, uri, body, headers) in requests {
                let response = try await api.send(method, uri, token: f.centreDrafterToken, json: body, headers: headers)
                #expect(response.status == .badRequest, "\(body): \(response.status) \(response.text)")
                #expect(try response.error.message.contains("U+0000"), "\(response.text)")
            }
            // A raw NUL byte (not escaped) is no JSON at all; in a document or CSV it is refused the same.
            let rawNUL = try await Self.raw(
                api,
                .patch,
                uri,
                token: f.centreDrafterToken,
                contentType: "application/json",
                Array(#"{"value": "a"#.utf8) + [0] + Array(#"", "reason": "r"}"#.utf8),
                headers: ifMatch
            )
            #expect(rawNUL.status == .badRequest, "\(rawNUL.text)")
            let csv = try await api.send(.get, "/v1/export.csv?table=\(table.id)", token: f.centreDrafterToken).text
            let csvNUL = try await Self.raw(
                api,
                .post,
                "/v1/import.csv?reason=x",
                token: f.centreDrafterToken,
                contentType: "text/csv",
                Array(try ImportRouteTests.edited(csv, row: 3, value: "明显\u{0}").utf8)
            )
            #expect(csvNUL.status == .badRequest, "\(csvNUL.text)")
            #expect(try csvNUL.error.message.contains("U+0000"))
            let reasonNUL = try await Self.raw(
                api,
                .post,
                "/v1/import.csv?reason=%00",
                token: f.centreDrafterToken,
                contentType: "text/csv",
                Array(try ImportRouteTests.edited(csv, row: 3, value: "明显了").utf8)
            )
            #expect(reasonNUL.status == .badRequest, "\(reasonNUL.status) \(reasonNUL.text)")
            #expect(try await Self.snapshot(api, f) == before, "a request with NUL stored something")
        }
    }
}
