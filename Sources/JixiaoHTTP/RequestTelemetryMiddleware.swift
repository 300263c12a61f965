import Foundation
import Hummingbird
import Logging

/// The outermost middleware: one structured log line per request (method, path, route,
/// status, duration; never headers, so never the token) and the request metrics.
struct RequestTelemetryMiddleware: RouterMiddleware {
    typealias Context = JixiaoRequestContext

    let metrics: RequestMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let clock = ContinuousClock()
        let start = clock.now
        self.metrics.started()
        var status = 500
        defer {
            let elapsed = (clock.now - start).components
            let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
            let route = context.endpointPath.flatMap { $0 == "NotFound" ? nil : $0 } ?? "unmatched"
            self.metrics.finished(method: request.method.rawValue, route: route, status: status, seconds: seconds)
            context.logger.log(
                level: status >= 500 ? .error : .info,
                "request",
                metadata: [
                    "http.method": .string(request.method.rawValue),
                    "http.path": .string(request.uri.path),
                    "http.route": .string(route),
                    "http.status": .stringConvertible(status),
                    "http.duration_ms": .string(String(format: "%.3f", seconds * 1000)),
                ]
            )
        }
        let response = try await next(request, context)
        status = response.status.code
        return response
    }
}
