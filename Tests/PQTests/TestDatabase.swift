import Foundation
import PQ
import Testing

/// The private PostgreSQL cluster the test command started (`JIXIAO_TEST_DATABASE_URL`), and a
/// fresh database per test so tests run in parallel without sharing state.
enum TestDatabase {
    /// The superuser URL of the test cluster.
    static var serverURL: String {
        get throws {
            guard let url = ProcessInfo.processInfo.environment["JIXIAO_TEST_DATABASE_URL"], !url.isEmpty else {
                throw PQError(kind: .usage, message: "JIXIAO_TEST_DATABASE_URL is not set: run the tests with ./Deploy/test.sh")
            }
            return url
        }
    }

    /// Creates an empty database and returns its URL.
    static func create() throws -> String {
        let server = try self.serverURL
        let name = "pqtest_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16))"
        let admin = try Connection(server)
        try admin.execute("CREATE DATABASE \(name)")
        return self.url(server, database: name)
    }

    /// `url` with its database name replaced.
    static func url(_ url: String, database: String) -> String {
        var components = URLComponents(string: url)!
        components.path = "/" + database
        return components.string!
    }

    /// A connection to a fresh database.
    static func connect() throws -> Connection {
        try Connection(try self.create())
    }
}

/// Project paths, found from this file's location.
enum ProjectPath {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let localPostgres = root.appendingPathComponent("Deploy/local-postgres.sh").path
}

/// Runs a command and returns its standard output; throws with its stderr when it fails.
@discardableResult
func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw PQError(kind: .usage, message: "\(executable) \(arguments.joined(separator: " ")) failed: \(String(decoding: errorData, as: UTF8.self))")
    }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}
