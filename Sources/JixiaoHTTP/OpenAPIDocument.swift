import JixiaoCore

/// The OpenAPI 3.1 description of the endpoint, served at `GET /openapi.yaml`.
///
/// Hand-written and kept exact: every route, parameter, body, header and error answer the
/// server can give is listed, because the document is used to fuzz the server (schemathesis).
/// The tests check that its paths and methods are exactly the router's.
enum OpenAPIDocument {
    static let yaml = #"""
        openapi: 3.1.0
        info:
          title: Jixiao API
          version: 1.0.0
          summary: Budget performance targets (预算绩效目标) — tables, indicators, approval workflow, audit trail.
          description: |
            JSON over HTTP. Every `/v1` route needs `Authorization: Bearer <token>`.

            - Amounts (万元) are strings with up to six decimals, e.g. `"7547.363101"`, never JSON numbers.
            - Tables and indicators carry a version; responses send it as `ETag: "<version>"`. Writes that
              name a version (`PATCH`, `DELETE`, `move`) need `If-Match: "<version>"`: 412 without it,
              409 with the current representation in `error.details.current` when it is stale.
              Workflow steps take an optional `If-Match`.
            - Content changes need a non-blank `reason`, kept in the audit trail (422 `reason-required`).
            - Request bodies are JSON (`Content-Type: application/json`, else 415), at most 1 MiB by
              default (else 413). Strings must not contain U+0000. The import routes read text instead:
              `POST /v1/import` a document as `text/plain`, `POST /v1/import.csv` an edited export as
              `text/csv` (UTF-8; a `charset` other than UTF-8 is 415).
            - Errors are always `{"error": {"code", "message", "details"}}`. A table of another unit
              that the caller may not read answers 404, exactly like a table that does not exist.
        servers:
          - url: /
        security:
          - bearer: []
        tags:
          - name: operations
          - name: tables
          - name: indicators
          - name: workflow
          - name: audit
          - name: import
        paths:
          /livez:
            get:
              operationId: live
              tags: [operations]
              summary: Says that the process serves requests (liveness; does not touch the database).
              security: []
              responses:
                '200':
                  description: The process is up.
                  content:
                    text/plain:
                      schema:
                        type: string
          /healthz:
            get:
              operationId: health
              tags: [operations]
              summary: Checks that the server can reach the database.
              security: []
              responses:
                '200':
                  description: The database answers.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Health'
                '503':
                  $ref: '#/components/responses/ServiceUnavailable'
          /metrics:
            get:
              operationId: metrics
              tags: [operations]
              summary: Prometheus metrics (text exposition format 0.0.4).
              description: |
                `jixiao_http_requests_total{method,route,status}` (counter),
                `jixiao_http_request_duration_seconds{method,route}` (histogram),
                `jixiao_http_requests_in_flight`, `jixiao_db_pool_size`, `jixiao_db_pool_in_use`,
                `jixiao_db_pool_waiting` (gauges). `route` is the route template, e.g. `/v1/tables/{id}`.
              security: []
              responses:
                '200':
                  description: The metrics.
                  content:
                    text/plain:
                      schema:
                        type: string
          /openapi.yaml:
            get:
              operationId: openAPI
              tags: [operations]
              summary: This document.
              security: []
              responses:
                '200':
                  description: The OpenAPI 3.1 document.
                  content:
                    application/yaml:
                      schema:
                        type: string
          /v1/me:
            get:
              operationId: me
              tags: [tables]
              summary: The user behind the token.
              responses:
                '200':
                  description: The caller.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/User'
        \#(Self.errors(401, 500, 503))
          /v1/tables:
            get:
              operationId: listTables
              tags: [tables]
              summary: The tables the caller may read, ordered by year, unit and title.
              parameters:
                - name: year
                  in: query
                  description: Fiscal year.
                  schema:
                    type: integer
                    minimum: 1
                    maximum: 9999
                - name: unit
                  in: query
                  description: Code or name of the unit.
                  schema:
                    $ref: '#/components/schemas/Text'
                - name: status
                  in: query
                  schema:
                    $ref: '#/components/schemas/TableStatus'
                - name: kind
                  in: query
                  schema:
                    $ref: '#/components/schemas/TableKind'
              responses:
                '200':
                  description: The tables (without indicators).
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/TableList'
        \#(Self.errors(400, 401, 500, 503))
            post:
              operationId: createTable
              tags: [tables]
              summary: Creates a draft table of a unit (a drafter of that unit, or an admin).
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: '#/components/schemas/NewTable'
              responses:
                '201':
                  description: The new table.
                  headers:
                    ETag:
                      $ref: '#/components/headers/ETag'
                    Location:
                      $ref: '#/components/headers/Location'
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/TargetTable'
        \#(Self.errors(400, 401, 403, 404, 409, 413, 415, 422, 500, 503))
          /v1/tables/{id}:
            get:
              operationId: showTable
              tags: [tables]
              summary: One table with its indicators, now or in the past.
              description: |
                Without `as_of` and `revision`: the current table, with its `ETag`. With `as_of`: the
                table as it was at that moment. With `revision`: the table at the end of that revision
                (an approved revision exactly as approved). Historical views carry no `ETag`. Giving
                both `as_of` and `revision` is a 400.
              parameters:
                - $ref: '#/components/parameters/TableID'
                - name: as_of
                  in: query
                  description: An RFC 3339 time with a zone, e.g. `2025-03-01T08:00:00Z`.
                  schema:
                    type: string
                    format: date-time
                - name: revision
                  in: query
                  schema:
                    $ref: '#/components/schemas/Int64'
              responses:
                '200':
                  description: The table.
                  headers:
                    ETag:
                      $ref: '#/components/headers/OptionalETag'
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/TargetTable'
        \#(Self.errors(400, 401, 404, 422, 500, 503))
            patch:
              operationId: updateTable
              tags: [tables]
              summary: Changes the title, header and/or goals of a draft or returned table.
              parameters:
                - $ref: '#/components/parameters/TableID'
                - $ref: '#/components/parameters/IfMatch'
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: '#/components/schemas/TableChange'
              responses:
                '200':
                  description: The changed table.
                  headers:
                    ETag:
                      $ref: '#/components/headers/ETag'
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/TargetTable'
        \#(Self.errors(400, 401, 403, 404, 409, 412, 413, 415, 422, 500, 503))
          /v1/tables/{id}/findings:
            get:
              operationId: tableFindings
              tags: [tables]
              summary: The validation findings of a table.
              parameters:
                - $ref: '#/components/parameters/TableID'
              responses:
                '200':
                  description: The findings; error-level ones block submit.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/FindingList'
        \#(Self.errors(400, 401, 404, 500, 503))
          /v1/tables/{id}/indicators:
            post:
              operationId: addIndicator
              tags: [indicators]
              summary: Adds an indicator to a draft or returned table.
              parameters:
                - $ref: '#/components/parameters/TableID'
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: '#/components/schemas/NewIndicator'
              responses:
                '201':
                  description: The new indicator.
                  headers:
                    ETag:
                      $ref: '#/components/headers/ETag'
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Indicator'
        \#(Self.errors(400, 401, 403, 404, 409, 413, 415, 422, 500, 503))
          /v1/tables/{id}/indicators/{iid}:
            patch:
              operationId: updateIndicator
              tags: [indicators]
              summary: Changes fields of one indicator.
              parameters:
                - $ref: '#/components/parameters/TableID'
                - $ref: '#/components/parameters/IndicatorID'
                - $ref: '#/components/parameters/IfMatch'
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: '#/components/schemas/IndicatorChange'
              responses:
                '200':
                  description: The changed indicator.
                  headers:
                    ETag:
                      $ref: '#/components/headers/ETag'
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Indicator'
        \#(Self.errors(400, 401, 403, 404, 409, 412, 413, 415, 422, 500, 503))
            delete:
              operationId: removeIndicator
              tags: [indicators]
              summary: Removes an indicator and closes the gap in positions.
              parameters:
                - $ref: '#/components/parameters/TableID'
                - $ref: '#/components/parameters/IndicatorID'
                - $ref: '#/components/parameters/IfMatch'
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: '#/components/schemas/ReasonOnly'
              responses:
                '204':
                  description: Removed.
        \#(Self.errors(400, 401, 403, 404, 409, 412, 413, 415, 422, 500, 503))
          /v1/tables/{id}/indicators/{iid}/move:
            post:
              operationId: moveIndicator
              tags: [indicators]
              summary: Moves an indicator to another position (1-based).
              parameters:
                - $ref: '#/components/parameters/TableID'
                - $ref: '#/components/parameters/IndicatorID'
                - $ref: '#/components/parameters/IfMatch'
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: '#/components/schemas/MoveIndicator'
              responses:
                '200':
                  description: The table's indicators in their new order; the ETag is the moved indicator's.
                  headers:
                    ETag:
                      $ref: '#/components/headers/ETag'
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/IndicatorList'
        \#(Self.errors(400, 401, 403, 404, 409, 412, 413, 415, 422, 500, 503))
        \#(Self.workflowPaths)
          /v1/tables/{id}/history:
            get:
              operationId: tableHistory
              tags: [audit]
              summary: The audit trail of one table, newest first.
              parameters:
                - $ref: '#/components/parameters/TableID'
                - $ref: '#/components/parameters/Since'
                - $ref: '#/components/parameters/Until'
                - $ref: '#/components/parameters/Limit'
              responses:
                '200':
                  description: The entries.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/HistoryList'
        \#(Self.errors(400, 401, 404, 422, 500, 503))
          /v1/indicators/{iid}/history:
            get:
              operationId: indicatorHistory
              tags: [audit]
              summary: The audit trail of one indicator, newest first.
              parameters:
                - $ref: '#/components/parameters/IndicatorID'
                - $ref: '#/components/parameters/Since'
                - $ref: '#/components/parameters/Until'
                - $ref: '#/components/parameters/Limit'
              responses:
                '200':
                  description: The entries.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/HistoryList'
        \#(Self.errors(400, 401, 404, 422, 500, 503))
          /v1/history:
            get:
              operationId: history
              tags: [audit]
              summary: The audit trail by actor and/or time range (auditor, finance, admin).
              parameters:
                - name: actor
                  in: query
                  description: Login of the user who made the changes; without it, every actor.
                  schema:
                    $ref: '#/components/schemas/Text'
                - $ref: '#/components/parameters/Since'
                - $ref: '#/components/parameters/Until'
                - $ref: '#/components/parameters/Limit'
              responses:
                '200':
                  description: The entries, newest first.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/HistoryList'
        \#(Self.errors(400, 401, 403, 422, 500, 503))
          /v1/audit/verify:
            get:
              operationId: verifyAudit
              tags: [audit]
              summary: Recomputes the audit hash chains (auditor, finance, admin).
              parameters:
                - name: table
                  in: query
                  description: Only this table's chain.
                  schema:
                    $ref: '#/components/schemas/Int64'
              responses:
                '200':
                  description: Whether every chain checks out, and the first broken row of each broken chain.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/AuditVerification'
        \#(Self.errors(400, 401, 403, 500, 503))
          /v1/import:
            post:
              operationId: importDocument
              tags: [import]
              summary: Imports the target tables of a document in the source text format (drafter, admin).
              description: |
                The body is the document as UTF-8 text (`Content-Type: text/plain; charset=utf-8`),
                e.g. text pasted or exported from the Word/Excel/PDF forms, cells separated by tabs.
                Every table becomes a draft of its unit, audited like any other change; the whole
                import is one transaction. Tables are matched by unit, fiscal year, kind, title and
                project name: importing the same document again creates nothing (200, `changed: false`).
                A dry run reads and checks the document, writes nothing, and answers the parse report
                (the JSON of `jixiao import --dry-run --json`).
              parameters:
                - name: create_units
                  in: query
                  description: Create the units the document names when they do not exist (admin); default false.
                  schema:
                    type: boolean
                - name: dry_run
                  in: query
                  description: Check and report only; write nothing. Default false.
                  schema:
                    type: boolean
              requestBody:
                required: true
                content:
                  text/plain:
                    schema:
                      $ref: '#/components/schemas/Text'
              responses:
                '200':
                  description: |
                    A dry run (the parse report: every table with its indicators, source lines and
                    findings), or an import that changed nothing (every table was imported before).
                  content:
                    application/json:
                      schema:
                        oneOf:
                          - $ref: '#/components/schemas/ImportReport'
                          - $ref: '#/components/schemas/ImportResult'
                '201':
                  description: Tables (and units) were created.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/ImportResult'
        \#(Self.errors(400, 401, 403))
                '404':
                  description: A unit the document names does not exist (`unknown-unit`); import with `create_units=true` as an admin.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Error'
        \#(Self.errors(409, 413, 415, 422, 500, 503))
          /v1/export.csv:
            get:
              operationId: exportCSV
              tags: [import]
              summary: The indicators of tables as CSV for Excel (UTF-8 with a byte order mark).
              description: |
                One row per indicator with its table's key columns. Edit the cells in Excel, save as CSV
                (UTF-8) and send the file back to `POST /v1/import.csv`; keep the `indicator_version`
                column as exported.
              parameters:
                - name: table
                  in: query
                  required: true
                  description: Table ids, repeated (`?table=1&table=2`); tables the caller may not read are 404.
                  style: form
                  explode: true
                  schema:
                    type: array
                    minItems: 1
                    maxItems: 1000
                    items:
                      $ref: '#/components/schemas/Int64'
              responses:
                '200':
                  description: The CSV text.
                  headers:
                    Content-Disposition:
                      required: true
                      schema:
                        type: string
                  content:
                    text/csv:
                      schema:
                        type: string
        \#(Self.errors(400, 401, 404, 500, 503))
          /v1/import.csv:
            post:
              operationId: importCSV
              tags: [import]
              summary: Applies an edited CSV export (drafter of the tables' units).
              description: |
                The body is CSV as exported by `GET /v1/export.csv` (`Content-Type: text/csv;
                charset=utf-8`). Rows that differ from the stored indicator become version-checked
                changes, rows with an empty `indicator_id` are added at the end of their table, equal
                rows change nothing, rows missing from the file are not deleted. One audited
                transaction: any problem (a syntax error, a stale `indicator_version`, a table not in
                draft) refuses the whole file, naming the line.
              parameters:
                - name: reason
                  in: query
                  required: true
                  description: Why, for the audit trail; must not be blank (else 422 `reason-required`).
                  schema:
                    $ref: '#/components/schemas/Reason'
              requestBody:
                required: true
                content:
                  text/csv:
                    schema:
                      $ref: '#/components/schemas/Text'
              responses:
                '200':
                  description: What the file changed.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/CSVImportResult'
        \#(Self.errors(400, 401, 403, 404, 409, 413, 415, 422, 500, 503))
        components:
          securitySchemes:
            bearer:
              type: http
              scheme: bearer
              description: An API token issued with `jixiao token issue`.
          parameters:
            TableID:
              name: id
              in: path
              required: true
              description: Table id.
              schema:
                $ref: '#/components/schemas/Int64'
            IndicatorID:
              name: iid
              in: path
              required: true
              description: Indicator id.
              schema:
                $ref: '#/components/schemas/Int64'
            IfMatch:
              name: If-Match
              in: header
              required: true
              description: The ETag of the version this write is based on, e.g. `"3"` (`W/"3"` and `3` are accepted too).
              schema:
                $ref: '#/components/schemas/IfMatch'
            OptionalIfMatch:
              name: If-Match
              in: header
              required: false
              description: When given, the step happens only if the table is still at this version (else 409).
              schema:
                $ref: '#/components/schemas/IfMatch'
            Since:
              name: since
              in: query
              description: Only entries at or after this RFC 3339 time.
              schema:
                type: string
                format: date-time
            Until:
              name: until
              in: query
              description: Only entries before this RFC 3339 time.
              schema:
                type: string
                format: date-time
            Limit:
              name: limit
              in: query
              description: At most this many entries (default 1000).
              schema:
                type: integer
                minimum: 1
                maximum: 100000
          headers:
            ETag:
              description: The version of the table or indicator, as an entity tag.
              required: true
              schema:
                $ref: '#/components/schemas/ETag'
            OptionalETag:
              description: The version of the current table; absent for historical views.
              required: false
              schema:
                $ref: '#/components/schemas/ETag'
            Location:
              description: The new table's URL.
              required: true
              schema:
                type: string
                pattern: '^/v1/tables/[0-9]+$'
          requestBodies:
            Transition:
              required: false
              description: Optional; an empty body is the same as `{}`.
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Transition'
          responses:
            BadRequest:
              description: Malformed JSON, a field of the wrong type or missing, or a bad path, query or header parameter; `details.field` names it.
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Error'
            Unauthorized:
              description: No valid, unexpired, unrevoked bearer token (`missing-token`, `invalid-token`).
              headers:
                WWW-Authenticate:
                  required: true
                  schema:
                    type: string
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Error'
            Forbidden:
              description: The caller's roles do not allow it (`not-permitted`).
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Error'
            NotFound:
              description: No such thing, or one the caller may not see (`not-found`).
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Error'
            Conflict:
              description: |
                A rule refuses it now (`wrong-state`, `four-eyes`, `duplicate`), or the write named a
                stale version (`version-conflict`): then `details.current` holds the current table or
                indicator and the `ETag` header its version.
              headers:
                ETag:
                  $ref: '#/components/headers/OptionalETag'
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Error'
            PreconditionFailed:
              description: The write needs an `If-Match` header (`if-match-required`).
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Error'
            ContentTooLarge:
              description: The body is larger than the limit (`body-too-large`, `details.limit_bytes`).
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Error'
            UnsupportedMediaType:
              description: |
                The body is not `application/json` (`unsupported-media-type`); for `POST /v1/import` not
                `text/plain`, for `POST /v1/import.csv` not `text/csv`, or with a charset other than UTF-8.
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Error'
            UnprocessableContent:
              description: |
                Well-formed but not acceptable: a missing or blank `reason` (`reason-required`), a value
                out of range (`invalid`), a submit with error-level findings (`has-errors`, with
                `details.findings`), a document without tables (`no-tables`) or a CSV that cannot be
                read (`csv-invalid`, naming the line).
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Error'
            InternalError:
              description: An unexpected database error (a defect); the answer names no SQL.
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Error'
            ServiceUnavailable:
              description: The database cannot be reached right now (`database-unavailable`, `timeout`); try again. With `commit-unknown` the connection broke while a change was being committed, so it may or may not have been saved; reload before repeating it.
              headers:
                Retry-After:
                  required: false
                  schema:
                    type: string
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Error'
          schemas:
            Int64:
              type: integer
              minimum: -9223372036854775808
              maximum: 9223372036854775807
            Text:
              description: Any text without U+0000.
              type: string
              pattern: '^[^\u0000]*$'
            NullableText:
              oneOf:
                - $ref: '#/components/schemas/Text'
                - type: 'null'
            NonBlankText:
              description: Text with at least one character that is not white space, without U+0000.
              type: string
              pattern: '^[^\u0000]*([^\s\u0000\u0085]|\uFEFF)[^\u0000]*$'
            Reason:
              description: Why the change is made (kept in the audit trail); must not be blank.
              $ref: '#/components/schemas/NonBlankText'
            ETag:
              type: string
              pattern: '^"[0-9]+"$'
            IfMatch:
              type: string
              pattern: '^(W/)?("[0-9]{1,18}"|[0-9]{1,18})$'
            Amount:
              description: 万元 with up to six decimals, as a string.
              type: string
              pattern: '^-?[0-9]{1,12}(\.[0-9]{1,6})?$'
            NullableAmount:
              oneOf:
                - $ref: '#/components/schemas/Amount'
                - type: 'null'
            NullableCount:
              oneOf:
                - $ref: '#/components/schemas/Int64'
                - type: 'null'
            TableKind:
              type: string
              enum: [department, project, transfer]
            TableStatus:
              type: string
              enum: [draft, submitted, supervisor_approved, approved, returned]
            Comparator:
              type: string
              enum: ['≥', '≤', '=', '>', '<', '定性', '定量']
            Role:
              type: string
              enum: [drafter, supervisor, finance, auditor, admin]
            User:
              type: object
              required: [id, login, display_name, unit_id, roles, disabled]
              properties:
                id:
                  $ref: '#/components/schemas/Int64'
                login:
                  type: string
                display_name:
                  type: string
                unit_id:
                  $ref: '#/components/schemas/Int64'
                roles:
                  type: array
                  items:
                    $ref: '#/components/schemas/Role'
                disabled:
                  type: boolean
            TableHeader:
              description: The kind-specific header; `kind` decides which.
              oneOf:
                - $ref: '#/components/schemas/DepartmentHeader'
                - $ref: '#/components/schemas/ProjectHeader'
                - $ref: '#/components/schemas/TransferHeader'
              discriminator:
                propertyName: kind
                mapping:
                  department: '#/components/schemas/DepartmentHeader'
                  project: '#/components/schemas/ProjectHeader'
                  transfer: '#/components/schemas/TransferHeader'
            ProjectHeader:
              description: 项目支出绩效目标表.
              type: object
              required: [kind, project_name]
              properties:
                kind:
                  const: project
                project_name:
                  $ref: '#/components/schemas/Text'
                supervising_department:
                  $ref: '#/components/schemas/NullableText'
                implementing_unit:
                  $ref: '#/components/schemas/NullableText'
                funds_total:
                  $ref: '#/components/schemas/NullableAmount'
                fiscal_funds:
                  $ref: '#/components/schemas/NullableAmount'
                other_funds:
                  $ref: '#/components/schemas/NullableAmount'
            TransferHeader:
              description: 专项转移支付区域绩效目标表.
              type: object
              required: [kind, fund_name]
              properties:
                kind:
                  const: transfer
                fund_name:
                  $ref: '#/components/schemas/Text'
                supervising_unit:
                  $ref: '#/components/schemas/NullableText'
                implementing_unit:
                  $ref: '#/components/schemas/NullableText'
                funds_total:
                  $ref: '#/components/schemas/NullableAmount'
                fiscal_funds:
                  $ref: '#/components/schemas/NullableAmount'
                other_funds:
                  $ref: '#/components/schemas/NullableAmount'
            DepartmentHeader:
              description: 部门（单位）整体支出绩效目标表.
              type: object
              required: [kind, staffing, prior_year, income, expense]
              properties:
                kind:
                  const: department
                contact:
                  $ref: '#/components/schemas/NullableText'
                phone:
                  $ref: '#/components/schemas/NullableText'
                legal_basis:
                  $ref: '#/components/schemas/NullableText'
                function_overview:
                  $ref: '#/components/schemas/NullableText'
                major_change:
                  type: [boolean, 'null']
                major_change_content:
                  $ref: '#/components/schemas/NullableText'
                subordinate_units:
                  $ref: '#/components/schemas/NullableText'
                internal_departments:
                  $ref: '#/components/schemas/NullableText'
                system_building:
                  $ref: '#/components/schemas/NullableText'
                staffing:
                  type: object
                  properties:
                    budgeted:
                      $ref: '#/components/schemas/NullableCount'
                    actual:
                      $ref: '#/components/schemas/NullableCount'
                    administrative:
                      $ref: '#/components/schemas/NullableCount'
                    institutional:
                      $ref: '#/components/schemas/NullableCount'
                    external:
                      $ref: '#/components/schemas/NullableCount'
                prior_year:
                  type: object
                  properties:
                    approved:
                      $ref: '#/components/schemas/NullableAmount'
                    adjusted:
                      $ref: '#/components/schemas/NullableAmount'
                    actual_spent:
                      $ref: '#/components/schemas/NullableAmount'
                    execution_rate:
                      $ref: '#/components/schemas/NullableText'
                    carryover:
                      $ref: '#/components/schemas/NullableAmount'
                income:
                  type: object
                  properties:
                    superior:
                      $ref: '#/components/schemas/NullableAmount'
                    local:
                      $ref: '#/components/schemas/NullableAmount'
                    other:
                      $ref: '#/components/schemas/NullableAmount'
                    total:
                      $ref: '#/components/schemas/NullableAmount'
                expense:
                  type: object
                  properties:
                    personnel:
                      $ref: '#/components/schemas/NullableAmount'
                    public_funds:
                      $ref: '#/components/schemas/NullableAmount'
                    project:
                      $ref: '#/components/schemas/NullableAmount'
                    total:
                      $ref: '#/components/schemas/NullableAmount'
            Indicator:
              description: 绩效指标, one row of a table in official order.
              type: object
              required: [id, position, level1, level2, level3, comparator, value, numeric_value, unit, content, remark, version, line]
              properties:
                id:
                  $ref: '#/components/schemas/Int64'
                position:
                  type: integer
                level1:
                  type: string
                level2:
                  type: string
                level3:
                  type: string
                comparator:
                  oneOf:
                    - $ref: '#/components/schemas/Comparator'
                    - type: 'null'
                value:
                  type: string
                numeric_value:
                  description: The exact number in `value`, when it is one.
                  $ref: '#/components/schemas/NullableAmount'
                unit:
                  description: Unit of measure (度量单位).
                  type: string
                content:
                  type: string
                remark:
                  type: string
                version:
                  type: integer
                line:
                  type: [integer, 'null']
            TargetTable:
              description: 绩效目标表 with its indicators.
              type: object
              required: [id, kind, title, fiscal_year, unit_id, supervising_unit_id, status, revision, version, header, goals, indicators]
              properties:
                id:
                  $ref: '#/components/schemas/Int64'
                kind:
                  $ref: '#/components/schemas/TableKind'
                title:
                  type: string
                fiscal_year:
                  type: integer
                unit_id:
                  $ref: '#/components/schemas/Int64'
                supervising_unit_id:
                  $ref: '#/components/schemas/Int64'
                status:
                  $ref: '#/components/schemas/TableStatus'
                revision:
                  type: integer
                version:
                  type: integer
                header:
                  $ref: '#/components/schemas/TableHeader'
                goals:
                  type: array
                  items:
                    type: string
                indicators:
                  type: array
                  items:
                    $ref: '#/components/schemas/Indicator'
            TableSummary:
              type: object
              required: [id, kind, title, fiscal_year, unit, supervising_unit, status, revision, version, indicator_count]
              properties:
                id:
                  $ref: '#/components/schemas/Int64'
                kind:
                  $ref: '#/components/schemas/TableKind'
                title:
                  type: string
                fiscal_year:
                  type: integer
                unit:
                  description: Name of the unit.
                  type: string
                supervising_unit:
                  description: Name of the supervising unit.
                  type: string
                status:
                  $ref: '#/components/schemas/TableStatus'
                revision:
                  type: integer
                version:
                  type: integer
                indicator_count:
                  type: integer
            TableList:
              type: object
              required: [tables]
              properties:
                tables:
                  type: array
                  items:
                    $ref: '#/components/schemas/TableSummary'
            Finding:
              type: object
              required: [code, severity, message]
              properties:
                code:
                  type: string
                  enum: [value-not-numeric, unit-missing, percent-out-of-range, comparator-conflict, budget-income-sum,
                         budget-expense-sum, budget-balance, execution-rate, staffing-sum, funds-sum, cost-mismatch,
                         quantity-cost-product, missing-category, unknown-category, duplicate-indicator, missing-goal]
                severity:
                  type: string
                  enum: [error, warning]
                message:
                  type: string
                indicator_id:
                  $ref: '#/components/schemas/Int64'
                indicator_position:
                  type: integer
                line:
                  type: integer
            FindingList:
              type: object
              required: [findings]
              properties:
                findings:
                  type: array
                  items:
                    $ref: '#/components/schemas/Finding'
            IndicatorList:
              type: object
              required: [indicators]
              properties:
                indicators:
                  type: array
                  items:
                    $ref: '#/components/schemas/Indicator'
            AuditEntry:
              description: One row of the audit trail (a header change, an indicator change, a workflow event).
              type: object
              required: [table_id, seq, entity, op, actor, changed_at, txid]
              properties:
                table_id:
                  $ref: '#/components/schemas/Int64'
                seq:
                  description: Position in the table's hash chain.
                  $ref: '#/components/schemas/Int64'
                entity:
                  type: string
                  enum: [table, indicator, workflow]
                op:
                  type: string
                  enum: [insert, update, delete]
                indicator_id:
                  $ref: '#/components/schemas/Int64'
                old_values:
                  description: The row before, as JSON text.
                  type: string
                new_values:
                  description: The row after, as JSON text.
                  type: string
                changed_fields:
                  type: array
                  items:
                    type: string
                actor:
                  type: string
                reason:
                  type: string
                table_status:
                  type: string
                table_revision:
                  type: integer
                changed_at:
                  type: string
                  format: date-time
                txid:
                  $ref: '#/components/schemas/Int64'
            HistoryList:
              type: object
              required: [entries]
              properties:
                entries:
                  type: array
                  items:
                    $ref: '#/components/schemas/AuditEntry'
            ChainProblem:
              type: object
              required: [table_id, reason]
              properties:
                table_id:
                  $ref: '#/components/schemas/Int64'
                seq:
                  description: The first row of the chain that does not check out.
                  $ref: '#/components/schemas/Int64'
                reason:
                  type: string
            AuditVerification:
              type: object
              required: [intact, problems]
              properties:
                intact:
                  type: boolean
                problems:
                  type: array
                  items:
                    $ref: '#/components/schemas/ChainProblem'
            Health:
              type: object
              required: [status, database]
              properties:
                status:
                  const: ok
                database:
                  const: ok
            IndicatorFields:
              description: The content of an indicator row.
              type: object
              required: [level1, level2, level3, value]
              properties:
                level1:
                  $ref: '#/components/schemas/Text'
                level2:
                  $ref: '#/components/schemas/Text'
                level3:
                  $ref: '#/components/schemas/Text'
                comparator:
                  oneOf:
                    - $ref: '#/components/schemas/Comparator'
                    - type: 'null'
                value:
                  $ref: '#/components/schemas/Text'
                unit:
                  description: Unit of measure (度量单位); default empty.
                  $ref: '#/components/schemas/NullableText'
                content:
                  $ref: '#/components/schemas/NullableText'
                remark:
                  $ref: '#/components/schemas/NullableText'
            NewTable:
              type: object
              required: [title, fiscal_year, unit, header]
              properties:
                title:
                  $ref: '#/components/schemas/NonBlankText'
                fiscal_year:
                  type: integer
                  minimum: 2000
                  maximum: 2100
                unit:
                  description: Code or name of the unit the table belongs to.
                  $ref: '#/components/schemas/Text'
                header:
                  $ref: '#/components/schemas/TableHeader'
                goals:
                  oneOf:
                    - type: array
                      items:
                        $ref: '#/components/schemas/Text'
                    - type: 'null'
                indicators:
                  oneOf:
                    - type: array
                      items:
                        $ref: '#/components/schemas/IndicatorFields'
                    - type: 'null'
                reason:
                  description: Optional; defaults to "created".
                  $ref: '#/components/schemas/NullableText'
            TableChange:
              description: Fields to replace; absent or null leaves a field as it is.
              type: object
              required: [reason]
              properties:
                title:
                  oneOf:
                    - $ref: '#/components/schemas/NonBlankText'
                    - type: 'null'
                header:
                  oneOf:
                    - $ref: '#/components/schemas/TableHeader'
                    - type: 'null'
                goals:
                  oneOf:
                    - type: array
                      items:
                        $ref: '#/components/schemas/Text'
                    - type: 'null'
                reason:
                  $ref: '#/components/schemas/Reason'
            NewIndicator:
              allOf:
                - $ref: '#/components/schemas/IndicatorFields'
                - type: object
                  required: [reason]
                  properties:
                    position:
                      description: 1-based; default after the last.
                      oneOf:
                        - type: integer
                          minimum: 1
                          maximum: 9223372036854775807
                        - type: 'null'
                    reason:
                      $ref: '#/components/schemas/Reason'
            IndicatorChange:
              description: |
                The fields to change (at least one non-null, or `comparator`). Absent or null leaves a
                field as it is, except `comparator`, where null clears it.
              type: object
              required: [reason]
              anyOf:
                - required: [comparator]
                - required: [level1]
                  properties:
                    level1:
                      type: string
                - required: [level2]
                  properties:
                    level2:
                      type: string
                - required: [level3]
                  properties:
                    level3:
                      type: string
                - required: [value]
                  properties:
                    value:
                      type: string
                - required: [unit]
                  properties:
                    unit:
                      type: string
                - required: [content]
                  properties:
                    content:
                      type: string
                - required: [remark]
                  properties:
                    remark:
                      type: string
              properties:
                level1:
                  $ref: '#/components/schemas/NullableText'
                level2:
                  $ref: '#/components/schemas/NullableText'
                level3:
                  $ref: '#/components/schemas/NullableText'
                comparator:
                  oneOf:
                    - $ref: '#/components/schemas/Comparator'
                    - type: 'null'
                value:
                  $ref: '#/components/schemas/NullableText'
                unit:
                  $ref: '#/components/schemas/NullableText'
                content:
                  $ref: '#/components/schemas/NullableText'
                remark:
                  $ref: '#/components/schemas/NullableText'
                reason:
                  $ref: '#/components/schemas/Reason'
            MoveIndicator:
              type: object
              required: [position, reason]
              properties:
                position:
                  description: The new 1-based position.
                  type: integer
                  minimum: 1
                  maximum: 9223372036854775807
                reason:
                  $ref: '#/components/schemas/Reason'
            ReasonOnly:
              type: object
              required: [reason]
              properties:
                reason:
                  $ref: '#/components/schemas/Reason'
            Transition:
              type: object
              properties:
                reason:
                  description: Required for `return`; recorded with the workflow event.
                  $ref: '#/components/schemas/NullableText'
                indicator_ids:
                  description: For `return`, the indicators the reason is about.
                  oneOf:
                    - type: array
                      items:
                        $ref: '#/components/schemas/Int64'
                    - type: 'null'
            ImportReport:
              description: The parse report of a document (`jixiao import --dry-run --json`), every key present, null included.
              type: object
              required: [tables, issues]
              properties:
                tables:
                  type: array
                  items:
                    $ref: '#/components/schemas/ReportTable'
                issues:
                  description: Parse issues outside every table.
                  type: array
                  items:
                    $ref: '#/components/schemas/ReportFinding'
            ReportTable:
              type: object
              required: [kind, title, fiscal_year, unit, supervising_unit, funds_total, source_line, goals, header, indicators, findings]
              properties:
                kind:
                  $ref: '#/components/schemas/TableKind'
                title:
                  type: string
                fiscal_year:
                  type: [integer, 'null']
                unit:
                  description: The implementing unit (project, transfer) or the department's own unit.
                  type: [string, 'null']
                supervising_unit:
                  type: [string, 'null']
                funds_total:
                  description: 年度资金总额 in 万元, e.g. `"64.09"`; null for department tables.
                  type: [string, 'null']
                source_line:
                  description: Line of the table's title in the document.
                  type: integer
                goals:
                  type: array
                  items:
                    type: string
                header:
                  $ref: '#/components/schemas/TableHeader'
                indicators:
                  type: array
                  items:
                    $ref: '#/components/schemas/ReportIndicator'
                findings:
                  type: array
                  items:
                    $ref: '#/components/schemas/ReportFinding'
            ReportIndicator:
              type: object
              required: [level1, level2, level3, comparator, value, unit, content, remark, line]
              properties:
                level1:
                  type: string
                level2:
                  type: string
                level3:
                  type: string
                comparator:
                  oneOf:
                    - $ref: '#/components/schemas/Comparator'
                    - type: 'null'
                value:
                  type: string
                unit:
                  type: string
                content:
                  type: string
                remark:
                  type: string
                line:
                  type: [integer, 'null']
            ReportFinding:
              description: A validation finding or a parse issue of the document.
              type: object
              required: [code, severity, message, line]
              properties:
                code:
                  description: A finding code (see `Finding`) or a parse issue code, e.g. `unreadable-row`.
                  type: string
                severity:
                  type: string
                  enum: [error, warning]
                message:
                  type: string
                line:
                  type: [integer, 'null']
            ImportResult:
              description: What an import did with each table (`jixiao import --json`).
              type: object
              required: [tables, created_units, changed]
              properties:
                tables:
                  type: array
                  items:
                    type: object
                    required: [action, id, title, line, indicators, findings]
                    properties:
                      action:
                        description: '`created`, or `unchanged` when the table was imported before.'
                        type: string
                        enum: [created, unchanged]
                      id:
                        $ref: '#/components/schemas/Int64'
                      title:
                        type: string
                      line:
                        description: Line of the table's title in the document.
                        type: integer
                      indicators:
                        description: Number of indicators read.
                        type: integer
                      findings:
                        type: array
                        items:
                          $ref: '#/components/schemas/ReportFinding'
                created_units:
                  type: array
                  items:
                    type: string
                changed:
                  description: Whether any table or unit was created.
                  type: boolean
            CSVImportResult:
              type: object
              required: [changed, added, unchanged]
              properties:
                changed:
                  description: Ids of the indicators the file changed.
                  type: array
                  items:
                    $ref: '#/components/schemas/Int64'
                added:
                  description: Ids of the indicators the file added.
                  type: array
                  items:
                    $ref: '#/components/schemas/Int64'
                unchanged:
                  description: Rows equal to the stored indicator.
                  type: integer
            Error:
              type: object
              required: [error]
              properties:
                error:
                  type: object
                  required: [code, message, details]
                  properties:
                    code:
                      description: Stable, machine-readable, e.g. `version-conflict`, `reason-required`, `has-errors`.
                      type: string
                    message:
                      description: One English sentence saying what is wrong.
                      type: string
                    details:
                      $ref: '#/components/schemas/ErrorDetails'
            ErrorDetails:
              type: object
              properties:
                field:
                  description: The body field, parameter or header at fault, e.g. `indicators[2].value`, `year`, `If-Match`.
                  type: string
                findings:
                  type: array
                  items:
                    $ref: '#/components/schemas/Finding'
                current:
                  description: After a version conflict, the current table or indicator.
                  oneOf:
                    - $ref: '#/components/schemas/TargetTable'
                    - $ref: '#/components/schemas/Indicator'
                limit_bytes:
                  type: integer
                allowed_methods:
                  type: array
                  items:
                    type: string

        """#

    /// The five workflow steps share one description; only path, operationId and summary differ.
    static var workflowPaths: String {
        WorkflowAction.allCases.map { action in
            #"""
              /v1/tables/{id}/\#(action.rawValue):
                post:
                  operationId: \#(action.rawValue)Table
                  tags: [workflow]
                  summary: \#(Self.workflowSummary(action))
                  parameters:
                    - $ref: '#/components/parameters/TableID'
                    - $ref: '#/components/parameters/OptionalIfMatch'
                  requestBody:
                    $ref: '#/components/requestBodies/Transition'
                  responses:
                    '200':
                      description: The table after the step.
                      headers:
                        ETag:
                          $ref: '#/components/headers/ETag'
                      content:
                        application/json:
                          schema:
                            $ref: '#/components/schemas/TargetTable'
            \#(Self.errors(400, 401, 403, 404, 409, 413, 415, 422, 500, 503))
            """#
        }.joined(separator: "\n")
    }

    static func workflowSummary(_ action: WorkflowAction) -> String {
        switch action {
        case .submit: "Drafter submits a draft or returned table (refused with 422 while it has error-level findings)."
        case .withdraw: "Drafter takes a submitted table back."
        case .approve: "Supervisor (first step) or finance (final step) approves; nobody approves what they submitted."
        case .return: "Supervisor or finance sends the table back; needs a reason, may name indicators."
        case .adjust: "Drafter reopens an approved table as a new revision (the approved one stays readable)."
        }
    }

    /// The shared error answers of an operation, one `$ref` per status (8 spaces in, under `responses:`).
    static func errors(_ codes: Int...) -> String {
        codes.map { code in
            let name =
                switch code {
                case 400: "BadRequest"
                case 401: "Unauthorized"
                case 403: "Forbidden"
                case 404: "NotFound"
                case 409: "Conflict"
                case 412: "PreconditionFailed"
                case 413: "ContentTooLarge"
                case 415: "UnsupportedMediaType"
                case 422: "UnprocessableContent"
                case 500: "InternalError"
                case 503: "ServiceUnavailable"
                default: preconditionFailure("no shared error answer for \(code)")
                }
            return "        '\(code)':\n          $ref: '#/components/responses/\(name)'"
        }.joined(separator: "\n")
    }
}
