import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What one run of the `jixiao` executable produced.
struct CLIResult: CustomStringConvertible {
    var code: Int32
    var stdout: String
    var stderr: String

    var description: String { "exit \(self.code)\n--- stdout\n\(self.stdout)--- stderr\n\(self.stderr)" }

    /// Decodes stdout as JSON.
    func json() throws -> Any {
        try JSONSerialization.jsonObject(with: Data(self.stdout.utf8), options: [.fragmentsAllowed])
    }
}

/// Runs the built `jixiao` executable with posix_spawn + waitpid (Foundation's
/// `Process.waitUntilExit` can hang on Linux), stdout and stderr captured in temp files.
enum CLIRunner {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `JIXIAO_CLI_PATH`, else `jixiao` beside the test bundle, else `<package>/.build/debug/jixiao`.
    static var executable: String {
        get throws {
            var candidates: [String] = []
            if let path = ProcessInfo.processInfo.environment["JIXIAO_CLI_PATH"], !path.isEmpty { candidates.append(path) }
            var bundleDirectory = Bundle.main.bundleURL
            if bundleDirectory.pathExtension == "xctest" { bundleDirectory.deleteLastPathComponent() }
            candidates.append(bundleDirectory.appendingPathComponent("jixiao").path)
            candidates.append(self.packageRoot.appendingPathComponent(".build/debug/jixiao").path)
            guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
                throw CLIRunnerError(
                    "the jixiao executable was not found (tried \(candidates.joined(separator: ", "))); run `swift build --build-tests` first"
                )
            }
            return found
        }
    }

    /// Runs `jixiao arguments…` with the environment minus JIXIAO_* settings plus `environment`,
    /// with `stdin` as standard input.
    static func run(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) throws -> CLIResult {
        let executable = try self.executable
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outPath = directory.appendingPathComponent("stdout").path
        let errPath = directory.appendingPathComponent("stderr").path
        let inPath = directory.appendingPathComponent("stdin").path
        try Data((stdin ?? "").utf8).write(to: URL(fileURLWithPath: inPath))

        var env = ProcessInfo.processInfo.environment.filter { !["JIXIAO_AS", "JIXIAO_DATABASE_URL"].contains($0.key) }
        env.merge(environment) { _, new in new }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw CLIRunnerError("posix_spawn failed: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw CLIRunnerError("waitpid failed: \(String(cString: strerror(errno)))") }
        }
        let signal = status & 0x7F
        let code: Int32 = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
        return CLIResult(
            code: code,
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        )
    }
}

struct CLIRunnerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
