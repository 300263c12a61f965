import Hummingbird
import JixiaoService

/// Resolves `Authorization: Bearer <token>` through `JixiaoService.authenticate(token:)` and
/// puts the caller into the context; 401 without a valid, unexpired, unrevoked token.
struct BearerAuthMiddleware: RouterMiddleware {
    typealias Context = JixiaoRequestContext

    let service: JixiaoService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            throw APIError.unauthenticated("this route needs an Authorization: Bearer <token> header", code: .missingToken)
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw APIError.unauthenticated("the Authorization header must read Bearer <token>", code: .missingToken)
        }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        var context = context
        context.caller = try await self.service.authenticate(token: token)
        return try await next(request, context)
    }
}
