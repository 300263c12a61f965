import Foundation
import Testing

/// Sign-in against a real `jixiao serve` (a real socket: the peer address, the Host header).
@Suite("jixiao serve: sign-in over a real socket", .timeLimit(.minutes(1)))
struct SignInServeTests {
    static let password = "Tq7#vL2m!pXz"

    /// Signs kang in; returns the session id of the cookie (throws, off the pool, instead of expecting).
    static func signIn(port: Int, headers: [String: String] = [:]) throws -> String {
        let body = "{\"login\": \"kang\", \"password\": \"\(Self.password)\"}"
        let reply = try RawHTTP.request(port: port, "POST", "/v1/session", headers: headers, body: body)
        guard reply.status == 201, let cookie = reply.headers["set-cookie"], let pair = cookie.split(separator: ";").first,
            let value = pair.split(separator: "=", maxSplits: 1).last
        else { throw TestSupportError("sign-in failed: \(reply)") }
        return String(value)
    }

    /// What the test observes, gathered off the cooperative pool (the calls block).
    struct Observed: Sendable {
        var setup: [Int32] = []
        var port = 0
        var listed: [String: String] = [:]
        var refused: HTTPReply?
        var ended: HTTPReply?
        var afterEnd = 0
        var proxiedAddress: String?
    }

    @Test("the session lists the peer address; the server's own Origin may write with the cookie, another may not; X-Forwarded-For only when trusted")
    func realSocket() async throws {
        let world = try await offPool { try CLIWorld.withPeople() }
        // Dropped when the process exits (TestDatabase): a DROP DATABASE now forces a checkpoint.
        let seen = try await offPool {
            var seen = Observed()
            seen.setup = [
                try world.run(["user", "password", "kang", "--as", "admin"], stdin: "temporary pass 3\n").code,
                try world.run(["user", "password", "kang", "--as", "kang"], stdin: "temporary pass 3\n\(Self.password)\n").code,
            ]
            let server = try ServerProcess.start(databaseURL: world.url)
            defer { server.stop() }
            let port = server.port
            seen.port = port
            // Not trusted: a client cannot choose the address its failures count against.
            let secret = try Self.signIn(port: port, headers: ["X-Forwarded-For": "203.0.113.9", "User-Agent": "curl/8"])
            let cookie = ["Cookie": "jixiao_session=\(secret)"]
            let sessions = try RawHTTP.request(port: port, "GET", "/v1/sessions", headers: cookie)
            let first = (try sessions.object()["sessions"] as? [[String: Any]])?.first ?? [:]
            seen.listed = first.compactMapValues { $0 as? String }
            seen.refused = try RawHTTP.request(
                port: port,
                "DELETE",
                "/v1/sessions",
                headers: cookie.merging(["Origin": "http://evil.example"]) { $1 }
            )
            seen.ended = try RawHTTP.request(
                port: port,
                "DELETE",
                "/v1/sessions",
                headers: cookie.merging(["Origin": "http://127.0.0.1:\(port)"]) { $1 }
            )
            seen.afterEnd = try RawHTTP.request(port: port, "GET", "/v1/me", headers: cookie).status

            // Behind a proxy that appends the address it saw, the last entry is the client.
            let proxied = try ServerProcess.start(databaseURL: world.url, environment: ["JIXIAO_TRUST_FORWARDED_FOR": "1"])
            defer { proxied.stop() }
            let behind = try Self.signIn(port: proxied.port, headers: ["X-Forwarded-For": "203.0.113.9, 198.51.100.4"])
            let list = try RawHTTP.request(port: proxied.port, "GET", "/v1/sessions", headers: ["Cookie": "jixiao_session=\(behind)"])
            seen.proxiedAddress = (try list.object()["sessions"] as? [[String: Any]])?.first?["address"] as? String
            return seen
        }
        #expect(seen.setup == [0, 0])
        #expect(seen.listed["address"] == "127.0.0.1", "\(seen.listed)")
        #expect(seen.listed["user_agent"] == "curl/8")
        #expect(seen.refused?.status == 403, "\(String(describing: seen.refused))")
        #expect(seen.ended?.status == 200, "\(String(describing: seen.ended))")
        #expect(seen.afterEnd == 401)
        #expect(seen.proxiedAddress == "198.51.100.4")
    }
}
