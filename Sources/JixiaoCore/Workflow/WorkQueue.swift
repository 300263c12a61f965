/// "Waiting for me" (待我处理): whose move a table is, by its scope and the actor's roles.
///
/// - drafter: the unit's own tables in `draft` or `returned` (to write, fix and submit);
/// - supervisor: the `submitted` tables its unit supervises (its own unit's tables wait for
///   their own supervisor only when the unit supervises them, as a department's own do);
/// - finance: every `supervisor_approved` table.
///
/// Roles add up. A disabled account waits for nothing.
public enum WorkQueue {
    /// Whether the table waits for a step of `actor`.
    public static func waits(_ scope: TableScope, for actor: WorkflowActor) -> Bool {
        guard !actor.isDisabled else { return false }
        switch scope.status {
        case .draft, .returned: return actor.holds(.drafter, in: scope.unitID)
        case .submitted: return actor.holds(.supervisor, in: scope.supervisingUnitID)
        case .supervisorApproved: return actor.roles.contains(.finance)
        case .approved: return false
        }
    }
}
