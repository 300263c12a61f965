import Foundation
import Testing

/// A whole year's cycle from the shell, each step a run of the built `jixiao` executable.
@Suite("CLI: a year's approval cycle")
struct YearCycleTests {
    @Test("init, units, users, create, edit, submit, return, resubmit, approve twice, adjust, history, verify")
    func wholeYear() throws {
        let world = try CLIWorld.make()
        defer { world.drop() }

        // The schema is migrated and the admin exists.
        let status = try world.run(["db", "status", "--json"])
        #expect(status.code == 0, "\(status)")
        let migrations = try #require(try status.json() as? [[String: Any]])
        #expect(!migrations.isEmpty)
        #expect(migrations.allSatisfy { $0["applied"] as? Bool == true })

        // Units: a bureau and its centre.
        #expect(try world.run(["unit", "add", "301", "和政县人力资源和社会保障局", "--as", "admin"]).code == 0)
        let centre = try world.run(["unit", "add", "301002", "和政县就业服务中心", "--parent", "301", "--as", "admin", "--json"])
        #expect(centre.code == 0, "\(centre)")
        #expect((try centre.json() as? [String: Any])?["code"] as? String == "301002")
        let units = try world.run(["unit", "list", "--as", "admin"])
        #expect(units.stdout.contains("301 和政县人力资源和社会保障局"), "\(units)")

        // Users of each role.
        for (login, unit, role) in [("kang", "301002", "drafter"), ("li", "301", "supervisor"), ("fin", "000", "finance"), ("aud", "000", "auditor")]
        {
            let added = try world.run(["user", "add", login, "--unit", unit, "--role", role, "--as", "admin"])
            #expect(added.code == 0, "\(added)")
        }
        let users = try #require(try world.run(["user", "list", "--as", "admin", "--json"]).json() as? [[String: Any]])
        #expect(Set(users.compactMap { $0["login"] as? String }) == ["admin", "kang", "li", "fin", "aud"])

        // The drafter creates the table (the import issue will add `jixiao import`).
        let (created, table) = try world.createTable(CLIWorld.projectTable, as: "kang")
        #expect(created.code == 0, "\(created)")
        let id = try #require(table["id"] as? Int)
        #expect(table["kind"] as? String == "project")
        #expect(table["fiscal_year"] as? Int == 2025)
        #expect(table["unit"] as? String == "和政县就业服务中心")
        #expect(table["status"] as? String == "draft")
        #expect(table["revision"] as? Int == 1)
        let indicators = try #require(table["indicators"] as? [[String: Any]])
        #expect(indicators.count == 4)
        #expect(
            Set(indicators[0].keys).isSuperset(of: [
                "id", "version", "level1", "level2", "level3", "comparator", "value", "unit", "content", "remark",
            ])
        )
        #expect(indicators[3]["comparator"] as? String == "≥")
        let heads = try #require(indicators[1]["id"] as? Int)

        // The form, as people read it: amounts as written.
        let shown = try world.run(["table", "show", "\(id)", "--as", "kang"])
        #expect(shown.code == 0, "\(shown)")
        #expect(shown.stdout.contains("2024年奖补资金项目支出绩效目标表"))
        #expect(shown.stdout.contains("7547.363101"))
        #expect(shown.stdout.contains("奖补人数"))
        #expect(try world.run(["table", "findings", "\(id)", "--as", "kang"]).code == 0)

        // Edit with the version read, submit; the supervisor returns it with a reason.
        var edited = try world.run([
            "indicator", "set", "\(id)", "\(heads)", "--value", "145", "--expect-version", "1",
            "--reason", "核实人数", "--as", "kang", "--json",
        ])
        #expect(edited.code == 0, "\(edited)")
        #expect((try edited.json() as? [String: Any])?["version"] as? Int == 2)
        #expect((try edited.json() as? [String: Any])?["comparator"] as? String == "≥")
        try self.step(world, ["submit", "\(id)", "--as", "kang"], expect: "submitted")
        try self.step(world, ["return", "\(id)", "--reason", "人数与资金不符", "--indicator", "\(heads)", "--as", "li"], expect: "returned")

        // Fix it (reading the current version first), resubmit, approve twice.
        edited = try world.run(["indicator", "set", "\(id)", "\(heads)", "--value", "150", "--reason", "按主管部门意见修改", "--as", "kang"])
        #expect(edited.code == 0, "\(edited)")
        try self.step(world, ["submit", "\(id)", "--as", "kang"], expect: "submitted")
        try self.step(world, ["approve", "\(id)", "--as", "li"], expect: "supervisor_approved")
        let batch = try world.run(["approve", "--all-pending", "--as", "fin", "--json"])
        #expect(batch.code == 0, "\(batch)")
        let results = try #require(try batch.json() as? [[String: Any]])
        #expect(results.count == 1)
        #expect(results.first?["ok"] as? Bool == true)
        #expect(results.first?["status"] as? String == "approved")
        let approved = try #require(try world.run(["table", "list", "--status", "approved", "--json", "--as", "aud"]).json() as? [[String: Any]])
        #expect(approved.map { $0["id"] as? Int } == [id])

        // Adjust opens revision 2; revision 1 stays as approved.
        try self.step(world, ["adjust", "\(id)", "--reason", "年中调整", "--as", "kang"], expect: "draft")
        edited = try world.run(["indicator", "set", "\(id)", "\(heads)", "--value", "160", "--reason", "调整", "--as", "kang"])
        #expect(edited.code == 0, "\(edited)")
        let revision1 = try #require(try world.run(["table", "show", "\(id)", "--revision", "1", "--json", "--as", "aud"]).json() as? [String: Any])
        #expect(revision1["status"] as? String == "approved")
        #expect((revision1["indicators"] as? [[String: Any]])?[1]["value"] as? String == "150")
        let diff = try world.run(["table", "diff", "\(id)", "--from-revision", "1", "--to-revision", "2", "--as", "aud"])
        #expect(diff.code == 0, "\(diff)")
        #expect(diff.stdout.contains("value: 150 → 160"), "\(diff)")

        // History names who did what and why; the audit trail is intact.
        let history = try #require(try world.run(["history", "--table", "\(id)", "--as", "aud", "--json"]).json() as? [[String: Any]])
        #expect(history.contains { $0["entity"] as? String == "workflow" && $0["reason"] as? String == "人数与资金不符" && $0["actor"] as? String == "li" })
        #expect(history.contains { $0["actor"] as? String == "fin" })
        let byKang = try world.run(["history", "--actor", "kang", "--as", "aud"])
        #expect(byKang.code == 0, "\(byKang)")
        #expect(byKang.stdout.contains("value: 150 → 160"))
        let indicatorHistory = try world.run(["history", "--indicator", "\(heads)", "--as", "kang"])
        #expect(indicatorHistory.stdout.contains("按主管部门意见修改"), "\(indicatorHistory)")
        let verify = try world.run(["audit", "verify", "--as", "aud"])
        #expect(verify.code == 0, "\(verify)")
        #expect(verify.stdout.contains("intact"))
    }

    @Test("tokens: issue prints the token once, list never shows it, revoke")
    func tokens() throws {
        let world = try CLIWorld.withPeople()
        defer { world.drop() }
        let issued = try world.run(["token", "issue", "kang", "--label", "laptop", "--as", "admin", "--json"])
        #expect(issued.code == 0, "\(issued)")
        let object = try #require(try issued.json() as? [String: Any])
        let token = try #require(object["token"] as? String)
        #expect(token.hasPrefix("jx_"))
        let tokenID = try #require(object["id"] as? Int)
        let listed = try world.run(["token", "list", "--as", "admin"])
        #expect(listed.code == 0)
        #expect(listed.stdout.contains("laptop"))
        #expect(!listed.stdout.contains(token))
        let revoked = try world.run(["token", "revoke", "\(tokenID)", "--as", "admin", "--json"])
        #expect(revoked.code == 0, "\(revoked)")
        #expect((try revoked.json() as? [String: Any])?["revoked_at"] != nil)
        let human = try world.run(["token", "issue", "kang", "--as", "admin"])
        #expect(human.stdout.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("jx_"))
    }

    @Test("users: grant, revoke, disable; a disabled user can no longer act")
    func users() throws {
        let world = try CLIWorld.withPeople()
        defer { world.drop() }
        var result = try world.run(["user", "grant", "kang", "--role", "auditor,supervisor", "--as", "admin", "--json"])
        #expect(result.code == 0, "\(result)")
        #expect((try result.json() as? [String: Any])?["roles"] as? [String] == ["drafter", "supervisor", "auditor"])
        result = try world.run(["user", "revoke", "kang", "--role", "supervisor", "--as", "admin"])
        #expect(result.stdout.contains("roles drafter,auditor"), "\(result)")
        result = try world.run(["user", "disable", "kang", "--as", "admin"])
        #expect(result.code == 0, "\(result)")
        result = try world.run(["table", "list", "--as", "kang"])
        #expect(result.code == 4, "\(result)")
        #expect(result.stderr.contains("disabled"))
    }

    @Test("indicators: add, move, remove; the form keeps the new order")
    func indicatorEdits() throws {
        let world = try CLIWorld.withPeople()
        defer { world.drop() }
        let (_, table) = try world.createTable(CLIWorld.projectTable, as: "kang")
        let id = try #require(table["id"] as? Int)
        var result = try world.run([
            "indicator", "add", "\(id)", "--level1", "产出指标", "--level2", "质量指标", "--level3", "培训合格率",
            "--comparator", ">=", "--value", "90", "--unit", "%", "--position", "2", "--reason", "补充指标",
            "--as", "kang", "--json",
        ])
        #expect(result.code == 0, "\(result)")
        let added = try #require(try result.json() as? [String: Any])
        let addedID = try #require(added["id"] as? Int)
        #expect(added["position"] as? Int == 2)
        result = try world.run(["indicator", "move", "\(id)", "\(addedID)", "--to", "5", "--reason", "按官方顺序", "--as", "kang", "--json"])
        #expect(result.code == 0, "\(result)")
        #expect((try result.json() as? [[String: Any]])?.last?["id"] as? Int == addedID)
        result = try world.run(["indicator", "remove", "\(id)", "\(addedID)", "--reason", "重复", "--as", "kang"])
        #expect(result.code == 0, "\(result)")
        let after = try #require(try world.run(["table", "show", "\(id)", "--as", "kang", "--json"]).json() as? [String: Any])
        #expect((after["indicators"] as? [[String: Any]])?.count == 4)
    }
}

extension YearCycleTests {
    /// Runs a workflow step and checks the table's new status in its JSON.
    func step(_ world: CLIWorld, _ arguments: [String], expect status: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try world.run(arguments + ["--json"])
        #expect(result.code == 0, "\(arguments.joined(separator: " ")): \(result)", sourceLocation: sourceLocation)
        let table = try result.json() as? [String: Any]
        #expect(table?["status"] as? String == status, "\(result)", sourceLocation: sourceLocation)
    }
}
