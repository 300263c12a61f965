import Foundation
import Hummingbird
import HummingbirdTesting
import JixiaoCore
import Testing

/// One credential per request: a valid token does not carry a forged session cookie along
/// (schemathesis' "accepts invalid authentication" check found it), nor the reverse.
@Suite("HTTP: one credential per request")
struct SessionRouteAmbiguityTests {
    @Test("a valid bearer token with any session cookie is 401 ambiguous-credentials; each alone works")
    func bothRefused() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let alone = try await api.send(.get, "/v1/me", token: f.auditorToken)
            #expect(alone.status == .ok, "\(alone.text)")
            let both = try await api.send(.get, "/v1/me", token: f.auditorToken, headers: [.cookie: "jixiao_session=forged"])
            #expect(both.status == .unauthorized, "\(both.text)")
            #expect(try both.error.code == "ambiguous-credentials")
            let write = try await api.send(
                .delete,
                "/v1/sessions",
                token: f.auditorToken,
                headers: [.cookie: "jixiao_session=forged", .init("X-Requested-With")!: "x"]
            )
            #expect(write.status == .unauthorized, "\(write.text)")
            let empty = try await api.send(.get, "/v1/me", token: f.auditorToken, headers: [.cookie: "theme=dark; jixiao_session="])
            #expect(empty.status == .unauthorized, "an empty session cookie is still a second credential: \(empty.text)")
            let other = try await api.send(.get, "/v1/me", token: f.auditorToken, headers: [.cookie: "theme=dark"])
            #expect(other.status == .ok, "other cookies do not matter: \(other.text)")
        }
    }
}
