import Foundation

/// Runs the built `jixiao` executable (end-to-end tests: the real process, its exit code and
/// output; parse and help tests run in-process instead).
public enum CLIRunner {
    /// The package root.
    public static let packageRoot = ProjectPath.root

    /// `JIXIAO_CLI_PATH`, else `jixiao` beside the test bundle, else `<package>/.build/debug/jixiao`.
    public static var executable: String {
        get throws {
            var candidates: [String] = []
            if let path = ProcessInfo.processInfo.environment["JIXIAO_CLI_PATH"], !path.isEmpty { candidates.append(path) }
            var bundleDirectory = Bundle.main.bundleURL
            if bundleDirectory.pathExtension == "xctest" { bundleDirectory.deleteLastPathComponent() }
            candidates.append(bundleDirectory.appendingPathComponent("jixiao").path)
            candidates.append(self.packageRoot.appendingPathComponent(".build/debug/jixiao").path)
            guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
                throw TestSupportError(
                    "the jixiao executable was not found (tried \(candidates.joined(separator: ", "))); run `swift build --build-tests` first"
                )
            }
            return found
        }
    }

    /// Runs `jixiao arguments…` with the environment minus JIXIAO_AS and JIXIAO_DATABASE_URL plus
    /// `environment`, with `stdin` as standard input.
    public static func run(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) throws -> CLIResult {
        var env = ProcessInfo.processInfo.environment.filter { !["JIXIAO_AS", "JIXIAO_DATABASE_URL"].contains($0.key) }
        env.merge(environment) { _, new in new }
        return try Spawn.run(try self.executable, arguments, environment: env, stdin: stdin)
    }
}
