import Hummingbird
import JixiaoService
import Logging

/// Turns every error thrown below it into the API's JSON error answer, so that no route
/// writes its own error bodies: `APIError` as is, `ServiceError` through the one mapping
/// (`APIError.init(_: ServiceError)`), Hummingbird's own errors (unknown route, body too
/// large) by status, and anything else as a 500 that says nothing about internals.
struct ErrorResponseMiddleware: RouterMiddleware {
    typealias Context = JixiaoRequestContext

    let routes: RouteTable
    let bodyLimit: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let apiError = self.apiError(for: error, request: request, context: context)
            if apiError.status.code >= 500 {
                // One line per failure; a 503 (database away for a moment) is expected in operation.
                let detail = String(reflecting: error).split(whereSeparator: \.isNewline).joined(separator: " ")
                let metadata: Logger.Metadata = ["error.code": "\(apiError.code)", "error": "\(detail)"]
                if apiError.status == .serviceUnavailable {
                    context.logger.warning("request failed", metadata: metadata)
                } else {
                    context.logger.error("request failed", metadata: metadata)
                }
            }
            return apiError.response()
        }
    }

    func apiError(for error: any Error, request: Request, context: Context) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as ServiceError:
            return APIError(error)
        case let error as any HTTPResponseError:
            return self.apiError(status: error.status, request: request, context: context)
        case let error as DecodingError:
            return APIError(decoding: error)
        case is CancellationError:
            return APIError(.serviceUnavailable, .cancelled, "the request was cancelled")
        default:
            return APIError(.internalServerError, .internalError, "an unexpected error occurred; it has been logged")
        }
    }

    private func apiError(status: HTTPResponse.Status, request: Request, context: Context) -> APIError {
        switch status {
        case .notFound:
            let allowed = self.routes.methods(matching: request.uri.path)
            if !allowed.isEmpty, !allowed.contains(request.method) {
                let names = allowed.map(\.rawValue)
                return APIError(
                    .methodNotAllowed,
                    .methodNotAllowed,
                    "\(request.method.rawValue) is not supported here; use \(names.joined(separator: ", "))",
                    details: ErrorDetails(allowedMethods: names),
                    headers: [.allow: names.joined(separator: ", ")]
                )
            }
            return APIError(.notFound, .noRoute, "there is no route \(request.uri.path); see /openapi.yaml")
        case .contentTooLarge:
            return .bodyTooLarge(limit: self.bodyLimit)
        case .badRequest:
            return .badRequest("the request is malformed")
        default:
            return APIError(status, status.code >= 500 ? .internalError : .httpError, status.reasonPhrase)
        }
    }
}
