import Foundation
import Testing

/// Issue 12's command-line cases: blank reasons refused (they were accepted and audited), a
/// dry run that answers the same with and without --as, and a write without --expect-version
/// that is the service's documented choice.
@Suite("CLI: reasons, dry runs and versions by the service's rules")
struct RuleCommandTests {
    @Test("indicator set --reason \" \" and remove --reason \"\" exit 1 reason-required and change nothing")
    func blankReasons() throws {
        let world = try CLIWorld.withPeople()
        defer { world.drop() }
        let (_, table) = try world.createTable(CLIWorld.projectTable, as: "kang")
        let id = try #require(table["id"] as? Int)
        let indicator = try #require((table["indicators"] as? [[String: Any]])?.first?["id"] as? Int)
        let set = try world.run(["indicator", "set", "\(id)", "\(indicator)", "--value", "1", "--reason", " ", "--as", "kang"])
        #expect(set.code == 1, "\(set)")
        #expect(set.stderr.contains("reason"), "\(set)")
        let remove = try world.run(["indicator", "remove", "\(id)", "\(indicator)", "--reason", "", "--as", "kang"])
        #expect(remove.code == 1, "\(remove)")
        let history = try #require(try world.run(["history", "--table", "\(id)", "--as", "aud", "--json"]).json() as? [[String: Any]])
        #expect(!history.contains { ($0["op"] as? String) == "update" || ($0["op"] as? String) == "delete" }, "\(history)")
    }

    @Test("import --dry-run answers the same with and without --as, with and without a database")
    func dryRunSameAnswer() throws {
        let world = try CLIWorld.withPeople()
        defer { world.drop() }
        let seed = ImportCommandTests.seed
        let unreachable = ["JIXIAO_DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"]
        for json in [[], ["--json"]] {
            let without = try CLIRunner.run(["import", seed, "--dry-run"] + json, environment: unreachable)
            let asAdmin = try world.run(["import", seed, "--dry-run", "--as", "admin"] + json)
            let asAuditor = try world.run(["import", seed, "--dry-run", "--as", "aud"] + json)
            #expect(without.code == 0, "\(without)")
            #expect(asAdmin.code == without.code && asAdmin.stdout == without.stdout, "\(asAdmin)")
            #expect(asAuditor.code == without.code && asAuditor.stdout == without.stdout, "\(asAuditor)")
        }
        // A document that cannot be imported is refused the same way by both.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("jx-notes-\(UUID().uuidString).txt")
        try Data("just notes\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let without = try CLIRunner.run(["import", file.path, "--dry-run"], environment: unreachable)
        let asAdmin = try world.run(["import", file.path, "--dry-run", "--as", "admin"])
        #expect(without.code == 1, "\(without)")
        #expect(asAdmin.code == without.code && asAdmin.stderr == without.stderr, "\(asAdmin)")
    }

    @Test("without --expect-version a write goes against the current version; with a stale one it is a conflict")
    func versions() throws {
        let world = try CLIWorld.withPeople()
        defer { world.drop() }
        let (_, table) = try world.createTable(CLIWorld.projectTable, as: "kang")
        let id = try #require(table["id"] as? Int)
        let indicator = try #require((table["indicators"] as? [[String: Any]])?.first?["id"] as? Int)
        let current = try world.run(["indicator", "set", "\(id)", "\(indicator)", "--value", "7000", "--reason", "调减", "--as", "kang", "--json"])
        #expect(current.code == 0, "\(current)")
        #expect((try current.json() as? [String: Any])?["version"] as? Int == 2)
        let stale = try world.run(
            ["indicator", "set", "\(id)", "\(indicator)", "--value", "6000", "--expect-version", "1", "--reason", "调减", "--as", "kang"]
        )
        #expect(stale.code == 3, "\(stale)")
        let missing = try world.run(["indicator", "set", "\(id)", "999999", "--value", "1", "--reason", "x", "--as", "kang"])
        #expect(missing.code == 4, "\(missing)")
    }
}

@Suite("CLI: indicator weights (权重)")
struct WeightCommandTests {
    @Test("indicator set --weight, the 权重 column of table show, and a bad weight as a usage error")
    func weight() throws {
        let world = try CLIWorld.withPeople()
        defer { world.drop() }
        let (_, table) = try world.createTable(CLIWorld.projectTable, as: "kang")
        let id = try #require(table["id"] as? Int)
        let indicator = try #require((table["indicators"] as? [[String: Any]])?.first?["id"] as? Int)
        let set = try world.run(["indicator", "set", "\(id)", "\(indicator)", "--weight", "12.5", "--reason", "权重", "--as", "kang", "--json"])
        #expect(set.code == 0, "\(set)")
        #expect((try set.json() as? [String: Any])?["weight"] as? String == "12.5")
        let show = try world.run(["table", "show", "\(id)", "--as", "kang"])
        #expect(show.stdout.contains("权重") && show.stdout.contains("12.5"), "\(show)")
        let bad = try world.run(["indicator", "set", "\(id)", "\(indicator)", "--weight", "-3", "--reason", "x", "--as", "kang"])
        #expect(bad.code == 2, "\(bad)")
    }
}

@Suite("CLI: 指标解释 (explanation)")
struct ExplanationCommandTests {
    @Test("indicator set --explanation and indicator add --explanation; table show heads the column 指标解释")
    func explanation() throws {
        let world = try CLIWorld.withPeople()
        defer { world.drop() }
        let (_, table) = try world.createTable(CLIWorld.projectTable, as: "kang")
        let id = try #require(table["id"] as? Int)
        let indicator = try #require((table["indicators"] as? [[String: Any]])?.first?["id"] as? Int)
        let set = try world.run(
            ["indicator", "set", "\(id)", "\(indicator)", "--explanation", "按花名册统计", "--reason", "解释", "--as", "kang", "--json"]
        )
        #expect(set.code == 0, "\(set)")
        #expect((try set.json() as? [String: Any])?["explanation"] as? String == "按花名册统计")
        let add = try world.run([
            "indicator", "add", "\(id)", "--level1", "产出指标", "--level2", "质量指标", "--level3", "合格率", "--comparator", ">=",
            "--value", "95", "--unit", "%", "--explanation", "抽检", "--reason", "补充", "--as", "kang", "--json",
        ])
        #expect(add.code == 0, "\(add)")
        #expect((try add.json() as? [String: Any])?["explanation"] as? String == "抽检")
        let show = try world.run(["table", "show", "\(id)", "--as", "kang"])
        #expect(show.stdout.contains("指标解释") && show.stdout.contains("按花名册统计"), "\(show)")
    }
}
