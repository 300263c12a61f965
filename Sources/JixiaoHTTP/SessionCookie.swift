import Foundation
import Hummingbird

/// The session cookie: `jixiao_session=<id>; HttpOnly; SameSite=Strict; Path=/`, plus `Secure`
/// behind TLS. HttpOnly keeps it from page scripts (an injected script cannot steal it),
/// SameSite=Strict from requests other sites start.
enum SessionCookie {
    static let name = "jixiao_session"

    /// The `Set-Cookie` value that hands `secret` to the browser until `expires`.
    static func set(_ secret: String, expires: Date, secure: Bool) -> String {
        let maxAge = max(0, Int(expires.timeIntervalSinceNow.rounded(.down)))
        return "\(self.name)=\(secret); Max-Age=\(maxAge); Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    /// The `Set-Cookie` value that removes the cookie.
    static func clear(secure: Bool) -> String {
        "\(self.name)=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    /// The session id sent in the `Cookie` headers, if any.
    static func value(in headers: HTTPFields) -> String? {
        for header in headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == self.name {
                    let value = parts[1].trimmingCharacters(in: .whitespaces)
                    if !value.isEmpty { return value }
                }
            }
        }
        return nil
    }
}
