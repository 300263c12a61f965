import Foundation
import Hummingbird
import JixiaoCore
import Testing

@testable import JixiaoHTTP

@Suite("HTTP helpers (no database)")
struct HelperTests {
    @Test("If-Match values name one version")
    func ifMatch() throws {
        #expect(try ETag.version(ifMatch: "\"3\"") == 3)
        // Strong comparison: a weak tag never matches (412), whatever version it names.
        for weak in ["W/\"12\"", " W/\"3\" "] {
            #expect(throws: APIError.self, "\(weak)") { try ETag.version(ifMatch: weak) }
        }
        do {
            _ = try ETag.version(ifMatch: "W/\"12\"")
        } catch let error as APIError {
            #expect(error.status == .preconditionFailed && error.code == .ifMatchWeak)
        }
        #expect(try ETag.version(ifMatch: " 7 ") == 7)
        for bad in ["*", "\"3\", \"4\"", "\"\"", "abc", "\"-1\"", "\"99999999999999999999999\""] {
            #expect(throws: APIError.self, "\(bad)") { try ETag.version(ifMatch: bad) }
        }
        #expect(ETag.make(5) == "\"5\"")
    }

    @Test("NUL is found where JSON text escapes it, and only there")
    func nul() {
        let yes = [#"{"value":"a\u0000b"}"#, #"{"items":[{"t":"\u0000"}]}"#, #"["\\\u0000"]"#, #"{"k\u0000":1}"#, #"["\u00001"]"#]
        let no = [#"{"value":"a\\u0000b"}"#, #"{"value":"u0000"}"#, #"{"v":"绩效\u0001"}"#, #"["\\"]"#, ""]
        for text in yes { #expect(JSONText.escapesNUL(Array(text.utf8)), "\(text)") }
        for text in no { #expect(!JSONText.escapesNUL(Array(text.utf8)), "\(text)") }
    }

    @Test("route templates match concrete paths for 405")
    func routeTable() {
        let handler: Route.Handler = { _, _ in Response(status: .ok) }
        let table = RouteTable([
            Route(.get, "/v1/tables/{id}", handler), Route(.patch, "/v1/tables/{id}", handler),
            Route(.post, "/v1/tables/{id}/submit", handler),
        ])
        #expect(table.methods(matching: "/v1/tables/3") == [.get, .patch])
        #expect(table.methods(matching: "/v1/tables/3/") == [.get, .patch])
        #expect(table.methods(matching: "/v1/tables/3/submit") == [.post])
        #expect(table.methods(matching: "/v1/tables") == [])
    }

    @Test("timestamps: RFC 3339 with a zone, fractional seconds optional")
    func timestamps() throws {
        let expected = try #require(Timestamp.parse("2025-03-01T08:00:00Z"))
        #expect(Timestamp.parse("2025-03-01T16:00:00+08:00") == expected)
        #expect(Timestamp.parse("2025-03-01t08:00:00z") == expected)
        #expect(Timestamp.parse("2025-03-01 08:00:00Z") == expected)
        #expect(Timestamp.parse("2025-03-01T08:00:00.250Z") == expected.addingTimeInterval(0.25))
        #expect(Timestamp.parse("2025-03-02T06:59:00+22:59") == expected)
        #expect(Timestamp.parse("2025-02-28T08:00:00-24:00") == nil)
        #expect(Timestamp.parse("2024-02-29T00:00:00Z") != nil)
        #expect(Timestamp.parse("2025-02-29T00:00:00Z") == nil)
        #expect(Timestamp.parse("1970-01-01T00:00:00Z") == Date(timeIntervalSince1970: 0))
        #expect(Timestamp.parse("1969-12-31T23:59:60Z") == Date(timeIntervalSince1970: 0))
        #expect(Timestamp.parse("0001-01-01T00:00:00Z") == Date(timeIntervalSince1970: -62_135_596_800))
        #expect(Timestamp.parse("2025-03-01T08:00:00") == nil)
        #expect(Timestamp.parse("2025-03-01T08:00:00.Z") == nil)
        #expect(Timestamp.parse("2025-03-01") == nil)
        #expect(Timestamp.parse("yesterday") == nil)
    }

    @Test("coding paths read like field names")
    func codingPaths() throws {
        struct Inner: Decodable { var value: Int }
        struct Outer: Decodable { var items: [Inner] }
        do {
            _ = try JSONDecoder().decode(Outer.self, from: Data("{\"items\":[{\"value\":1},{\"value\":\"x\"}]}".utf8))
            Issue.record("decoding should fail")
        } catch let error as DecodingError {
            let apiError = APIError(decoding: error)
            #expect(apiError.details.field == "items[1].value")
            #expect(apiError.status == .badRequest)
        }
    }

    @Test("Prometheus text: escaped labels, cumulative buckets")
    func prometheus() {
        let metrics = RequestMetrics()
        metrics.started()
        metrics.finished(method: "GET", route: "/a\"b", status: 200, seconds: 0.003)
        metrics.started()
        metrics.finished(method: "GET", route: "/a\"b", status: 200, seconds: 0.2)
        let text = metrics.render(pool: PoolFigures(size: 8, inUse: 1, waiting: 2))
        #expect(text.contains("jixiao_http_requests_total{method=\"GET\",route=\"/a\\\"b\",status=\"200\"} 2"))
        #expect(text.contains("jixiao_http_request_duration_seconds_bucket{method=\"GET\",route=\"/a\\\"b\",le=\"0.005\"} 1"))
        #expect(text.contains("jixiao_http_request_duration_seconds_bucket{method=\"GET\",route=\"/a\\\"b\",le=\"0.25\"} 2"))
        #expect(text.contains("jixiao_http_request_duration_seconds_bucket{method=\"GET\",route=\"/a\\\"b\",le=\"10\"} 2"))
        #expect(text.contains("jixiao_db_pool_in_use 1"))
        #expect(text.contains("jixiao_db_pool_waiting 2"))
        #expect(text.contains("jixiao_http_requests_in_flight 0"))
        #expect(text.hasSuffix("\n"))
    }

    @Test("content types that count as JSON")
    func jsonContentTypes() {
        #expect(Request.isJSON("application/json"))
        #expect(Request.isJSON("Application/JSON; charset=utf-8"))
        #expect(Request.isJSON("application/merge-patch+json"))
        #expect(!Request.isJSON("text/plain"))
        #expect(!Request.isJSON("application/jsonx"))
    }

    @Test("a streamed body without Content-Length is cut off at the limit: 413")
    func streamedBodyLimit() async throws {
        let chunks = AsyncStream<ByteBuffer> { continuation in
            for _ in 0..<8 { continuation.yield(ByteBuffer(string: String(repeating: "x", count: 512))) }
            continuation.finish()
        }
        let request = Request(
            head: HTTPRequest(
                method: .post,
                scheme: "http",
                authority: "localhost",
                path: "/v1/tables",
                headerFields: [.contentType: "application/json"]
            ),
            body: RequestBody(asyncSequence: chunks)
        )
        do {
            _ = try await request.decodeJSON(ReasonBody.self, limit: 1024)
            Issue.record("a body over the limit was accepted")
        } catch let error as APIError {
            #expect(error.status == .contentTooLarge)
            #expect(error.details.limitBytes == 1024)
        }
    }
}
