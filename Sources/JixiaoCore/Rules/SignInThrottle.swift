/// How repeated failed sign-ins slow down: a few failures are free, then each further one
/// doubles the wait, up to a ceiling; a quiet spell forgets the count. One policy per account
/// (login) and one per client address; during a wait even the right password is refused, so
/// that guessing costs time whatever the guesses are.
///
/// ```swift
/// let wait = SignInThrottle.accounts.wait(afterFailures: 6)   // .seconds(60)
/// ```
public struct SignInThrottle: Sendable, Hashable {
    /// Failures in a row that cost no wait.
    public var freeFailures: Int
    /// The wait after the first failure past the free ones.
    public var firstWait: Duration
    /// The longest wait, however many failures.
    public var longestWait: Duration
    /// A failure this long after the previous one starts the count again.
    public var forgetAfter: Duration

    public init(freeFailures: Int, firstWait: Duration, longestWait: Duration, forgetAfter: Duration) {
        self.freeFailures = freeFailures
        self.firstWait = firstWait
        self.longestWait = longestWait
        self.forgetAfter = forgetAfter
    }

    /// Per login: 5 free guesses, then 30 s, 1 min, 2 min … up to 15 min; forgotten after a
    /// quiet hour. An owner who mistypes is not locked out for long; a guesser gets about 100
    /// guesses a day.
    public static let accounts = SignInThrottle(freeFailures: 5, firstWait: .seconds(30), longestWait: .seconds(900), forgetAfter: .seconds(3600))

    /// Per client address: more free failures (an office shares one address behind NAT), the
    /// same growth; it stops one address from trying one password against many logins.
    public static let addresses = SignInThrottle(freeFailures: 20, firstWait: .seconds(30), longestWait: .seconds(900), forgetAfter: .seconds(3600))

    /// The wait after `failures` failures in a row (counting the one just made): zero while
    /// they are free, then `firstWait` doubling per failure up to `longestWait`.
    public func wait(afterFailures failures: Int) -> Duration {
        guard failures >= self.freeFailures, self.freeFailures >= 0 else { return .zero }
        let doublings = failures - self.freeFailures
        // 2^20 × any first wait is past any sensible ceiling: stop doubling before overflow.
        guard doublings < 20 else { return self.longestWait }
        return min(self.firstWait * (1 << doublings), self.longestWait)
    }

    /// The number of whole seconds a client is told to wait (`Retry-After`): `remaining`
    /// rounded up, at least 1.
    public static func retryAfterSeconds(_ remaining: Duration) -> Int64 {
        let (seconds, attoseconds) = remaining.components
        return max(1, seconds + (attoseconds > 0 ? 1 : 0))
    }
}
