import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Child processes for the tests, started with posix_spawn and reaped with waitpid
/// (Foundation's `Process.waitUntilExit` can hang on Linux). The one place that spawns: the
/// CLI runs, `jixiao serve` and the cluster script all start here.
public enum Spawn {
    /// Starts `executable arguments…` with exactly `environment`, standard input read from
    /// `stdin` and standard output and error written to the files `stdout` and `stderr`.
    public static func start(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String],
        stdin: String = "/dev/null",
        stdout: String,
        stderr: String
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw TestSupportError("could not start \(executable): \(String(cString: strerror(spawned)))") }
        return pid
    }

    /// Waits for `pid` to exit and returns its raw wait status.
    public static func wait(_ pid: pid_t) throws -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw TestSupportError("waitpid failed: \(String(cString: strerror(errno)))") }
        }
        return status
    }

    /// The shell's exit code for a raw wait status: the process's code, or 128 + the signal.
    public static func exitCode(_ status: Int32) -> Int32 {
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    /// Runs `executable arguments…` to its end with `environment` (exactly), `stdin` as its
    /// standard input; returns its exit code and output.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String], stdin: String? = nil) throws -> CLIResult {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-spawn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outPath = directory.appendingPathComponent("stdout").path
        let errPath = directory.appendingPathComponent("stderr").path
        let inPath = directory.appendingPathComponent("stdin").path
        try Data((stdin ?? "").utf8).write(to: URL(fileURLWithPath: inPath))
        let pid = try self.start(executable, arguments, environment: environment, stdin: inPath, stdout: outPath, stderr: errPath)
        let status = try self.wait(pid)
        return CLIResult(
            code: self.exitCode(status),
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        )
    }
}

/// What one run of a process produced.
public struct CLIResult: CustomStringConvertible, Sendable {
    /// The exit code (128 + the signal when killed).
    public var code: Int32
    /// What it wrote on stdout.
    public var stdout: String
    /// What it wrote on stderr.
    public var stderr: String

    /// A result with these parts.
    public init(code: Int32, stdout: String, stderr: String) {
        (self.code, self.stdout, self.stderr) = (code, stdout, stderr)
    }

    /// All of it, for failure messages.
    public var description: String { "exit \(self.code)\n--- stdout\n\(self.stdout)--- stderr\n\(self.stderr)" }

    /// Decodes stdout as JSON.
    public func json() throws -> Any {
        try JSONSerialization.jsonObject(with: Data(self.stdout.utf8), options: [.fragmentsAllowed])
    }
}

/// Runs a command (with this process's environment plus `environment`) and returns its standard
/// output, trimmed; throws with its stderr when it fails.
@discardableResult
public func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> String {
    let result = try Spawn.run(executable, arguments, environment: ProcessInfo.processInfo.environment.merging(environment) { $1 })
    guard result.code == 0 else {
        throw TestSupportError("\(executable) \(arguments.joined(separator: " ")) failed: \(result.stderr)")
    }
    return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
}
