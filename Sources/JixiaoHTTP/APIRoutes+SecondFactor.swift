import Hummingbird
import JixiaoService

extension APIRoutes {
    var secondFactorRoutes: [Route] {
        [
            Route(.post, "/v1/me/totp", whileRestricted: true, self.enrolSecondFactor),
            Route(.post, "/v1/me/totp/confirm", whileRestricted: true, self.confirmSecondFactor),
            Route(.post, "/v1/users/{login}/totp/reset", self.resetSecondFactor),
            Route(.get, "/v1/settings/sign-in", self.signInSettings),
            Route(.put, "/v1/settings/sign-in", self.setSignInSettings),
        ]
    }

    /// `POST /v1/me/totp`: a new secret to type into an authenticator app (201).
    @Sendable func enrolSecondFactor(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        try JSONResponse.make(try await self.service.enrolSecondFactor(try context.requireCaller()), status: .created)
    }

    /// `POST /v1/me/totp/confirm` `{code}`: proves the app holds the secret; from then on every
    /// sign-in needs a code (204).
    @Sendable func confirmSecondFactor(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(SecondFactorCodeBody.self, limit: self.bodyLimit)
        try await self.service.confirmSecondFactor(try context.requireCaller(), code: body.code, client: self.client(request, context))
        return Response(status: .noContent)
    }

    /// `POST /v1/users/{login}/totp/reset` (admin): the user enrols again (204).
    @Sendable func resetSecondFactor(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        guard let login = context.parameters.get("login") else { throw APIError.badRequest("missing login", field: "login") }
        try await self.service.resetSecondFactor(try context.requireCaller(), login: login)
        return Response(status: .noContent)
    }

    /// `GET /v1/settings/sign-in` (admin).
    @Sendable func signInSettings(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        try JSONResponse.make(SignInSettings(totpRequired: try await self.service.secondFactorRequired(try context.requireCaller())))
    }

    /// `PUT /v1/settings/sign-in` `{totp_required}` (admin).
    @Sendable func setSignInSettings(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let body = try await request.decodeJSON(SignInSettings.self, limit: self.bodyLimit)
        try await self.service.setSecondFactorRequired(caller, body.totpRequired)
        return try JSONResponse.make(body)
    }
}
