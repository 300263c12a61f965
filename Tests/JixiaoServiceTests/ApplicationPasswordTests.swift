import Foundation
import JixiaoCore
import PQ
import Testing

@testable import JixiaoService

/// The application role's password: set by the owner as a verifier, never as clear text.
@Suite("Application role password")
struct ApplicationPasswordTests {
    @Test("short or spaced passwords are refused by the rule")
    func rule() {
        #expect(ApplicationPassword.problem("short") != nil)
        #expect(ApplicationPassword.problem("sixteen chars ok") != nil, "white space")
        #expect(ApplicationPassword.problem(String(repeating: "a1", count: 8)) == nil)
    }

    @Test("only a verifier can be written into ALTER ROLE")
    func verifierOnly() {
        #expect(Statements.SetApplicationPassword.isVerifier("SCRAM-SHA-256$4096:c2FsdA==$c3RvcmVk:c2VydmVy"))
        #expect(!Statements.SetApplicationPassword.isVerifier("x'; ALTER ROLE jixiao_app SUPERUSER; --"))
        #expect(!Statements.SetApplicationPassword.isVerifier("SCRAM-SHA-256$4096:a'b"))
    }

    @Test("the owner sets it: the server stores a SCRAM verifier, and jixiao_app logs in with the password")
    func setAndLogIn() async throws {
        // The role is cluster-wide: keep the password the cluster's password file already gives
        // it (a trusting cluster ignores it), so that nothing else notices.
        let password = Self.passfilePassword() ?? UUID().uuidString
        try await withDatabase { url in
            try await offPool {
                try OwnerDatabase(url: url).setApplicationPassword(password)
                let conn = try Connection(url)
                let stored = try conn.query("SELECT rolpassword FROM pg_authid WHERE rolname = 'jixiao_app'").first!.decode(
                    String.self,
                    "rolpassword"
                )
                #expect(stored.hasPrefix("SCRAM-SHA-256$") && !stored.contains(password))
                var components = URLComponents(string: url)!
                components.user = "jixiao_app"
                components.password = password
                let app = try Connection(components.string!)
                #expect(try app.query("SELECT session_user::text AS u").first!.decode(String.self, "u") == "jixiao_app")
            }
        }
    }

    static func passfilePassword() -> String? {
        guard let path = ProcessInfo.processInfo.environment["PGPASSFILE"], let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            return nil
        }
        for line in text.split(separator: "\n") {
            let fields: [Substring] = line.split(separator: ":", omittingEmptySubsequences: false)
            if fields.count == 5, fields[3] == "jixiao_app" { return String(fields[4]) }
        }
        return nil
    }
}
