import Foundation
import Testing

/// Each documented exit code, with one clear sentence on stderr and never a crash.
@Suite("CLI: exit codes")
struct ExitCodeTests {
    /// Checks the code, that stderr names the problem in one `error:` line, and no crash trace.
    func expectFailure(_ result: CLIResult, code: Int32, mentioning words: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.code == code, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.lowercased().contains("error"), "\(result)", sourceLocation: sourceLocation)
        for word in words {
            #expect(result.stderr.contains(word), "expected \"\(word)\" in \(result)", sourceLocation: sourceLocation)
        }
        #expect(!result.stderr.contains("Fatal error"), sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("Stack dump"), sourceLocation: sourceLocation)
    }

    /// The same checks for a line parsed (or run up to its usage error) in this process.
    func expectFailure(_ outcome: InProcessCLI.Outcome, code: Int32, mentioning words: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        self.expectFailure(
            CLIResult(code: outcome.code, stdout: "", stderr: outcome.message),
            code: code,
            mentioning: words,
            sourceLocation: sourceLocation
        )
    }

    @Test("0: help, version (in-process) and a successful command")
    func ok() async throws {
        let version = await InProcessCLI.execute(["--version"])
        #expect(version.code == 0)
        #expect(!version.message.isEmpty)
        let help = await InProcessCLI.execute(["--help"])
        #expect(help.code == 0)
        #expect(help.message.contains("EXIT CODES"))
        for command in [
            ["db", "init"], ["unit", "add"], ["user", "add"], ["token", "issue"], ["table", "show"], ["table", "create"],
            ["indicator", "set"], ["submit"], ["approve"], ["return"], ["withdraw"], ["adjust"], ["history"], ["audit", "verify"],
        ] {
            let result = await InProcessCLI.execute(command + ["--help"])
            #expect(result.code == 0, "\(command): \(result)")
            #expect(result.message.contains("EXAMPLE"), "\(command) has no example")
        }
        // The processes block: off the cooperative pool.
        let listed = try await offPool {
            let world = try CLIWorld.withPeople()
            defer { world.drop() }
            return try world.run(["unit", "list", "--as", "admin"]).code
        }
        #expect(listed == 0)
    }

    @Test("1: refused by a rule or validation")
    func refused() throws {
        let world = try CLIWorld.withPeople()
        defer { world.drop() }
        // A project table without 满意度指标: submit is refused for its error findings.
        let incomplete = CLIWorld.projectTable.replacingOccurrences(of: "\"满意度指标\"", with: "\"产出指标\"")
        let (created, table) = try world.createTable(incomplete, as: "kang")
        #expect(created.code == 0, "\(created)")
        let id = try #require(table["id"] as? Int)
        let findings = try world.run(["table", "findings", "\(id)", "--as", "kang"])
        #expect(findings.stdout.contains("missing-category"), "\(findings)")
        expectFailure(try world.run(["submit", "\(id)", "--as", "kang"]), code: 1, mentioning: ["missing-category"])
        // Return without a reason, and withdraw of a draft.
        let (_, valid) = try world.createTable(CLIWorld.projectTable, as: "kang")
        let validID = try #require(valid["id"] as? Int)
        #expect(try world.run(["submit", "\(validID)", "--as", "kang"]).code == 0)
        expectFailure(try world.run(["return", "\(validID)", "--as", "li"]), code: 1, mentioning: ["reason"])
        expectFailure(try world.run(["withdraw", "\(id)", "--as", "kang"]), code: 1, mentioning: [])
        // A duplicate unit, and a table file that is not valid.
        expectFailure(try world.run(["unit", "add", "301", "重复", "--as", "admin"]), code: 1, mentioning: ["already exists"])
        let bad = try world.createTable(#"{"title": "x", "fiscal_year": 2025, "unit": "301002", "goals": []}"#, as: "kang")
        expectFailure(bad.result, code: 1, mentioning: ["header is missing"])
    }

    @Test("2: usage (in-process)")
    func usage() throws {
        expectFailure(InProcessCLI.parse(["frobnicate"]), code: 2, mentioning: [])
        expectFailure(InProcessCLI.parse(["table", "show"]), code: 2, mentioning: ["id"])
        expectFailure(InProcessCLI.parse(["table", "show", "abc", "--as", "admin"]), code: 2, mentioning: ["abc"])
        expectFailure(InProcessCLI.parse(["table", "list", "--status", "finished", "--as", "admin"]), code: 2, mentioning: ["finished"])
        expectFailure(
            InProcessCLI.parse(["user", "add", "x", "--unit", "1", "--role", "drafter,king", "--as", "admin"]),
            code: 2,
            mentioning: ["king"]
        )
        expectFailure(
            InProcessCLI.parse(["table", "show", "1", "--as-of", "2025-01-01", "--revision", "1", "--as", "admin"]),
            code: 2,
            mentioning: ["--as-of"]
        )
        expectFailure(InProcessCLI.parse(["history", "--as", "admin"]), code: 2, mentioning: ["--table"])
        expectFailure(InProcessCLI.parse(["approve", "--as", "admin"]), code: 2, mentioning: ["--all-pending"])
        expectFailure(
            InProcessCLI.parse(["indicator", "set", "1", "2", "--reason", "x", "--as", "admin"]),
            code: 2,
            mentioning: ["nothing to change"]
        )
        expectFailure(
            InProcessCLI.parse(["indicator", "set", "1", "2", "--value", "3", "--comparator", "≈", "--reason", "x"]),
            code: 2,
            mentioning: ["≈"]
        )
    }

    @Test(
        "2: no acting user is named before any connection is tried (in-process)",
        .enabled(if: ProcessInfo.processInfo.environment["JIXIAO_AS"] == nil, "JIXIAO_AS of the test process names one")
    )
    func usageWithoutActingUser() async {
        expectFailure(
            await InProcessCLI.execute(["unit", "list", "--database-url", "postgres://postgres@127.0.0.1:1/postgres"]),
            code: 2,
            mentioning: ["--as"]
        )
    }

    @Test("3: version conflict")
    func conflict() throws {
        let world = try CLIWorld.withPeople()
        defer { world.drop() }
        let (_, table) = try world.createTable(CLIWorld.projectTable, as: "kang")
        let id = try #require(table["id"] as? Int)
        let indicator = try #require((table["indicators"] as? [[String: Any]])?.first?["id"] as? Int)
        #expect(
            try world.run(["indicator", "set", "\(id)", "\(indicator)", "--value", "7000", "--expect-version", "1", "--reason", "a", "--as", "kang"])
                .code == 0
        )
        let stale = try world.run([
            "indicator", "set", "\(id)", "\(indicator)", "--value", "7100", "--expect-version", "1", "--reason", "b", "--as", "kang",
        ])
        expectFailure(stale, code: 3, mentioning: ["version 1", "version 2"])
        expectFailure(try world.run(["submit", "\(id)", "--expect-version", "9", "--as", "kang"]), code: 3, mentioning: ["version"])
    }

    @Test("4: not found or not permitted")
    func notFound() throws {
        let world = try CLIWorld.withPeople()
        defer { world.drop() }
        expectFailure(try world.run(["unit", "list", "--as", "nobody"]), code: 4, mentioning: ["nobody"])
        expectFailure(try world.run(["table", "show", "999", "--as", "admin"]), code: 4, mentioning: ["999"])
        expectFailure(try world.run(["unit", "show", "999", "--as", "admin"]), code: 4, mentioning: ["999"])
        expectFailure(try world.run(["unit", "add", "400", "某单位", "--as", "kang"]), code: 4, mentioning: ["admin"])
        let (_, table) = try world.createTable(CLIWorld.projectTable, as: "kang")
        let id = try #require(table["id"] as? Int)
        #expect(try world.run(["submit", "\(id)", "--as", "kang"]).code == 0)
        expectFailure(try world.run(["approve", "\(id)", "--as", "kang"]), code: 4, mentioning: ["supervisor"])
        expectFailure(
            try world.run(["indicator", "set", "\(id)", "999999", "--value", "1", "--reason", "x", "--as", "kang"]),
            code: 4,
            mentioning: ["999999"]
        )
        expectFailure(try world.run(["history", "--actor", "kang", "--as", "kang"]), code: 4, mentioning: [])
    }

    @Test("5: database unreachable")
    func unreachable() throws {
        let nowhere = ["--database-url", "postgres://postgres@127.0.0.1:1/postgres"]
        expectFailure(try CLIRunner.run(["unit", "list", "--as", "admin"] + nowhere), code: 5, mentioning: ["database"])
        expectFailure(try CLIRunner.run(["db", "status"] + nowhere), code: 5, mentioning: ["database"])
        expectFailure(
            try CLIRunner.run(["db", "init", "--admin", "a", "--unit-code", "1", "--unit-name", "x"] + nowhere),
            code: 5,
            mentioning: ["database"]
        )
        // The environment variable is used when no option is given.
        expectFailure(
            try CLIRunner.run(["table", "list", "--as", "admin"], environment: ["JIXIAO_DATABASE_URL": nowhere[1]]),
            code: 5,
            mentioning: ["database"]
        )
    }
}
