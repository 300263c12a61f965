import HTTPTypes
import Hummingbird

/// Whether a cookie-authenticated write comes from a page of ours (cross-site request forgery).
///
/// The session cookie is `SameSite=Strict`, so browsers leave it off requests started by other
/// sites; this check is the second wall, for browsers that ignore SameSite and for sibling
/// subdomains (same site, other origin). A write (any method but GET, HEAD, OPTIONS) passes
/// when its `Origin` is the server's own (`http(s)://` + the `Host` it was sent to) or a
/// trusted one; without `Origin` (a client that is not a browser, or an old one), it needs an
/// `X-Requested-With` header, which no page of another origin can add without our consent
/// (a CORS preflight this server never grants). A `Sec-Fetch-Site` other than `same-origin` or
/// `none` is refused as well.
enum CrossSiteCheck {
    /// Why the request is refused, or nil when it may proceed.
    static func refusal(_ request: Request, trustedOrigins: [String], requireProofWithoutOrigin: Bool) -> String? {
        if [.get, .head, .options].contains(request.method) { return nil }
        if let origin = request.headers[.origin] {
            let own = request.head.authority.map { ["http://\($0)", "https://\($0)"] } ?? []
            let allowed = (own + trustedOrigins).contains { $0.lowercased() == origin.lowercased() }
            return allowed ? nil : "a write with the session cookie from another origin (\(origin)) is refused"
        }
        if let site = request.headers[Self.secFetchSite], site != "same-origin", site != "none" {
            return "a write with the session cookie from another site is refused (Sec-Fetch-Site: \(site))"
        }
        if requireProofWithoutOrigin, request.headers[Self.requestedWith] == nil {
            return "a write with the session cookie needs an Origin header (browsers send it) or an X-Requested-With header"
        }
        return nil
    }

    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!
    static let requestedWith = HTTPField.Name("X-Requested-With")!
}
