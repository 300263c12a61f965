import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A real `jixiao serve` process on a free port of 127.0.0.1, started with posix_spawn, its
/// stdout and stderr in temp files. ``stop()`` (idempotent) always ends it: SIGTERM, then
/// SIGKILL if it has not exited within a few seconds.
public final class ServerProcess: Sendable {
    /// The process id.
    public let pid: pid_t
    /// The port it listens on.
    public let port: Int
    private let directory: URL
    /// The raw wait status once the process has been reaped.
    private let reaped = Mutex<Int32?>(nil)

    private init(pid: pid_t, port: Int, directory: URL) {
        self.pid = pid
        self.port = port
        self.directory = directory
    }

    /// Starts `jixiao serve` against the database of `databaseURL`, logged in as the
    /// application role (as a deployment must: it refuses the owner and superusers), and waits
    /// until `/healthz` answers 200. A port taken between choosing and binding it is retried
    /// with another one.
    public static func start(databaseURL: String, poolSize: Int = 4, environment: [String: String] = [:]) throws -> ServerProcess {
        let databaseURL = TestCluster.applicationURL(databaseURL)
        var failures: [String] = []
        for _ in 0..<3 {
            let port = try RawHTTP.freePort()
            let server = try self.spawn(
                [
                    "serve", "--host", "127.0.0.1", "--port", String(port), "--pool-size", String(poolSize),
                    "--database-url", databaseURL,
                ],
                port: port,
                environment: environment
            )
            do {
                try server.waitUntilHealthy(timeout: 15)
                return server
            } catch {
                failures.append("\(error)\n\(server.stderr)")
                server.stop()
            }
        }
        throw TestSupportError("jixiao serve did not come up:\n\(failures.joined(separator: "\n---\n"))")
    }

    private static func spawn(_ arguments: [String], port: Int, environment: [String: String]) throws -> ServerProcess {
        let executable = try CLIRunner.executable
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("JIXIAO_") || $0.key == "JIXIAO_TEST_DATABASE_URL" }
        env.merge(environment) { _, new in new }
        let pid = try Spawn.start(
            executable,
            arguments,
            environment: env,
            stdout: directory.appendingPathComponent("stdout").path,
            stderr: directory.appendingPathComponent("stderr").path
        )
        return ServerProcess(pid: pid, port: port, directory: directory)
    }

    /// Polls `/healthz` until it answers 200; fails at once when the process exits.
    public func waitUntilHealthy(timeout: Double) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var last = "no answer"
        while Date() < deadline {
            if let status = self.poll() { throw TestSupportError("jixiao serve exited early (\(Self.describe(status)))") }
            if let reply = try? RawHTTP.request(port: self.port, "GET", "/healthz", timeout: 2) {
                if reply.status == 200 { return }
                last = reply.description
            }
            usleep(50_000)
        }
        throw TestSupportError("jixiao serve on port \(self.port) not healthy after \(timeout) s: \(last)")
    }

    /// Sends `signal` (if the process has not been reaped yet).
    public func send(_ signal: Int32) {
        if self.reaped.withLock({ $0 }) == nil { kill(self.pid, signal) }
    }

    /// The raw wait status if the process has exited (reaping it), else nil.
    public func poll() -> Int32? {
        self.reaped.withLock { reaped in
            if let reaped { return reaped }
            var status: Int32 = 0
            let result = waitpid(self.pid, &status, WNOHANG)
            if result == self.pid {
                reaped = status
                return status
            }
            return nil
        }
    }

    /// Waits up to `timeout` seconds for the process to exit; its raw wait status, or nil.
    public func waitForExit(timeout: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if let status = self.poll() { return status }
            usleep(20_000)
        } while Date() < deadline
        return self.poll()
    }

    /// Ends the process if it still runs (SIGTERM, then SIGKILL after 5 s), and removes its files.
    public func stop() {
        if self.poll() == nil {
            kill(self.pid, SIGTERM)
            if self.waitForExit(timeout: 5) == nil {
                kill(self.pid, SIGKILL)
                _ = self.waitForExit(timeout: 5)
            }
        }
        try? FileManager.default.removeItem(at: self.directory)
    }

    /// What the process wrote on stderr so far.
    public var stderr: String {
        (try? String(contentsOf: self.directory.appendingPathComponent("stderr"), encoding: .utf8)) ?? ""
    }

    /// `exit 0`, `signal 9` … for a raw wait status.
    public static func describe(_ status: Int32) -> String {
        let signal = status & 0x7F
        return signal == 0 ? "exit \(Spawn.exitCode(status))" : "signal \(signal)"
    }

    /// Whether a raw wait status is a normal exit with code 0.
    public static func exitedCleanly(_ status: Int32?) -> Bool {
        guard let status else { return false }
        return Spawn.exitCode(status) == 0
    }
}
