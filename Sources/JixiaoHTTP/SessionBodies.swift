import Foundation
import JixiaoCore
import JixiaoService

/// `POST /v1/session`.
struct SignInBody: Decodable {
    var login: String
    var password: String
}

/// `POST /v1/session`: who signed in, until when; the session id travels only in the cookie.
struct SignedInBody: Encodable {
    var user: User
    var session: SessionInfo
    /// True after an admin's reset: only `PUT /v1/me/password` (and signing out) work until then.
    var passwordChangeRequired: Bool

    enum CodingKeys: String, CodingKey {
        case user, session
        case passwordChangeRequired = "password_change_required"
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
