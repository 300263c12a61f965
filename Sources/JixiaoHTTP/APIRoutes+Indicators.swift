import Hummingbird
import JixiaoCore
import JixiaoService

extension APIRoutes {
    var indicatorRoutes: [Route] {
        [
            Route(.post, "/v1/tables/{id}/indicators", self.addIndicator),
            Route(.patch, "/v1/tables/{id}/indicators/{iid}", self.updateIndicator),
            Route(.delete, "/v1/tables/{id}/indicators/{iid}", self.removeIndicator),
            Route(.post, "/v1/tables/{id}/indicators/{iid}/move", self.moveIndicator),
        ]
    }

    /// `POST /v1/tables/{id}/indicators`: 201 with the new indicator and its `ETag`.
    @Sendable func addIndicator(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let tableID = try context.pathID("id")
        let body = try await request.decodeJSON(NewIndicatorBody.self, limit: self.bodyLimit)
        let reason = try Reason.require(body.reason)
        let indicator = try await self.service.addIndicator(
            caller,
            tableID: tableID,
            IndicatorInput(body.fields),
            position: body.position,
            reason: reason
        )
        return try JSONResponse.make(indicator, status: .created, version: indicator.version)
    }

    /// `PATCH /v1/tables/{id}/indicators/{iid}` with `If-Match`: changes some fields.
    @Sendable func updateIndicator(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let tableID = try context.pathID("id")
        let indicatorID = try context.pathID("iid")
        let version = try request.requiredIfMatch()
        let body = try await request.decodeJSON(IndicatorChangeBody.self, limit: self.bodyLimit)
        let reason = try Reason.require(body.reason)
        let indicator = try await self.service.updateIndicator(
            caller,
            tableID: tableID,
            indicatorID: indicatorID,
            expectVersion: version,
            body.change,
            reason: reason
        )
        return try JSONResponse.make(indicator, version: indicator.version)
    }

    /// `DELETE /v1/tables/{id}/indicators/{iid}` with `If-Match` and a `reason`: 204.
    @Sendable func removeIndicator(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let tableID = try context.pathID("id")
        let indicatorID = try context.pathID("iid")
        let version = try request.requiredIfMatch()
        let body = try await request.decodeOptionalJSON(ReasonBody.self, limit: self.bodyLimit)
        let reason = try Reason.require(body?.reason)
        try await self.service.removeIndicator(caller, tableID: tableID, indicatorID: indicatorID, expectVersion: version, reason: reason)
        return Response(status: .noContent)
    }

    /// `POST /v1/tables/{id}/indicators/{iid}/move` with `If-Match`: the table's indicators in
    /// their new order; the `ETag` is the moved indicator's new version.
    @Sendable func moveIndicator(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let tableID = try context.pathID("id")
        let indicatorID = try context.pathID("iid")
        let version = try request.requiredIfMatch()
        let body = try await request.decodeJSON(MoveIndicatorBody.self, limit: self.bodyLimit)
        let reason = try Reason.require(body.reason)
        let indicators = try await self.service.moveIndicator(
            caller,
            tableID: tableID,
            indicatorID: indicatorID,
            expectVersion: version,
            to: body.position,
            reason: reason
        )
        let moved = indicators.first { $0.id == indicatorID }
        return try JSONResponse.make(IndicatorList(indicators: indicators), version: moved?.version)
    }
}
