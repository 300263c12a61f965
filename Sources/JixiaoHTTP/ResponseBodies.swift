import JixiaoCore
import JixiaoService

/// `GET /v1/tables`.
struct TableList: Encodable {
    var tables: [TableSummary]
}

/// `GET /v1/tables/{id}/findings`.
struct FindingList: Encodable {
    var findings: [Finding]
}

/// `POST /v1/tables/{id}/indicators/{iid}/move`: the table's indicators in their new order.
struct IndicatorList: Encodable {
    var indicators: [Indicator]
}

/// The history routes: audit entries, newest first.
struct HistoryList: Encodable {
    var entries: [AuditEntry]
}

/// `GET /v1/audit/verify`.
struct AuditVerification: Encodable {
    /// True when every hash chain checks out.
    var intact: Bool
    var problems: [ChainProblem]
}

/// `GET /healthz`.
struct HealthStatus: Encodable {
    var status: String
    var database: String
}
