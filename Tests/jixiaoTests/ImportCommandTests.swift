import Foundation
import Testing

/// `jixiao import` on the real source document.
@Suite("CLI: import")
struct ImportCommandTests {
    static let seed = ProjectPath.seed.path  // the seed, byte for byte

    @Test("--dry-run --json prints the parsed tables in the documented shape, without a database")
    func dryRunJSON() throws {
        let result = try CLIRunner.run(
            ["import", Self.seed, "--dry-run", "--json"],
            environment: ["JIXIAO_DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"]
        )
        #expect(result.code == 0, "\(result)")
        let object = try #require(try result.json() as? [String: Any])
        let tables = try #require(object["tables"] as? [[String: Any]])
        #expect(tables.count == 13)
        let first = tables[0]
        for key in ["kind", "title", "fiscal_year", "unit", "supervising_unit", "funds_total", "indicators", "findings"] {
            #expect(first.keys.contains(key), "missing \(key)")
        }
        let indicator = try #require((first["indicators"] as? [[String: Any]])?.first)
        for key in ["level1", "level2", "level3", "comparator", "value", "unit", "content", "remark", "line"] {
            #expect(indicator.keys.contains(key), "missing \(key)")
        }
        #expect(first["kind"] as? String == "department")
        #expect(first["fiscal_year"] as? Int == 2025)
    }

    @Test("import creates the tables once; again it says nothing changed; bad files exit 1 or 2")
    func importTwice() throws {
        let world = try CLIWorld.withPeople()
        defer { world.drop() }
        let first = try world.run(["import", Self.seed, "--create-units", "--as", "admin"])
        #expect(first.code == 0, "\(first)")
        #expect(first.stdout.components(separatedBy: "created: table").count - 1 == 13)
        let second = try world.run(["import", Self.seed, "--create-units", "--as", "admin"])
        #expect(second.code == 0, "\(second)")
        #expect(second.stdout.contains("nothing changed"))
        #expect(!second.stdout.contains("created: table"))
        let list = try world.run(["table", "list", "--json", "--as", "admin"])
        #expect((try list.json() as? [Any])?.count == 13)

        let missing = try world.run(["import", "/nonexistent/file.txt", "--as", "admin"])
        #expect(missing.code == 2, "\(missing)")
        #expect(missing.stderr.contains("/nonexistent/file.txt"))
        let binary = FileManager.default.temporaryDirectory.appendingPathComponent("jx-\(UUID().uuidString).txt")
        try Data([0xFF, 0xFE, 0x00, 0xC3, 0x28]).write(to: binary)
        defer { try? FileManager.default.removeItem(at: binary) }
        let notText = try world.run(["import", binary.path, "--as", "admin"])
        #expect(notText.code == 1, "\(notText)")
        #expect(notText.stderr.contains("UTF-8"))
    }

    @Test("export → import of the unchanged CSV changes nothing; an edited cell changes one indicator")
    func csvRoundTrip() throws {
        let world = try CLIWorld.withPeople()
        defer { world.drop() }
        let (_, table) = try world.createTable(CLIWorld.projectTable, as: "kang")
        let id = try #require(table["id"] as? Int)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("jx-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: file) }
        let export = try world.run(["export", String(id), "-o", file.path, "--as", "kang"])
        #expect(export.code == 0, "\(export)")
        let bytes = try Data(contentsOf: file)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "UTF-8 byte order mark for Excel")
        let exported = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(exported.hasPrefix("table_id,"))
        let same = try world.run(["import", file.path, "--reason", "round trip", "--as", "kang"])
        #expect(same.code == 0, "\(same)")
        #expect(same.stdout.contains("0 changed, 0 added"))
        let noReason = try world.run(["import", file.path, "--as", "kang"])
        #expect(noReason.code == 2, "\(noReason)")
        // Edit the value of the first indicator row (the 14th column).
        var lines = exported.components(separatedBy: "\r\n")
        var cells = lines[1].components(separatedBy: ",")
        cells[13] = "150"
        lines[1] = cells.joined(separator: ",")
        try lines.joined(separator: "\r\n").write(to: file, atomically: true, encoding: .utf8)
        let edited = try world.run(["import", file.path, "--reason", "Excel", "--as", "kang"])
        #expect(edited.code == 0, "\(edited)")
        #expect(edited.stdout.contains("1 changed"))
        // The file still carries the exported version: a further edit of that row is stale (exit 3).
        cells[13] = "160"
        lines[1] = cells.joined(separator: ",")
        try lines.joined(separator: "\r\n").write(to: file, atomically: true, encoding: .utf8)
        let stale = try world.run(["import", file.path, "--reason", "again", "--as", "kang"])
        #expect(stale.code == 3, "\(stale)")
        #expect(stale.stderr.contains("CSV line 2"))
    }
}
