import Foundation
import PQ
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("jixiao serve: the real process", .timeLimit(.minutes(1)))
struct ServeProcessTests {
    @Test("one approval cycle over HTTP against `jixiao serve`, then SIGTERM during a request: it completes, the process exits 0")
    func approvalCycleAndGracefulShutdown() throws {
        let world = try CLIWorld.withPeople()
        defer { world.drop() }
        let drafter = try world.token("kang")
        let supervisor = try world.token("li")
        let finance = try world.token("fin")
        let cycle = try world.createProjectTable(as: "kang")
        let slow = try world.createProjectTable(as: "kang", title: "第二张表")

        let server = try ServerProcess.start(databaseURL: world.url)
        defer { server.stop() }
        let port = server.port
        func call(_ method: String, _ path: String, _ token: String, body: String? = nil, headers: [String: String] = [:]) throws -> HTTPReply {
            try RawHTTP.request(port: port, method, path, token: token, headers: headers, body: body)
        }

        // List and show.
        let list = try call("GET", "/v1/tables", drafter)
        #expect(list.status == 200, "\(list)")
        let ids = (try list.object()["tables"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } ?? []
        #expect(Set(ids) == [cycle.id, slow.id])
        let shown = try call("GET", "/v1/tables/\(cycle.id)", drafter)
        #expect(shown.status == 200, "\(shown)")
        let table = try shown.object()
        #expect(shown.etag == "\"\(table["version"] as? Int ?? -1)\"")
        let indicator = try #require((table["indicators"] as? [[String: Any]])?[1])
        let indicatorID = try #require(indicator["id"] as? Int)
        let indicatorVersion = try #require(indicator["version"] as? Int)

        // Change an indicator: If-Match with its version, and a reason.
        let patched = try call(
            "PATCH",
            "/v1/tables/\(cycle.id)/indicators/\(indicatorID)",
            drafter,
            body: #"{"value": "150", "reason": "按实际人数修改"}"#,
            headers: ["If-Match": "\"\(indicatorVersion)\""]
        )
        #expect(patched.status == 200, "\(patched)")
        #expect(try patched.object()["value"] as? String == "150")
        #expect(patched.etag == "\"\(indicatorVersion + 1)\"")
        let stale = try call(
            "PATCH",
            "/v1/tables/\(cycle.id)/indicators/\(indicatorID)",
            drafter,
            body: #"{"value": "160", "reason": "再改"}"#,
            headers: ["If-Match": "\"\(indicatorVersion)\""]
        )
        #expect(stale.status == 409, "\(stale)")

        // Submit (conditional on the table's ETag), return with a reason, resubmit, approve twice.
        let current = try call("GET", "/v1/tables/\(cycle.id)", drafter)
        let etag = try #require(current.etag)
        func step(_ action: String, _ token: String, body: String? = nil, headers: [String: String] = [:], expect status: String) throws {
            let reply = try call("POST", "/v1/tables/\(cycle.id)/\(action)", token, body: body, headers: headers)
            #expect(reply.status == 200, "\(action): \(reply)")
            #expect(try reply.object()["status"] as? String == status, "\(action): \(reply)")
            #expect(reply.etag != nil)
        }
        try step("submit", drafter, headers: ["If-Match": etag], expect: "submitted")
        try step("return", supervisor, body: #"{"reason": "人数与资金不符"}"#, expect: "returned")
        try step("submit", drafter, expect: "submitted")
        try step("approve", supervisor, expect: "supervisor_approved")
        try step("approve", finance, expect: "approved")
        let final = try call("GET", "/v1/tables/\(cycle.id)", finance)
        #expect(try final.object()["status"] as? String == "approved")
        #expect(try final.object()["revision"] as? Int == 1)

        // SIGTERM during a request: a superuser transaction holds the indicator's row lock, so
        // the PATCH waits inside the server until the lock is released.
        let target = slow.indicators[0]
        let targetID = try #require(target["id"] as? Int)
        let targetVersion = try #require(target["version"] as? Int)
        let locker = try Connection(world.url)
        let watcher = try Connection(world.url)
        try locker.execute("BEGIN")
        defer { _ = try? locker.execute("ROLLBACK") }
        _ = try locker.query("SELECT id FROM indicator WHERE id = $1 FOR UPDATE", [Int64(targetID)])
        let slowPath = "/v1/tables/\(slow.id)/indicators/\(targetID)"
        let inFlight = BackgroundWork {
            try RawHTTP.request(
                port: port,
                "PATCH",
                slowPath,
                token: drafter,
                headers: ["If-Match": "\"\(targetVersion)\""],
                body: #"{"value": "8000", "reason": "停机前的修改"}"#
            )
        }
        // Wait until the server's UPDATE is blocked on the lock.
        let blocked = Self.waitUntil(timeout: 10) {
            (try? watcher.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
                .first?.decode(Int.self, "n")) ?? 0 > 0
        }
        #expect(blocked, "the PATCH never reached the lock")
        #expect(!inFlight.isFinished)

        server.send(SIGTERM)
        // The listener closes while the request is still in flight.
        #expect(Self.waitUntil(timeout: 5) { RawHTTP.refuses(port: port) }, "new connections are still accepted after SIGTERM")
        usleep(1_000_000)
        #expect(server.poll() == nil, "the server exited with a request in flight")
        #expect(!inFlight.isFinished)
        try locker.execute("COMMIT")

        let reply = try inFlight.wait(timeout: 15)
        #expect(reply.status == 200, "\(reply)")
        #expect(try reply.object()["value"] as? String == "8000")
        let status = server.waitForExit(timeout: 15)
        #expect(ServerProcess.exitedCleanly(status), "status: \(status.map(ServerProcess.describe) ?? "still running")\n\(server.stderr)")
        #expect(RawHTTP.refuses(port: port))
        // The change was committed.
        let stored = try watcher.query("SELECT value FROM indicator WHERE id = $1", [Int64(targetID)]).first?.decode(String.self, "value")
        #expect(stored == "8000")
        // Request logs went to stderr without the token.
        #expect(server.stderr.contains("/v1/tables/{id}/indicators/{iid}"))
        #expect(!server.stderr.contains(drafter))
    }

    /// Polls `condition` every 50 ms until it holds or `timeout` seconds pass.
    static func waitUntil(timeout: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }
}

@Suite("CLI under test")
struct CLILocationTests {
    @Test("the jixiao executable the process tests run is the one built beside the test bundle (any --scratch-path)")
    func executableBesideTests() throws {
        let executable = URL(fileURLWithPath: try CLIRunner.executable).standardizedFileURL
        if let path = ProcessInfo.processInfo.environment["JIXIAO_CLI_PATH"], !path.isEmpty {
            #expect(executable.path == URL(fileURLWithPath: path).standardizedFileURL.path)
            return
        }
        var bundle = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        while bundle.pathComponents.count > 1, !bundle.lastPathComponent.hasSuffix(".xctest") { bundle.deleteLastPathComponent() }
        try #require(bundle.lastPathComponent.hasSuffix(".xctest"), "not run from a test bundle: \(CommandLine.arguments[0])")
        #expect(
            executable.deletingLastPathComponent().path == bundle.deletingLastPathComponent().path,
            "the CLI \(executable.path) is not beside the test bundle \(bundle.path)"
        )
    }
}
