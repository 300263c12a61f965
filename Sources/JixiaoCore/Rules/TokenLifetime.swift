/// How long an API token may live: every token expires, at most a year after it is issued
/// (a token that outlives its purpose is a standing key to the records). The CLI's `--days`,
/// the service and the database's CHECK `api_token_lifetime` use the same bound.
public enum TokenLifetime {
    /// The longest lifetime in days.
    public static let maximumDays = 365

    /// Why a lifetime of `microseconds` is refused, or nil when it is allowed.
    public static func refusal(microseconds: Int64) -> String? {
        if microseconds <= 0 { return "a token's lifetime must be positive" }
        if microseconds > Int64(self.maximumDays) * 86_400 * 1_000_000 {
            return "a token's lifetime is at most \(self.maximumDays) days"
        }
        return nil
    }
}
