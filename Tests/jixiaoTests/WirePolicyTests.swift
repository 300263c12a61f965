import Foundation
import Testing

/// One wire policy: the CLI's `--json` and the HTTP bodies of the same things on the same
/// database are the same JSON (keys, nulls, time format). HTTP wraps a list in an object
/// (`{"tables": […]}`, `{"entries": […]}`); the CLI prints the list itself.
@Suite("one wire policy: CLI --json equals the HTTP body", .timeLimit(.minutes(1)))
struct WirePolicyTests {
    @Test("a table, the table list and history: the CLI's --json equals the HTTP body, as parsed JSON")
    func cliJSONEqualsHTTPBody() throws {
        let world = try CLIWorld.withPeople()
        defer { world.drop() }
        let table = try world.createProjectTable(as: "kang")
        let heads = try #require(table.indicators[1]["id"] as? Int)
        let edited = try world.run([
            "indicator", "set", "\(table.id)", "\(heads)", "--value", "150", "--unit", "名", "--reason", "核实人数", "--as", "kang",
        ])
        #expect(edited.code == 0, "\(edited)")
        let submitted = try world.run(["submit", "\(table.id)", "--as", "kang"])
        #expect(submitted.code == 0, "\(submitted)")

        let server = try ServerProcess.start(databaseURL: world.url)
        defer { server.stop() }
        let token = try world.token("aud")
        func http(_ path: String) throws -> Any {
            let reply = try RawHTTP.request(port: server.port, "GET", path, token: token)
            try #require(reply.status == 200, "\(path): \(reply)")
            return try JSONSerialization.jsonObject(with: reply.body)
        }
        func cli(_ arguments: [String]) throws -> Any {
            let result = try world.run(arguments + ["--as", "aud", "--json"])
            try #require(result.code == 0, "\(arguments): \(result)")
            return try result.json()
        }

        // The CLI's table adds the unit names (`unit`, `supervising_unit`) beside the ids, for
        // people and for `table create`; everything else is the HTTP body.
        var shownByCLI = try #require(try cli(["table", "show", "\(table.id)"]) as? [String: Any])
        let shownByHTTP = try #require(try http("/v1/tables/\(table.id)") as? [String: Any])
        #expect(shownByCLI.removeValue(forKey: "unit") as? String == "和政县就业服务中心")
        #expect(shownByCLI.removeValue(forKey: "supervising_unit") as? String != nil)
        #expect(NSDictionary(dictionary: shownByCLI) == NSDictionary(dictionary: shownByHTTP))

        let listedByCLI = try #require(try cli(["table", "list"]) as? [Any])
        let listedByHTTP = try #require((try http("/v1/tables") as? [String: Any])?["tables"] as? [Any])
        #expect(NSArray(array: listedByCLI) == NSArray(array: listedByHTTP))

        let historyByCLI = try #require(try cli(["history", "--table", "\(table.id)"]) as? [[String: Any]])
        let historyByHTTP = try #require((try http("/v1/tables/\(table.id)/history") as? [String: Any])?["entries"] as? [[String: Any]])
        #expect(NSArray(array: historyByCLI) == NSArray(array: historyByHTTP))
        #expect(historyByCLI.count >= 7)
        // The API's field names in the row images, and times in one format.
        let change = try #require(historyByCLI.first { $0["indicator_id"] as? Int == heads && $0["op"] as? String == "update" })
        #expect(change["changed_fields"] as? [String] == ["numeric_value", "unit", "value"])
        #expect((change["new_values"] as? [String: Any])?["unit"] as? String == "名")
        #expect((change["new_values"] as? [String: Any])?["unit_of_measure"] == nil)
        #expect((change["changed_at"] as? String)?.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil)
    }
}
