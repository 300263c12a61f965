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
        self.values(in: headers).first { !$0.isEmpty }
    }

    /// Whether the `Cookie` headers name the session cookie at all (even empty).
    static func isPresent(in headers: HTTPFields) -> Bool {
        !self.values(in: headers).isEmpty
    }

    /// Every value sent under the session cookie's name, in order (empty ones included).
    private static func values(in headers: HTTPFields) -> [String] {
        var values: [String] = []
        for header in headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                if parts.first?.trimmingCharacters(in: .whitespaces) == self.name {
                    values.append(parts.count == 2 ? parts[1].trimmingCharacters(in: .whitespaces) : "")
                }
            }
        }
        return values
    }
}
