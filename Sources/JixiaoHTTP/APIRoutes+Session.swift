import Foundation
import HTTPTypes
import Hummingbird
import JixiaoService

extension APIRoutes {
    var sessionRoutes: [Route] {
        [
            Route(.post, "/v1/session", authenticated: false, self.signIn),
            Route(.delete, "/v1/session", whileRestricted: true, self.signOut),
            Route(.get, "/v1/sessions", whileRestricted: true, self.sessions),
            Route(.delete, "/v1/sessions", whileRestricted: true, self.signOutEverywhere),
            Route(.put, "/v1/me/password", whileRestricted: true, self.changePassword),
            Route(.put, "/v1/users/{login}/password", self.resetPassword),
        ]
    }

    /// `POST /v1/session` `{login, password}`: 201 with the session cookie; 401
    /// `invalid-credentials` for any wrong pair; 429 with `Retry-After` while failures wait.
    @Sendable func signIn(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        // Login CSRF: another site's form must not sign the browser in as someone else.
        if let refusal = CrossSiteCheck.refusal(request, trustedOrigins: self.configuration.trustedOrigins, requireProofWithoutOrigin: false) {
            throw APIError(.forbidden, .crossSiteRequest, refusal)
        }
        let body = try await request.decodeJSON(SignInBody.self, limit: self.bodyLimit)
        let session = try await self.service.signIn(
            login: body.login,
            password: body.password,
            code: body.code,
            client: self.client(request, context)
        )
        return try self.sessionResponse(session, status: .created)
    }

    /// `DELETE /v1/session`: ends the session the request came with and clears the cookie.
    @Sendable func signOut(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        try await self.service.signOut(try context.requireCaller())
        return Response(status: .noContent, headers: [.setCookie: SessionCookie.clear(secure: self.configuration.secureCookies)])
    }

    /// `GET /v1/sessions`: the caller's live sessions (user agent, address, created, last seen).
    @Sendable func sessions(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        try JSONResponse.make(SessionList(sessions: try await self.service.listSessions(try context.requireCaller())))
    }

    /// `DELETE /v1/sessions`: signs the caller out everywhere (tokens stay).
    @Sendable func signOutEverywhere(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        let ended = try await self.service.signOutEverywhere(try context.requireCaller())
        return try JSONResponse.make(
            SessionsEnded(ended: ended),
            headers: [.setCookie: SessionCookie.clear(secure: self.configuration.secureCookies)]
        )
    }

    /// `PUT /v1/me/password` `{current_password, new_password}`: every session of the caller
    /// ends; a request made in a session gets a fresh one (a new cookie).
    @Sendable func changePassword(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let body = try await request.decodeJSON(PasswordChangeBody.self, limit: self.bodyLimit)
        let renewed = try await self.service.changePassword(
            caller,
            current: body.currentPassword,
            new: body.newPassword,
            client: caller.sessionID == nil ? nil : self.client(request, context)
        )
        guard let renewed else { return Response(status: .noContent) }
        return try self.sessionResponse(renewed, status: .ok)
    }

    /// `PUT /v1/users/{login}/password` `{new_password}` (admin): the user must change it at
    /// the next sign-in; their sessions end.
    @Sendable func resetPassword(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        guard let login = context.parameters.get("login") else { throw APIError.badRequest("missing login", field: "login") }
        let body = try await request.decodeJSON(PasswordResetBody.self, limit: self.bodyLimit)
        try await self.service.resetPassword(caller, login: login, new: body.newPassword)
        return Response(status: .noContent)
    }

    /// The session's body and its cookie.
    func sessionResponse(_ session: NewSession, status: HTTPResponse.Status) throws -> Response {
        try JSONResponse.make(
            SignedInBody(
                user: session.user,
                session: session.info,
                passwordChangeRequired: session.passwordChangeRequired,
                secondFactorEnrolmentRequired: session.secondFactorEnrolmentRequired
            ),
            status: status,
            headers: [.setCookie: SessionCookie.set(session.secret, expires: session.info.expiresAt, secure: self.configuration.secureCookies)]
        )
    }

    /// The client's address and user agent, for the session list and per-address throttling.
    func client(_ request: Request, _ context: JixiaoRequestContext) -> SignInClient {
        var address = context.peerAddress
        if self.configuration.trustForwardedFor, let forwarded = request.headers[values: Self.forwardedFor].last {
            // The proxy appends the address it saw: the last entry; earlier ones are the client's word.
            address = forwarded.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? address
        }
        return SignInClient(address: address, userAgent: request.headers[.userAgent] ?? "")
    }

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
}
