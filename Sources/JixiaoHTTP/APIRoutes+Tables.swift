import Hummingbird
import JixiaoCore
import JixiaoService

extension APIRoutes {
    var tableRoutes: [Route] {
        [
            Route(.get, "/v1/me", self.me),
            Route(.get, "/v1/tables", self.listTables),
            Route(.post, "/v1/tables", self.createTable),
            Route(.get, "/v1/tables/{id}", self.showTable),
            Route(.patch, "/v1/tables/{id}", self.updateTable),
            Route(.get, "/v1/tables/{id}/findings", self.findings),
            Route(.get, "/v1/tables/{id}/diff", self.tableDiff),
        ]
    }

    /// `GET /v1/me`: the caller's user record.
    @Sendable func me(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        try JSONResponse.make(try context.requireCaller().user)
    }

    /// `GET /v1/tables?year=&unit=&status=&kind=&waiting_for_me=`: the tables the caller may
    /// read (only those waiting for its step with `waiting_for_me=true`).
    @Sendable func listTables(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        let filter = TableFilter(
            fiscalYear: try query.integer("year", in: APILimits.listYear),
            unit: try query.string("unit"),
            status: try query.choice("status", as: TableStatus.self),
            kind: try query.choice("kind", as: TableKind.self),
            waitingForMe: try query.boolean("waiting_for_me") ?? false
        )
        let tables = try await self.service.listTables(try context.requireCaller(), filter: filter)
        return try JSONResponse.make(TableList(tables: tables))
    }

    /// `POST /v1/tables`: a new draft table; 201 with its `Location` and `ETag`.
    @Sendable func createTable(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let body = try await request.decodeJSON(NewTableBody.self, limit: self.bodyLimit)
        let table = try await self.service.createTable(caller, body.newTable, reason: body.reason)
        return try JSONResponse.make(table, status: .created, version: table.version, headers: [.location: "/v1/tables/\(table.id)"])
    }

    /// `GET /v1/tables/{id}`, optionally `?as_of=<time>` or `?revision=<n>` (historical views
    /// carry no `ETag`: they cannot be written to).
    @Sendable func showTable(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.pathID("id")
        let query = QueryParameters(request)
        let asOf = try query.timestamp("as_of")
        let revision = try query.integer("revision")
        switch (asOf, revision) {
        case (.some, .some):
            throw APIError.badRequest("give either `as_of` or `revision`, not both", field: "revision")
        case (.some(let time), nil):
            return try JSONResponse.make(try await self.service.table(caller, id: id, asOf: time))
        case (nil, .some(let revision)):
            return try JSONResponse.make(try await self.service.table(caller, id: id, revision: revision))
        case (nil, nil):
            let table = try await self.service.table(caller, id: id)
            return try JSONResponse.make(table, version: table.version)
        }
    }

    /// `PATCH /v1/tables/{id}` with `If-Match`: title, header and/or goals of a draft.
    @Sendable func updateTable(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.pathID("id")
        let version = try request.requiredIfMatch()
        let body = try await request.decodeJSON(TableChangeBody.self, limit: self.bodyLimit)
        let reason = try Reason.require(body.reason)
        let table = try await self.service.updateHeader(
            caller,
            id: id,
            expectVersion: version,
            title: body.title,
            header: body.header,
            goals: body.goals,
            reason: reason
        )
        return try JSONResponse.make(table, version: table.version)
    }

    /// `GET /v1/tables/{id}/findings`: the validation findings (DESIGN §1.6).
    @Sendable func findings(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        let findings = try await self.service.findings(try context.requireCaller(), id: try context.pathID("id"))
        return try JSONResponse.make(FindingList(findings: findings))
    }

    /// `GET /v1/tables/{id}/diff?from=&to=`: what changed between two states of the table,
    /// each `submission`, `approved`, `current` or a revision number (default: from the last
    /// submission to now).
    @Sendable func tableDiff(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let id = try context.pathID("id")
        let query = QueryParameters(request)
        func point(_ name: String, default value: DiffPoint) throws -> DiffPoint {
            guard let text = try query.string(name) else { return value }
            guard let point = DiffPoint(text) else {
                throw APIError.badRequest("query parameter `\(name)` must be \(DiffPoint.spellings); got \"\(text)\"", field: name)
            }
            return point
        }
        let diff = try await self.service.tableDiff(
            caller,
            id: id,
            from: try point("from", default: .lastSubmission),
            to: try point("to", default: .current)
        )
        return try JSONResponse.make(diff)
    }
}
