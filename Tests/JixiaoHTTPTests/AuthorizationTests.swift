import Foundation
import Hummingbird
import HummingbirdTesting
import JixiaoCore
import Testing

@testable import JixiaoHTTP

@Suite("HTTP: the authorization matrix")
struct AuthorizationTests {
    /// Every authenticated route with its parameters filled in.
    static func authenticatedURIs(_ f: HTTPFixture) -> [(HTTPRequest.Method, String)] {
        let routes = APIRoutes(service: f.service, configuration: .init(), metrics: RequestMetrics()).all
        return routes.filter(\.authenticated).map { route in
            (route.method, route.path.replacingOccurrences(of: "{id}", with: "1").replacingOccurrences(of: "{iid}", with: "1"))
        }
    }

    @Test("every /v1 route answers 401 without a token, with a bad token, and with a revoked one")
    func unauthenticated() async throws {
        let f = try await HTTPFixture.make()
        let admin = try await f.service.authenticate(token: f.adminToken)
        let (revoked, info) = try await f.service.issueToken(admin, login: "auditor")
        _ = try await f.service.revokeToken(admin, id: info.id)
        let uris = Self.authenticatedURIs(f)
        #expect(uris.count == 34, "22 + the review routes of issue 14 (diff, changes) + the session, password and second-factor routes of issue 13")
        try await f.test { api in
            for (method, uri) in uris {
                let none = try await api.send(method, uri, json: method == .get ? nil : "{}")
                #expect(none.status == .unauthorized, "\(method) \(uri)")
                #expect(try none.error.code == "missing-token")
                #expect(none.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            }
            let wrong = try await api.send(.get, "/v1/me", token: "jx_not-a-token")
            #expect(wrong.status == .unauthorized)
            #expect(try wrong.error.code == "invalid-token")
            let basic = try await api.send(.get, "/v1/me", headers: [.authorization: "Basic YWRtaW46YWRtaW4="])
            #expect(basic.status == .unauthorized)
            let revokedResponse = try await api.send(.get, "/v1/me", token: revoked)
            #expect(revokedResponse.status == .unauthorized)
        }
    }

    @Test("a drafter of another unit gets 404 for the table on every route: its existence is not revealed")
    func otherUnitNotFound() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let table = try await api.createTable(f)
            let indicator = table.indicators[0]
            let ifMatch: HTTPFields = [.ifMatch: "\"\(indicator.version)\""]
            let requests: [(HTTPRequest.Method, String, String?, HTTPFields)] = [
                (.get, "/v1/tables/\(table.id)", nil, [:]),
                (.get, "/v1/tables/\(table.id)/findings", nil, [:]),
                (.get, "/v1/tables/\(table.id)/history", nil, [:]),
                (.get, "/v1/tables/\(table.id)?revision=1", nil, [:]),
                (.get, "/v1/indicators/\(indicator.id)/history", nil, [:]),
                (.patch, "/v1/tables/\(table.id)", json(["title": "x", "reason": "x"]), [.ifMatch: "\"\(table.version)\""]),
                (.post, "/v1/tables/\(table.id)/indicators", json(["level1": "a", "level2": "b", "level3": "c", "value": "1", "reason": "x"]), [:]),
                (.patch, "/v1/tables/\(table.id)/indicators/\(indicator.id)", json(["value": "1", "reason": "x"]), ifMatch),
                (.delete, "/v1/tables/\(table.id)/indicators/\(indicator.id)", json(["reason": "x"]), ifMatch),
                (.post, "/v1/tables/\(table.id)/indicators/\(indicator.id)/move", json(["position": 1, "reason": "x"]), ifMatch),
                (.post, "/v1/tables/\(table.id)/submit", nil, [:]),
            ]
            for token in [f.otherDrafterToken, f.bureauDrafterToken] {
                for (method, uri, body, headers) in requests {
                    let response = try await api.send(method, uri, token: token, json: body, headers: headers)
                    #expect(response.status == .notFound, "\(method) \(uri): \(response.text)")
                    #expect(try response.error.code == "not-found")
                }
            }
            // The answer for another unit's table reads exactly like the one for a table that does not exist.
            let missing = try await api.send(.get, "/v1/tables/\(table.id + 1000)", token: f.otherDrafterToken).error.message
            let hidden = try await api.send(.get, "/v1/tables/\(table.id)", token: f.otherDrafterToken).error.message
            #expect(missing.replacingOccurrences(of: "\(table.id + 1000)", with: "N") == hidden.replacingOccurrences(of: "\(table.id)", with: "N"))
        }
    }

    @Test("roles: auditor and supervisor writing content get 403; supervisor approving a draft gets 409; audit routes are auditor-only")
    func roles() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let table = try await api.createTable(f)
            let indicator = table.indicators[0]
            let change = json(["value": "1", "reason": "x"])
            for token in [f.auditorToken, f.supervisorToken, f.financeToken] {
                let response = try await api.send(
                    .patch,
                    "/v1/tables/\(table.id)/indicators/\(indicator.id)",
                    token: token,
                    json: change,
                    headers: [.ifMatch: "\"\(indicator.version)\""]
                )
                #expect(response.status == .forbidden, "\(response.text)")
                #expect(try response.error.code == "not-permitted")
            }
            let auditorSubmit = try await api.send(.post, "/v1/tables/\(table.id)/submit", token: f.auditorToken)
            #expect(auditorSubmit.status == .forbidden)
            let auditorCreate = try await api.send(.post, "/v1/tables", token: f.auditorToken, json: HTTPFixture.projectTableJSON())
            #expect(auditorCreate.status == .forbidden)
            let supervisorApprove = try await api.send(.post, "/v1/tables/\(table.id)/approve", token: f.supervisorToken)
            #expect(supervisorApprove.status == .conflict)
            #expect(try supervisorApprove.error.code == "wrong-state")

            for token in [f.centreDrafterToken, f.supervisorToken] {
                #expect(try await api.send(.get, "/v1/history", token: token).status == .forbidden)
                #expect(try await api.send(.get, "/v1/audit/verify", token: token).status == .forbidden)
            }
            for token in [f.auditorToken, f.financeToken, f.adminToken] {
                #expect(try await api.send(.get, "/v1/history", token: token).status == .ok)
                #expect(try await api.send(.get, "/v1/audit/verify", token: token).status == .ok)
            }
        }
    }
}
