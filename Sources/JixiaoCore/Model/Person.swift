/// A person as others see them in a table's story: who submitted, returned or approved it.
/// Carries the login (what `--as` and the audit trail use) and the name people know.
public struct Person: Sendable, Hashable, Codable {
    /// The user's id.
    public var id: Int64
    /// The sign-in name, e.g. `li`.
    public var login: String
    /// The name shown to people, e.g. 李主管.
    public var displayName: String

    /// A person from its parts.
    public init(id: Int64, login: String, displayName: String) {
        self.id = id
        self.login = login
        self.displayName = displayName
    }

    /// `li（李主管）`: the login first, so that it can be typed back into `--as`; the login
    /// alone when the name adds nothing.
    public var label: String { Self.label(login: self.login, displayName: self.displayName) }

    /// `label` of a login and an optional name.
    public static func label(login: String, displayName: String?) -> String {
        guard let displayName, !displayName.isEmpty, displayName != login else { return login }
        return "\(login)（\(displayName)）"
    }

    enum CodingKeys: String, CodingKey {
        case id, login
        case displayName = "display_name"
    }
}
