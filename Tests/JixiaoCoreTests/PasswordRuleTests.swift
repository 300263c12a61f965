import JixiaoCore
import Testing

@Suite("PasswordRules: length, the login, trivial passwords")
struct PasswordRuleTests {
    @Test("a long, unpredictable password passes, also in Chinese", arguments: ["correct horse battery", "绩效目标表审核已经通过了吗", "Tq7#vL2m!pXz"])
    func accepted(password: String) {
        #expect(PasswordRules.refusal(password, login: "kang") == nil)
    }

    @Test("too short: 11 characters are refused, 12 pass")
    func length() {
        #expect(PasswordRules.refusal("Tq7#vL2m!pX", login: "kang")?.code == .tooShort)
        #expect(PasswordRules.refusal("Tq7#vL2m!pXz", login: "kang") == nil)
        // Characters, not bytes: 11 Chinese characters (33 bytes) are still too short.
        #expect(PasswordRules.refusal("预算绩效目标表审核通过", login: "kang")?.code == .tooShort)
    }

    @Test("more than 72 bytes is refused: bcrypt would ignore the rest")
    func tooLong() {
        #expect(PasswordRules.refusal(String(repeating: "x9Q!", count: 18), login: "kang") == nil)
        #expect(PasswordRules.refusal(String(repeating: "x9Q!", count: 18) + "z", login: "kang")?.code == .tooLong)
        #expect(PasswordRules.refusal(String(repeating: "绩效目标", count: 7), login: "kang")?.code == .tooLong)
    }

    @Test("the login, in any case and reversed, is refused")
    func login() {
        #expect(PasswordRules.refusal("Kang-is-my-name-7", login: "kang")?.code == .containsLogin)
        #expect(PasswordRules.refusal("xx-gnak-yyy-zz", login: "kang")?.code == .containsLogin)
        // A login of one or two letters would refuse half of all passwords: not checked.
        #expect(PasswordRules.refusal("Tq7#vL2m!pXz", login: "q7") == nil)
    }

    @Test(
        "trivial passwords are refused",
        arguments: [
            "aaaaaaaaaaaa", "abababababab", "123456789012", "abcdefghijkl", "qwertyuiopas", "password2025!", "!!Password123",
            "jixiao123456", "woaini520520", "P@ssw0rd2025", "2109876543210", "passwordpassword",
        ]
    )
    func trivial(password: String) {
        #expect(PasswordRules.refusal(password, login: "kang")?.code == .tooCommon, "\(password)")
    }

    @Test("control characters (NUL, newline, tab) are refused: they cut C strings and lines")
    func controlCharacters() {
        for text in ["Tq7#vL2m\u{0}pXz9", "Tq7#vL2m\npXz9", "Tq7#vL2m\tpXz9"] {
            #expect(PasswordRules.refusal(text, login: "kang")?.code == .invalidCharacter)
        }
    }

    @Test("a refusal's message never repeats the password")
    func messageHidesPassword() {
        for password in ["short", "Kang-is-my-name-7", "password2025!"] {
            let refusal = PasswordRules.refusal(password, login: "kang")
            #expect(refusal != nil)
            #expect(refusal?.message.contains(password) == false)
        }
    }
}

@Suite("SignInThrottle: free failures, doubling waits, a ceiling")
struct SignInThrottleTests {
    let policy = SignInThrottle(freeFailures: 3, firstWait: .seconds(10), longestWait: .seconds(60), forgetAfter: .seconds(3600))

    @Test("free failures cost nothing; then 10 s, 20 s, 40 s, and 60 s at most")
    func waits() {
        #expect((0..<3).map { self.policy.wait(afterFailures: $0) } == [.zero, .zero, .zero])
        #expect(self.policy.wait(afterFailures: 3) == .seconds(10))
        #expect(self.policy.wait(afterFailures: 4) == .seconds(20))
        #expect(self.policy.wait(afterFailures: 5) == .seconds(40))
        #expect(self.policy.wait(afterFailures: 6) == .seconds(60))
        #expect(self.policy.wait(afterFailures: 1_000_000) == .seconds(60))
    }

    @Test("the standard policies: 5 free per login, 20 per address, 15 minutes at most")
    func standard() {
        #expect(SignInThrottle.accounts.wait(afterFailures: 4) == .zero)
        #expect(SignInThrottle.accounts.wait(afterFailures: 5) == .seconds(30))
        #expect(SignInThrottle.addresses.wait(afterFailures: 19) == .zero)
        #expect(SignInThrottle.addresses.wait(afterFailures: 5000) == .seconds(900))
    }

    @Test("Retry-After is whole seconds rounded up, at least 1")
    func retryAfter() {
        #expect(SignInThrottle.retryAfterSeconds(.milliseconds(1)) == 1)
        #expect(SignInThrottle.retryAfterSeconds(.milliseconds(1000)) == 1)
        #expect(SignInThrottle.retryAfterSeconds(.milliseconds(1001)) == 2)
        #expect(SignInThrottle.retryAfterSeconds(.zero) == 1)
    }
}
