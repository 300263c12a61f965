import Foundation
import Testing

/// Issue 14's command-line cases: the review loop as a drafter and a supervisor live it.
@Suite("CLI: the review loop (open return, triage list, diff)")
struct ReviewLoopCommandTests {
    /// The standard table created by kang, submitted, and returned by li about its second row.
    private func returnedTable(_ world: CLIWorld) throws -> (id: Int, flagged: Int) {
        let (id, indicators) = try world.createProjectTable(as: "kang")
        let flagged = try #require(indicators[1]["id"] as? Int)
        #expect(try world.run(["submit", "\(id)", "--as", "kang"]).code == 0)
        let returned = try world.run(["return", "\(id)", "--reason", "人数与资金不符", "--indicator", "\(flagged)", "--as", "li"])
        #expect(returned.code == 0, "\(returned)")
        return (id, flagged)
    }

    @Test("table show: who returned it, when, why, and the flagged row marked; --json open_return; gone after submit")
    func openReturn() throws {
        let world = try CLIWorld.withPeople()
        defer { world.drop() }
        let (id, flagged) = try self.returnedTable(world)

        let shown = try world.run(["table", "show", "\(id)", "--as", "kang"])
        #expect(shown.code == 0, "\(shown)")
        #expect(shown.stdout.contains("退回理由 reason"), "\(shown)")
        #expect(shown.stdout.contains("人数与资金不符"))
        #expect(shown.stdout.contains("退回 returned by"))
        #expect(shown.stdout.contains("li"))
        #expect(shown.stdout.contains("(id \(flagged))"))
        // The flagged row, and only it, carries the mark (the heading and the legend name it too).
        let rows = shown.stdout.split(separator: "\n").filter { $0.hasPrefix("*") && !$0.contains("退回意见") && !$0.contains("三级指标") }
        #expect(rows.count == 1, "\(shown.stdout)")
        #expect(rows.first?.contains(" \(flagged) ") == true, "\(shown.stdout)")
        #expect(shown.stdout.contains("* 退回意见所指的行"))

        let json = try #require(try world.run(["table", "show", "\(id)", "--as", "li", "--json"]).json() as? [String: Any])
        let open = try #require(json["open_return"] as? [String: Any])
        #expect(open["reason"] as? String == "人数与资金不符")
        #expect(open["indicator_ids"] as? [Int] == [flagged])
        #expect((open["returned_by"] as? [String: Any])?["login"] as? String == "li")

        #expect(try world.run(["submit", "\(id)", "--as", "kang"]).code == 0)
        let after = try world.run(["table", "show", "\(id)", "--as", "kang"])
        #expect(!after.stdout.contains("退回理由"), "\(after)")
        let afterJSON = try #require(try world.run(["table", "show", "\(id)", "--as", "kang", "--json"]).json() as? [String: Any])
        #expect(afterJSON["open_return"] is NSNull)
    }

    @Test("table list: submitter, counts and name; --waiting keeps the caller's queue")
    func triageList() throws {
        let world = try CLIWorld.withPeople()
        defer { world.drop() }
        let draft = try world.createProjectTable(as: "kang", title: "草稿表")
        let sent = try world.createProjectTable(as: "kang")
        #expect(try world.run(["submit", "\(sent.id)", "--as", "kang"]).code == 0)

        let waiting = try #require(try world.run(["table", "list", "--waiting", "--as", "li", "--json"]).json() as? [[String: Any]])
        #expect(waiting.map { $0["id"] as? Int } == [sent.id])
        let row = try #require(waiting.first)
        #expect((row["submitted_by"] as? [String: Any])?["login"] as? String == "kang")
        #expect((row["submitted_by"] as? [String: Any])?["display_name"] as? String == "康亚运")
        let findings = try #require(try world.run(["table", "findings", "\(sent.id)", "--as", "li", "--json"]).json() as? [[String: Any]])
        #expect(row["error_count"] as? Int == findings.filter { $0["severity"] as? String == "error" }.count)
        #expect(row["warning_count"] as? Int == findings.filter { $0["severity"] as? String == "warning" }.count)

        let mine = try #require(try world.run(["table", "list", "--waiting", "--as", "kang", "--json"]).json() as? [[String: Any]])
        #expect(mine.map { $0["id"] as? Int } == [draft.id])
        #expect((try world.run(["table", "list", "--waiting", "--as", "fin", "--json"]).json() as? [Any])?.isEmpty == true)

        let text = try world.run(["table", "list", "--as", "li"])
        #expect(text.code == 0, "\(text)")
        #expect(text.stdout.contains("kang（康亚运）"), "\(text)")
        #expect(text.stdout.contains("submitted") && text.stdout.contains("err") && text.stdout.contains("warn"))
    }

    @Test("table diff: since the last submission by default, per field with API names; --since approved; revisions")
    func diff() throws {
        let world = try CLIWorld.withPeople()
        defer { world.drop() }
        let (id, flagged) = try self.returnedTable(world)
        let edited = try world.run(["indicator", "set", "\(id)", "\(flagged)", "--value", "150", "--unit", "名", "--reason", "按意见修改", "--as", "kang"])
        #expect(edited.code == 0, "\(edited)")

        let text = try world.run(["table", "diff", "\(id)", "--as", "li"])
        #expect(text.code == 0, "\(text)")
        #expect(text.stdout.contains("the submission of "), "\(text)")
        #expect(text.stdout.contains(" → 150"), "\(text)")
        #expect(text.stdout.contains("unit: "), "\(text)")
        #expect(!text.stdout.contains("unit_of_measure"), "\(text)")
        #expect(text.stdout.contains("(id \(flagged))"))

        let json = try #require(try world.run(["table", "diff", "\(id)", "--as", "li", "--json"]).json() as? [String: Any])
        let rows = try #require(json["indicators"] as? [[String: Any]])
        #expect(rows.map { $0["indicator_id"] as? Int } == [flagged])
        #expect((rows.first?["fields"] as? [[String: Any]])?.map { $0["field"] as? String } == ["value", "unit"])

        // Refusals: never approved (exit 1, not found), --since with --from-revision (usage, exit 2).
        let approved = try world.run(["table", "diff", "\(id)", "--since", "approved", "--as", "li"])
        #expect(approved.code != 0, "\(approved)")
        #expect(approved.stderr.contains("approved"), "\(approved)")
        let both = try world.run(["table", "diff", "\(id)", "--since", "approved", "--from-revision", "1", "--as", "li"])
        #expect(both.code == 2, "\(both)")
        let bad = try world.run(["table", "diff", "\(id)", "--since", "yesterday", "--as", "li"])
        #expect(bad.code == 2, "\(bad)")
        let revisions = try world.run(["table", "diff", "\(id)", "--from-revision", "1", "--as", "li"])
        #expect(revisions.code == 0 && revisions.stdout.contains("no differences"), "\(revisions)")
    }

    @Test("history: one row per workflow step, the indicator by name, value: old → new, people by login and name")
    func readableHistory() throws {
        let world = try CLIWorld.withPeople()
        defer { world.drop() }
        let (id, flagged) = try self.returnedTable(world)
        let edited = try world.run(["indicator", "set", "\(id)", "\(flagged)", "--value", "150", "--reason", "按意见修改", "--as", "kang"])
        #expect(edited.code == 0, "\(edited)")
        let history = try world.run(["history", "--table", "\(id)", "--as", "aud"])
        #expect(history.code == 0, "\(history)")
        let lines = history.stdout.split(separator: "\n")
        #expect(lines.filter { $0.contains("人数与资金不符") }.count == 1, "one row for the return: \(history.stdout)")
        #expect(lines.contains { $0.contains("submitted → returned") }, "\(history.stdout)")
        #expect(lines.contains { $0.contains("(id \(flagged)) update") && $0.contains(" → 150") }, "\(history.stdout)")
        #expect(history.stdout.contains("kang（康亚运）"), "\(history.stdout)")
        #expect(!history.stdout.contains("submitted_by"), "no workflow columns as changes: \(history.stdout)")
        // --json keeps the audit rows as the API sends them.
        let json = try #require(try world.run(["history", "--table", "\(id)", "--as", "aud", "--json"]).json() as? [[String: Any]])
        #expect(json.contains { $0["entity"] as? String == "workflow" && $0["reason"] as? String == "人数与资金不符" })
    }
}
