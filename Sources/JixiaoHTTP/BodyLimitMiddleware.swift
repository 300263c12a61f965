import Hummingbird

/// Refuses a request whose declared `Content-Length` exceeds the limit (413) before any of
/// its body is read; bodies without a length are limited where they are read.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = JixiaoRequestContext

    let limit: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > self.limit {
            throw APIError.bodyTooLarge(limit: self.limit)
        }
        return try await next(request, context)
    }
}
