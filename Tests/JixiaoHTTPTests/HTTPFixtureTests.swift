import Foundation
import Testing

/// The HTTP fixture: each user's token is valid, and `test { }` leaves the database to the exit
/// handler of the test support.
@Test("HTTP fixture: every token is valid; test { } leaves the fixture's database to be dropped when the process exits")
func httpFixtureTokensAndDatabase() async throws {
    let f = try await HTTPFixture.make()
    let tokens = [f.adminToken, f.bureauDrafterToken, f.centreDrafterToken, f.otherDrafterToken, f.supervisorToken, f.financeToken, f.auditorToken]
    try await f.test { api in
        for token in tokens {
            let me = try await api.send(.get, "/v1/me", token: token)
            #expect(me.status == .ok)
        }
    }
    let name = try #require(URLComponents(string: f.fixture.url)?.path.dropFirst()).description
    #expect(TestDatabase.droppedAtExit.contains(name))
}
