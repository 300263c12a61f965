import Hummingbird
import JixiaoService

/// The per-request context of the Jixiao endpoint: Hummingbird's core storage plus the
/// authenticated caller, set by the bearer-token middleware on `/v1` routes.
public struct JixiaoRequestContext: RequestContext {
    /// Hummingbird's storage (logger, route parameters, endpoint path).
    public var coreContext: CoreRequestContextStorage
    /// The caller behind the bearer token or session; nil before authentication and on public routes.
    public var caller: Caller?
    /// The peer's IP address ("" when unknown, e.g. in router tests): the client's own, or the
    /// proxy's when one stands in front (see `JixiaoHTTPConfiguration.trustForwardedFor`).
    public var peerAddress: String

    /// A context for a new request.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.caller = nil
        self.peerAddress = source.channel.remoteAddress?.ipAddress ?? ""
    }

    /// The authenticated caller; 401 when the route was reached without one.
    func requireCaller() throws -> Caller {
        guard let caller = self.caller else { throw APIError.unauthenticated() }
        return caller
    }

    /// A numeric path parameter such as `{id}`; 400 naming it when it is not an integer.
    func pathID(_ name: String) throws -> Int64 {
        guard let text = self.parameters.get(name), let value = Int64(text) else {
            throw APIError.badRequest("path parameter `\(name)` must be an integer", field: name)
        }
        return value
    }
}
