/// When a second factor (TOTP, RFC 6238) is needed, and which codes count.
///
/// ```swift
/// SecondFactorRules.isRequired(roles: [.finance], policyRequires: true)   // true
/// ```
public enum SecondFactorRules {
    /// The roles an admin can require a second factor for: those that approve or grant power.
    public static let protectedRoles: Set<Role> = [.finance, .admin]

    /// The length of a time step in seconds (what every authenticator app uses).
    public static let stepSeconds: Int64 = 30

    /// Whether a user with `roles` must use a second factor when the admin's setting is `policyRequires`.
    public static func isRequired(roles: Set<Role>, policyRequires: Bool) -> Bool {
        policyRequires && !roles.isDisjoint(with: self.protectedRoles)
    }

    /// The time steps whose codes are accepted at `unixSeconds`: the current one and one on each
    /// side, for clocks that drift by up to 30 s; each at most once (`lastUsedStep`), newest first.
    public static func acceptedSteps(at unixSeconds: Int64, lastUsedStep: Int64) -> [Int64] {
        let now = unixSeconds / self.stepSeconds
        return [now + 1, now, now - 1].filter { $0 > lastUsedStep }
    }

    /// A typed code as six digits (spaces removed), or nil when it is not one.
    public static func normalizedCode(_ text: String) -> String? {
        let digits = text.filter { $0 != " " }
        guard digits.count == 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return digits
    }
}
