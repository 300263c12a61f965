/// What a user may do (DESIGN §1.4). A user holds one or more roles. Raw values are stored in SQL and JSON.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// 单位填报 — edits and submits the tables of its own unit.
    case drafter
    /// 主管部门审核 — reviews tables whose supervising unit is its own unit.
    case supervisor
    /// 财政审核 — final review of all tables.
    case finance
    /// 审计 — reads everything including the audit trail, changes nothing.
    case auditor
    /// 系统管理 — manages units, users and tokens; does not approve.
    case admin

    /// The Chinese label for people.
    public var label: String {
        switch self {
        case .drafter: return "单位填报"
        case .supervisor: return "主管部门审核"
        case .finance: return "财政审核"
        case .auditor: return "审计"
        case .admin: return "系统管理"
        }
    }

    /// Declaration order, so role lists print the same way every time.
    public static func < (lhs: Role, rhs: Role) -> Bool {
        Role.allCases.firstIndex(of: lhs)! < Role.allCases.firstIndex(of: rhs)!
    }

    /// Parses `"drafter, supervisor"` (also `，` or `;`); empty entries are skipped.
    /// Throws `RoleParseError` naming the first unknown role, or when none is given.
    public static func parseList(_ text: String) throws(RoleParseError) -> Set<Role> {
        var roles = Set<Role>()
        let separators: Set<Character> = [",", "，", ";", "；"]
        for part in text.split(whereSeparator: { separators.contains($0) }) {
            let name = TextNormalization.trimmed(String(part)).lowercased()
            if name.isEmpty { continue }
            guard let role = Role(rawValue: name) else { throw .unknownRole(name) }
            roles.insert(role)
        }
        if roles.isEmpty { throw .empty }
        return roles
    }

    /// The roles as a comma-separated list in declaration order: `"drafter,supervisor"`.
    public static func formatList(_ roles: Set<Role>) -> String {
        roles.sorted().map(\.rawValue).joined(separator: ",")
    }
}

/// Why a role list could not be read.
public enum RoleParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No role named at all.
    case empty
    /// A name that is not one of drafter, supervisor, finance, auditor, admin.
    case unknownRole(String)

    /// An English sentence listing the known roles.
    public var description: String {
        let known = Role.allCases.map(\.rawValue).joined(separator: ", ")
        switch self {
        case .empty: return "no role given; expected one or more of \(known)"
        case .unknownRole(let name): return "unknown role '\(name)'; expected one of \(known)"
        }
    }
}
