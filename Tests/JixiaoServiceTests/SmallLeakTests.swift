import Foundation
import JixiaoCore
import JixiaoService
import PQ
import Testing

/// The red team's smaller leaks (issue 15, item 8) that the service and the database close,
/// each replayed as the attack.
@Suite("Service: smaller leaks")
struct SmallLeakTests {
    @Test("audit_lock creates no chain head for a table that does not exist")
    func auditLockUnknownTable() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .draft)
            let heads = try await f.applicationRole { conn in
                try conn.execute("SELECT audit_lock(987654321)")
                try conn.execute("SELECT audit_lock(-1)")
                try conn.execute("SELECT audit_lock($1)", [table.id])
                return try conn.query("SELECT table_id FROM audit_chain ORDER BY table_id").map { try $0.decode(Int64.self, "table_id") }
            }
            #expect(heads == [table.id])
        }
    }

    @Test("disabling a user revokes its tokens: enabling it again does not bring them back")
    func disableRevokesTokens() async throws {
        try await withFixture { f in
            let (token, _) = try await f.service.issueToken(f.admin, login: "centre-drafter")
            _ = try await f.service.disable(f.admin, login: "centre-drafter")
            let listed = try await f.service.listTokens(f.admin, login: "centre-drafter")
            #expect(!listed.isEmpty && listed.allSatisfy { $0.revokedAt != nil })
            // Re-enabled by hand (there is no enable command): the old token stays dead.
            try await f.superuser { conn in try conn.execute("UPDATE app_user SET disabled = false WHERE login = 'centre-drafter'") }
            await expectServiceError(.unauthenticated, "invalid-token") { try await f.service.authenticate(token: token) }
            // Other users' tokens are untouched.
            let (other, _) = try await f.service.issueToken(f.admin, login: "bureau-drafter")
            _ = try await f.service.disable(f.admin, login: "other-drafter")
            #expect(try await f.service.authenticate(token: other).login == "bureau-drafter")
        }
    }

    @Test("no token without an expiry or beyond a year, even written by the application role directly")
    func tokenLifetimeInTheDatabase() async throws {
        try await withFixture { f in
            let userID = f.centreDrafter.user.id
            let states = try await f.applicationRole { conn in
                [
                    "INSERT INTO api_token (user_id, token_sha256) VALUES (\(userID), sha256('a'))",
                    "INSERT INTO api_token (user_id, token_sha256, expires_at) VALUES (\(userID), sha256('b'), now() + interval '366 days')",
                    "INSERT INTO api_token (user_id, token_sha256, expires_at) VALUES (\(userID), sha256('c'), now() + interval '365 days')",
                    "UPDATE api_token SET expires_at = NULL",
                ].map { sql in sqlState { try conn.execute(sql) } }
            }
            #expect(states == ["23514", "23514", "00000", "23514"])
        }
    }

    @Test("a drafter importing a document that names another unit's table does not learn its id")
    func importRevealsNoForeignTable() async throws {
        try await withFixture { f in
            let text = try Seed.text
            let imported = try await f.service.importDocument(f.admin, text: text, source: "seed", createUnits: true)
            let ids = Set(imported.tables.compactMap(\.tableID))
            #expect(ids.count == 13)
            // The dry run: tables the drafter may not read are "would create", without an id.
            let seen = try await f.service.importDocument(f.otherDrafter, text: text, source: "seed", dryRun: true)
            for outcome in seen.tables {
                if let id = outcome.tableID {
                    #expect(outcome.action == .unchanged)
                    _ = try await f.service.table(f.otherDrafter, id: id)  // readable, or this throws
                } else {
                    #expect(outcome.action == .wouldCreate)
                }
            }
            #expect(seen.tables.contains { $0.tableID == nil })
            // The import itself is refused as for a table that does not exist: not permitted to create it.
            let refused = await expectServiceError(.forbidden, "not-permitted") {
                try await f.service.importDocument(f.otherDrafter, text: text, source: "seed")
            }
            #expect(refused?.message.contains("creates its tables") == true)
            // Its own unit's drafter still sees its tables as unchanged, with their ids.
            let own = try await f.service.importDocument(f.centreDrafter, text: text, source: "seed", dryRun: true)
            #expect(own.tables.contains { $0.action == .unchanged && $0.tableID != nil })
        }
    }
}
