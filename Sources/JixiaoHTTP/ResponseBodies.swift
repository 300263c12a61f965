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
    var entries: [HistoryEntry]
}

/// `GET /v1/tables/{id}/changes`: the history as people read it.
struct ChangeList: Encodable {
    var changes: [HistoryStep]
}

/// `GET /v1/audit/verify` and `jixiao audit verify --json`.
public struct AuditVerification: Encodable, Sendable {
    /// True when every hash chain checks out.
    public var intact: Bool
    public var problems: [ChainProblem]

    /// The answer for `problems` (intact when there are none).
    public init(problems: [ChainProblem]) {
        self.intact = problems.isEmpty
        self.problems = problems
    }
}

/// `GET /healthz`.
struct HealthStatus: Encodable {
    var status: String
    var database: String
}
