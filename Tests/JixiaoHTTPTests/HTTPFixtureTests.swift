import Foundation
import PQ
import Testing

@Suite("HTTP fixture")
struct HTTPFixtureTests {
    @Test("test { } ends with the fixture's database dropped; every token is valid")
    func dropsDatabase() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            for token in [
                f.adminToken, f.bureauDrafterToken, f.centreDrafterToken, f.otherDrafterToken, f.supervisorToken, f.financeToken, f.auditorToken,
            ] {
                let me = try await api.send(.get, "/v1/me", token: token)
                #expect(me.status == .ok)
            }
        }
        let url = f.fixture.url
        #expect(try await offPool { try TestDatabase.exists(url) } == false)
    }
}
