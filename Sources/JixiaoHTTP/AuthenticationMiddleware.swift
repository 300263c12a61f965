import Hummingbird
import JixiaoService

/// Authenticates a `/v1` request by `Authorization: Bearer <token>` (scripts) or by the session
/// cookie (people, after `POST /v1/session`), and puts the caller into the context; 401 without
/// either, and 401 with both.
///
/// A cookie is sent by the browser on its own, so a cookie-authenticated write must also prove
/// that a page of ours made it (``CrossSiteCheck``); a bearer token never travels by itself and
/// needs no such proof. A session whose password an admin reset, or that must enrol a second
/// factor, reaches only the routes that let it do so (`whileRestricted`).
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = JixiaoRequestContext

    let service: JixiaoService
    let configuration: JixiaoHTTPConfiguration
    /// True for the group of routes a restricted session (password change, second factor due) may use.
    let whileRestricted: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        // One credential per request: with both, which one acts would be a guess, and a valid
        // token must not carry a forged or stale cookie along (or the reverse).
        if request.headers[.authorization] != nil, SessionCookie.isPresent(in: request.headers) {
            throw APIError.unauthenticated(
                "send one credential: an Authorization: Bearer <token> header or the session cookie, not both",
                code: .ambiguousCredentials
            )
        }
        if let header = request.headers[.authorization] {
            context.caller = try await self.service.authenticate(token: Self.bearerToken(header))
        } else if let secret = SessionCookie.value(in: request.headers) {
            if let refusal = CrossSiteCheck.refusal(request, trustedOrigins: self.configuration.trustedOrigins, requireProofWithoutOrigin: true) {
                throw APIError(.forbidden, .crossSiteRequest, refusal)
            }
            let caller = try await self.service.authenticate(session: secret)
            if caller.passwordChangeRequired && !self.whileRestricted {
                throw APIError(
                    .forbidden,
                    .passwordChangeRequired,
                    "your password was reset by an admin: change it first (PUT /v1/me/password)"
                )
            }
            if caller.secondFactorEnrolmentRequired && !self.whileRestricted {
                throw APIError(
                    .forbidden,
                    .secondFactorEnrolmentRequired,
                    "your role needs a second factor: set one up first (POST /v1/me/totp, then POST /v1/me/totp/confirm)"
                )
            }
            context.caller = caller
        } else {
            throw APIError.unauthenticated(
                "this route needs a session (sign in with POST /v1/session) or an Authorization: Bearer <token> header",
                code: .missingToken
            )
        }
        return try await next(request, context)
    }

    /// The token of `Bearer <token>`; 401 for any other scheme.
    static func bearerToken(_ header: String) throws -> String {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw APIError.unauthenticated("the Authorization header must read Bearer <token>", code: .missingToken)
        }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }
}
