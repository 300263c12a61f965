import Foundation
import Testing

/// Sign-in against a real `jixiao serve` (a real socket: the peer address, the Host header).
@Suite("jixiao serve: sign-in over a real socket", .timeLimit(.minutes(1)))
struct SignInServeTests {
    static let password = "Tq7#vL2m!pXz"

    /// Signs `login` in; returns the session id of the cookie.
    static func signIn(port: Int, headers: [String: String] = [:]) throws -> String {
        let body = "{\"login\": \"kang\", \"password\": \"\(Self.password)\"}"
        let reply = try RawHTTP.request(port: port, "POST", "/v1/session", headers: headers, body: body)
        #expect(reply.status == 201, "\(reply)")
        let cookie = try #require(reply.headers["set-cookie"])
        return String(try #require(cookie.split(separator: ";").first?.split(separator: "=", maxSplits: 1).last))
    }

    @Test("the session lists the peer address; the server's own Origin may write with the cookie, another may not; X-Forwarded-For only when trusted")
    func realSocket() throws {
        let world = try CLIWorld.withPeople()
        defer { world.drop() }
        #expect(try world.run(["user", "password", "kang", "--as", "admin"], stdin: "temporary pass 3\n").code == 0)
        #expect(try world.run(["user", "password", "kang", "--as", "kang"], stdin: "temporary pass 3\n\(Self.password)\n").code == 0)

        let server = try ServerProcess.start(databaseURL: world.url)
        defer { server.stop() }
        let port = server.port
        // Not trusted: a client cannot choose the address its failures count against.
        let secret = try Self.signIn(port: port, headers: ["X-Forwarded-For": "203.0.113.9", "User-Agent": "curl/8"])
        let cookie = ["Cookie": "jixiao_session=\(secret)"]
        let sessions = try RawHTTP.request(port: port, "GET", "/v1/sessions", headers: cookie)
        let listed = try #require((try sessions.object()["sessions"] as? [[String: Any]])?.first)
        #expect(listed["address"] as? String == "127.0.0.1", "\(listed)")
        #expect(listed["user_agent"] as? String == "curl/8")
        var foreign = cookie
        foreign["Origin"] = "http://evil.example"
        let refused = try RawHTTP.request(port: port, "DELETE", "/v1/sessions", headers: foreign)
        #expect(refused.status == 403, "\(refused)")
        var own = cookie
        own["Origin"] = "http://127.0.0.1:\(port)"
        let ended = try RawHTTP.request(port: port, "DELETE", "/v1/sessions", headers: own)
        #expect(ended.status == 200, "\(ended)")
        #expect(try RawHTTP.request(port: port, "GET", "/v1/me", headers: cookie).status == 401)

        // Behind a proxy that appends the address it saw, the last entry is the client.
        let proxied = try ServerProcess.start(databaseURL: world.url, environment: ["JIXIAO_TRUST_FORWARDED_FOR": "1"])
        defer { proxied.stop() }
        let behind = try Self.signIn(port: proxied.port, headers: ["X-Forwarded-For": "203.0.113.9, 198.51.100.4"])
        let list = try RawHTTP.request(port: proxied.port, "GET", "/v1/sessions", headers: ["Cookie": "jixiao_session=\(behind)"])
        #expect((try list.object()["sessions"] as? [[String: Any]])?.first?["address"] as? String == "198.51.100.4", "\(list)")
    }
}
