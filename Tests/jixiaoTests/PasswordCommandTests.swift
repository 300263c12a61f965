import Foundation
import JixiaoService
import Testing

/// `jixiao user password`: passwords from stdin for scripts, the same service rules as HTTP.
@Suite("CLI: user password")
struct PasswordCommandTests {
    @Test("reset by admin (from stdin), then the user's own change (current and new, one per line); never echoed")
    func resetThenChange() async throws {
        let world = try CLIWorld.withPeople()
        defer { world.drop() }
        let reset = try world.run(["user", "password", "kang", "--as", "admin"], stdin: "temporary pass 9\n")
        #expect(reset.code == 0, "\(reset)")
        #expect(reset.stderr.contains("must be changed"))
        let change = try world.run(["user", "password", "kang", "--as", "kang"], stdin: "temporary pass 9\nTq7#vL2m!pXz\n")
        #expect(change.code == 0, "\(change)")
        for result in [reset, change] {
            #expect(!result.stdout.contains("temporary pass 9") && !result.stderr.contains("temporary pass 9"))
            #expect(!result.stdout.contains("Tq7#vL2m!pXz") && !result.stderr.contains("Tq7#vL2m!pXz"))
        }
        // The first password of `db init`'s admin: a reset of oneself.
        let own = try world.run(["user", "password", "admin", "--reset", "--as", "admin"], stdin: "first boss pass 1\n")
        #expect(own.code == 0, "\(own)")
        // What the CLI stored signs in (bcrypt at the standard cost), and is no longer due for a change.
        let service = JixiaoService(database: Database(.init(url: world.url, poolSize: 1)))
        let session = try await service.signIn(login: "kang", password: "Tq7#vL2m!pXz", client: SignInClient(address: "", userAgent: ""))
        #expect(!session.passwordChangeRequired)
        let admin = try await service.signIn(login: "admin", password: "first boss pass 1", client: SignInClient(address: "", userAgent: ""))
        #expect(admin.passwordChangeRequired)
        await service.database.close()
    }

    @Test("refusals: a weak password (exit 1), a wrong current one (exit 4), a reset by a non-admin (exit 4), no input (exit 2)")
    func refusals() throws {
        let world = try CLIWorld.withPeople()
        defer { world.drop() }
        let weak = try world.run(["user", "password", "kang", "--as", "admin"], stdin: "kang12345678\n")
        #expect(weak.code == 1, "\(weak)")
        #expect(weak.stderr.contains("login"), "\(weak)")
        let short = try world.run(["user", "password", "kang", "--as", "admin"], stdin: "short\n")
        #expect(short.code == 1 && short.stderr.contains("12 characters"), "\(short)")
        #expect(try world.run(["user", "password", "kang", "--as", "admin"], stdin: "temporary pass 9\n").code == 0)
        let wrong = try world.run(["user", "password", "kang", "--as", "kang"], stdin: "not the password\nTq7#vL2m!pXz\n")
        #expect(wrong.code == 4, "\(wrong)")
        let notAdmin = try world.run(["user", "password", "kang", "--as", "li"], stdin: "Tq7#vL2m!pXz\n")
        #expect(notAdmin.code == 4, "\(notAdmin)")
        let empty = try world.run(["user", "password", "kang", "--as", "admin"], stdin: "")
        #expect(empty.code == 2, "\(empty)")
    }
}
