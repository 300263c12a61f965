import Hummingbird
import JixiaoCore
import JixiaoService

extension APIRoutes {
    var workflowRoutes: [Route] {
        WorkflowAction.allCases.map { action in
            Route(.post, "/v1/tables/{id}/\(action.rawValue)") { request, context in
                try await self.transition(action, request, context: context)
            }
        }
    }

    /// `POST /v1/tables/{id}/submit|withdraw|approve|return|adjust`, body optional
    /// (`reason`, `indicator_ids`); an `If-Match` makes the step conditional on the version.
    func transition(_ action: WorkflowAction, _ request: Request, context: JixiaoRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let tableID = try context.pathID("id")
        let version = try request.optionalIfMatch()
        let body = try await request.decodeOptionalJSON(TransitionBody.self, limit: self.bodyLimit)
        let table = try await self.service.transition(
            caller,
            tableID: tableID,
            action: action,
            reason: body?.reason,
            indicatorIDs: body?.indicatorIDs ?? [],
            expectVersion: version
        )
        return try JSONResponse.make(table, version: table.version)
    }
}
