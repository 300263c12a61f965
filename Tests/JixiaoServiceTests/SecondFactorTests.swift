import Foundation
import JixiaoCore
import PQ
import Testing

@testable @_spi(Testing) import JixiaoService

/// TOTP as a second factor (issue 13, item 3).
/// One test at a time: each makes a database of its own, and many at once slow the
/// timing-sensitive suites that run beside them (the pool test's acquire timeout).
@Suite("Service: second factor (TOTP)", .serialized)
struct SecondFactorTests {
    static let client = SignInClient(address: "192.0.2.20", userAgent: "Tests")
    static let password = "Tq7#vL2m!pXz"

    /// The stored secret of `login` (the app's key), read as the superuser.
    static func secret(_ f: Fixture, _ login: String) async throws -> String {
        try await f.superuser { conn in
            try conn.query("SELECT secret FROM user_totp t JOIN app_user u ON u.id = t.user_id WHERE u.login = $1", [login])
                .first!.decode(String.self, "secret")
        }
    }

    /// `login` with a password and a confirmed second factor; returns the secret.
    static func enrolled(_ f: Fixture, _ caller: Caller) async throws -> String {
        try await f.service.resetPassword(f.admin, login: caller.login, new: "temporary pass 5")
        try await f.service.changePassword(caller, current: "temporary pass 5", new: Self.password)
        let enrolment = try await f.service.enrolSecondFactor(caller)
        #expect(enrolment.otpauthURL.hasPrefix("otpauth://totp/jixiao:\(caller.login)?secret=\(enrolment.secret)"))
        #expect(enrolment.secret.count >= 32 && enrolment.secret.allSatisfy { $0.isUppercase || $0.isNumber }, "base32: \(enrolment.secret)")
        let secret = try await Self.secret(f, caller.login)
        try await f.service.confirmSecondFactor(caller, code: JixiaoService.currentCode(secret: secret))
        return secret
    }

    @Test("enrol, confirm with the app's code; once confirmed, a new enrolment is refused until an admin resets it")
    func enrol() async throws {
        try await withFixture(dropNow: false) { f in
            _ = try await f.service.enrolSecondFactor(f.auditor)
            await expectServiceError(.invalid, "invalid-code") { try await f.service.confirmSecondFactor(f.auditor, code: "000000") }
            await expectServiceError(.invalid, "invalid-code") { try await f.service.confirmSecondFactor(f.auditor, code: "not a code") }
            await expectServiceError(.refused, "second-factor-not-enrolled") { try await f.service.confirmSecondFactor(f.supervisor, code: "000000") }
            _ = try await Self.enrolled(f, f.finance)
            await expectServiceError(.refused, "second-factor-enrolled") { try await f.service.enrolSecondFactor(f.finance) }
            await expectServiceError(.forbidden) { try await f.service.resetSecondFactor(f.supervisor, login: "finance") }
            try await f.service.resetSecondFactor(f.admin, login: "finance")
            _ = try await f.service.enrolSecondFactor(f.finance)
            // Unconfirmed, it is not asked for at sign-in.
            _ = try await f.service.signIn(login: "finance", password: Self.password, client: Self.client)
        }
    }

    @Test("an enrolled user signs in with password and code: none → second-factor-required, wrong → invalid-code, each code once")
    func signIn() async throws {
        try await withFixture(dropNow: false) { f in
            let secret = try await Self.enrolled(f, f.finance)
            await expectServiceError(.unauthenticated, "second-factor-required") {
                try await f.service.signIn(login: "finance", password: Self.password, client: Self.client)
            }
            await expectServiceError(.unauthenticated, "invalid-code") {
                try await f.service.signIn(login: "finance", password: Self.password, code: "123456", client: Self.client)
            }
            // A wrong password with a right code is still a wrong password.
            let next = JixiaoService.currentCode(secret: secret, at: Date().addingTimeInterval(30))
            await expectServiceError(.unauthenticated, "invalid-credentials") {
                try await f.service.signIn(login: "finance", password: "wrong password 1", code: next, client: Self.client)
            }
            // The confirmation used this step's code: the next step's (clock drift) signs in, once.
            _ = try await f.service.signIn(login: "finance", password: Self.password, code: next, client: Self.client)
            await expectServiceError(.unauthenticated, "invalid-code") {
                try await f.service.signIn(login: "finance", password: Self.password, code: next, client: Self.client)
            }
        }
    }

    @Test("wrong codes count as failed sign-ins: the right password and code wait too")
    func codesThrottled() async throws {
        try await withFixture(dropNow: false) { f in
            let secret = try await Self.enrolled(f, f.finance)
            for guess in ["111111", "222222", "333333"] {
                await expectServiceError(.unauthenticated, "invalid-code") {
                    try await f.service.signIn(login: "finance", password: Self.password, code: guess, client: Self.client)
                }
            }
            let next = JixiaoService.currentCode(secret: secret, at: Date().addingTimeInterval(30))
            await expectServiceError(.throttled, "too-many-attempts") {
                try await f.service.signIn(login: "finance", password: Self.password, code: next, client: Self.client)
            }
        }
    }

    @Test("the admin's setting: finance and admin sessions without a second factor may only enrol one; others are not affected")
    func policy() async throws {
        try await withFixture(dropNow: false) { f in
            await expectServiceError(.forbidden) { try await f.service.setSecondFactorRequired(f.finance, true) }
            #expect(try await f.service.secondFactorRequired(f.admin) == false)
            try await f.service.setSecondFactorRequired(f.admin, true)
            #expect(try await f.service.secondFactorRequired(f.admin))
            for login in ["finance", "centre-drafter"] { try await f.service.resetPassword(f.admin, login: login, new: "temporary pass 6") }
            let finance = try await f.service.signIn(login: "finance", password: "temporary pass 6", client: Self.client)
            #expect(finance.secondFactorEnrolmentRequired)
            let drafter = try await f.service.signIn(login: "centre-drafter", password: "temporary pass 6", client: Self.client)
            #expect(!drafter.secondFactorEnrolmentRequired)
            let caller = try await f.service.authenticate(session: finance.secret)
            #expect(caller.secondFactorEnrolmentRequired && caller.isRestricted)
            _ = try await f.service.enrolSecondFactor(caller)
            try await f.service.confirmSecondFactor(caller, code: JixiaoService.currentCode(secret: try await Self.secret(f, "finance")))
            #expect(try await f.service.authenticate(session: finance.secret).secondFactorEnrolmentRequired == false)
            // Turning it off frees the others at once.
            try await f.service.resetSecondFactor(f.admin, login: "finance")
            #expect(try await f.service.authenticate(session: finance.secret).secondFactorEnrolmentRequired)
            try await f.service.setSecondFactorRequired(f.admin, false)
            #expect(try await f.service.authenticate(session: finance.secret).secondFactorEnrolmentRequired == false)
        }
    }
}
