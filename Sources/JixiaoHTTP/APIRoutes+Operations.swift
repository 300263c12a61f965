import Hummingbird
import JixiaoService

extension APIRoutes {
    var operationRoutes: [Route] {
        [
            Route(.get, "/livez", authenticated: false, self.live),
            Route(.get, "/healthz", authenticated: false, self.health),
            Route(.get, "/metrics", authenticated: false, self.prometheusMetrics),
            Route(.get, "/openapi.yaml", authenticated: false, self.openAPI),
        ]
    }

    /// `GET /livez`: 200 while the process serves requests, whatever the database does (a
    /// liveness probe must not restart the server because PostgreSQL is away).
    @Sendable func live(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        JSONResponse.text("ok\n", contentType: "text/plain; charset=utf-8")
    }

    /// `GET /healthz`: 200 when the database answers, 503 otherwise.
    @Sendable func health(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        do {
            try await self.service.health()
        } catch let error as ServiceError {
            var unhealthy = APIError(error)
            unhealthy.status = .serviceUnavailable
            throw unhealthy
        }
        return try JSONResponse.make(HealthStatus(status: "ok", database: "ok"))
    }

    /// `GET /metrics`: Prometheus text format.
    @Sendable func prometheusMetrics(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        let statistics = self.service.database.statistics
        let text = self.metrics.render(pool: PoolFigures(size: statistics.size, inUse: statistics.inUse, waiting: statistics.waiting))
        return JSONResponse.text(text, contentType: "text/plain; version=0.0.4; charset=utf-8")
    }

    /// `GET /openapi.yaml`: the OpenAPI 3.1 description of every route.
    @Sendable func openAPI(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        JSONResponse.text(OpenAPIDocument.yaml, contentType: "application/yaml; charset=utf-8")
    }
}
