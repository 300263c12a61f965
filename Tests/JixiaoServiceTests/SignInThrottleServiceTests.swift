import Foundation
import JixiaoCore
@_spi(Testing) import JixiaoService
import PQ
import Testing

/// Failed sign-ins slow down per login and per address, stored in PostgreSQL (issue 13, item 4).
/// One test at a time: each makes a database of its own, and many at once slow the
/// timing-sensitive suites that run beside them (the pool test's acquire timeout).
@Suite("Service: throttled sign-in", .serialized)
struct SignInThrottleServiceTests {
    static let client = SignInClient(address: "203.0.113.5", userAgent: "guesser")
    static let password = "Tq7#vL2m!pXz"

    /// 3 free failures, then 2 s, 4 s, 8 s (`SignInConfiguration.testing()`).
    @Test("wrong password ×3 → the right one is refused until the wait ends, then accepted")
    func accountWait() async throws {
        try await withFixture(dropNow: false) { f in
            try await f.service.resetPassword(f.admin, login: "finance", new: Self.password)
            for attempt in 1...3 {
                await expectServiceError(.unauthenticated, "invalid-credentials", "attempt \(attempt)") {
                    try await f.service.signIn(login: "finance", password: "wrong guess \(attempt)", client: Self.client)
                }
            }
            let refused = await expectServiceError(.throttled, "too-many-attempts") {
                try await f.service.signIn(login: "finance", password: Self.password, client: Self.client)
            }
            let wait = try #require(refused?.retryAfterSeconds)
            #expect((1...2).contains(wait))
            // Another address is held off too: the wait belongs to the login.
            await expectServiceError(.throttled, "too-many-attempts") {
                try await f.service.signIn(login: "finance", password: Self.password, client: SignInClient(address: "192.0.2.99", userAgent: ""))
            }
            // Refused attempts during the wait do not count (else the owner could never get in).
            try await Task.sleep(for: .milliseconds(2100))
            let session = try await f.service.signIn(login: "finance", password: Self.password, client: Self.client)
            #expect(session.user.login == "finance")
            // Success forgets the login's failures: three more free ones.
            for attempt in 1...2 {
                await expectServiceError(.unauthenticated, "invalid-credentials") {
                    try await f.service.signIn(login: "finance", password: "wrong again \(attempt)", client: Self.client)
                }
            }
            _ = try await f.service.signIn(login: "finance", password: Self.password, client: Self.client)
        }
    }

    @Test("the wait grows: after the next failure it doubles")
    func growingWait() async throws {
        try await withFixture(dropNow: false) { f in
            for attempt in 1...3 {
                await expectServiceError(.unauthenticated) {
                    try await f.service.signIn(login: "auditor", password: "guess \(attempt)", client: Self.client)
                }
            }
            try await Task.sleep(for: .milliseconds(2100))
            await expectServiceError(.unauthenticated) { try await f.service.signIn(login: "auditor", password: "guess 4", client: Self.client) }
            let refused = await expectServiceError(.throttled) {
                try await f.service.signIn(login: "auditor", password: "guess 5", client: Self.client)
            }
            #expect((3...4).contains(refused?.retryAfterSeconds ?? 0), "4 s after the fourth failure")
        }
    }

    @Test("an unknown login is throttled exactly like a known one")
    func unknownLogin() async throws {
        try await withFixture(dropNow: false) { f in
            for attempt in 1...3 {
                await expectServiceError(.unauthenticated, "invalid-credentials") {
                    try await f.service.signIn(login: "no-such-user", password: "guess \(attempt)", client: Self.client)
                }
            }
            await expectServiceError(.throttled, "too-many-attempts") {
                try await f.service.signIn(login: "no-such-user", password: "guess 4", client: Self.client)
            }
        }
    }

    @Test("one address trying many logins is held off by the address count, shared by every login")
    func addressWait() async throws {
        var configuration = SignInConfiguration.testing()
        configuration.addressThrottle = SignInThrottle(
            freeFailures: 4,
            firstWait: .seconds(5),
            longestWait: .seconds(10),
            forgetAfter: .seconds(3600)
        )
        try await withFixture(signIn: configuration, dropNow: false) { f in
            try await f.service.resetPassword(f.admin, login: "finance", new: Self.password)
            for login in ["admin", "auditor", "finance", "centre-drafter"] {
                await expectServiceError(.unauthenticated) { try await f.service.signIn(login: login, password: "123456", client: Self.client) }
            }
            await expectServiceError(.throttled, "too-many-attempts") {
                try await f.service.signIn(login: "finance", password: Self.password, client: Self.client)
            }
            // Another address is not affected.
            _ = try await f.service.signIn(login: "finance", password: Self.password, client: SignInClient(address: "192.0.2.1", userAgent: ""))
            // The count lives in PostgreSQL, where every instance reads it: a second service over
            // the same database refuses as well.
            let second = JixiaoService(database: Database(.init(url: f.url, poolSize: 1)), signIn: configuration)
            await expectServiceError(.throttled) { try await second.signIn(login: "finance", password: Self.password, client: Self.client) }
            await second.database.close()
        }
    }

    @Test("a wrong current password in a password change counts as a failed sign-in")
    func changeCounts() async throws {
        try await withFixture(dropNow: false) { f in
            try await f.service.resetPassword(f.admin, login: "finance", new: Self.password)
            for attempt in 1...3 {
                await expectServiceError(.forbidden, "wrong-password") {
                    try await f.service.changePassword(f.finance, current: "guess \(attempt)", new: "correct horse battery")
                }
            }
            await expectServiceError(.throttled) {
                try await f.service.changePassword(f.finance, current: Self.password, new: "correct horse battery")
            }
        }
    }

    /// With a real cost (10, about 0.06 s here) the hash dominates; a login that skipped it
    /// would answer in a few milliseconds and fail the margin.
    @Test("an unknown login answers in the same time as a wrong password (within 25 %)")
    func sameTime() async throws {
        let generous = SignInThrottle(freeFailures: 1000, firstWait: .seconds(1), longestWait: .seconds(1), forgetAfter: .seconds(60))
        var configuration = SignInConfiguration.testing(passwordCost: 10, accountThrottle: generous, addressThrottle: generous)
        configuration.hashingThreads = 1
        try await withFixture(signIn: configuration, dropNow: false) { f in
            try await f.service.resetPassword(f.admin, login: "finance", new: Self.password)
            // Warm up: the dummy hash is made once, prepared statements, connections.
            for login in ["finance", "nobody"] {
                _ = try? await f.service.signIn(login: login, password: "warm up guess", client: Self.client)
            }
            var known: [Duration] = []
            var unknown: [Duration] = []
            let clock = ContinuousClock()
            for round in 0..<6 {
                for (login, times) in [("finance", 0), ("nobody-\(round)", 1)] {
                    let elapsed = await clock.measure {
                        _ = try? await f.service.signIn(login: login, password: "wrong guess \(round)", client: Self.client)
                    }
                    if times == 0 { known.append(elapsed) } else { unknown.append(elapsed) }
                }
            }
            let knownMedian = known.sorted()[known.count / 2]
            let unknownMedian = unknown.sorted()[unknown.count / 2]
            #expect(knownMedian > .milliseconds(20), "the hash must dominate for the comparison to mean anything: \(knownMedian)")
            let ratio = unknownMedian / knownMedian
            #expect(ratio > 0.75 && ratio < 1.33, "known \(knownMedian), unknown \(unknownMedian)")
        }
    }
}
