import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import JixiaoHTTP

@Suite("HTTP: health, metrics, OpenAPI")
struct OperationsRouteTests {
    @Test("GET /healthz checks the database: 200")
    func health() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let response = try await api.send(.get, "/healthz")
            #expect(response.status == .ok)
            #expect(try response.object["database"] as? String == "ok")
            let live = try await api.send(.get, "/livez")
            #expect(live.status == .ok)
            #expect(live.text == "ok\n")
        }
    }

    @Test("GET /metrics: request counters by route and status, a latency histogram, pool gauges")
    func metrics() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            _ = try await api.send(.get, "/v1/me", token: f.auditorToken)
            _ = try await api.send(.get, "/v1/me", token: f.auditorToken)
            _ = try await api.send(.get, "/v1/tables/42", token: f.auditorToken)
            _ = try await api.send(.get, "/v1/me")
            _ = try await api.send(.get, "/nowhere")
            let response = try await api.send(.get, "/metrics")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = response.text
            #expect(text.contains("# TYPE jixiao_http_requests_total counter"))
            #expect(text.contains("jixiao_http_requests_total{method=\"GET\",route=\"/v1/me\",status=\"200\"} 2"))
            #expect(text.contains("jixiao_http_requests_total{method=\"GET\",route=\"/v1/me\",status=\"401\"} 1"))
            #expect(text.contains("jixiao_http_requests_total{method=\"GET\",route=\"/v1/tables/{id}\",status=\"404\"} 1"))
            #expect(text.contains("jixiao_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1"))
            #expect(text.contains("# TYPE jixiao_http_request_duration_seconds histogram"))
            #expect(text.contains("jixiao_http_request_duration_seconds_bucket{method=\"GET\",route=\"/v1/me\",le=\"+Inf\"} 3"))
            #expect(text.contains("jixiao_http_request_duration_seconds_count{method=\"GET\",route=\"/v1/me\"} 3"))
            #expect(text.contains("jixiao_db_pool_size 4"))
            #expect(text.contains("jixiao_db_pool_in_use 0"))
            #expect(text.contains("jixiao_db_pool_waiting 0"))
            #expect(text.contains("jixiao_http_requests_in_flight 1"))
            #expect(!text.contains("Bearer"))
        }
    }

    @Test("GET /openapi.yaml: OpenAPI 3.1 describing exactly the routes the router serves")
    func openAPI() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let response = try await api.send(.get, "/openapi.yaml")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("application/yaml") == true)
            #expect(response.text.hasPrefix("openapi: 3.1.0\n"))
            let documented = OpenAPIPaths.operations(in: response.text)
            let served = Set(
                APIRoutes(service: f.service, configuration: .init(), metrics: RequestMetrics()).all.map {
                    "\($0.method.rawValue.lowercased()) \($0.path)"
                }
            )
            #expect(documented == served)
        }
    }

    /// Operations that read no body, query or path parameter: they cannot answer 400.
    static let withoutInput: Set<String> = [
        "get /v1/me", "get /v1/sessions", "delete /v1/session", "delete /v1/sessions", "get /v1/settings/sign-in",
    ]

    @Test("every documented operation lists the error statuses it can answer")
    func openAPIErrorResponses() throws {
        let operations = OpenAPIPaths.responses(in: OpenAPIDocument.yaml)
        #expect(!operations.isEmpty)
        for (operation, statuses) in operations {
            if operation.contains(" /v1/") {
                #expect(statuses.isSuperset(of: ["401", "500", "503"]), "\(operation): \(statuses.sorted())")
                #expect(statuses.contains("400") == !Self.withoutInput.contains(operation), "\(operation)")
            }
            // Signing out names no version and reads no body.
            let signOut = operation.hasPrefix("delete /v1/session")
            if operation.hasPrefix("patch") || (operation.hasPrefix("delete") && !signOut) || operation.hasSuffix("/move") {
                #expect(statuses.isSuperset(of: ["409", "412", "422"]), "\(operation)")
            }
            if operation.hasPrefix("post") || operation.hasPrefix("patch") || operation.hasPrefix("put") || operation.hasPrefix("delete") {
                #expect(statuses.isSuperset(of: signOut ? ["413"] : ["413", "415"]), "\(operation)")
            }
        }
    }
}

/// Reads the `paths` section of the document, as laid out there: paths at two spaces,
/// methods at four, response codes at eight.
enum OpenAPIPaths {
    static func operations(in yaml: String) -> Set<String> {
        Set(self.responses(in: yaml).keys)
    }

    static func responses(in yaml: String) -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        var inPaths = false
        var path: String?
        var operation: String?
        var inResponses = false
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "paths:" {
                inPaths = true
                continue
            }
            guard inPaths else { continue }
            if !line.isEmpty, !line.hasPrefix(" ") { break }
            let indent = line.prefix { $0 == " " }.count
            let text = line.trimmingCharacters(in: .whitespaces)
            if indent == 2, text.hasSuffix(":") {
                path = String(text.dropLast())
            } else if indent == 4, let path, ["get:", "post:", "patch:", "delete:", "put:"].contains(text) {
                operation = "\(text.dropLast()) \(path)"
                result[operation!] = []
                inResponses = false
            } else if indent == 6 {
                inResponses = text == "responses:"
            } else if indent == 8, inResponses, let operation, text.hasPrefix("'") || text.first?.isNumber == true {
                result[operation]?.insert(text.trimmingCharacters(in: CharacterSet(charactersIn: "':")))
            }
        }
        return result
    }
}
