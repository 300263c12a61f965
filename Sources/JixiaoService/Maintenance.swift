import Foundation
import PQ

/// Upkeep run by the database owner in a quiet hour (`jixiao db maintain`): not part of any
/// request, and never needed for correctness.
public enum Maintenance {
    /// What one run did.
    public struct Report: Sendable, Codable, Equatable {
        /// Audit rows rewritten in indicator order.
        public var auditRows: Int64
        /// Size of the audit table with its indexes afterwards, in bytes.
        public var auditBytes: Int64
        /// Wall time of the run, in milliseconds.
        public var milliseconds: Int

        enum CodingKeys: String, CodingKey {
            case auditRows = "audit_rows"
            case auditBytes = "audit_bytes"
            case milliseconds
        }
    }

    /// Rewrites the audit trail so that each indicator's rows sit together (CLUSTER on the index
    /// that migration 0007 marks), then refreshes the planner's statistics. Appended in time
    /// order, an indicator's history lies one row per page; clustered, a cold history read
    /// touches a few pages instead of one per change (Benchmarks/audit-scale.sh). CLUSTER
    /// locks the table for its duration: writers wait (67 s for 5 million rows on the 2-core dev
    /// machine, measured by Benchmarks/audit-scale.sh).
    /// Contents, sequence numbers and the hash chains are unchanged.
    package static func clusterAudit(_ conn: Connection) throws -> Report {
        let start = ContinuousClock.now
        try conn.executeScript(Statements.clusterAuditScript)
        let size = try conn.first(Statements.AuditLogSize())!
        let elapsed = ContinuousClock.now - start
        return Report(
            auditRows: size.rows,
            auditBytes: size.bytes,
            milliseconds: Int(elapsed / .milliseconds(1))
        )
    }
}
