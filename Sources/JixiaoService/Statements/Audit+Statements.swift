import Foundation
import JixiaoCore
import PQ

extension Statements {
    /// The columns of `audit_log` an `AuditEntry` is made of (images as JSON text). An
    /// indicator's weight (numeric) is read as its text: a JSON number would reach Swift only
    /// through a floating type.
    static let auditColumns = """
        table_id, seq, entity, op, indicator_id,
        (CASE WHEN entity = 'indicator' THEN old_values || jsonb_build_object('weight', old_values->>'weight') ELSE old_values END)::text AS old_values,
        (CASE WHEN entity = 'indicator' THEN new_values || jsonb_build_object('weight', new_values->>'weight') ELSE new_values END)::text AS new_values,
        changed_fields, actor, reason, table_status, table_revision, changed_at, txid
        """

    /// Audit rows, newest first, of one table, one indicator, one actor or all, within an
    /// optional time range.
    struct AuditHistory: PQStatement {
        enum Subject: Sendable {
            case table(Int64)
            case indicator(Int64)
            case actor(String)
            case all
        }

        var subject: Subject
        var since: Date?
        var until: Date?
        var limit: Int

        private static let range = "($2::timestamptz IS NULL OR changed_at >= $2) AND ($3::timestamptz IS NULL OR changed_at < $3)"
        private static let ofTable = """
            SELECT \(Statements.auditColumns) FROM audit_log WHERE table_id = $1
              AND \(range)
            ORDER BY seq DESC LIMIT $4
            """
        private static let ofIndicator = """
            SELECT \(Statements.auditColumns) FROM audit_log WHERE indicator_id = $1
              AND \(range)
            ORDER BY seq DESC LIMIT $4
            """
        private static let byActor = """
            SELECT \(Statements.auditColumns) FROM audit_log WHERE actor = $1
              AND \(range)
            ORDER BY changed_at DESC, table_id, seq DESC LIMIT $4
            """
        private static let everything = """
            SELECT \(Statements.auditColumns) FROM audit_log
            WHERE ($1::timestamptz IS NULL OR changed_at >= $1) AND ($2::timestamptz IS NULL OR changed_at < $2)
            ORDER BY changed_at DESC, table_id, seq DESC LIMIT $3
            """

        var sql: String {
            switch self.subject {
            case .table: Self.ofTable
            case .indicator: Self.ofIndicator
            case .actor: Self.byActor
            case .all: Self.everything
            }
        }
        var bindings: [(any PQEncodable)?] {
            switch self.subject {
            case .table(let id), .indicator(let id): [id, self.since, self.until, self.limit]
            case .actor(let login): [login, self.since, self.until, self.limit]
            case .all: [self.since, self.until, self.limit]
            }
        }
        func decodeRow(_ row: PQRow) throws -> AuditEntry { try JixiaoService.auditEntry(row) }
    }

    /// The people behind logins of the audit trail (login and name), for readable history.
    struct PeopleByLogin: PQStatement {
        var logins: [String]
        var sql: String { "SELECT id, login, display_name FROM app_user WHERE login = ANY($1::text[])" }
        var bindings: [(any PQEncodable)?] { [self.logins] }
        func decodeRow(_ row: PQRow) throws -> Person {
            Person(
                id: try row.decode(Int64.self, "id"),
                login: try row.decode(String.self, "login"),
                displayName: try row.decode(String.self, "display_name")
            )
        }
    }

    /// The table an indicator's audit rows belong to.
    struct AuditTableOfIndicator: PQStatement {
        var indicatorID: Int64
        var sql: String { "SELECT table_id FROM audit_log WHERE indicator_id = $1 LIMIT 1" }
        var bindings: [(any PQEncodable)?] { [self.indicatorID] }
        func decodeRow(_ row: PQRow) throws -> Int64 { try row.decode(Int64.self, "table_id") }
    }

    /// A point in a table's past: a moment, the end of a revision, or a position in its chain.
    enum PastPoint: Sendable {
        case time(Date)
        case revision(Int)
        case seq(Int64)

        var bind: any PQEncodable {
            switch self {
            case .time(let time): time
            case .revision(let revision): revision
            case .seq(let seq): seq
            }
        }
    }

    /// The table row as it was at a point in the past, rebuilt from the audit trail.
    struct TableAsOf: PQStatement {
        var id: Int64
        var point: PastPoint
        private static let atTime = "SELECT \(Rows.tableColumns) FROM header_as_of($1, $2)"
        private static let atRevision = "SELECT \(Rows.tableColumns) FROM header_as_of_revision($1, $2::int)"
        private static let atSeq = "SELECT \(Rows.tableColumns) FROM header_as_of_seq($1, $2::bigint)"
        var sql: String {
            switch self.point {
            case .time: Self.atTime
            case .revision: Self.atRevision
            case .seq: Self.atSeq
            }
        }
        var bindings: [(any PQEncodable)?] { [self.id, self.point.bind] }
        func decodeRow(_ row: PQRow) throws -> TargetTable { try Rows.table(row).table }
    }

    /// The table's indicators as they were at a point in the past, in order.
    struct IndicatorsAsOf: PQStatement {
        var id: Int64
        var point: PastPoint
        private static let atTime = "SELECT \(Rows.indicatorColumns) FROM indicators_as_of($1, $2) ORDER BY position"
        private static let atRevision = "SELECT \(Rows.indicatorColumns) FROM indicators_as_of_revision($1, $2::int) ORDER BY position"
        private static let atSeq = "SELECT \(Rows.indicatorColumns) FROM indicators_as_of_seq($1, $2::bigint) ORDER BY position"
        var sql: String {
            switch self.point {
            case .time: Self.atTime
            case .revision: Self.atRevision
            case .seq: Self.atSeq
            }
        }
        var bindings: [(any PQEncodable)?] { [self.id, self.point.bind] }
        func decodeRow(_ row: PQRow) throws -> Indicator { try Rows.indicator(row) }
    }

    /// A submit of the table, newest first after skipping `skip`: the chain position of its
    /// workflow row (the content as submitted), when, and in which revision; nil when there
    /// is none.
    struct LastSubmission: PQStatement {
        var tableID: Int64
        var skip: Int = 0
        var sql: String {
            """
            SELECT a.seq, e.at, e.revision
            FROM workflow_event e JOIN audit_log a ON a.table_id = e.table_id AND a.workflow_event_id = e.id
            WHERE e.table_id = $1 AND e.action = 'submit'
            ORDER BY e.id DESC LIMIT 1 OFFSET $2
            """
        }
        var bindings: [(any PQEncodable)?] { [self.tableID, self.skip] }
        func decodeRow(_ row: PQRow) throws -> (seq: Int64, at: Date, revision: Int) {
            (try row.decode(Int64.self, "seq"), try row.decode(Date.self, "at"), try row.decode(Int.self, "revision"))
        }
    }

    /// The table's latest approved revision (its snapshot), or nil when none was approved.
    struct LatestApprovedRevision: PQStatement {
        var tableID: Int64
        var sql: String { "SELECT max(revision) AS revision FROM table_revision WHERE table_id = $1" }
        var bindings: [(any PQEncodable)?] { [self.tableID] }
        func decodeRow(_ row: PQRow) throws -> Int? { try row.decode(Int?.self, "revision") }
    }

    /// An approved revision's header row exactly as approved, from its snapshot
    /// (`table_revision`); no row when the revision has none (not approved yet). The image
    /// starts from the column defaults, as a replay does, for columns added since.
    struct SnapshotTable: PQStatement {
        var id: Int64
        var revision: Int
        var sql: String {
            """
            SELECT \(Rows.tableColumns) FROM (
                SELECT t.* FROM table_revision r
                CROSS JOIN LATERAL jsonb_populate_record(NULL::target_table, audit_image_defaults('target_table') || r.header) AS t
                WHERE r.table_id = $1 AND r.revision = $2::int) AS approved
            """
        }
        var bindings: [(any PQEncodable)?] { [self.id, self.revision] }
        func decodeRow(_ row: PQRow) throws -> TargetTable { try Rows.table(row).table }
    }

    /// An approved revision's indicators exactly as approved, from its snapshot, in order.
    struct SnapshotIndicators: PQStatement {
        var id: Int64
        var revision: Int
        var sql: String {
            """
            SELECT \(Rows.indicatorColumns) FROM (
                SELECT i.* FROM table_revision r
                CROSS JOIN LATERAL jsonb_array_elements(r.indicators) AS e(image)
                CROSS JOIN LATERAL jsonb_populate_record(NULL::indicator, audit_image_defaults('indicator') || e.image) AS i
                WHERE r.table_id = $1 AND r.revision = $2::int) AS approved
            ORDER BY position, id
            """
        }
        var bindings: [(any PQEncodable)?] { [self.id, self.revision] }
        func decodeRow(_ row: PQRow) throws -> Indicator { try Rows.indicator(row) }
    }

    /// Indicator differences between two revisions of a table.
    struct RevisionDiff: PQStatement {
        var id: Int64
        var fromRevision: Int
        var toRevision: Int
        var sql: String {
            """
            SELECT indicator_id, change, old::text AS old, new::text AS new, coalesce(changed_fields, '{}') AS changed_fields
            FROM revision_diff($1, $2::int, $3::int) ORDER BY indicator_id
            """
        }
        var bindings: [(any PQEncodable)?] { [self.id, self.fromRevision, self.toRevision] }
        func decodeRow(_ row: PQRow) throws -> IndicatorDiff {
            IndicatorDiff(
                indicatorID: try row.decode(Int64.self, "indicator_id"),
                change: try row.decode(String.self, "change"),
                old: try row.decode(String?.self, "old"),
                new: try row.decode(String?.self, "new"),
                changedFields: try row.decode([String].self, "changed_fields")
            )
        }
    }

    /// The first broken row of each broken hash chain (of one table, or all).
    struct AuditVerify: PQStatement {
        var tableID: Int64?
        var sql: String { "SELECT table_id, seq, reason FROM audit_verify($1) ORDER BY table_id" }
        var bindings: [(any PQEncodable)?] { [self.tableID] }
        func decodeRow(_ row: PQRow) throws -> ChainProblem {
            ChainProblem(
                tableID: try row.decode(Int64.self, "table_id"),
                seq: try row.decode(Int64?.self, "seq"),
                reason: try row.decode(String.self, "reason")
            )
        }
    }
}
