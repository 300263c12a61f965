import JixiaoCore

/// How sign-in works: the password hash's cost, how long sessions live, how failed sign-ins
/// slow down.
///
/// ```swift
/// let service = JixiaoService(database: database, signIn: SignInConfiguration(sessionIdleTimeout: .seconds(1800)))
/// ```
public struct SignInConfiguration: Sendable {
    /// The bcrypt cost every new password hash gets (log2 rounds). At least 12 (about 0.25 s of
    /// one core per hash); tests lower it only through ``testing(passwordCost:accountThrottle:addressThrottle:)``.
    public private(set) var passwordCost: Int
    /// A session not used for this long ends.
    public var sessionIdleTimeout: Duration
    /// A session ends this long after sign-in, however busy.
    public var sessionLifetime: Duration
    /// Failed sign-ins per login.
    public var accountThrottle: SignInThrottle
    /// Failed sign-ins per client address.
    public var addressThrottle: SignInThrottle
    /// Password hashes computed at once (each on a thread of its own); more wait.
    public var hashingThreads: Int

    /// The lowest bcrypt cost a deployment may use.
    public static let minimumPasswordCost = 12

    /// A configuration; `passwordCost` below 12 is raised to 12.
    public init(
        passwordCost: Int = SignInConfiguration.minimumPasswordCost,
        sessionIdleTimeout: Duration = .seconds(30 * 60),
        sessionLifetime: Duration = .seconds(12 * 3600),
        accountThrottle: SignInThrottle = .accounts,
        addressThrottle: SignInThrottle = .addresses,
        hashingThreads: Int = 2
    ) {
        self.passwordCost = min(max(passwordCost, Self.minimumPasswordCost), 31)
        self.sessionIdleTimeout = sessionIdleTimeout
        self.sessionLifetime = sessionLifetime
        self.accountThrottle = accountThrottle
        self.addressThrottle = addressThrottle
        self.hashingThreads = hashingThreads
    }

    /// The defaults: cost 12, 30 minutes idle, 12 hours at most, `SignInThrottle.accounts` and
    /// `.addresses`.
    public static let standard = SignInConfiguration()

    /// For tests only: a cheap hash (a suite hashes hundreds of passwords on two cores) and
    /// short waits. Never used by `jixiao`; reachable only with `@_spi(Testing) import`.
    @_spi(Testing)
    public static func testing(
        passwordCost: Int = 4,
        accountThrottle: SignInThrottle = SignInThrottle(
            freeFailures: 3,
            firstWait: .seconds(2),
            longestWait: .seconds(8),
            forgetAfter: .seconds(3600)
        ),
        addressThrottle: SignInThrottle = SignInThrottle(
            freeFailures: 10,
            firstWait: .seconds(2),
            longestWait: .seconds(8),
            forgetAfter: .seconds(3600)
        )
    ) -> SignInConfiguration {
        var configuration = SignInConfiguration(accountThrottle: accountThrottle, addressThrottle: addressThrottle)
        configuration.passwordCost = passwordCost
        return configuration
    }
}
