/// How the HTTP endpoint listens and what it accepts.
///
/// ```swift
/// let configuration = JixiaoHTTPConfiguration(host: "0.0.0.0", port: 8080)
/// let app = buildApplication(service: service, configuration: configuration)
/// ```
public struct JixiaoHTTPConfiguration: Sendable {
    /// Address to bind, e.g. `127.0.0.1` (the default) or `0.0.0.0`.
    public var host: String
    /// TCP port; 0 picks a free one.
    public var port: Int
    /// Largest request body accepted, in bytes; larger bodies get 413. Default 1 MiB.
    public var maxBodySize: Int
    /// Longest time in-flight requests get to finish after SIGTERM before they are cancelled
    /// (used by ``JixiaoHTTPServer/run(service:configuration:logger:)``).
    public var gracefulShutdownTimeout: Duration
    /// Value of the `Server` response header; nil sends none.
    public var serverName: String?
    /// Mark the session cookie `Secure` (set it when clients reach the server over TLS, e.g.
    /// through nginx with https: the browser then never sends the cookie in clear text).
    public var secureCookies: Bool
    /// Take the client's address from the last `X-Forwarded-For` entry (the one the proxy
    /// added) instead of the TCP peer. Only behind a proxy that sets it: otherwise a client could
    /// name any address and escape the per-address throttling of sign-ins.
    public var trustForwardedFor: Bool
    /// Origins (`https://jixiao.example.org`) whose pages may send cookie-authenticated writes,
    /// besides the server's own (the `Host` it is reached by).
    public var trustedOrigins: [String]

    /// A configuration; every value has a default.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        maxBodySize: Int = 1 << 20,
        gracefulShutdownTimeout: Duration = .seconds(30),
        serverName: String? = nil,
        secureCookies: Bool = false,
        trustForwardedFor: Bool = false,
        trustedOrigins: [String] = []
    ) {
        self.host = host
        self.port = port
        self.maxBodySize = maxBodySize
        self.gracefulShutdownTimeout = gracefulShutdownTimeout
        self.serverName = serverName
        self.secureCookies = secureCookies
        self.trustForwardedFor = trustForwardedFor
        self.trustedOrigins = trustedOrigins
    }
}
