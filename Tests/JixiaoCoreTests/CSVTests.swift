import Testing

@testable import JixiaoCore

@Suite("CSV for Excel users")
struct CSVTests {
    @Test("writes a BOM, CRLF line ends and quotes only what needs quoting")
    func writing() {
        let text = CSVText.write([["a", "b,c", "say \"hi\""], ["多行\n文本", " padded", ""]])
        #expect(text == "\u{FEFF}a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"多行\n文本\",\" padded\",\r\n")
    }

    @Test("parses what it writes, including embedded commas, quotes and line breaks")
    func roundTrip() throws {
        let rows = [["table_id", "value"], ["1", "≥90%"], ["2", "a,b"], ["3", "x \"y\"\r\nz"], ["4", ""]]
        let parsed = try CSVText.parse(CSVText.write(rows))
        #expect(parsed.map(\.fields) == rows)
        #expect(parsed.map(\.line) == [1, 2, 3, 4, 6])
    }

    @Test("accepts LF files without BOM and skips blank lines")
    func lenientInput() throws {
        let parsed = try CSVText.parse("a,b\n\n1,2\n")
        #expect(parsed.map(\.fields) == [["a", "b"], ["1", "2"]])
        #expect(parsed.map(\.line) == [1, 3])
    }

    @Test(
        "syntax errors name the line",
        arguments: [
            ("a,b\n1,\"open\n", 2, "not closed"),
            ("a,b\n1,x\"y\n", 2, "quote inside"),
            ("a,b\n1,\"q\"x\n", 2, "after the closing quote"),
        ]
    )
    func syntaxErrors(text: String, line: Int, words: String) {
        #expect {
            try CSVText.parse(text)
        } throws: { error in
            guard let error = error as? CSVText.SyntaxError else { return false }
            return error.line == line && error.message.contains(words)
        }
    }

    @Test("an exported table reads back as edits equal to its indicators")
    func exportReadsBack() throws {
        let indicator = Indicator(
            id: 7,
            position: 1,
            level1: "产出指标",
            level2: "数量指标",
            level3: "人数, 含\"临聘\"",
            comparator: .gte,
            value: "140",
            unitOfMeasure: "人",
            content: "≥140人",
            remark: "",
            version: 3
        )
        let table = TargetTable(
            id: 5,
            title: "项目支出绩效目标表",
            fiscalYear: 2025,
            unitID: 1,
            supervisingUnitID: 1,
            header: .project(ProjectHeader(projectName: "奖补")),
            goals: [],
            indicators: [indicator]
        )
        let text = IndicatorCSV.export([(table, "和政县就业服务中心")])
        #expect(text.hasPrefix("\u{FEFF}table_id,fiscal_year,unit,"))
        let edits = try IndicatorCSV.readEdits(text)
        #expect(edits.count == 1)
        let edit = try #require(edits.first)
        #expect(edit.tableID == 5 && edit.indicatorID == 7 && edit.expectVersion == 3 && edit.line == 2)
        #expect(edit.level3 == indicator.level3 && edit.comparator == .gte && edit.value == "140" && edit.unitOfMeasure == "人")
    }

    @Test(
        "edit files with problems are refused with line and column",
        arguments: [
            ("table_id,value\n1,2\n", 1, "indicator_id"),
            ("\(IndicatorCSV.columns.joined(separator: ","))\nx,2025,u,t,draft,1,1,1,1,a,b,c,≥,1,%,,\n", 2, "table_id"),
            ("\(IndicatorCSV.columns.joined(separator: ","))\n1,2025,u,t,draft,1,9,,1,a,b,c,≥,1,%,,\n", 2, "indicator_version"),
            ("\(IndicatorCSV.columns.joined(separator: ","))\n1,2025,u,t,draft,1,9,2,1,a,b,c,about,1,%,,\n", 2, "comparator"),
        ]
    )
    func badEditFiles(text: String, line: Int, column: String) {
        #expect {
            try IndicatorCSV.readEdits(text)
        } throws: { error in
            guard let error = error as? IndicatorCSV.ReadError else { return false }
            return error.line == line && error.column == column
        }
    }
}
