import Foundation
import JixiaoCore
import JixiaoService
import PQ
import Testing

@Suite("Service: API tokens")
struct TokenTests {
    @Test("an issued token authenticates its user and records its use")
    func issuedTokenAuthenticates() async throws {
        try await withFixture { f in
            let (token, info) = try await f.service.issueToken(f.admin, login: "centre-drafter", label: "笔记本")
            #expect(info.login == "centre-drafter")
            #expect(info.label == "笔记本")
            #expect(info.lastUsedAt == nil)
            #expect(info.expiresAt.map { $0 > info.createdAt } == true)
            let caller = try await f.service.authenticate(token: token)
            #expect(caller.login == "centre-drafter")
            #expect(caller.user == f.centreDrafter.user)
            let listed = try await f.service.listTokens(f.centreDrafter)
            #expect(listed.map(\.id) == [info.id])
            #expect(listed.first?.lastUsedAt != nil)
            // A user issues tokens for themself.
            let own = try await f.service.issueToken(f.supervisor, login: "bureau-supervisor")
            #expect(try await f.service.authenticate(token: own.token).login == "bureau-supervisor")
            #expect(own.token != token)
        }
    }

    @Test("only a SHA-256 of the token is stored")
    func onlyHashStored() async throws {
        try await withFixture { f in
            let (token, info) = try await f.service.issueToken(f.admin, login: "finance")
            let (matches, containing, hashLength, textColumns) = try await f.superuser { conn in
                (
                    try conn.query("SELECT count(*)::int AS n FROM api_token WHERE token_sha256 = sha256(convert_to($1, 'UTF8'))", [token])
                        .first!.decode(Int.self, "n"),
                    try conn.query(
                        """
                        SELECT count(*)::int AS n FROM api_token t
                        WHERE strpos(t::text, $1) > 0 OR strpos(t::text, $2) > 0 OR strpos(encode(t.token_sha256, 'escape'), $1) > 0
                        """,
                        [token, String(token.dropFirst(3))]
                    ).first!.decode(Int.self, "n"),
                    try conn.query("SELECT octet_length(token_sha256) AS n FROM api_token WHERE id = $1", [info.id]).first!.decode(Int.self, "n"),
                    try conn.query(
                        """
                        SELECT column_name::text AS c FROM information_schema.columns
                        WHERE table_name = 'api_token' AND data_type IN ('text', 'character varying') ORDER BY 1
                        """
                    ).map { try $0.decode(String.self, "c") }
                )
            }
            #expect(matches == 1)
            #expect(containing == 0, "the secret appears in the stored row")
            #expect(hashLength == 32)
            #expect(textColumns == ["label"])
        }
    }

    @Test("unknown, altered and revoked tokens are refused")
    func revokedRefused() async throws {
        try await withFixture { f in
            let (token, info) = try await f.service.issueToken(f.admin, login: "centre-drafter")
            await expectServiceError(.unauthenticated, "invalid-token") {
                try await f.service.authenticate(token: "jx_" + String(repeating: "0", count: 64))
            }
            await expectServiceError(.unauthenticated) {
                try await f.service.authenticate(token: String(token.dropLast()) + (token.last == "a" ? "b" : "a"))
            }
            await expectServiceError(.unauthenticated) { try await f.service.authenticate(token: "") }
            // The owner revokes it.
            let revoked = try await f.service.revokeToken(f.centreDrafter, id: info.id)
            #expect(revoked.revokedAt != nil)
            await expectServiceError(.unauthenticated, "invalid-token") { try await f.service.authenticate(token: token) }
            // Revoking again keeps the first moment.
            #expect(try await f.service.revokeToken(f.admin, id: info.id).revokedAt == revoked.revokedAt)
        }
    }

    @Test("nobody but the owner or an admin revokes or lists a token")
    func othersCannotRevoke() async throws {
        try await withFixture { f in
            let (token, info) = try await f.service.issueToken(f.admin, login: "centre-drafter")
            await expectServiceError(.notFound) { try await f.service.revokeToken(f.otherDrafter, id: info.id) }
            await expectServiceError(.forbidden) { try await f.service.listTokens(f.otherDrafter, login: "centre-drafter") }
            await expectServiceError(.forbidden) { try await f.service.issueToken(f.otherDrafter, login: "centre-drafter") }
            #expect(try await f.service.authenticate(token: token).login == "centre-drafter")
            #expect(try await f.service.listTokens(f.otherDrafter).isEmpty)
            #expect(try await f.service.listTokens(f.admin).map(\.id) == [info.id])
        }
    }

    @Test("an expired token is refused (expiry set in the database)")
    func expiredRefused() async throws {
        try await withFixture { f in
            let (token, info) = try await f.service.issueToken(f.admin, login: "centre-drafter")
            #expect(try await f.service.authenticate(token: token).login == "centre-drafter")
            try await f.superuser { conn in
                try conn.execute("UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = $1", [info.id])
            }
            await expectServiceError(.unauthenticated, "invalid-token") { try await f.service.authenticate(token: token) }
        }
    }

    @Test("a token issued for one second stops working after it")
    func shortLivedToken() async throws {
        try await withFixture { f in
            let (token, info) = try await f.service.issueToken(f.admin, login: "centre-drafter", validFor: .seconds(1))
            let lifetime = try #require(info.expiresAt).timeIntervalSince(info.createdAt)
            #expect(abs(lifetime - 1) < 0.001)
            try await Task.sleep(for: .milliseconds(1200))
            await expectServiceError(.unauthenticated, "invalid-token") { try await f.service.authenticate(token: token) }
            // Lifetimes are exact, not cut to whole seconds; a lifetime of nothing is refused.
            let fractional = try await f.service.issueToken(f.admin, login: "centre-drafter", validFor: .milliseconds(1500)).info
            #expect(abs(try #require(fractional.expiresAt).timeIntervalSince(fractional.createdAt) - 1.5) < 0.001)
            await expectServiceError(.invalid) { try await f.service.issueToken(f.admin, login: "centre-drafter", validFor: .zero) }
            // Every token expires (issue 15): a year at most, to the microsecond.
            await expectServiceError(.invalid) {
                try await f.service.issueToken(f.admin, login: "centre-drafter", validFor: .seconds(366 * 86_400))
            }
            let longest = try await f.service.issueToken(f.admin, login: "centre-drafter", validFor: .seconds(365 * 86_400)).info
            #expect(abs(try #require(longest.expiresAt).timeIntervalSince(longest.createdAt) - 365 * 86_400) < 0.001)
        }
    }

    @Test("a disabled user's tokens and login are refused")
    func disabledUserRefused() async throws {
        try await withFixture { f in
            let (token, _) = try await f.service.issueToken(f.admin, login: "centre-drafter")
            #expect(try await f.service.authenticate(token: token).login == "centre-drafter")
            let disabled = try await f.service.disable(f.admin, login: "centre-drafter")
            #expect(disabled.disabled)
            await expectServiceError(.unauthenticated, "invalid-token") { try await f.service.authenticate(token: token) }
            await expectServiceError(.unauthenticated, "user-disabled") { try await f.service.caller(login: "centre-drafter") }
            await expectServiceError(.unauthenticated, "unknown-user") { try await f.service.caller(login: "nobody") }
            // Other users are unaffected.
            #expect(try await f.service.caller(login: "bureau-drafter").login == "bureau-drafter")
        }
    }
}
