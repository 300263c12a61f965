import JixiaoCore

/// The authenticated user on whose behalf an operation runs: recorded as the actor in the
/// audit trail, and checked against the permission rules of `JixiaoCore`.
public struct Caller: Sendable, Hashable {
    public var user: User

    public init(user: User) { self.user = user }

    public var login: String { self.user.login }
    public var actor: WorkflowActor { WorkflowActor(user: self.user) }
    public func has(_ role: Role) -> Bool { self.user.roles.contains(role) }
}
