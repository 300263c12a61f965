import Foundation
import Hummingbird
import JixiaoCore
import JixiaoService

extension APIRoutes {
    var importRoutes: [Route] {
        [
            Route(.post, "/v1/import", self.importDocument),
            Route(.get, "/v1/export.csv", self.exportCSV),
            Route(.post, "/v1/import.csv", self.importCSV),
        ]
    }

    /// Most tables one export may name.
    static let maxExportTables = APILimits.exportTables

    /// `POST /v1/import?create_units=&dry_run=` with the document as `text/plain` (drafter,
    /// admin): 201 when tables or units were created, 200 for a dry run (the parse report,
    /// as `jixiao import --dry-run --json`) or when everything was imported before.
    @Sendable func importDocument(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let query = QueryParameters(request)
        let createUnits = try query.boolean("create_units") ?? false
        let dryRun = try query.boolean("dry_run") ?? false
        let text = try await request.decodeText("text/plain", what: "the document as text", limit: self.bodyLimit)
        let outcome = try await self.service.importDocument(caller, text: text, source: "the document", createUnits: createUnits, dryRun: dryRun)
        if dryRun { return try JSONResponse.make(outcome.document.report) }
        return try JSONResponse.make(ImportSummary(outcome), status: outcome.changedSomething ? .created : .ok)
    }

    /// `GET /v1/export.csv?table=1&table=2`: the indicators of the tables as CSV for Excel
    /// (UTF-8 with BOM); a table the caller may not read is 404.
    @Sendable func exportCSV(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        let requested = try QueryParameters(request).ids("table")
        guard !requested.isEmpty else {
            throw APIError.badRequest("name the tables to export, e.g. /v1/export.csv?table=1&table=2", field: "table")
        }
        // The limit counts the parameters as sent (`maxItems` in /openapi.yaml), repeats included.
        guard requested.count <= Self.maxExportTables else {
            throw APIError.badRequest("at most \(Self.maxExportTables) tables per export", field: "table")
        }
        var ids: [Int64] = []
        for id in requested where !ids.contains(id) { ids.append(id) }
        let csv = try await self.service.exportCSV(caller, tableIDs: ids)
        var response = JSONResponse.text(csv, contentType: "text/csv; charset=utf-8")
        response.headers[.contentDisposition] = "attachment; filename=\"jixiao-export.csv\""
        return response
    }

    /// `POST /v1/import.csv?reason=` with an edited export as `text/csv`: one version-checked,
    /// audited transaction (409 with the current indicator when a row's version is stale).
    @Sendable func importCSV(_ request: Request, context: JixiaoRequestContext) async throws -> Response {
        let caller = try context.requireCaller()
        try request.requireMediaType("text/csv", what: "CSV")
        guard let reason = try QueryParameters(request).string("reason"),
            case .success = ChangeReason.required(reason, for: "editing indicators by CSV")
        else { throw APIError.reasonRequired(inQuery: true) }
        let text = try await request.decodeText("text/csv", what: "CSV", limit: self.bodyLimit)
        let outcome = try await self.service.importCSV(caller, text: text, reason: reason)
        return try JSONResponse.make(CSVImportSummary(outcome))
    }
}
