import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JixiaoCore
import JixiaoService
import Testing

@testable import JixiaoHTTP

/// Sign-in over HTTP: the cookie, throttling, the forced change, sign-out, and cross-site
/// requests refused (issue 13, items 1, 2 and 4).
/// One test at a time: each makes a database of its own, and many at once slow the
/// timing-sensitive suites that run beside them (the pool test's acquire timeout).
@Suite("HTTP: sessions", .serialized)
struct SessionRouteTests {
    static let password = "Tq7#vL2m!pXz"
    static let trusted = "https://jixiao.example.org"

    /// Gives `login` the password `Self.password` (an admin reset, then the user's own change).
    static func givePassword(_ f: HTTPFixture, _ caller: Caller) async throws {
        try await f.service.resetPassword(f.fixture.admin, login: caller.login, new: "temporary pass 1")
        try await f.service.changePassword(caller, current: "temporary pass 1", new: Self.password)
    }

    static func signInBody(_ login: String, _ password: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: ["login": login, "password": password]), as: UTF8.self)
    }

    /// Signs in; returns the response and the session id from its cookie.
    static func signIn(_ api: API, _ login: String, _ password: String = Self.password) async throws -> (TestResponse, String) {
        let response = try await api.send(.post, "/v1/session", json: Self.signInBody(login, password))
        try #require(response.status == .created, "\(response.status) \(response.text)")
        return (response, try Self.cookieValue(response))
    }

    static func cookieValue(_ response: TestResponse) throws -> String {
        let header = try #require(response.headers[.setCookie])
        let pair = try #require(header.split(separator: ";").first)
        return String(try #require(pair.split(separator: "=", maxSplits: 1).last))
    }

    static func cookie(_ secret: String, _ extra: HTTPFields = [:]) -> HTTPFields {
        var fields: HTTPFields = [.cookie: "theme=dark; jixiao_session=\(secret)"]
        fields.append(contentsOf: extra)
        return fields
    }

    static let sameSite = HTTPFields([HTTPField(name: CrossSiteCheck.requestedWith, value: "fetch")])

    @Test("POST /v1/session: 201, the cookie HttpOnly; SameSite=Strict; Path=/ (Secure when configured); the cookie authenticates")
    func signIn() async throws {
        let f = try await HTTPFixture.make()
        try await Self.givePassword(f, f.fixture.centreDrafter)
        try await f.test { api in
            let (response, secret) = try await Self.signIn(api, "centre-drafter")
            let setCookie = try #require(response.headers[.setCookie])
            for attribute in ["HttpOnly", "SameSite=Strict", "Path=/"] { #expect(setCookie.contains("; \(attribute)"), "\(setCookie)") }
            #expect(!setCookie.contains("Secure"))
            #expect(secret.hasPrefix("jxs_"))
            #expect(!response.text.contains(secret), "the id travels only in the cookie")
            let body = try response.object
            #expect(body["password_change_required"] as? Bool == false)
            #expect((body["user"] as? [String: Any])?["login"] as? String == "centre-drafter")
            let me = try await api.send(.get, "/v1/me", headers: Self.cookie(secret, [.userAgent: "Firefox"]))
            #expect(me.status == .ok)
            #expect(try me.object["login"] as? String == "centre-drafter")
            let sessions = try await api.send(.get, "/v1/sessions", headers: Self.cookie(secret))
            let list = try #require(try sessions.object["sessions"] as? [[String: Any]])
            #expect(list.count == 1)
            #expect(list.first?["current"] as? Bool == true)
            let tables = try await api.send(.get, "/v1/tables", headers: Self.cookie(secret))
            #expect(tables.status == .ok)
            let wrong = try await api.send(.get, "/v1/me", headers: Self.cookie("jxs_" + String(repeating: "a", count: 64)))
            #expect(wrong.status == .unauthorized)
            #expect(try wrong.error.code == "invalid-session")
        }
        let secure = try await HTTPFixture.make(configuration: JixiaoHTTPConfiguration(secureCookies: true))
        try await Self.givePassword(secure, secure.fixture.finance)
        try await secure.test { api in
            let (response, _) = try await Self.signIn(api, "finance")
            #expect(response.headers[.setCookie]?.hasSuffix("; Secure") == true)
        }
    }

    @Test("wrong password ×3 → 401 each; then 429 with Retry-After even for the right one; after the wait 201")
    func throttled() async throws {
        let f = try await HTTPFixture.make()
        try await Self.givePassword(f, f.fixture.finance)
        try await f.test { api in
            for attempt in 1...3 {
                let response = try await api.send(.post, "/v1/session", json: Self.signInBody("finance", "wrong guess \(attempt)"))
                #expect(response.status == .unauthorized)
                #expect(try response.error.code == "invalid-credentials")
                #expect(response.headers[.setCookie] == nil)
            }
            let unknown = try await api.send(.post, "/v1/session", json: Self.signInBody("nobody", "wrong guess"))
            #expect(unknown.status == .unauthorized)
            #expect(try unknown.error.message == (try await api.send(.post, "/v1/session", json: Self.signInBody("nobody2", "x"))).error.message)
            let refused = try await api.send(.post, "/v1/session", json: Self.signInBody("finance", Self.password))
            #expect(refused.status == .tooManyRequests)
            #expect(try refused.error.code == "too-many-attempts")
            let retryAfter = try #require(refused.headers[.retryAfter].flatMap(Int.init))
            #expect((1...2).contains(retryAfter))
            #expect(refused.headers[.setCookie] == nil)
            try await Task.sleep(for: .milliseconds(2100))
            _ = try await Self.signIn(api, "finance")
        }
    }

    @Test("cross-site attempts with the cookie are refused and change nothing; bearer requests are unaffected")
    func crossSite() async throws {
        let f = try await HTTPFixture.make(configuration: JixiaoHTTPConfiguration(trustedOrigins: [Self.trusted]))
        try await Self.givePassword(f, f.fixture.centreDrafter)
        try await f.test { api in
            let (_, secret) = try await Self.signIn(api, "centre-drafter")
            let table = HTTPFixture.projectTableJSON()
            // What another site's page can make a browser send: the cookie, a foreign or no Origin.
            let attacks: [HTTPFields] = [
                [.origin: "https://evil.example"],
                [.origin: "null"],
                [.origin: "https://jixiao.example.org.evil.example"],
                HTTPFields([HTTPField(name: CrossSiteCheck.secFetchSite, value: "cross-site")]),
                HTTPFields([HTTPField(name: CrossSiteCheck.secFetchSite, value: "same-site")]),
                [:],
            ]
            for attack in attacks {
                let response = try await api.send(.post, "/v1/tables", json: table, headers: Self.cookie(secret, attack))
                #expect(response.status == .forbidden, "\(attack): \(response.text)")
                #expect(try response.error.code == "cross-site-request")
                let everywhere = try await api.send(.delete, "/v1/sessions", headers: Self.cookie(secret, attack))
                #expect(everywhere.status == .forbidden)
            }
            let list = try await api.send(.get, "/v1/tables", token: f.centreDrafterToken)
            #expect(try (list.object["tables"] as? [Any])?.isEmpty == true, "no attack created a table")
            #expect(try await f.service.listSessions(try await f.service.authenticate(session: secret)).count == 1, "nor ended the session")
            // Reading with the cookie from anywhere is harmless (and the answer unreadable cross-site).
            #expect(try await api.send(.get, "/v1/me", headers: Self.cookie(secret, [.origin: "https://evil.example"])).status == .ok)
            // Our pages: a trusted Origin, or no Origin but X-Requested-With.
            let trusted = try await api.send(.post, "/v1/tables", json: table, headers: Self.cookie(secret, [.origin: Self.trusted]))
            #expect(trusted.status == .created, "\(trusted.text)")
            let marked = try await api.send(.post, "/v1/tables", json: table, headers: Self.cookie(secret, Self.sameSite))
            #expect(marked.status == .created, "\(marked.text)")
            // A bearer token never travels by itself: no check, whatever the Origin.
            let bearer = try await api.send(.post, "/v1/tables", token: f.centreDrafterToken, json: table, headers: [.origin: "https://evil.example"])
            #expect(bearer.status == .created)
            // Login CSRF: another site's form may not sign the browser in.
            let login = try await api.send(
                .post,
                "/v1/session",
                json: Self.signInBody("centre-drafter", Self.password),
                headers: [.origin: "https://evil.example"]
            )
            #expect(login.status == .forbidden)
            #expect(login.headers[.setCookie] == nil)
        }
    }

    @Test("after an admin's reset the session can only change the password; the change gives a fresh session")
    func forcedChange() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let reset = try await api.send(
                .put,
                "/v1/users/finance/password",
                token: f.adminToken,
                json: #"{"new_password": "temporary pass 2"}"#
            )
            #expect(reset.status == .noContent, "\(reset.text)")
            let notAdmin = try await api.send(
                .put,
                "/v1/users/finance/password",
                token: f.supervisorToken,
                json: #"{"new_password": "temporary pass 3"}"#
            )
            #expect(notAdmin.status == .forbidden)
            let (response, secret) = try await Self.signIn(api, "finance", "temporary pass 2")
            #expect(try response.object["password_change_required"] as? Bool == true)
            for (method, uri) in [(HTTPRequest.Method.get, "/v1/tables"), (.get, "/v1/me"), (.get, "/v1/history")] {
                let blocked = try await api.send(method, uri, headers: Self.cookie(secret))
                #expect(blocked.status == .forbidden, "\(uri)")
                #expect(try blocked.error.code == "password-change-required")
            }
            // The finance token (not a session) keeps working unchanged.
            #expect(try await api.send(.get, "/v1/tables", token: f.financeToken).status == .ok)
            let weak = try await api.send(
                .put,
                "/v1/me/password",
                json: #"{"current_password": "temporary pass 2", "new_password": "password2025!"}"#,
                headers: Self.cookie(secret, Self.sameSite)
            )
            #expect(weak.status == .unprocessableContent)
            #expect(try weak.error.code == "password-too-common")
            let changed = try await api.send(
                .put,
                "/v1/me/password",
                json: #"{"current_password": "temporary pass 2", "new_password": "Tq7#vL2m!pXz"}"#,
                headers: Self.cookie(secret, Self.sameSite)
            )
            #expect(changed.status == .ok, "\(changed.text)")
            let fresh = try Self.cookieValue(changed)
            #expect(fresh != secret)
            #expect(try await api.send(.get, "/v1/tables", headers: Self.cookie(secret)).status == .unauthorized)
            #expect(try await api.send(.get, "/v1/tables", headers: Self.cookie(fresh)).status == .ok)
            // With a bearer token the change answers 204 and starts no session.
            let byToken = try await api.send(
                .put,
                "/v1/me/password",
                token: f.financeToken,
                json: #"{"current_password": "Tq7#vL2m!pXz", "new_password": "correct horse battery"}"#
            )
            #expect(byToken.status == .noContent)
            #expect(byToken.headers[.setCookie] == nil)
            #expect(
                try await api.send(.get, "/v1/tables", headers: Self.cookie(fresh)).status == .unauthorized,
                "a password change ends every session"
            )
        }
    }

    @Test("sign out, sign out everywhere; a disabled user's or a changed role's session is refused at once")
    func signOutAndEnd() async throws {
        let f = try await HTTPFixture.make()
        try await Self.givePassword(f, f.fixture.centreDrafter)
        try await Self.givePassword(f, f.fixture.supervisor)
        try await Self.givePassword(f, f.fixture.auditor)
        try await f.test { api in
            let (_, first) = try await Self.signIn(api, "centre-drafter")
            let (_, second) = try await Self.signIn(api, "centre-drafter")
            let (_, third) = try await Self.signIn(api, "centre-drafter")
            let out = try await api.send(.delete, "/v1/session", headers: Self.cookie(first, Self.sameSite))
            #expect(out.status == .noContent)
            #expect(out.headers[.setCookie]?.contains("Max-Age=0") == true)
            #expect(try await api.send(.get, "/v1/me", headers: Self.cookie(first)).status == .unauthorized)
            let everywhere = try await api.send(.delete, "/v1/sessions", headers: Self.cookie(second, Self.sameSite))
            #expect(everywhere.status == .ok)
            #expect(try everywhere.object["ended"] as? Int == 2)
            #expect(try await api.send(.get, "/v1/me", headers: Self.cookie(third)).status == .unauthorized)
            // A bearer caller has no session to end.
            let noSession = try await api.send(.delete, "/v1/session", token: f.centreDrafterToken)
            #expect(noSession.status == .unprocessableContent)
            #expect(try noSession.error.code == "no-session")

            let (_, supervisor) = try await Self.signIn(api, "bureau-supervisor")
            let (_, auditor) = try await Self.signIn(api, "auditor")
            _ = try await f.service.grant(f.fixture.admin, login: "bureau-supervisor", roles: [.drafter])
            _ = try await f.service.disable(f.fixture.admin, login: "auditor")
            for secret in [supervisor, auditor] {
                let refused = try await api.send(.get, "/v1/tables", headers: Self.cookie(secret))
                #expect(refused.status == .unauthorized)
                #expect(try refused.error.code == "invalid-session")
            }
        }
    }
}
