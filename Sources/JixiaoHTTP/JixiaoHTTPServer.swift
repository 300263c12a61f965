import Hummingbird
import JixiaoService
import Logging
import ServiceLifecycle

/// The Jixiao HTTP endpoint as a Hummingbird application.
///
/// The application is a ServiceLifecycle `Service`: run it in a `ServiceGroup` together with
/// the database pool, pool first, so that on SIGTERM the server stops accepting connections,
/// lets in-flight requests finish, and only then the pool closes.
///
/// ```swift
/// let service = JixiaoService(database: Database(.init(url: url, poolSize: 8)))
/// let app = buildApplication(service: service, configuration: .init(host: "0.0.0.0", port: 8080))
/// let group = ServiceGroup(configuration: .init(
///     services: [service.database, app],
///     gracefulShutdownSignals: [.sigterm, .sigint],
///     logger: logger))
/// try await group.run()
/// ```
/// ``JixiaoHTTPServer/run(service:configuration:logger:)`` does exactly this.
///
/// - Parameters:
///   - service: The records service every route calls.
///   - configuration: Host, port, body size limit.
///   - logger: Where request logs go (one line per request, no headers).
public func buildApplication(
    service: JixiaoService,
    configuration: JixiaoHTTPConfiguration = JixiaoHTTPConfiguration(),
    logger: Logger = Logger(label: "jixiao.http")
) -> Application<RouterResponder<JixiaoRequestContext>> {
    // Read the OpenAPI resource now: a binary installed without it fails at start, not on a request.
    _ = OpenAPIDocument.yaml
    let metrics = RequestMetrics()
    let routes = APIRoutes(service: service, configuration: configuration, metrics: metrics).all
    let router = Router(context: JixiaoRequestContext.self)
    // Order matters: outermost first, and middleware applies only to routes added after it.
    router.add(middleware: RequestTelemetryMiddleware(metrics: metrics))
    router.add(middleware: ErrorResponseMiddleware(routes: RouteTable(routes), bodyLimit: configuration.maxBodySize))
    router.add(middleware: BodyLimitMiddleware(limit: configuration.maxBodySize))
    let authenticated = router.group().add(
        middleware: AuthenticationMiddleware(service: service, configuration: configuration, whileRestricted: false)
    )
    let passwordChange = router.group().add(
        middleware: AuthenticationMiddleware(service: service, configuration: configuration, whileRestricted: true)
    )
    for route in routes {
        if route.authenticated {
            (route.whileRestricted ? passwordChange : authenticated).on(RouterPath(route.path), method: route.method, use: route.handler)
        } else {
            router.on(RouterPath(route.path), method: route.method, use: route.handler)
        }
    }
    return Application(
        router: router,
        // Unparsable requests (an 80 KB URL) get the JSON error body too.
        server: .http1(configuration: .init(additionalChannelHandlers: [ParseErrorHandler()])),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port),
            serverName: configuration.serverName
        ),
        logger: logger
    )
}

/// Runs the endpoint until SIGTERM or SIGINT.
public enum JixiaoHTTPServer {
    /// Serves HTTP with `service` until SIGTERM or SIGINT, then shuts down gracefully:
    /// the listener closes, in-flight requests finish (for up to
    /// `configuration.gracefulShutdownTimeout`), then the database pool closes.
    ///
    /// This is what `jixiao serve --host --port --pool-size` calls:
    /// ```swift
    /// let service = JixiaoService(database: Database(.init(url: url, poolSize: poolSize)))
    /// try await JixiaoHTTPServer.run(service: service, configuration: .init(host: host, port: port), logger: logger)
    /// ```
    public static func run(
        service: JixiaoService,
        configuration: JixiaoHTTPConfiguration = JixiaoHTTPConfiguration(),
        logger: Logger = Logger(label: "jixiao.http")
    ) async throws {
        let app = buildApplication(service: service, configuration: configuration, logger: logger)
        var groupConfiguration = ServiceGroupConfiguration(
            services: [
                .init(service: service.database),
                .init(service: app),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
        groupConfiguration.maximumGracefulShutdownDuration = configuration.gracefulShutdownTimeout
        try await ServiceGroup(configuration: groupConfiguration).run()
    }
}
