/// The permission rules of operations that are not about one table's content: creating
/// tables, importing, batch approval, and the administration of users and tokens. Like the
/// rest of `Permissions`, pure functions the service applies; no front end decides these.
extension Permissions {
    /// Whether `actor` may create a table of the unit `unitID` (named `unitName` in the
    /// refusal): a drafter of that unit, or an admin (who imports documents for every unit).
    public static func canCreateTable(inUnit unitID: Int64, unitName: String, actor: WorkflowActor) -> PermissionDecision {
        if let refusal = self.disabledRefusal(actor) { return refusal }
        if actor.roles.contains(.admin) || actor.holds(.drafter, in: unitID) { return .allowed }
        return self.refused("only a drafter of \(unitName) (or an admin) creates its tables")
    }

    /// Whether `actor` may import documents (each table is then checked by `canCreateTable`):
    /// drafters and admins. Creating the units a document names is administration
    /// (`canAdminister`).
    public static func canImport(actor: WorkflowActor) -> PermissionDecision {
        if let refusal = self.disabledRefusal(actor) { return refusal }
        if actor.roles.contains(.drafter) || actor.roles.contains(.admin) { return .allowed }
        return self.refused("only drafters and admins import documents")
    }

    /// Whether `actor` may approve all pending tables at once: a supervisor or finance (each
    /// table is still decided by `WorkflowStateMachine`, four eyes included).
    public static func canBatchApprove(actor: WorkflowActor) -> PermissionDecision {
        if let refusal = self.disabledRefusal(actor) { return refusal }
        if actor.roles.contains(.supervisor) || actor.roles.contains(.finance) { return .allowed }
        return self.refused("approving needs the supervisor or finance role")
    }

    /// Whether `actor` may list all users: admin and auditor (an auditor reads who acted).
    public static func canListUsers(actor: WorkflowActor) -> PermissionDecision {
        if let refusal = self.disabledRefusal(actor) { return refusal }
        if actor.roles.contains(.admin) || actor.roles.contains(.auditor) { return .allowed }
        return self.refused("listing users needs the admin or auditor role")
    }

    /// Whether `actor` may issue a token for a user (`forSelf`: for the actor's own account).
    public static func canIssueToken(forSelf: Bool, actor: WorkflowActor) -> PermissionDecision {
        if let refusal = self.disabledRefusal(actor) { return refusal }
        if forSelf || actor.roles.contains(.admin) { return .allowed }
        return self.refused("only an admin issues tokens for other users")
    }

    /// Whether `actor` may list the tokens of a user (`forSelf`) or of everyone.
    public static func canListTokens(forSelf: Bool, actor: WorkflowActor) -> PermissionDecision {
        if let refusal = self.disabledRefusal(actor) { return refusal }
        if forSelf || actor.roles.contains(.admin) { return .allowed }
        return self.refused("only an admin lists other users' tokens")
    }

    /// Whether `actor` may revoke a token (`ownToken`: one of the actor's own). The service
    /// answers a refusal as "not found": a token's existence is not revealed to others.
    public static func canRevokeToken(ownToken: Bool, actor: WorkflowActor) -> PermissionDecision {
        if let refusal = self.disabledRefusal(actor) { return refusal }
        if ownToken || actor.roles.contains(.admin) { return .allowed }
        return self.refused("only an admin revokes other users' tokens")
    }

    /// Whether `actor` may disable an account (`isSelf`: the actor's own): an admin, never
    /// their own account (that could lock the last admin out).
    public static func canDisableUser(isSelf: Bool, actor: WorkflowActor) -> PermissionDecision {
        if let refusal = self.canAdminister(actor: actor).refusal { return .refused(refusal) }
        if isSelf { return .refused(PermissionRefusal(.selfDisable, "you cannot disable yourself")) }
        return .allowed
    }

    private static func refused(_ message: String) -> PermissionDecision {
        .refused(PermissionRefusal(.notPermitted, message))
    }
}
