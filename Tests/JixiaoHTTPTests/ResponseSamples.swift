import Foundation
import JixiaoCore
import Testing

@testable import JixiaoHTTP
@testable import JixiaoService

/// Real values of every response body, encoded by the real encoders: per component schema,
/// the bytes the HTTP path writes (`JSONCoding.body`). Each sample is also checked to parse
/// to the same JSON through the CLI's encoder (`JSONCoding.prettyEncoder`), the one policy of
/// both front ends. Samples include the edge values: nulls, absent optionals, every kind of
/// header, every finding code.
enum ResponseSamples {
    static func all() throws -> [String: [[UInt8]]] {
        let tables = try [Self.projectTable(), Self.departmentTable(), Self.transferTable()]
        let findings =
            FindingCode.allCases.map {
                Finding(code: $0, severity: $0.defaultSeverity, message: "m", indicatorID: 7, indicatorPosition: 2, line: 12)
            } + [Finding(code: .unitMissing, severity: .warning, message: "without optionals")]
        let document = SeedParser.parse(try ImportRouteTests.seed())
        let outcome = ImportOutcome(
            tables: document.tables.map { ImportOutcome.Table(parsed: $0, action: .created, tableID: 5) },
            createdUnits: ["和政县就业服务中心"],
            dryRun: false,
            document: document
        )
        let csvOutcome = CSVImportOutcome(changed: [(3, Self.indicators[0])], added: [(4, Self.indicators[1])], unchanged: 2)
        let summary = TableSummary(
            id: 1,
            kind: .project,
            title: "t",
            fiscalYear: 2025,
            unit: "u",
            supervisingUnit: "s",
            status: .draft,
            revision: 1,
            version: 1,
            indicatorCount: 4
        )
        var submitted = summary
        submitted.name = "奖补"
        submitted.submittedBy = Person(id: 2, login: "kang", displayName: "康亚运")
        submitted.submittedAt = Date(timeIntervalSince1970: 1_740_000_000)
        submitted.errorCount = 1
        submitted.warningCount = 2
        let errors = [
            APIError.badRequest("bad", field: "indicators[2].value"),
            APIError.badRequest("bad"),
            APIError.bodyTooLarge(limit: 1 << 20),
            APIError(.conflict, .versionConflict, "stale", details: ErrorDetails(current: CurrentRepresentation(state: .table(tables[0])))),
            APIError(
                .conflict,
                .versionConflict,
                "stale",
                details: ErrorDetails(current: CurrentRepresentation(state: .indicator(Self.indicators[1])))
            ),
            APIError(.unprocessableContent, .hasErrors, "findings", details: ErrorDetails(findings: findings)),
            APIError(.methodNotAllowed, .methodNotAllowed, "no", details: ErrorDetails(allowedMethods: ["GET", "POST"])),
        ]
        let user = User(id: 1, login: "kang", displayName: "康", unitID: 2, roles: [.drafter])
        let session = SessionInfo(
            id: 1,
            createdAt: Date(timeIntervalSince1970: 1_750_000_000),
            lastSeenAt: Date(timeIntervalSince1970: 1_750_000_060),
            expiresAt: Date(timeIntervalSince1970: 1_750_043_200),
            userAgent: "Mozilla/5.0",
            address: "192.0.2.10",
            current: true
        )
        return [
            "User": [try Self.encode(User(id: 1, login: "kang", displayName: "康", unitID: 2, roles: [.drafter, .supervisor]))],
            "TargetTable": try tables.map(Self.encode),
            "Indicator": try Self.indicators.map(Self.encode),
            "TableList": [try Self.encode(TableList(tables: [summary, submitted])), try Self.encode(TableList(tables: []))],
            "FindingList": [try Self.encode(FindingList(findings: findings))],
            "IndicatorList": [try Self.encode(IndicatorList(indicators: Self.indicators))],
            "HistoryList": [try Self.encode(HistoryList(entries: try Self.history()))],
            "AuditVerification": [
                try Self.encode(AuditVerification(problems: [])),
                try Self.encode(
                    AuditVerification(problems: [
                        ChainProblem(tableID: 1, seq: 4, reason: "hash"), ChainProblem(tableID: 2, seq: nil, reason: "chain"),
                    ])
                ),
            ],
            "Health": [try Self.encode(HealthStatus(status: "ok", database: "ok"))],
            "ImportReport": [try Self.encode(document.report), try Self.encode(SeedParser.parse("no table here").report)],
            "ImportResult": [try Self.encode(ImportSummary(outcome))],
            "CSVImportResult": [try Self.encode(CSVImportSummary(csvOutcome))],
            "TableDiff": try Self.diffs(tables[0]).map(Self.encode),
            "ChangeList": try Self.changes().map(Self.encode),
            "Error": try errors.map { try Self.encode($0.body) },
            "SignedIn": [
                try Self.encode(SignedInBody(user: user, session: session, passwordChangeRequired: false, secondFactorEnrolmentRequired: true)),
                try Self.encode(
                    SignedInBody(
                        user: user,
                        session: SessionInfo(id: 2, createdAt: .now, lastSeenAt: .now, expiresAt: .now, userAgent: "", address: "", current: false),
                        passwordChangeRequired: true,
                        secondFactorEnrolmentRequired: false
                    )
                ),
            ],
            "SessionList": [try Self.encode(SessionList(sessions: [session])), try Self.encode(SessionList(sessions: []))],
            "SessionsEnded": [try Self.encode(SessionsEnded(ended: 3))],
            "SecondFactorEnrolment": [
                try Self.encode(SecondFactorEnrolment(secret: "JBSWY3DPEHPK3PXP", otpauthURL: "otpauth://totp/jixiao:kang?secret=JBSWY3DPEHPK3PXP"))
            ],
            "SignInSettings": [try Self.encode(SignInSettings(totpRequired: true)), try Self.encode(SignInSettings(totpRequired: false))],
        ]
    }

    /// A diff with every kind of change (header, goals, added, removed, changed rows) and an empty one.
    static func diffs(_ table: TargetTable) throws -> [TableDiff] {
        var newer = table
        newer.title = "新标题"
        newer.goals = ["目标", "新目标"]
        newer.indicators[0].fields.value = "150"
        newer.indicators.remove(at: 1)
        newer.indicators.append(Indicator(id: 13, position: 3, level1: "满意度指标", level2: "服务对象满意度指标", level3: "满意度", comparator: .gte, value: "90"))
        let difference = TableComparison.compare(table, newer)
        return [
            TableDiff(
                tableID: 1,
                from: DiffEnd(point: "submission", revision: 1, at: Date(timeIntervalSince1970: 1_740_000_000)),
                to: DiffEnd(point: "current", revision: 1),
                difference: difference
            ),
            TableDiff(
                tableID: 1,
                from: DiffEnd(point: "revision", revision: 1),
                to: DiffEnd(point: "approved", revision: 2),
                difference: TableDifference()
            ),
        ]
    }

    /// The HTTP body of `value`, after checking that the CLI writes the same JSON.
    static func encode(_ value: some Encodable) throws -> [UInt8] {
        let body = try JSONCoding.body(value)
        let cli = try JSONCoding.prettyEncoder().encode(value)
        #expect(try JSONValue.parse(body) == JSONValue.parse(Array(cli)), "HTTP and CLI JSON differ: \(String(decoding: body, as: UTF8.self))")
        return body
    }

    static let indicators = [
        Indicator(
            id: 11,
            position: 1,
            level1: "产出指标",
            level2: "数量指标",
            level3: "奖补人数",
            comparator: .gte,
            value: "140",
            unitOfMeasure: "人",
            content: "c",
            remark: "r",
            version: 2,
            line: 20
        ),
        Indicator(id: 12, position: 2, level1: "效益指标", level2: "社会效益指标", level3: "就业带动", comparator: nil, value: "明显"),
    ]

    static func header(_ json: String) throws -> TableHeader {
        try JSONDecoder().decode(TableHeader.self, from: Data(json.utf8))
    }

    static func table(_ header: TableHeader, indicators: [Indicator]) -> TargetTable {
        TargetTable(
            id: 1,
            title: "表",
            fiscalYear: 2025,
            unitID: 2,
            supervisingUnitID: 3,
            status: .returned,
            revision: 2,
            version: 5,
            header: header,
            goals: ["目标"],
            indicators: indicators
        )
    }

    /// A returned table with its open return (the rows it flags).
    static func projectTable() throws -> TargetTable {
        var table = Self.table(
            try Self.header(#"{"kind": "project", "project_name": "奖补", "funds_total": "140.5", "fiscal_funds": "140.5", "other_funds": "0"}"#),
            indicators: Self.indicators
        )
        table.openReturn = OpenReturn(
            returnedBy: Person(id: 3, login: "li", displayName: "李主管"),
            returnedAt: Date(timeIntervalSince1970: 1_740_000_000),
            reason: "人数与资金不符",
            indicatorIDs: [11]
        )
        return table
    }

    /// Every optional of the department header left out: written as null.
    static func departmentTable() throws -> TargetTable {
        Self.table(try Self.header(#"{"kind": "department", "staffing": {}, "prior_year": {}, "income": {}, "expense": {}}"#), indicators: [])
    }

    static func transferTable() throws -> TargetTable {
        Self.table(try Self.header(#"{"kind": "transfer", "fund_name": "专项", "supervising_unit": "局"}"#), indicators: Self.indicators)
    }

    /// History entries converted from row images as the triggers store them (column names).
    static func history() throws -> [HistoryEntry] {
        try Self.historyRows().map(HistoryEntry.init)
    }

    /// The history samples as readable steps, with the actor's name and without.
    static func changes() throws -> [ChangeList] {
        let rows = try Self.historyRows()
        return [
            ChangeList(changes: try HistoryStep.steps(rows, people: ["kang": Person(id: 2, login: "kang", displayName: "康亚运")])),
            ChangeList(changes: try HistoryStep.steps(rows, people: [:])),
        ]
    }

    /// Audit rows as the triggers store them (column names).
    static func historyRows() throws -> [AuditEntry] {
        let indicatorRow = { (value: String, unit: String) in
            #"{"id": 12, "table_id": 1, "position": 2, "level1": "a", "level2": "b", "level3": "c", "comparator": "≥", "value": "\#(value)", "#
                + #""numeric_value": \#(value), "unit_of_measure": "\#(unit)", "content": "", "remark": "", "version": 1, "source_line": null, "#
                + #""created_at": "2025-03-01T08:15:00.123456+00:00", "updated_at": "2025-03-01T08:15:00+08:00"}"#
        }
        let tableRow = { (status: String) in
            #"{"id": 1, "kind": "project", "title": "t", "fiscal_year": 2025, "unit_id": 2, "supervising_unit_id": 3, "status": "\#(status)", "#
                + #""revision": 1, "version": 3, "header": {"kind": "project", "project_name": "p", "funds_total": "1"}, "goals": ["g"], "#
                + #""funds_total": 1, "submitted_by": null, "supervisor_approved_by": null, "approved_by": null, "source_line": 4, "#
                + #""created_at": "2025-03-01T08:15:00+00:00", "updated_at": "2025-03-01T08:15:00+00:00"}"#
        }
        let workflowRow =
            #"{"id": 9, "table_id": 1, "user_id": 4, "action": "return", "from_status": "submitted", "to_status": "returned", "revision": 1, "#
            + #""reason": "改", "indicator_ids": [12], "at": "2025-03-01T16:15:00.5+08:00"}"#
        func entry(_ entity: String, _ op: String, old: String?, new: String?, changed: [String]?, indicator: Int64? = nil) -> AuditEntry {
            AuditEntry(
                tableID: 1,
                seq: 1,
                entity: entity,
                op: op,
                indicatorID: indicator,
                oldValues: old,
                newValues: new,
                changedFields: changed,
                actor: "kang",
                reason: nil,
                tableStatus: "draft",
                tableRevision: 1,
                changedAt: Date(timeIntervalSince1970: 1_740_816_900.123),
                transactionID: 77
            )
        }
        return [
            entry("table", "insert", old: nil, new: tableRow("draft"), changed: nil),
            entry("table", "update", old: tableRow("draft"), new: tableRow("submitted"), changed: ["status", "submitted_by", "updated_at"]),
            entry("indicator", "insert", old: nil, new: indicatorRow("98", "%"), changed: nil, indicator: 12),
            entry(
                "indicator",
                "update",
                old: indicatorRow("98", "%"),
                new: indicatorRow("99", "人"),
                changed: ["numeric_value", "unit_of_measure", "value"],
                indicator: 12
            ),
            entry("indicator", "delete", old: indicatorRow("99", "人"), new: nil, changed: nil, indicator: 12),
            entry("workflow", "insert", old: nil, new: workflowRow, changed: nil),
        ]
    }
}

@Suite("history entries: typed images from stored rows")
struct HistoryEntryConversionTests {
    @Test("column names become the API's, columns the API does not show are left out, times are the wire's")
    func conversion() throws {
        let entries = try ResponseSamples.history()
        #expect(entries[1].changedFields == ["status"])
        #expect(entries[3].changedFields == ["numeric_value", "unit", "value"])
        guard case .indicator(let indicator)? = entries[3].newValues else { throw ConversionError() }
        #expect(indicator.unitOfMeasure == "人" && indicator.value == "99" && indicator.line == nil && indicator.id == 12)
        guard case .workflow(let event)? = entries[5].newValues else { throw ConversionError() }
        #expect(event.action == .return && event.indicatorIDs == [12] && event.reason == "改")
        #expect(event.at == Date(timeIntervalSince1970: 1_740_816_900.5))
        let json = String(decoding: try JSONCoding.body(entries[5]), as: UTF8.self)
        #expect(json.contains(#""at":"2025-03-01T08:15:00.500Z""#), "\(json)")
        guard case .table(let table)? = entries[1].newValues else { throw ConversionError() }
        #expect(table.status == .submitted && table.header.kind == .project)
    }

    struct ConversionError: Error {}
}
