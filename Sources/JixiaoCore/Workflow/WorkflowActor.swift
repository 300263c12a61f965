import Foundation

/// The user acting: who, in which unit, with which roles. Used by the workflow and by `Permissions`.
public struct WorkflowActor: Sendable, Hashable {
    /// The acting user.
    public var userID: Int64
    /// The acting user's unit.
    public var unitID: Int64
    /// The acting user's roles.
    public var roles: Set<Role>
    /// A disabled account is refused everything.
    public var isDisabled: Bool

    /// An actor from its parts.
    public init(userID: Int64, unitID: Int64, roles: Set<Role>, isDisabled: Bool = false) {
        self.userID = userID
        self.unitID = unitID
        self.roles = roles
        self.isDisabled = isDisabled
    }

    /// The actor for a signed-in user.
    public init(user: User) {
        self.init(userID: user.id, unitID: user.unitID, roles: user.roles, isDisabled: user.disabled)
    }

    /// True when the actor holds `role` in `unitID`.
    func holds(_ role: Role, in unitID: Int64) -> Bool {
        self.roles.contains(role) && self.unitID == unitID
    }

    /// Why the actor lacks `role` (or lacks it in the needed unit), for refusal messages.
    func lacking(_ role: Role) -> String {
        if !self.roles.contains(role) {
            let held = self.roles.isEmpty ? "none" : Role.formatList(self.roles)
            return "the actor is not a \(role.rawValue) (roles: \(held))"
        }
        return "the actor is a \(role.rawValue) of another unit"
    }
}
