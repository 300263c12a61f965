import Foundation
import JixiaoCore
@_spi(Testing) import JixiaoService
import PQ
import Testing

/// Passwords and sessions through the service (issue 13, items 1 and 2).
/// One test at a time: each makes a database of its own, and many at once slow the
/// timing-sensitive suites that run beside them (the pool test's acquire timeout).
@Suite("Service: passwords and sessions", .serialized)
struct SignInTests {
    static let client = SignInClient(address: "192.0.2.10", userAgent: "Tests/1.0")
    static let password = "Tq7#vL2m!pXz"
    static let other = "correct horse battery"

    /// Gives `caller` the password `Self.password`: an admin reset, then the user's own change.
    static func withPassword(_ f: Fixture, _ caller: Caller, temporary: String = "reset by admin 9") async throws {
        try await f.service.resetPassword(f.admin, login: caller.login, new: temporary)
        try await f.service.changePassword(caller, current: temporary, new: Self.password)
    }

    @Test("only a bcrypt hash is stored, of cost ≥ 12 outside tests; the password is nowhere in the database")
    func onlyHashStored() async throws {
        try await withFixture(dropNow: false) { f in
            try await Self.withPassword(f, f.centreDrafter)
            let stored = try await f.superuser { conn in
                try conn.query("SELECT password_hash FROM user_credential c JOIN app_user u ON u.id = c.user_id WHERE u.login = 'centre-drafter'")
                    .first!.decode(String.self, "password_hash")
            }
            #expect(stored.hasPrefix("$2b$04$") || stored.hasPrefix("$2a$04$") || stored.hasPrefix("$2y$04$"), "\(stored)")
            #expect(!stored.contains(Self.password))
            // The standard configuration cannot go below 12, whatever it is asked for.
            #expect(SignInConfiguration(passwordCost: 4).passwordCost == 12)
            #expect(SignInConfiguration.standard.passwordCost == 12)
            // A plain INSERT of anything but a bcrypt hash is refused by the table.
            let state = try await f.superuser { conn in
                sqlState { _ = try conn.execute("UPDATE user_credential SET password_hash = 'Tq7#vL2m!pXz'") }
            }
            #expect(state == "23514")
        }
    }

    @Test("weak passwords are refused with the rule's code, by reset and by change alike")
    func weakPasswords() async throws {
        try await withFixture(dropNow: false) { f in
            await expectServiceError(.invalid, "password-too-short") {
                try await f.service.resetPassword(f.admin, login: "centre-drafter", new: "short")
            }
            await expectServiceError(.invalid, "password-contains-login") {
                try await f.service.resetPassword(f.admin, login: "centre-drafter", new: "my centre-drafter pw")
            }
            await expectServiceError(.invalid, "password-too-common") {
                try await f.service.resetPassword(f.admin, login: "centre-drafter", new: "password2025!")
            }
            try await Self.withPassword(f, f.centreDrafter)
            await expectServiceError(.invalid, "password-too-common") {
                try await f.service.changePassword(f.centreDrafter, current: Self.password, new: "qwertyuiopas")
            }
            await expectServiceError(.invalid, "password-unchanged") {
                try await f.service.changePassword(f.centreDrafter, current: Self.password, new: Self.password)
            }
        }
    }

    @Test("only an admin resets; changing one's own needs the current password")
    func whoMaySet() async throws {
        try await withFixture(dropNow: false) { f in
            await expectServiceError(.forbidden, "not-permitted") {
                try await f.service.resetPassword(f.supervisor, login: "centre-drafter", new: Self.password)
            }
            await expectServiceError(.notFound) {
                try await f.service.resetPassword(f.admin, login: "nobody", new: Self.password)
            }
            // Without any password there is no current one to give.
            await expectServiceError(.forbidden, "wrong-password") {
                try await f.service.changePassword(f.centreDrafter, current: "", new: Self.password)
            }
            try await Self.withPassword(f, f.centreDrafter)
            await expectServiceError(.forbidden, "wrong-password") {
                try await f.service.changePassword(f.centreDrafter, current: "not the password", new: Self.other)
            }
            try await f.service.changePassword(f.centreDrafter, current: Self.password, new: Self.other)
            await expectServiceError(.unauthenticated, "invalid-credentials") {
                try await f.service.signIn(login: "centre-drafter", password: Self.password, client: Self.client)
            }
            _ = try await f.service.signIn(login: "centre-drafter", password: Self.other, client: Self.client)
        }
    }

    @Test("after an admin's reset the sign-in says the password must change; the user's change clears it")
    func forcedChange() async throws {
        try await withFixture(dropNow: false) { f in
            try await f.service.resetPassword(f.admin, login: "finance", new: "temporary pass 7")
            let first = try await f.service.signIn(login: "finance", password: "temporary pass 7", client: Self.client)
            #expect(first.passwordChangeRequired)
            let caller = try await f.service.authenticate(session: first.secret)
            #expect(caller.passwordChangeRequired)
            let renewed = try #require(
                try await f.service.changePassword(caller, current: "temporary pass 7", new: Self.password, client: Self.client)
            )
            #expect(!renewed.passwordChangeRequired)
            #expect(try await f.service.authenticate(session: renewed.secret).passwordChangeRequired == false)
            // The change ended the session it was made in; the fresh one replaces it.
            await expectServiceError(.unauthenticated, "invalid-session") { try await f.service.authenticate(session: first.secret) }
        }
    }

    @Test("unknown login, wrong password, disabled user, user without password: the same answer")
    func sameAnswer() async throws {
        try await withFixture(dropNow: false) { f in
            try await Self.withPassword(f, f.centreDrafter)
            try await Self.withPassword(f, f.auditor)
            _ = try await f.service.disable(f.admin, login: "auditor")
            var messages: Set<String> = []
            for (login, password) in [
                ("nobody", Self.password), ("centre-drafter", "wrong password 1"), ("auditor", Self.password), ("finance", Self.password),
            ] {
                let error = await expectServiceError(.unauthenticated, "invalid-credentials", "\(login)") {
                    try await f.service.signIn(login: login, password: password, client: SignInClient(address: "", userAgent: ""))
                }
                messages.insert(error?.message ?? "")
            }
            #expect(messages.count == 1)
        }
    }

    @Test("a session id: random, only its SHA-256 stored, authenticates its user, lists with agent and address")
    func sessions() async throws {
        try await withFixture(dropNow: false) { f in
            try await Self.withPassword(f, f.centreDrafter)
            let a = try await f.service.signIn(login: "centre-drafter", password: Self.password, client: Self.client)
            let b = try await f.service.signIn(
                login: "centre-drafter",
                password: Self.password,
                client: SignInClient(address: "198.51.100.7", userAgent: "Firefox")
            )
            #expect(a.secret != b.secret)
            #expect(a.secret.hasPrefix("jxs_") && a.secret.count == 4 + 64)
            let (plain, hashed) = try await f.superuser { conn in
                (
                    try conn.query("SELECT count(*)::int AS n FROM user_session WHERE encode(id_sha256, 'escape') LIKE '%' || $1 || '%'", [a.secret])
                        .first!.decode(Int.self, "n"),
                    try conn.query("SELECT count(*)::int AS n FROM user_session WHERE id_sha256 = sha256(convert_to($1, 'UTF8'))", [a.secret])
                        .first!.decode(Int.self, "n")
                )
            }
            #expect(plain == 0 && hashed == 1)
            let caller = try await f.service.authenticate(session: a.secret)
            #expect(caller.user == f.centreDrafter.user)
            #expect(caller.sessionID == a.info.id)
            let listed = try await f.service.listSessions(caller)
            #expect(listed.map(\.id) == [b.info.id, a.info.id])
            #expect(listed.map(\.current) == [false, true])
            #expect(listed.map(\.userAgent) == ["Firefox", "Tests/1.0"])
            #expect(listed.map(\.address) == ["198.51.100.7", "192.0.2.10"])
            #expect(listed.allSatisfy { $0.expiresAt > $0.createdAt })
            // Another user sees none of them.
            #expect(try await f.service.listSessions(f.supervisor).isEmpty)
            await expectServiceError(.unauthenticated, "invalid-session") {
                try await f.service.authenticate(session: "jxs_" + String(repeating: "0", count: 64))
            }
        }
    }

    @Test("sign out ends one session, sign out everywhere all of them; a bearer caller has no session to end")
    func signOut() async throws {
        try await withFixture(dropNow: false) { f in
            try await Self.withPassword(f, f.centreDrafter)
            var sessions: [NewSession] = []
            for _ in 0..<3 { sessions.append(try await f.service.signIn(login: "centre-drafter", password: Self.password, client: Self.client)) }
            try await f.service.signOut(try await f.service.authenticate(session: sessions[0].secret))
            await expectServiceError(.unauthenticated, "invalid-session") { try await f.service.authenticate(session: sessions[0].secret) }
            _ = try await f.service.authenticate(session: sessions[1].secret)
            let ended = try await f.service.signOutEverywhere(try await f.service.authenticate(session: sessions[1].secret))
            #expect(ended == 2)
            for session in sessions {
                await expectServiceError(.unauthenticated, "invalid-session") { try await f.service.authenticate(session: session.secret) }
            }
            await expectServiceError(.invalid, "no-session") { try await f.service.signOut(f.centreDrafter) }
        }
    }

    @Test("sessions end at once when the user is disabled, a role changes, or the password changes (also in psql)")
    func sessionsEnd() async throws {
        try await withFixture(dropNow: false) { f in
            for login in ["centre-drafter", "bureau-supervisor", "finance", "auditor", "other-drafter"] {
                try await f.service.resetPassword(f.admin, login: login, new: Self.other)
            }
            func session(_ login: String) async throws -> String {
                try await f.service.signIn(login: login, password: Self.other, client: Self.client).secret
            }
            let drafter = try await session("centre-drafter")
            let supervisor = try await session("bureau-supervisor")
            let finance = try await session("finance")
            let auditor = try await session("auditor")
            let other = try await session("other-drafter")
            // Granting a role the user already has changes nothing: the session stays.
            _ = try await f.service.grant(f.admin, login: "bureau-supervisor", roles: [.supervisor])
            _ = try await f.service.authenticate(session: supervisor)

            _ = try await f.service.disable(f.admin, login: "centre-drafter")
            _ = try await f.service.grant(f.admin, login: "bureau-supervisor", roles: [.auditor])
            _ = try await f.service.revoke(f.admin, login: "bureau-supervisor", roles: [.auditor])
            try await f.service.resetPassword(f.admin, login: "finance", new: "another temporary 1")
            try await f.superuser { conn in _ = try conn.execute("UPDATE app_user SET roles = '{auditor,drafter}' WHERE login = 'auditor'") }
            for secret in [drafter, supervisor, finance, auditor] {
                await expectServiceError(.unauthenticated, "invalid-session") { try await f.service.authenticate(session: secret) }
            }
            let left = try await f.superuser { conn in try conn.query("SELECT count(*)::int AS n FROM user_session").first!.decode(Int.self, "n") }
            #expect(left == 1, "only other-drafter's session is left")
            _ = try await f.service.authenticate(session: other)
        }
    }

    @Test("an expired or idle session is refused")
    func expiry() async throws {
        var configuration = SignInConfiguration.testing()
        configuration.sessionLifetime = .milliseconds(1500)
        configuration.sessionIdleTimeout = .seconds(3600)
        try await withFixture(signIn: configuration, dropNow: false) { f in
            try await f.service.resetPassword(f.admin, login: "finance", new: Self.other)
            let session = try await f.service.signIn(login: "finance", password: Self.other, client: Self.client)
            _ = try await f.service.authenticate(session: session.secret)
            try await Task.sleep(for: .milliseconds(1700))
            await expectServiceError(.unauthenticated, "invalid-session") { try await f.service.authenticate(session: session.secret) }
        }
        var idle = SignInConfiguration.testing()
        idle.sessionIdleTimeout = .milliseconds(1500)
        try await withFixture(signIn: idle, dropNow: false) { f in
            try await f.service.resetPassword(f.admin, login: "finance", new: Self.other)
            let session = try await f.service.signIn(login: "finance", password: Self.other, client: Self.client)
            try await Task.sleep(for: .milliseconds(1700))
            await expectServiceError(.unauthenticated, "invalid-session") { try await f.service.authenticate(session: session.secret) }
        }
    }

    @Test("bearer tokens keep working beside sessions, and after a password change")
    func tokensUnchanged() async throws {
        try await withFixture(dropNow: false) { f in
            let token = try await f.token(f.centreDrafter)
            try await Self.withPassword(f, f.centreDrafter)
            let caller = try await f.service.authenticate(token: token)
            #expect(caller.login == "centre-drafter")
            #expect(caller.sessionID == nil && !caller.passwordChangeRequired)
        }
    }
}
