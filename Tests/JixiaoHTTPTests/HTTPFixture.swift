import Foundation
import Hummingbird
import HummingbirdTesting
import JixiaoCore
@_spi(Testing) import JixiaoService
import Logging
import Testing

@testable import JixiaoHTTP

/// The service fixture (`Fixture`: a bureau, a centre under it, another bureau; one user per
/// role), a bearer token for each user, and the HTTP application on top of it.
struct HTTPFixture: Sendable {
    let fixture: Fixture
    let app: Application<RouterResponder<JixiaoRequestContext>>
    let adminToken: String
    let bureauDrafterToken: String
    let centreDrafterToken: String
    let otherDrafterToken: String
    let supervisorToken: String
    let financeToken: String
    let auditorToken: String

    var service: JixiaoService { self.fixture.service }

    static func make(
        configuration: JixiaoHTTPConfiguration = JixiaoHTTPConfiguration(),
        signIn: SignInConfiguration? = nil
    ) async throws -> HTTPFixture {
        let fixture = try await Fixture.make(signIn: signIn)
        return HTTPFixture(
            fixture: fixture,
            app: buildApplication(service: fixture.service, configuration: configuration, logger: quietLogger),
            adminToken: try await fixture.token(fixture.admin),
            bureauDrafterToken: try await fixture.token(fixture.bureauDrafter),
            centreDrafterToken: try await fixture.token(fixture.centreDrafter),
            otherDrafterToken: try await fixture.token(fixture.otherDrafter),
            supervisorToken: try await fixture.token(fixture.supervisor),
            financeToken: try await fixture.token(fixture.finance),
            auditorToken: try await fixture.token(fixture.auditor)
        )
    }

    /// Runs `body` against the router, then closes the pool. The database is dropped when the
    /// test process exits (`TestDatabase`): every DROP DATABASE forces a checkpoint, and one per
    /// HTTP test while the other suites run slowed the connection pool tests past their timeouts.
    func test(_ body: @Sendable (API) async throws -> Void) async throws {
        do {
            try await self.app.test(.router) { client in try await body(API(client: client)) }
        } catch {
            await self.fixture.close()
            throw error
        }
        await self.fixture.close()
    }

    /// A valid project table of the centre (supervised by the bureau), as JSON.
    static func projectTableJSON(
        title: String = ProjectTableFixture.title,
        unit: String = "301002",
        funds: String = "140",
        goals: [String] = [ProjectTableFixture.goal]
    ) -> String {
        ProjectTableFixture.json(title: title, unit: unit, funds: funds, goals: goals)
    }
}

/// Request logs only for failures, to keep test output readable.
let quietLogger: Logger = {
    var logger = Logger(label: "jixiao.http.test")
    logger.logLevel = .critical
    return logger
}()

/// A thin client: bearer token, JSON bodies, headers.
struct API: Sendable {
    let client: any TestClientProtocol

    func send(
        _ method: HTTPRequest.Method,
        _ uri: String,
        token: String? = nil,
        json body: String? = nil,
        headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = headers
        if let token { headers[.authorization] = "Bearer \(token)" }
        var buffer: ByteBuffer?
        if let body {
            buffer = ByteBuffer(string: body)
            if headers[.contentType] == nil { headers[.contentType] = "application/json" }
        }
        return try await self.client.execute(uri: uri, method: method, headers: headers, body: buffer)
    }

    /// Creates the standard project table as the centre's drafter.
    func createTable(_ fixture: HTTPFixture, json body: String = HTTPFixture.projectTableJSON()) async throws -> TargetTable {
        let response = try await self.send(.post, "/v1/tables", token: fixture.centreDrafterToken, json: body)
        try #require(response.status == .created, "create: \(response.status) \(response.text)")
        return try response.decode(TargetTable.self)
    }
}

extension TestResponse {
    var text: String { String(buffer: self.body) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            return try Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        }
        return try decoder.decode(T.self, from: Data(self.text.utf8))
    }

    /// The body as a JSON object.
    var object: [String: Any] {
        get throws {
            let value = try JSONSerialization.jsonObject(with: Data(self.text.utf8))
            return try #require(value as? [String: Any], "not a JSON object: \(self.text)")
        }
    }

    /// The `error` member of an error answer, checked to have the documented shape.
    var error: (code: String, message: String, details: [String: Any]) {
        get throws {
            let error = try #require(try self.object["error"] as? [String: Any], "no error object: \(self.text)")
            let code = try #require(error["code"] as? String)
            let message = try #require(error["message"] as? String)
            let details = try #require(error["details"] as? [String: Any])
            return (code, message, details)
        }
    }

    var etag: String? { self.headers[.eTag] }
}
