import Foundation
import PQ
import Testing

/// Issue 15, item 1: the server logs in as the application role itself. Each test is an attack
/// that used to work: a server on the owner's or the superuser's login, whose `RESET ROLE`
/// gives back the power to rewrite the trail.
@Suite("Least privilege at runtime", .timeLimit(.minutes(1)))
struct LeastPrivilegeTests {
    @Test("jixiao serve refuses a superuser login, says which login to use, and exits 1")
    func superuserRefused() throws {
        let world = try CLIWorld.make()
        defer { world.drop() }
        let port = try RawHTTP.freePort()
        let refused = try world.run(["serve", "--host", "127.0.0.1", "--port", "\(port)"])
        #expect(refused.code == 1, "\(refused)")
        #expect(refused.stderr.contains("superuser") && refused.stderr.contains("jixiao_app"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("password="), "no secret in the message")
    }

    @Test("jixiao serve refuses a non-superuser login that may become the schema's owner")
    func ownerRefused() throws {
        let world = try CLIWorld.make()
        defer { world.drop() }
        let conn = try Connection(world.url)
        let login = "jx_owner_\(UInt32.random(in: 0...UInt32.max))"
        let password = UUID().uuidString
        let tableOwner = try conn.query("SELECT pg_get_userbyid(relowner) AS o FROM pg_class WHERE oid = 'public.target_table'::regclass")
            .first!.decode(String.self, "o")
        try conn.execute("CREATE ROLE \(login) LOGIN NOSUPERUSER PASSWORD '\(password)'")
        defer { _ = try? conn.execute("DROP ROLE IF EXISTS \(login)") }
        try conn.execute("GRANT \(tableOwner) TO \(login)")
        var components = URLComponents(string: world.url)!
        components.user = login
        components.password = password
        let port = try RawHTTP.freePort()
        let refused = try CLIRunner.run(["serve", "--host", "127.0.0.1", "--port", "\(port)", "--database-url", components.string!])
        #expect(refused.code == 1, "\(refused)")
        #expect(refused.stderr.contains("may become the schema's owner") && refused.stderr.contains(login), "\(refused.stderr)")
        #expect(!refused.stderr.contains(password), "the password is not repeated")
    }

    @Test("the running server's connections are jixiao_app, and RESET ROLE on that login gains nothing")
    func applicationLogin() throws {
        let world = try CLIWorld.withPeople()
        defer { world.drop() }
        let server = try ServerProcess.start(databaseURL: world.url)
        defer { server.stop() }
        let token = try world.token("kang")
        #expect(try RawHTTP.request(port: server.port, "GET", "/v1/tables", token: token).status == 200)
        let conn = try Connection(world.url)
        let logins = try conn.query(
            "SELECT DISTINCT usename::text AS u FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'jixiao'"
        ).map { try $0.decode(String.self, "u") }
        #expect(logins == ["jixiao_app"])

        let app = try Connection(TestCluster.applicationURL(world.url))
        try app.execute("RESET ROLE")
        #expect(try app.query("SELECT current_user::text AS u").first!.decode(String.self, "u") == "jixiao_app")
        for attack in ["DELETE FROM audit_log", "UPDATE audit_chain SET last_seq = 0", "ALTER TABLE indicator DISABLE TRIGGER USER"] {
            #expect(sqlState { try app.execute(attack) } == "42501", "\(attack)")
        }
    }

    @Test("db migrate refuses a weak application password and changes nothing")
    func weakApplicationPassword() throws {
        let world = try CLIWorld.make()
        defer { world.drop() }
        let refused = try world.run(["db", "migrate"], environment: ["JIXIAO_APP_PASSWORD": "short"])
        #expect(refused.code == 1, "\(refused)")
        #expect(refused.stderr.contains("at least 16"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("short"), "the password is not repeated")
    }
}
