import Foundation
import PQ
import Testing

/// The shared test support leaves nothing behind: each scope drops its database.
@Suite("Test support: databases are dropped")
struct TestSupportTests {
    /// Whether the database of `url` exists on the test cluster.
    static func exists(_ url: String) async throws -> Bool {
        try await offPool { try TestDatabase.exists(url) }
    }

    @Test("withFixture drops the fixture's database, also when the body throws")
    func fixtureDropped() async throws {
        var urls: [String] = []
        try await withFixture { f in
            urls.append(f.url)
            let exists = try await Self.exists(f.url)
            #expect(exists)
        }
        await #expect(throws: TestSupportError.self) {
            try await withFixture { f in
                urls.append(f.url)
                throw TestSupportError("the body fails")
            }
        }
        for url in urls { #expect(try await !Self.exists(url)) }
    }

    @Test("withDatabase drops an empty and a migrated database")
    func databaseDropped() async throws {
        var urls: [String] = []
        for empty in [true, false] {
            try await withDatabase(empty: empty) { url in
                urls.append(url)
                let tables = try await offPool {
                    try Connection(url).query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'").first!.decode(Int.self, "n")
                }
                #expect((tables == 0) == empty)
            }
        }
        for url in urls { #expect(try await !Self.exists(url)) }
    }
}
