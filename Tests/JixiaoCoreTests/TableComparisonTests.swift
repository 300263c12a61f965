import Foundation
import JixiaoCore
import Testing

@Suite("Core: comparing two states of a table")
struct TableComparisonTests {
    func department(_ personnel: String, contact: String? = nil) throws -> TableHeader {
        let contactJSON = contact.map { #""contact": "\#($0)", "# } ?? ""
        let json =
            #"{"kind": "department", \#(contactJSON)"staffing": {"budgeted": 12}, "prior_year": {}, "income": {}, "expense": {"personnel": "\#(personnel)"}}"#
        return try JSONDecoder().decode(TableHeader.self, from: Data(json.utf8))
    }

    func table(_ header: TableHeader, goals: [String] = ["目标"], indicators: [Indicator] = []) -> TargetTable {
        TargetTable(id: 1, title: "表", fiscalYear: 2025, unitID: 2, supervisingUnitID: 2, header: header, goals: goals, indicators: indicators)
    }

    @Test("header fields by their API names, nested ones joined by dots; amounts as written, never a float")
    func header() throws {
        let old = self.table(try self.department("157.56"))
        var new = self.table(try self.department("151.584", contact: "张三"))
        new.title = "新表"
        let difference = TableComparison.compare(old, new)
        #expect(
            difference.header == [
                FieldChange(field: "title", old: "表", new: "新表"),
                FieldChange(field: "contact", old: nil, new: "张三"),
                FieldChange(field: "expense.personnel", old: "157.56", new: "151.584"),
            ]
        )
        #expect(difference.header[2].description == "expense.personnel: 157.56 → 151.584")
        #expect(difference.header[1].description == "contact: — → 张三")
        #expect(difference.goals.isEmpty && difference.indicators.isEmpty)
        #expect(TableComparison.compare(old, old).isEmpty)
    }

    @Test("goals by number; indicators matched by id: changed fields (API keys), moved, added, removed")
    func goalsAndIndicators() throws {
        let header = TableHeader.project(ProjectHeader(projectName: "p"))
        let a = Indicator(id: 1, position: 1, level1: "产出指标", level2: "数量指标", level3: "人数", comparator: .gte, value: "140", unitOfMeasure: "人")
        let b = Indicator(id: 2, position: 2, level1: "效益指标", level2: "社会效益指标", level3: "就业", comparator: nil, value: "明显")
        let c = Indicator(id: 3, position: 3, level1: "满意度指标", level2: "服务对象满意度指标", level3: "满意度", comparator: .gte, value: "90")
        let old = self.table(header, goals: ["一", "二"], indicators: [a, b])
        var changed = a
        changed.fields.value = "150"
        changed.fields.unitOfMeasure = "名"
        changed.position = 2
        var moved = c
        moved.position = 1
        let new = self.table(header, goals: ["一（改）"], indicators: [changed, moved])
        let difference = TableComparison.compare(old, new)
        #expect(difference.goals == [FieldChange(field: "goals[1]", old: "一", new: "一（改）"), FieldChange(field: "goals[2]", old: "二", new: nil)])
        #expect(difference.indicators.map(\.change) == [.added, .changed, .removed])
        #expect(difference.indicators.map(\.indicatorID) == [3, 1, 2])
        #expect(
            difference.indicators[1].fields == [
                FieldChange(field: "position", old: "1", new: "2"),
                FieldChange(field: "value", old: "140", new: "150"),
                FieldChange(field: "unit", old: "人", new: "名"),
            ]
        )
        #expect(difference.indicators[1].name == "人数")
        #expect(difference.indicators[0].fields.contains(FieldChange(field: "level3", old: nil, new: "满意度")))
        #expect(difference.indicators[2].fields.contains(FieldChange(field: "value", old: "明显", new: nil)))
        #expect(difference.indicators[2].position == 2 && difference.indicators[2].name == "就业")
    }

    @Test("\"since the last submission\" skips the current one where the content is it: in review and approved")
    func submittedContent() {
        #expect(TableStatus.allCases.filter(\.holdsSubmittedContent) == [.submitted, .supervisorApproved, .approved])
    }
}
