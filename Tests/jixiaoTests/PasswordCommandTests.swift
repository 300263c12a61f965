import Foundation
import JixiaoService
import Testing

/// `jixiao user password`: passwords from stdin for scripts, the same service rules as HTTP.
/// The commands run off the cooperative pool (`offPool`): each waits for a child process that
/// hashes at cost 12.
/// One test at a time: each makes a database of its own, and many at once slow the
/// timing-sensitive suites that run beside them (the pool test's acquire timeout).
@Suite("CLI: user password", .serialized)
struct PasswordCommandTests {
    @Test("reset by admin (from stdin), then the user's own change (current and new, one per line); never echoed")
    func resetThenChange() async throws {
        let world = try await offPool { try CLIWorld.withPeople() }
        // Dropped when the process exits (TestDatabase): a DROP DATABASE now forces a checkpoint.
        let (reset, change, own) = try await offPool {
            (
                try world.run(["user", "password", "kang", "--as", "admin"], stdin: "temporary pass 9\n"),
                try world.run(["user", "password", "kang", "--as", "kang"], stdin: "temporary pass 9\nTq7#vL2m!pXz\n"),
                // The first password of `db init`'s admin: a reset of oneself.
                try world.run(["user", "password", "admin", "--reset", "--as", "admin"], stdin: "first boss pass 1\n")
            )
        }
        #expect(reset.code == 0, "\(reset)")
        #expect(reset.stderr.contains("must be changed"))
        #expect(change.code == 0, "\(change)")
        #expect(own.code == 0, "\(own)")
        for result in [reset, change] {
            #expect(!result.stdout.contains("temporary pass 9") && !result.stderr.contains("temporary pass 9"))
            #expect(!result.stdout.contains("Tq7#vL2m!pXz") && !result.stderr.contains("Tq7#vL2m!pXz"))
        }
        // What the CLI stored signs in (bcrypt at the standard cost), and is no longer due for a change.
        let service = JixiaoService(database: Database(.init(url: world.url, poolSize: 1)))
        let session = try await service.signIn(login: "kang", password: "Tq7#vL2m!pXz", client: SignInClient(address: "", userAgent: ""))
        #expect(!session.passwordChangeRequired)
        let admin = try await service.signIn(login: "admin", password: "first boss pass 1", client: SignInClient(address: "", userAgent: ""))
        #expect(admin.passwordChangeRequired)
        await service.database.close()
    }

    @Test("refusals: a weak password (exit 1), a wrong current one (exit 4), a reset by a non-admin (exit 4), no input (exit 2)")
    func refusals() async throws {
        let world = try await offPool { try CLIWorld.withPeople() }
        // Dropped when the process exits (TestDatabase): a DROP DATABASE now forces a checkpoint.
        let results = try await offPool {
            [
                try world.run(["user", "password", "kang", "--as", "admin"], stdin: "kang12345678\n"),
                try world.run(["user", "password", "kang", "--as", "admin"], stdin: "short\n"),
                try world.run(["user", "password", "kang", "--as", "admin"], stdin: "temporary pass 9\n"),
                try world.run(["user", "password", "kang", "--as", "kang"], stdin: "not the password\nTq7#vL2m!pXz\n"),
                try world.run(["user", "password", "kang", "--as", "li"], stdin: "Tq7#vL2m!pXz\n"),
                try world.run(["user", "password", "kang", "--as", "admin"], stdin: ""),
            ]
        }
        let (weak, short, reset, wrong, notAdmin, empty) = (results[0], results[1], results[2], results[3], results[4], results[5])
        #expect(weak.code == 1 && weak.stderr.contains("login"), "\(weak)")
        #expect(short.code == 1 && short.stderr.contains("12 characters"), "\(short)")
        #expect(reset.code == 0, "\(reset)")
        #expect(wrong.code == 4, "\(wrong)")
        #expect(notAdmin.code == 4, "\(notAdmin)")
        #expect(empty.code == 2, "\(empty)")
    }
}
