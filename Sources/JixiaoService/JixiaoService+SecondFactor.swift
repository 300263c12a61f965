import Foundation
import HummingbirdOTP
import JixiaoCore
import PQ

/// What a user types into an authenticator app to enrol: the secret as base32 text (no QR code
/// needed), and the `otpauth://` URL for apps that take one.
public struct SecondFactorEnrolment: Sendable, Hashable, Codable {
    public var secret: String
    public var otpauthURL: String

    enum CodingKeys: String, CodingKey {
        case secret
        case otpauthURL = "otpauth_url"
    }
}

extension JixiaoService {
    /// Starts (or restarts) the caller's enrolment: a new random secret, unconfirmed until
    /// ``confirmSecondFactor(_:code:client:)``. Refused once a second factor is confirmed (an
    /// admin resets it first).
    public func enrolSecondFactor(_ caller: Caller) async throws -> SecondFactorEnrolment {
        // 27 characters of 62: 160 bits, the length RFC 4226 recommends (128 at least); the app's
        // key is their UTF-8 bytes (HummingbirdOTP's convention), shown to the user as base32.
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        let secret = String((0..<27).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
        let userID = caller.user.id
        let stored = try await self.database.write(actor: caller.login) { conn in
            try conn.run(Statements.EnrolSecondFactor(userID: userID, secret: secret))
        }
        guard stored == 1 else {
            throw ServiceError(.refused, .secondFactorEnrolled, "a second factor is already set up; an admin resets it before a new one")
        }
        let url = TOTP(secret: secret).createAuthenticatorURL(label: "jixiao:\(caller.login)", issuer: "jixiao")
        let text = URLComponents(string: url)?.queryItems?.first { $0.name == "secret" }?.value ?? ""
        return SecondFactorEnrolment(secret: text, otpauthURL: url)
    }

    /// Confirms the caller's enrolment with a code from their app; a wrong code counts as a failed
    /// sign-in.
    public func confirmSecondFactor(_ caller: Caller, code: String, client: SignInClient? = nil) async throws {
        let account = Self.throttleKey(caller.login)
        let address = client?.address ?? ""
        try await self.refuseWhileThrottled(account: account, address: address)
        let userID = caller.user.id
        let accepted = try await self.database.write(actor: caller.login) { conn in
            guard let stored = try conn.first(Statements.SecondFactorForUpdate(userID: userID)) else {
                throw ServiceError(.refused, .secondFactorNotEnrolled, "start with POST /v1/me/totp (enrol), then confirm a code")
            }
            guard let step = Self.matchingStep(code, stored, at: Date()) else { return false }
            try conn.run(Statements.UseSecondFactorStep(userID: userID, step: step))
            return true
        }
        guard accepted else {
            try await self.countFailure(account: account, address: address)
            throw ServiceError(.invalid, .invalidCode, "the code is not right (six digits from the app, each used once)")
        }
    }

    /// Removes a user's second factor (admin): they enrol again at their next sign-in.
    public func resetSecondFactor(_ caller: Caller, login: String) async throws {
        try self.requireAdmin(caller)
        try await self.database.write(actor: caller.login) { conn in
            guard let userID = try conn.first(Statements.UserID(login: login)) else { throw ServiceError.notFound("user \(login)") }
            try conn.run(Statements.DeleteSecondFactor(userID: userID))
        }
    }

    /// Whether finance and admin users must use a second factor (admin).
    public func secondFactorRequired(_ caller: Caller) async throws -> Bool {
        try self.requireAdmin(caller)
        return try await self.database.read { conn in try conn.first(Statements.SecondFactorPolicy()) ?? false }
    }

    /// Requires (or no longer requires) a second factor for finance and admin users (admin).
    /// Those without one enrol at their next sign-in; until then their sessions can do nothing else.
    public func setSecondFactorRequired(_ caller: Caller, _ required: Bool) async throws {
        try self.requireAdmin(caller)
        _ = try await self.database.write(actor: caller.login) { conn in try conn.run(Statements.SetSecondFactorPolicy(required: required)) }
    }

    /// The time step whose code `code` is, among the accepted ones (`SecondFactorRules`), or nil.
    static func matchingStep(_ code: String, _ stored: StoredSecondFactor, at date: Date) -> Int64? {
        guard let code = SecondFactorRules.normalizedCode(code).flatMap(Int.init) else { return nil }
        let totp = TOTP(secret: stored.secret)
        let steps = SecondFactorRules.acceptedSteps(at: Int64(date.timeIntervalSince1970), lastUsedStep: stored.lastStep)
        return steps.first { step in
            totp.compute(date: Date(timeIntervalSince1970: Double(step * SecondFactorRules.stepSeconds))) == code
        }
    }

    /// The code an app shows for `secret` at `date` (tests and the demo).
    static func currentCode(secret: String, at date: Date = Date()) -> String {
        let code = TOTP(secret: secret).compute(date: date)
        let text = String(code)
        return String(repeating: "0", count: max(0, 6 - text.count)) + text
    }
}
