import Hummingbird
import JixiaoService

extension APIRoutes {
    var historyRoutes: [Route] {
        [
            Route(.get, "/v1/tables/{id}/history", self.tableHistory),
            Route(.get, "/v1/tables/{id}/changes", self.tableChanges),
            Route(.get, "/v1/indicators/{iid}/history", self.indicatorHistory),
            Route(.get, "/v1/history", self.history),
            Route(.get, "/v1/audit/verify", self.verifyAudit),
        ]
    }

    /// `GET /v1/tables/{id}/history?since=&until=&limit=`.
    @Sendable func tableHistory(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        try await self.history(.table(try context.pathID("id")), request, context: context)
    }

    /// `GET /v1/tables/{id}/changes?since=&until=&limit=`: the table's history as people read
    /// it (`HistoryStep`: one row per change and per workflow step).
    @Sendable func tableChanges(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.pathID("id")
        let parameters = QueryParameters(request)
        let since = try parameters.timestamp("since")
        let until = try parameters.timestamp("until")
        let limit = try parameters.integer("limit", in: APILimits.historyEntries) ?? APILimits.defaultHistoryEntries
        let steps = try await self.service.readableHistory(caller, .table(id), since: since, until: until, limit: limit)
        return try JSONResponse.make(ChangeList(changes: steps))
    }

    /// `GET /v1/indicators/{iid}/history?since=&until=&limit=`.
    @Sendable func indicatorHistory(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        try await self.history(.indicator(try context.pathID("iid")), request, context: context)
    }

    /// `GET /v1/history?actor=&since=&until=&limit=` (auditor, finance, admin).
    @Sendable func history(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        let actor = try QueryParameters(request).string("actor")
        return try await self.history(actor.map(HistoryQuery.actor) ?? .all, request, context: context)
    }

    private func history(_ query: HistoryQuery, _ request: Request, context: JixiaoRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let parameters = QueryParameters(request)
        let since = try parameters.timestamp("since")
        let until = try parameters.timestamp("until")
        let limit = try parameters.integer("limit", in: APILimits.historyEntries) ?? APILimits.defaultHistoryEntries
        let entries = try await self.service.history(caller, query, since: since, until: until, limit: limit).map(HistoryEntry.init)
        return try JSONResponse.make(HistoryList(entries: entries))
    }

    /// `GET /v1/audit/verify?table=` (auditor, finance, admin): recomputes the hash chains.
    @Sendable func verifyAudit(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let tableID = try QueryParameters(request).id("table")
        let problems = try await self.service.verifyAudit(caller, tableID: tableID)
        return try JSONResponse.make(AuditVerification(problems: problems))
    }
}
