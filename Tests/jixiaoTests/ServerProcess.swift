import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A real `jixiao serve` process on a free port of 127.0.0.1, started with posix_spawn, its
/// stdout and stderr in temp files. ``stop()`` (idempotent) always ends it: SIGTERM, then
/// SIGKILL if it has not exited within a few seconds.
final class ServerProcess: Sendable {
    let pid: pid_t
    let port: Int
    private let directory: URL
    /// The raw wait status once the process has been reaped.
    private let reaped = Mutex<Int32?>(nil)

    private init(pid: pid_t, port: Int, directory: URL) {
        self.pid = pid
        self.port = port
        self.directory = directory
    }

    /// Starts `jixiao serve` against `databaseURL` and waits until `/healthz` answers 200.
    /// A port taken between choosing and binding it is retried with another one.
    static func start(databaseURL: String, poolSize: Int = 4, environment: [String: String] = [:]) throws -> ServerProcess {
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
        throw CLIRunnerError("jixiao serve did not come up:\n\(failures.joined(separator: "\n---\n"))")
    }

    private static func spawn(_ arguments: [String], port: Int, environment: [String: String]) throws -> ServerProcess {
        let executable = try CLIRunner.executable
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("JIXIAO_") || $0.key == "JIXIAO_TEST_DATABASE_URL" }
        env.merge(environment) { _, new in new }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, directory.appendingPathComponent("stdout").path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, directory.appendingPathComponent("stderr").path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw CLIRunnerError("posix_spawn failed: \(String(cString: strerror(spawned)))") }
        return ServerProcess(pid: pid, port: port, directory: directory)
    }

    /// Polls `/healthz` until it answers 200; fails at once when the process exits.
    func waitUntilHealthy(timeout: Double) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var last = "no answer"
        while Date() < deadline {
            if let status = self.poll() { throw CLIRunnerError("jixiao serve exited early (\(Self.describe(status)))") }
            if let reply = try? RawHTTP.request(port: self.port, "GET", "/healthz", timeout: 2) {
                if reply.status == 200 { return }
                last = reply.description
            }
            usleep(50_000)
        }
        throw CLIRunnerError("jixiao serve on port \(self.port) not healthy after \(timeout) s: \(last)")
    }

    /// Sends `signal` (if the process has not been reaped yet).
    func send(_ signal: Int32) {
        if self.reaped.withLock({ $0 }) == nil { kill(self.pid, signal) }
    }

    /// The raw wait status if the process has exited (reaping it), else nil.
    func poll() -> Int32? {
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
    func waitForExit(timeout: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if let status = self.poll() { return status }
            usleep(20_000)
        } while Date() < deadline
        return self.poll()
    }

    /// Ends the process if it still runs (SIGTERM, then SIGKILL after 5 s), and removes its files.
    func stop() {
        if self.poll() == nil {
            kill(self.pid, SIGTERM)
            if self.waitForExit(timeout: 5) == nil {
                kill(self.pid, SIGKILL)
                _ = self.waitForExit(timeout: 5)
            }
        }
        try? FileManager.default.removeItem(at: self.directory)
    }

    var stderr: String {
        (try? String(contentsOf: self.directory.appendingPathComponent("stderr"), encoding: .utf8)) ?? ""
    }

    /// `exit 0`, `signal 9` … for a raw wait status.
    static func describe(_ status: Int32) -> String {
        let signal = status & 0x7F
        return signal == 0 ? "exit \((status >> 8) & 0xFF)" : "signal \(signal)"
    }

    /// Whether a raw wait status is a normal exit with code 0.
    static func exitedCleanly(_ status: Int32?) -> Bool {
        guard let status else { return false }
        return status & 0x7F == 0 && (status >> 8) & 0xFF == 0
    }
}

/// Runs blocking `work` on its own thread; ``wait(timeout:)`` returns its result.
final class BackgroundWork<T: Sendable>: Sendable {
    private let result = Mutex<Result<T, any Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () throws -> T) {
        Thread.detachNewThread {
            let outcome = Result { try work() }
            self.result.withLock { $0 = outcome }
            self.done.signal()
        }
    }

    var isFinished: Bool { self.result.withLock { $0 != nil } }

    func wait(timeout: Double) throws -> T {
        guard self.done.wait(timeout: .now() + timeout) == .success else {
            throw CLIRunnerError("background work did not finish within \(timeout) s")
        }
        return try self.result.withLock { $0! }.get()
    }
}
