import Hummingbird

/// One endpoint: method, path template (`/v1/tables/{id}`), whether it needs a bearer token,
/// and its handler. The list of routes is data, so the router, the 405 answers and the tests
/// against the OpenAPI document all read the same table.
struct Route: Sendable {
    typealias Handler = @Sendable (Request, JixiaoRequestContext) async throws -> Response

    var method: HTTPRequest.Method
    var path: String
    var authenticated: Bool
    /// Reachable by a session that must first change its password or enrol a second factor
    /// (doing so, signing out).
    var whileRestricted: Bool
    var handler: Handler

    init(
        _ method: HTTPRequest.Method,
        _ path: String,
        authenticated: Bool = true,
        whileRestricted: Bool = false,
        _ handler: @escaping Handler
    ) {
        self.method = method
        self.path = path
        self.authenticated = authenticated
        self.whileRestricted = whileRestricted
        self.handler = handler
    }
}
