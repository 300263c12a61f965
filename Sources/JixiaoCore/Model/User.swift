import Foundation

/// A person who signs in: one unit, one or more roles (DESIGN §1.4).
public struct User: Sendable, Hashable, Codable, Identifiable {
    /// Stable identity; recorded as the actor in the audit trail.
    public var id: Int64
    /// The sign-in name, also used by the CLI's `--as LOGIN`.
    public var login: String
    /// The name shown to people, e.g. 康亚运.
    public var displayName: String
    /// The one unit the user belongs to.
    public var unitID: Int64
    /// One or more roles; rights add up.
    public var roles: Set<Role>
    /// A disabled user keeps its history but may do nothing.
    public var disabled: Bool

    /// A user; enabled unless said otherwise.
    public init(id: Int64, login: String, displayName: String, unitID: Int64, roles: Set<Role>, disabled: Bool = false) {
        self.id = id
        self.login = login
        self.displayName = displayName
        self.unitID = unitID
        self.roles = roles
        self.disabled = disabled
    }

    enum CodingKeys: String, CodingKey {
        case id, login, roles, disabled
        case displayName = "display_name"
        case unitID = "unit_id"
    }

    /// Decodes the JSON API shape; `disabled` defaults to false.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try container.decode(Int64.self, forKey: .id)
        self.login = try container.decode(String.self, forKey: .login)
        self.displayName = try container.decode(String.self, forKey: .displayName)
        self.unitID = try container.decode(Int64.self, forKey: .unitID)
        self.roles = Set(try container.decode([Role].self, forKey: .roles))
        self.disabled = try container.decodeIfPresent(Bool.self, forKey: .disabled) ?? false
    }

    /// Roles are written as a sorted array so the JSON is the same every time.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.id, forKey: .id)
        try container.encode(self.login, forKey: .login)
        try container.encode(self.displayName, forKey: .displayName)
        try container.encode(self.unitID, forKey: .unitID)
        try container.encode(self.roles.sorted(), forKey: .roles)
        try container.encode(self.disabled, forKey: .disabled)
    }
}
