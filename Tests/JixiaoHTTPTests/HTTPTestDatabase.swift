import Foundation
import JixiaoService
import PQ
import Synchronization

/// A freshly migrated database per test: the migrations run once per test process into a
/// template, and each test copies it (`CREATE DATABASE … TEMPLATE`), so tests run in parallel
/// without sharing state. (The same pattern as the service tests, kept apart from them.)
enum HTTPTestDatabase {
    static var serverURL: String {
        get throws {
            guard let url = ProcessInfo.processInfo.environment["JIXIAO_TEST_DATABASE_URL"], !url.isEmpty else {
                throw PQError(kind: .usage, message: "JIXIAO_TEST_DATABASE_URL is not set: run the tests with ./Deploy/test.sh")
            }
            return url
        }
    }

    static let schemaDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Schema")

    private static let template = Mutex<String?>(nil)

    /// Creates a migrated database and returns its (superuser) URL.
    static func create() throws -> String {
        let server = try self.serverURL
        let admin = try Connection(server)
        let templateName = try self.template.withLock { name -> String in
            if let name { return name }
            let fresh = "jxhttptemplate_\(getpid())_\(Int.random(in: 0..<1_000_000))"
            try admin.execute("CREATE DATABASE \(fresh)")
            do {
                let conn = try Connection(self.url(server, database: fresh))
                try Migrator(directory: self.schemaDirectory).migrate(conn)
            }
            name = fresh
            return fresh
        }
        let database = "jxhttp_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16))"
        try admin.execute("CREATE DATABASE \(database) TEMPLATE \(templateName)")
        return self.url(server, database: database)
    }

    static func url(_ url: String, database: String) -> String {
        var components = URLComponents(string: url)!
        components.path = "/" + database
        return components.string!
    }
}

/// Runs blocking `work` on a new thread and awaits its result.
@discardableResult
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
}
