/// How long an API token may live: positive, at most 100 years, or without expiry (a choice
/// the issuer makes explicitly). The CLI's `--days` and the service check the same bounds.
public enum TokenLifetime {
    /// The longest lifetime in days (100 years): longer is a typo, not a wish.
    public static let maximumDays = 36_500

    /// Why a lifetime of `microseconds` is refused, or nil when it is allowed.
    public static func refusal(microseconds: Int64) -> String? {
        if microseconds <= 0 { return "a token's lifetime must be positive (or none, for a token that does not expire)" }
        if microseconds > Int64(self.maximumDays) * 86_400 * 1_000_000 {
            return "a token's lifetime is at most \(self.maximumDays) days (or none, for a token that does not expire)"
        }
        return nil
    }
}
