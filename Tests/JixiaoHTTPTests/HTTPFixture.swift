import Foundation
import Hummingbird
import HummingbirdTesting
import JixiaoCore
import JixiaoService
import Logging
import Testing

@testable import JixiaoHTTP

/// A service over a fresh database (a bureau, a centre under it, another bureau; one user
/// per role, each with a bearer token) and the HTTP application on top of it.
struct HTTPFixture: Sendable {
    let service: JixiaoService
    let app: Application<RouterResponder<JixiaoRequestContext>>
    let adminToken: String
    let bureauDrafterToken: String
    let centreDrafterToken: String
    let otherDrafterToken: String
    let supervisorToken: String
    let financeToken: String
    let auditorToken: String

    static func make(configuration: JixiaoHTTPConfiguration = JixiaoHTTPConfiguration()) async throws -> HTTPFixture {
        let url = try await offPool { try HTTPTestDatabase.create() }
        let service = JixiaoService(database: Database(.init(url: url, poolSize: 4)))
        let root = try await service.bootstrap(adminLogin: "admin", displayName: "管理员", unitCode: "000", unitName: "和政县财政局")
        let admin = Caller(user: root)
        _ = try await service.addUnit(admin, code: "301", name: "和政县人力资源和社会保障局")
        _ = try await service.addUnit(admin, code: "301002", name: "和政县就业服务中心", parentCode: "301")
        _ = try await service.addUnit(admin, code: "302", name: "和政县教育局")
        func token(_ login: String, _ unit: String, _ roles: Set<Role>) async throws -> String {
            _ = try await service.addUser(admin, login: login, displayName: login, unitCode: unit, roles: roles)
            return try await service.issueToken(admin, login: login).token
        }
        return HTTPFixture(
            service: service,
            app: buildApplication(service: service, configuration: configuration, logger: quietLogger),
            adminToken: try await service.issueToken(admin, login: "admin").token,
            bureauDrafterToken: try await token("bureau-drafter", "301", [.drafter]),
            centreDrafterToken: try await token("centre-drafter", "301002", [.drafter]),
            otherDrafterToken: try await token("other-drafter", "302", [.drafter]),
            supervisorToken: try await token("bureau-supervisor", "301", [.supervisor]),
            financeToken: try await token("finance", "000", [.finance]),
            auditorToken: try await token("auditor", "000", [.auditor])
        )
    }

    /// Runs `body` against the router, then closes the pool.
    func test(_ body: @Sendable (API) async throws -> Void) async throws {
        do {
            try await self.app.test(.router) { client in try await body(API(client: client)) }
        } catch {
            await self.service.database.close()
            throw error
        }
        await self.service.database.close()
    }

    /// A valid project table of the centre (supervised by the bureau), as JSON.
    static func projectTableJSON(
        title: String = "2024年奖补资金项目支出绩效目标表",
        unit: String = "301002",
        funds: String = "140",
        goals: [String] = ["1. 发放奖补资金，促进就业"]
    ) -> String {
        json([
            "title": title,
            "fiscal_year": 2025,
            "unit": unit,
            "header": [
                "kind": "project", "project_name": "2024年奖补资金", "supervising_department": "和政县人力资源和社会保障局",
                "implementing_unit": "和政县就业服务中心", "funds_total": funds, "fiscal_funds": funds,
            ],
            "goals": goals,
            "indicators": [
                ["level1": "成本指标", "level2": "经济成本指标", "level3": "奖补资金", "comparator": "≤", "value": funds, "unit": "万元"],
                ["level1": "产出指标", "level2": "数量指标", "level3": "奖补人数", "comparator": "≥", "value": "140", "unit": "人"],
                ["level1": "效益指标", "level2": "社会效益指标", "level3": "就业带动", "comparator": "定性", "value": "明显"],
                ["level1": "满意度指标", "level2": "服务对象满意度指标", "level3": "受益群众满意度", "comparator": "≥", "value": "90", "unit": "%"],
            ],
            "reason": "填报",
        ])
    }
}

/// Request logs only for failures, to keep test output readable.
let quietLogger: Logger = {
    var logger = Logger(label: "jixiao.http.test")
    logger.logLevel = .critical
    return logger
}()

/// JSON text of a literal.
func json(_ value: Any) -> String {
    String(decoding: try! JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
}

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
