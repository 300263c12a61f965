import Foundation
import PQ
import Testing

@Suite("HTTP fixture")
struct HTTPFixtureTests {
    @Test("every token is valid; test { } leaves the fixture's database to be dropped when the process exits")
    func tokensAndDatabase() async throws {
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
        let name = try #require(URLComponents(string: url)?.path.dropFirst()).description
        #expect(TestDatabase.droppedAtExit.contains(name))
    }
}
