import Foundation
import Hummingbird
import HummingbirdTesting
import JixiaoCore
import Testing

@Suite("HTTP: the approval workflow")
struct WorkflowRouteTests {
    @Test("a full approval cycle over HTTP: submit, approve, return, fix, resubmit, approve twice, adjust")
    func fullCycle() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let created = try await api.createTable(f)
            func step(_ action: String, _ token: String, body: String? = nil, ifMatch: Int? = nil) async throws -> TargetTable {
                let headers: HTTPFields = ifMatch.map { [.ifMatch: "\"\($0)\""] } ?? [:]
                let response = try await api.send(.post, "/v1/tables/\(created.id)/\(action)", token: token, json: body, headers: headers)
                try #require(response.status == .ok, "\(action): \(response.status) \(response.text)")
                let table = try response.decode(TargetTable.self)
                #expect(response.etag == "\"\(table.version)\"")
                return table
            }
            var table = try await step("submit", f.centreDrafterToken, ifMatch: created.version)
            #expect(table.status == .submitted)
            table = try await step("approve", f.supervisorToken)
            #expect(table.status == .supervisorApproved)
            let target = table.indicators[1]
            table = try await step("return", f.financeToken, body: json(["reason": "人数与资金不符", "indicator_ids": [target.id]]))
            #expect(table.status == .returned)

            let fixed = try await api.send(
                .patch,
                "/v1/tables/\(created.id)/indicators/\(target.id)",
                token: f.centreDrafterToken,
                json: json(["value": "150", "reason": "按财政意见修改"]),
                headers: [.ifMatch: "\"\(target.version)\""]
            )
            #expect(fixed.status == .ok)

            table = try await step("submit", f.centreDrafterToken)
            table = try await step("approve", f.supervisorToken)
            table = try await step("approve", f.financeToken)
            #expect(table.status == .approved)
            #expect(table.revision == 1)

            table = try await step("adjust", f.centreDrafterToken, body: json(["reason": "年中调整"]))
            #expect(table.status == .draft)
            #expect(table.revision == 2)

            let approved = try await api.send(.get, "/v1/tables/\(created.id)?revision=1", token: f.auditorToken)
            #expect(try approved.decode(TargetTable.self).status == .approved)
            #expect(try approved.decode(TargetTable.self).indicators[1].value == "150")

            let history = try await api.send(.get, "/v1/tables/\(created.id)/history", token: f.auditorToken)
            let entries = try #require(try history.object["entries"] as? [[String: Any]])
            #expect(entries.contains { $0["entity"] as? String == "workflow" && $0["reason"] as? String == "人数与资金不符" })
        }
    }

    @Test("submit with error-level findings: 422 with the findings in details")
    func submitWithErrors() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let table = try await api.createTable(f, json: HTTPFixture.projectTableJSON(goals: []))
            let response = try await api.send(.post, "/v1/tables/\(table.id)/submit", token: f.centreDrafterToken)
            #expect(response.status == .unprocessableContent)
            let error = try response.error
            #expect(error.code == "has-errors")
            let findings = try #require(error.details["findings"] as? [[String: Any]])
            #expect(findings.contains { $0["code"] as? String == "missing-goal" && $0["severity"] as? String == "error" })
        }
    }

    @Test("workflow refusals: approving a draft 409, return without reason 422, four eyes 409, stale If-Match 409")
    func refusals() async throws {
        let f = try await HTTPFixture.make()
        try await f.test { api in
            let table = try await api.createTable(f)
            let approveDraft = try await api.send(.post, "/v1/tables/\(table.id)/approve", token: f.supervisorToken)
            #expect(approveDraft.status == .conflict)
            #expect(try approveDraft.error.code == "wrong-state")

            let stale = try await api.send(
                .post,
                "/v1/tables/\(table.id)/submit",
                token: f.centreDrafterToken,
                headers: [.ifMatch: "\"\(table.version + 5)\""]
            )
            #expect(stale.status == .conflict)
            #expect(try stale.error.code == "version-conflict")
            #expect(try stale.error.details["current"] as? [String: Any] != nil)

            let submitted = try await api.send(.post, "/v1/tables/\(table.id)/submit", token: f.centreDrafterToken, json: "{}")
            #expect(submitted.status == .ok)

            let noReason = try await api.send(.post, "/v1/tables/\(table.id)/return", token: f.supervisorToken)
            #expect(noReason.status == .unprocessableContent)
            #expect(try noReason.error.code == "reason-required")

            let unknownIndicator = try await api.send(
                .post,
                "/v1/tables/\(table.id)/return",
                token: f.supervisorToken,
                json: json(["reason": "退回", "indicator_ids": [999_999]])
            )
            #expect(unknownIndicator.status == .unprocessableContent)

            let withdraw = try await api.send(.post, "/v1/tables/\(table.id)/withdraw", token: f.centreDrafterToken)
            #expect(withdraw.status == .ok)
            #expect(try withdraw.decode(TargetTable.self).status == .draft)

            // Four eyes: a bureau user who drafts and supervises may not approve what they submitted.
            let admin = try await f.service.authenticate(token: f.adminToken)
            _ = try await f.service.addUser(admin, login: "both", displayName: "both", unitCode: "301", roles: [.drafter, .supervisor])
            let both = try await f.service.issueToken(admin, login: "both").token
            let own = try await api.send(
                .post,
                "/v1/tables",
                token: both,
                json: HTTPFixture.projectTableJSON(unit: "301")
            )
            try #require(own.status == .created, "\(own.text)")
            let ownID = try own.decode(TargetTable.self).id
            #expect(try await api.send(.post, "/v1/tables/\(ownID)/submit", token: both).status == .ok)
            let fourEyes = try await api.send(.post, "/v1/tables/\(ownID)/approve", token: both)
            #expect(fourEyes.status == .conflict)
            #expect(try fourEyes.error.code == "four-eyes")
        }
    }
}
