import Foundation
import JixiaoCore
import Testing

@Suite("Core: which steps open and close a return")
struct OpenReturnRuleTests {
    @Test("only a submit closes a return; the deciding steps are return and submit")
    func closing() {
        #expect(OpenReturn.closes(.submit))
        for action in WorkflowAction.allCases where action != .submit { #expect(!OpenReturn.closes(action), "\(action)") }
        #expect(Set(OpenReturn.decidingActions) == [.return, .submit])
    }

    @Test("the table's JSON carries open_return, null when none, and reads back")
    func json() throws {
        var table = TargetTable(
            id: 1,
            title: "t",
            fiscalYear: 2025,
            unitID: 2,
            supervisingUnitID: 3,
            header: .project(ProjectHeader(projectName: "p")),
            goals: [],
            indicators: []
        )
        let none = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(table)) as? [String: Any]
        #expect(none?.keys.contains("open_return") == true)
        #expect(none?["open_return"] is NSNull)
        table.openReturn = OpenReturn(
            returnedBy: Person(id: 4, login: "li", displayName: "李"),
            returnedAt: Date(timeIntervalSince1970: 1_000),
            reason: "r",
            indicatorIDs: [9]
        )
        let data = try JSONEncoder().encode(table)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let open = object?["open_return"] as? [String: Any]
        #expect((open?["returned_by"] as? [String: Any])?["display_name"] as? String == "李")
        #expect(open?["indicator_ids"] as? [Int] == [9])
        #expect(try JSONDecoder().decode(TargetTable.self, from: data) == table)
    }
}
