/// The password of the application role `jixiao_app`, the login of every server instance: a
/// machine secret kept in the deployment's environment, so long and random rather than
/// memorable.
public enum ApplicationPassword {
    /// Fewest characters.
    public static let minimumLength = 16

    /// Why `password` is not acceptable, or nil.
    public static func problem(_ password: String) -> String? {
        if password.count < Self.minimumLength {
            return "the application role's password needs at least \(Self.minimumLength) characters (a random one, e.g. `openssl rand -hex 24`)"
        }
        if password.contains(where: { $0.isWhitespace || $0.isNewline }) {
            return "the application role's password must not contain white space"
        }
        return nil
    }
}
