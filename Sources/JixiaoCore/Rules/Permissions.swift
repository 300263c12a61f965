/// Who may read or change what, as pure functions (DESIGN §1.4). Roles add up: a user with
/// several roles gets the union of their rights. A disabled account gets nothing.
///
/// Decisions:
/// - Reading a table: a drafter reads its own unit's tables in every status; a supervisor reads
///   the tables its unit supervises and its own unit's, drafts included (主管部门 guide drafting);
///   finance, auditor and admin read all tables (finance owns the budget; keeping it simple
///   beats a "submitted at least once" rule that would hide reopened drafts from it).
/// - Changing content: only drafters of the table's unit, only in `draft` or `returned`.
/// - Reading the audit trail: auditor, finance, admin.
/// - Administering units, users and tokens: admin only.
public enum Permissions {
    /// Whether `actor` may read the table (header, goals, indicators, findings, workflow events).
    public static func canRead(table: TargetTable, actor: WorkflowActor) -> PermissionDecision {
        self.canRead(scope: table.scope, actor: actor)
    }

    /// `canRead(table:actor:)` for a table known only by its scope.
    public static func canRead(scope: TableScope, actor: WorkflowActor) -> PermissionDecision {
        if let refusal = self.disabledRefusal(actor) { return refusal }
        if actor.roles.contains(.finance) || actor.roles.contains(.auditor) || actor.roles.contains(.admin) {
            return .allowed
        }
        if actor.roles.contains(.drafter), actor.unitID == scope.unitID {
            return .allowed
        }
        if actor.roles.contains(.supervisor), actor.unitID == scope.supervisingUnitID || actor.unitID == scope.unitID {
            return .allowed
        }
        return .refused(
            PermissionRefusal(
                .notPermitted,
                "the table belongs to another unit and is not supervised by the actor's unit (roles: \(self.roleList(actor)))"
            )
        )
    }

    /// Whether `actor` may change the header, goals or indicators of the table now.
    public static func canEditContent(table: TargetTable, actor: WorkflowActor) -> PermissionDecision {
        self.canEditContent(scope: table.scope, actor: actor)
    }

    /// `canEditContent(table:actor:)` for a table known only by its scope.
    public static func canEditContent(scope: TableScope, actor: WorkflowActor) -> PermissionDecision {
        if let refusal = self.disabledRefusal(actor) { return refusal }
        guard actor.holds(.drafter, in: scope.unitID) else {
            return .refused(
                PermissionRefusal(
                    .notPermitted,
                    "content is changed only by drafters of the table's unit; \(actor.lacking(.drafter))"
                )
            )
        }
        guard scope.status.allowsContentChanges else {
            return .refused(
                PermissionRefusal(
                    .wrongState,
                    "the table is \(scope.status.rawValue) (\(scope.status.label)); content changes only in draft or returned"
                )
            )
        }
        return .allowed
    }

    /// Whether `actor` may read the audit trail (indicator changes, workflow events, chain verification).
    public static func canReadAudit(actor: WorkflowActor) -> PermissionDecision {
        if let refusal = self.disabledRefusal(actor) { return refusal }
        if actor.roles.contains(.auditor) || actor.roles.contains(.finance) || actor.roles.contains(.admin) {
            return .allowed
        }
        return .refused(
            PermissionRefusal(
                .notPermitted,
                "the audit trail is read by auditor, finance or admin (roles: \(self.roleList(actor)))"
            )
        )
    }

    /// Whether `actor` may manage units, users and tokens.
    public static func canAdminister(actor: WorkflowActor) -> PermissionDecision {
        if let refusal = self.disabledRefusal(actor) { return refusal }
        if actor.roles.contains(.admin) { return .allowed }
        return .refused(
            PermissionRefusal(
                .notPermitted,
                "units, users and tokens are managed by admin (roles: \(self.roleList(actor)))"
            )
        )
    }

    static func disabledRefusal(_ actor: WorkflowActor) -> PermissionDecision? {
        actor.isDisabled ? .refused(PermissionRefusal(.notPermitted, "the actor's account is disabled")) : nil
    }

    private static func roleList(_ actor: WorkflowActor) -> String {
        actor.roles.isEmpty ? "none" : Role.formatList(actor.roles)
    }
}
