import Testing

@testable import JixiaoCore

/// A document from rows of cells: cells joined by tabs, rows by `separator`.
func seedText(_ rows: [[String]], separator: String = "\n") -> String {
    rows.map { $0.joined(separator: "\t") }.joined(separator: separator)
}

/// A small project table in the seed's layout (title on lines 1–2, indicator header on line 9),
/// followed by `rows` from line 10 on.
func seedProject(_ rows: [[String]], funds: String = "64.09", header: Bool = true) -> [[String]] {
    var lines: [[String]] = [
        ["**项目支出绩效目标表"], ["(2025年度)**"], [""],
        ["项目名称", "", "测试项目"],
        ["项目主管部门", "", "和政县人力资源和社会保障局", "", "项目实施单位", "", "和政县就业服务中心"],
        ["项目资金 (万元)", "", "年度资金总额:", "", funds],
        ["", "", "其中: 财政资金", "", funds],
        ["总体目标", "", "目标1: 保障。"],
    ]
    lines.append(header ? ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值类型", "指标值", "度量单位", "指标值内容"] : [""])
    return lines + rows
}

/// Rows that give a project table every required category.
let seedCompleteRows: [[String]] = [
    ["", "成本指标", "经济成本指标", "成本控制", "=", "64.09", "万元", ""],
    ["", "产出指标", "数量指标", "受益人数", "=", "58", "人", ""],
    ["", "效益指标", "社会效益指标", "生活水平", "定性", "提高", "", ""],
    ["", "满意度指标", "服务对象满意度指标", "满意度", "≥", "98", "%", ""],
]

@Suite("Seed parser on documents it has never seen")
struct SeedParserEdgeTests {
    @Test("a clean project table: no findings, no issues")
    func clean() throws {
        let document = SeedParser.parse(seedText(seedProject(seedCompleteRows)))
        let table = try #require(document.tables.first)
        #expect(document.tables.count == 1)
        #expect(table.indicators.map(\.line) == [10, 11, 12, 13])
        #expect(table.findings.isEmpty, "\(table.findings)")
        #expect(table.unitName == "和政县就业服务中心")
    }

    @Test("a table continued after a page break, with the header row repeated")
    func repeatedHeader() throws {
        let rows =
            seedCompleteRows.prefix(2) + [
                [""], ["", ""],
                ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值类型", "指标值", "度量单位", "指标值内容"],
                ["", "", "", "工作时长", "≥", "8", "小时", ""],
            ] + seedCompleteRows.suffix(2)
        let document = SeedParser.parse(seedText(seedProject(Array(rows))))
        let table = try #require(document.tables.first)
        #expect(document.tables.count == 1)
        #expect(table.indicators.map(\.level3) == ["成本控制", "受益人数", "工作时长", "生活水平", "满意度"])
        // "Same as above" goes on across the break.
        #expect(table.indicators[2].level1 == "产出指标" && table.indicators[2].level2 == "数量指标")
        #expect(table.indicators[2].line == 15)
        #expect(table.issues.isEmpty)
    }

    @Test("a table continued under a 续表 title is one table")
    func continuationTitle() throws {
        let rows = seedCompleteRows.prefix(2) + [["项目支出绩效目标表（续表）"], ["（2025年度）"]] + seedCompleteRows.suffix(2)
        let document = SeedParser.parse(seedText(seedProject(Array(rows))))
        #expect(document.tables.count == 1)
        #expect(document.tables.first?.indicators.count == 4)
        #expect(document.tables.first?.issues == [])
        #expect(document.lines.filter { $0.role == .title }.map(\.number) == [1, 12])
    }

    @Test("a value two cells right of its column, and a unit one cell right of its own")
    func doubleShift() throws {
        let rows =
            seedCompleteRows + [
                ["", "", "质量指标", "合格率", "≥", "", "", "95", "%"],
                ["", "", "", "完成率", "≥", "90", "", "%"],
            ]
        let table = try #require(SeedParser.parse(seedText(seedProject(rows))).tables.first)
        let quality = try #require(seedIndicator(table, line: 14))
        #expect((quality.comparator, quality.value, quality.unitOfMeasure, quality.remark) == (.gte, "95", "%", ""))
        let done = try #require(seedIndicator(table, line: 15))
        #expect((done.level2, done.comparator, done.value, done.unitOfMeasure, done.content) == ("质量指标", .gte, "90", "%", ""))
        #expect(table.issues.isEmpty)
    }

    static let spellings: [(String, IndicatorComparator)] = [
        ("≧", .gte), ("≦", .lte), (">=", .gte), ("<=", .lte), ("\\geq", .gte), ("\\leq", .lte), ("$\\geq$", .gte),
        ("＞", .gt), ("＜", .lt), ("＝", .eq), (">", .gt), ("<", .lt), ("=", .eq), ("≥", .gte), ("≤", .lte),
        ("定量", .quantitative), ("不低于", .gte),
    ]

    @Test("comparators in every spelling of the sources", arguments: 0..<spellings.count)
    func spelling(index: Int) throws {
        let (spelling, comparator) = Self.spellings[index]
        let rows = seedCompleteRows + [["", "", "", "合格率", spelling, "95", "%", ""]]
        let table = try #require(SeedParser.parse(seedText(seedProject(rows))).tables.first)
        let row = try #require(seedIndicator(table, line: 14))
        #expect(row.comparator == comparator)
        #expect(row.value == "95" && row.unitOfMeasure == "%")
    }

    @Test("CRLF line ends, a BOM, full-width punctuation and digits")
    func fullWidth() throws {
        var rows = seedProject(seedCompleteRows, funds: "６４．０９")
        rows[3] = ["项目名称：", "", "测试项目"]
        rows[6] = ["", "", "其中：财政资金", "", "６４．０９"]
        let document = SeedParser.parse("\u{FEFF}" + seedText(rows, separator: "\r\n"))
        let table = try #require(document.tables.first)
        #expect(table.fundsTotal == wan("64.09"))
        #expect(table.indicators.map(\.line) == [10, 11, 12, 13])
        guard case .project(let header) = table.header else {
            Issue.record("not a project")
            return
        }
        #expect(header.projectName == "测试项目")
        #expect(header.fiscalFunds == wan("64.09"))
        #expect(table.findings.isEmpty, "\(table.findings)")
    }

    @Test("an unreadable line is a parse issue with its line number, never silently dropped")
    func unreadable() throws {
        let rows = seedCompleteRows + [["注：本表数据为预算数"]]
        let document = SeedParser.parse(seedText(seedProject(rows)))
        let table = try #require(document.tables.first)
        #expect(table.indicators.count == 4)
        #expect(table.issues.map(\.code) == [.unreadableRow])
        #expect(table.issues.first?.line == 14)
        #expect(table.issues.first?.severity == .error)
        #expect(table.findings.map(\.code) == ["unreadable-row"])
        #expect(document.lines.last == SeedLine(number: 14, role: .reported, table: 0))
    }

    @Test("a junk comparator keeps the indicator and reports the cell")
    func junkComparator() throws {
        let rows = seedCompleteRows + [["", "", "", "合格率", "大概", "95", "%", ""]]
        let table = try #require(SeedParser.parse(seedText(seedProject(rows))).tables.first)
        let row = try #require(seedIndicator(table, line: 14))
        #expect(row.level3 == "合格率" && row.comparator == nil && row.value == "95")
        #expect(table.issues.map(\.code) == [.unreadableComparator])
        #expect(table.issues.first?.line == 14)
    }

    @Test("a row cut short after its name is reported incomplete")
    func truncated() throws {
        let rows = seedCompleteRows + [["", "", "", "合格率"]]
        let table = try #require(SeedParser.parse(seedText(seedProject(rows))).tables.first)
        #expect(table.indicators.last?.level3 == "合格率")
        #expect(table.issues.map(\.code) == [.incompleteRow])
        #expect(table.issues.first?.message.contains("no comparator (指标值类型), no value (指标值)") == true)
    }

    @Test("indicator rows without their header row are read with the usual columns, and reported")
    func missingHeader() throws {
        let table = try #require(SeedParser.parse(seedText(seedProject(seedCompleteRows, header: false))).tables.first)
        #expect(table.indicators.map(\.level3) == ["成本控制", "受益人数", "生活水平", "满意度"])
        #expect(table.issues.map(\.code) == [.missingIndicatorHeader])
        #expect(table.issues.first?.line == 10)
    }

    @Test("a header row inside the indicator list (a lost title) is reported, not read as an indicator")
    func lostTitle() throws {
        let rows = seedCompleteRows + [["项目名称", "", "另一个项目"], ["", "成本指标", "经济成本指标", "资金", "=", "5", "万元", ""]]
        let table = try #require(SeedParser.parse(seedText(seedProject(rows))).tables.first)
        #expect(table.issues.map(\.code) == [.unreadableRow])
        #expect(table.issues.first?.line == 14)
        #expect(table.indicators.count == 5)
    }

    @Test("text before the first title is a document issue; a table without rows is reported")
    func outside() throws {
        let document = SeedParser.parse(seedText([["说明文字"], ["附件1"], ["项目支出绩效目标表（2025年度）"], ["项目名称", "空表"]]))
        #expect(document.issues.map(\.code) == [.textOutsideTable])
        #expect(document.issues.first?.line == 1)
        #expect(document.lines.map(\.role) == [.reported, .caption, .title, .header])
        let table = try #require(document.tables.first)
        #expect(table.issues.map(\.code) == [.missingName, .missingName, .noIndicators])
        #expect(table.findings.map(\.code).contains("missing-goal"))
    }

    @Test("a title without a year is reported, and department figures are read")
    func noYear() throws {
        let rows: [[String]] = [
            ["某单位整体支出绩效目标表"],
            ["部门（单位）", "某单位"],
            ["当年预算构成（万元）", "部门（单位）收入预算", "", "部门（单位）支出预算"],
            ["", "本级财政安排", "10", "人员经费", "abc"],
            ["", "收入预算合计", "10", "支出预算合计", "10"],
            ["年度绩效目标", "1.保障运转；2.提高服务"],
            ["一级指标", "二级指标", "三级指标", "指标值类型", "指标值", "度量单位", "指标值内容", "备注"],
            ["基本运行指标", "预算收支管理", "预算执行率", "≥", "98", "%", "", ""],
        ]
        let table = try #require(SeedParser.parse(seedText(rows)).tables.first)
        #expect(table.fiscalYear == nil)
        #expect(table.unitName == "某单位" && table.supervisingUnitName == "某单位")
        #expect(table.goals == ["1.保障运转；", "2.提高服务"])
        #expect(table.issues.map(\.code) == [.missingFiscalYear, .unreadableValue])
        #expect(table.issues.map(\.line) == [1, 4])
    }

    static let goalCases: [(String, [String])] = [
        ("目标1：保障。", ["目标1：保障。"]),
        ("目标1：保障。 目标2：提高。", ["目标1：保障。", "目标2：提高。"]),
        ("<p>甲</p> <p>乙</p>", ["甲", "乙"]),
        ("1.资金足额；2、按时发放", ["1.资金足额；", "2、按时发放"]),
        ("（1）甲；（2）乙；（3）丙", ["（1）甲；", "（2）乙；", "（3）丙"]),
        ("目标一：甲 目标二：乙", ["目标一：甲", "目标二：乙"]),
        ("拨付标准1.105万元，覆盖2.5万人", ["拨付标准1.105万元，覆盖2.5万人"]),
        ("总述。 1. 甲 2. 乙", ["总述。", "1. 甲", "2. 乙"]),
        ("不足 < 5% 时补足", ["不足 < 5% 时补足"]),
        ("<p></p>", []),
    ]

    @Test("goal texts: paragraphs and numbered goals apart", arguments: 0..<goalCases.count)
    func goals(index: Int) {
        let (text, goals) = Self.goalCases[index]
        #expect(SeedGoals.split(text) == goals)
    }

    @Test("one header cell holding label and value, and a field stated twice")
    func headerCells() throws {
        var rows = seedProject(seedCompleteRows)
        rows[5] = ["年度资金总额：64.09"]
        rows.insert(["项目名称", "别的名字"], at: 8)
        let table = try #require(SeedParser.parse(seedText(rows)).tables.first)
        #expect(table.fundsTotal == wan("64.09"))
        #expect(table.issues.map(\.code) == [.conflictingHeaderValue])
        #expect(table.issues.first?.line == 9)
        guard case .project(let header) = table.header else {
            Issue.record("not a project")
            return
        }
        #expect(header.projectName == "测试项目")
    }
}
