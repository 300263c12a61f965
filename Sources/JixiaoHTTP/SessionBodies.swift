import Foundation
import JixiaoCore
import JixiaoService

/// `POST /v1/session`.
struct SignInBody: Decodable {
    var login: String
    var password: String
    /// The six digits of the authenticator app, for users with a second factor.
    var code: String?
}

/// `POST /v1/session`: who signed in, until when; the session id travels only in the cookie.
struct SignedInBody: Encodable {
    var user: User
    var session: SessionInfo
    /// True after an admin's reset: only `PUT /v1/me/password` (and signing out) work until then.
    var passwordChangeRequired: Bool
    /// True when a second factor is required and not set up: only enrolling it works until then.
    var secondFactorEnrolmentRequired: Bool

    enum CodingKeys: String, CodingKey {
        case user, session
        case passwordChangeRequired = "password_change_required"
        case secondFactorEnrolmentRequired = "second_factor_enrolment_required"
    }
}

/// `GET /v1/sessions`.
struct SessionList: Encodable {
    var sessions: [SessionInfo]
}

/// `DELETE /v1/sessions`: how many sessions ended.
struct SessionsEnded: Encodable {
    var ended: Int
}

/// `PUT /v1/me/password`.
struct PasswordChangeBody: Decodable {
    var currentPassword: String
    var newPassword: String

    enum CodingKeys: String, CodingKey {
        case currentPassword = "current_password"
        case newPassword = "new_password"
    }
}

/// `PUT /v1/users/{login}/password` (admin reset).
struct PasswordResetBody: Decodable {
    var newPassword: String

    enum CodingKeys: String, CodingKey {
        case newPassword = "new_password"
    }
}

/// `POST /v1/me/totp/confirm`.
struct SecondFactorCodeBody: Decodable {
    var code: String
}

/// `GET` and `PUT /v1/settings/sign-in` (admin).
struct SignInSettings: Codable {
    /// Users holding finance or admin must use a second factor.
    var totpRequired: Bool

    enum CodingKeys: String, CodingKey {
        case totpRequired = "totp_required"
    }
}
