import Foundation
import Testing

@testable import JixiaoCore

/// The whole real seed, `shared/seeds/000_f6b97af974f3ec0e.txt`, read by `SeedParser`.
/// Expected figures were counted by hand from the file.
@Suite("Seed parser over the real seed document")
struct SeedParserTests {
    static let bureau = "和政县人力资源和社会保障局"
    static let pension = "和政县社保中心"
    static let centre = "和政县就业服务中心"
    static let labour = "和政县劳务工作办公室"

    @Test("13 tables, their kinds, title lines and fiscal year")
    func tables() throws {
        let document = try #require(SeedFile.document)
        #expect(
            document.tables.map(\.kind) == [
                .department, .project, .project, .department, .department, .project, .transfer,
                .project, .project, .project, .project, .project, .project,
            ]
        )
        #expect(document.tables.map(\.sourceLine) == [3, 60, 84, 109, 165, 221, 245, 263, 281, 299, 317, 335, 353])
        #expect(document.tables.allSatisfy { $0.fiscalYear == 2025 })
        #expect(document.tables[0].title == "和政县人社局部门（单位）整体支出绩效目标表（2025年度）")
        #expect(document.tables[1].title == "项目支出绩效目标表(2025年度)")
        #expect(document.tables[6].title == "省级对地方专项转移支付区域绩效目标表（中央财政普惠金融发展专项资金）（2025年度）")
        #expect(document.issues.isEmpty)
    }

    @Test("indicator count of every table, counted by hand (blank page-break lines and 附件2 are not rows)")
    func indicatorCounts() throws {
        let document = try #require(SeedFile.document)
        // 26–58 minus blank 37; 70–82; 94–107; 132–163 minus 143; 188–219 minus 199; 231–241;
        // 253–258 and 260–261; then 273–279, 291–297, 309–315, 327–333, 345–351, 363–369.
        #expect(document.tables.map(\.indicators.count) == [32, 13, 14, 31, 31, 11, 8, 7, 7, 7, 7, 7, 7])
        #expect(document.tables.map(\.indicators.count).reduce(0, +) == 182)
        for table in document.tables {
            #expect(table.indicators.map(\.position) == Array(1...table.indicators.count))
            #expect(table.indicators.map(\.id) == (1...table.indicators.count).map(Int64.init))
            let lines = table.indicators.compactMap(\.line)
            #expect(lines.count == table.indicators.count)
            #expect(lines == lines.sorted() && Set(lines).count == lines.count)
            #expect(lines.allSatisfy { table.sourceLine < $0 && $0 <= table.lastLine })
        }
        let transfer = document.tables[6]
        #expect(transfer.indicators.compactMap(\.line) == [253, 254, 255, 256, 257, 258, 260, 261])
    }

    @Test("units, supervising departments and funds; the document's alias 和政县人社局 is resolved")
    func units() throws {
        let document = try #require(SeedFile.document)
        let bureau = Self.bureau
        let pension = Self.pension
        let centre = Self.centre
        #expect(
            document.tables.map(\.unitName) == [
                bureau, bureau, bureau, Self.labour, centre, centre, pension, pension, pension, pension, pension, pension, pension,
            ]
        )
        // The bureau supervises itself; its 直属单位 list names 劳务工作办公室 and 就业服务中心.
        #expect(document.tables.map(\.supervisingUnitName) == Array(repeating: bureau, count: 13))
        #expect(
            document.tables.map { $0.fundsTotal?.description } == [
                nil, "64.09", "140", nil, nil, "900", "7183", "1400", "500", "17", "1100", "1203", "30",
            ]
        )
        #expect(document.unitAliases == ["和政县人社局": bureau])
        guard case .transfer(let transfer) = document.tables[6].header else {
            Issue.record("table 7 is not a transfer table")
            return
        }
        // The header keeps what the document says.
        #expect(
            transfer
                == TransferHeader(
                    fundName: "普惠金融发展专项资金",
                    supervisingUnit: "和政县人社局",
                    implementingUnit: pension,
                    fundsTotal: wan("7183")
                )
        )
        let names = document.tables.compactMap { table -> String? in
            if case .project(let header) = table.header { return header.projectName }
            return nil
        }
        #expect(
            names == [
                "三支一扶生活补助及社会保险差额部分", "2024年全县一般干部考核优秀奖金", "长期临聘人员工资",
                "机关事业单位丧葬抚恤金及退休补贴", "机关事业单位养老保险养老金财政部分",
                "企业职工养老保险退休职工取暖费(2021年后退休)", "机关事业单位退休职工取暖费",
                "城乡居民基本养老保险县级补贴", "企业职工养老保险县级补贴",
            ]
        )
        guard case .project(let bonus) = document.tables[2].header else {
            Issue.record("table 3 is not a project table")
            return
        }
        #expect(
            bonus
                == ProjectHeader(
                    projectName: "2024年全县一般干部考核优秀奖金",
                    supervisingDepartment: bureau,
                    implementingUnit: bureau,
                    fundsTotal: wan("140"),
                    fiscalFunds: wan("140")
                )
        )
    }

    @Test("department headers: label/value pairs, figures under a row of labels, labels cut short")
    func departmentHeaders() throws {
        let document = try #require(SeedFile.document)
        guard case .department(let bureau) = document.tables[0].header,
            case .department(let labour) = document.tables[3].header,
            case .department(let centre) = document.tables[4].header
        else {
            Issue.record("tables 1, 4, 5 are not department tables")
            return
        }
        #expect(bureau.contact == "康亚运")
        #expect(bureau.phone == "13993018795")
        #expect(bureau.legalBasis?.hasPrefix("依据：和政县人力资源和社会保障局关于印发") == true)
        #expect(bureau.functionOverview?.hasPrefix("职能简述：") == true)
        #expect(bureau.majorChange == false)
        #expect(bureau.majorChangeContent == "无")
        #expect(bureau.subordinateUnits?.hasSuffix("就业服务中心等7个事业单位") == true)
        #expect(bureau.internalDepartments?.hasPrefix("内设办公室") == true)
        #expect(bureau.systemBuilding == "建立健全各项基本制度")
        #expect(bureau.staffing == Staffing(budgeted: 25, actual: 29, administrative: 19, institutional: 6, external: 4))
        #expect(bureau.priorYear == PriorYearBudget(approved: wan("9757.7"), actualSpent: wan("7618.51"), executionRate: "78%"))
        #expect(bureau.income == IncomeBudget(superior: wan("8892.32"), local: wan("6721.906"), total: wan("15614.226")))
        #expect(
            bureau.expense
                == ExpenseBudget(
                    personnel: wan("1277.11"),
                    publicFunds: wan("90.706"),
                    project: wan("14246.41"),
                    total: wan("15614.226")
                )
        )

        // Lines 120–129: labels spread over empty cells, 预算批 and 年末结转结 cut short.
        #expect(labour.contact == "沈开太")
        #expect(labour.phone == "0930-5523729")
        #expect(labour.staffing == Staffing(budgeted: 10, actual: 13, administrative: 6, institutional: 3, external: 4))
        #expect(
            labour.priorYear
                == PriorYearBudget(
                    approved: wan("166.63"),
                    adjusted: wan("166.63"),
                    actualSpent: wan("166.63"),
                    executionRate: "100%",
                    carryover: wan("0")
                )
        )
        #expect(labour.income == IncomeBudget(superior: wan("0"), local: wan("161.16"), other: wan("0"), total: wan("161.16")))
        #expect(labour.expense == ExpenseBudget(personnel: wan("157.56"), publicFunds: wan("9.576"), project: wan("0"), total: wan("161.16")))

        #expect(centre.legalBasis == "和编委发【2015】30号")
        #expect(centre.majorChange == false)  // written 无
        #expect(centre.internalDepartments == nil)  // empty cell
        #expect(centre.staffing == Staffing(budgeted: 12, actual: 15, administrative: 12, institutional: 3, external: 0))
        #expect(
            centre.priorYear
                == PriorYearBudget(
                    approved: wan("7547.36"),
                    adjusted: wan("7547.363101"),
                    actualSpent: wan("7547.363101"),
                    executionRate: "100%",
                    carryover: wan("0")
                )
        )
        #expect(centre.expense.total == wan("9874.56"))
    }

    @Test("goals: HTML removed, numbered goals apart, unnumbered text whole")
    func goals() throws {
        let document = try #require(SeedFile.document)
        #expect(document.tables.map(\.goals.count) == [1, 1, 1, 2, 3, 3, 3, 1, 1, 1, 1, 1, 1])
        #expect(document.tables[0].goals == ["保障单位正常运转，不断提高服务水平； 购置办公用品及日常开支； 用于解决单位工作实施所发生的办公用品、交通、差旅费等方面支出。"])
        #expect(
            document.tables[3].goals == [
                "目标1: 保障单位在职人员工资、社会保障缴费、住房公积金正常发放和缴纳。",
                "目标2: 加强劳务信息宣传和保障全县富余劳动力实现就近就地转移就业。",
            ]
        )
        #expect(document.tables[4].goals.map { String($0.prefix(4)) } == ["目标1：", "目标2：", "目标3："])
        #expect(document.tables[4].goals[2] == "目标3：确保年末城镇登记失业率保持在目标范围内。")
        #expect(document.tables[5].goals[0].hasPrefix("年度目标: 通过长期临聘岗位开发"))
        #expect(document.tables[5].goals[1] == "目标1: 资金按规定用于长期临聘人员工资, 391人, 每月预计80万元, 退职人员补贴40万, 合计1000万元。")
        let all = document.tables.flatMap(\.goals)
        #expect(!all.contains { $0.contains("<") || $0.contains(">") })
    }

    /// (line, table, level1, level2, level3, comparator, value, unit, content)
    static let shiftedRows: [(Int, Int, String, String, String, IndicatorComparator?, String, String, String)] = [
        // Shifted left: the level-1 cell missing (人员管理 stands in the level-1 column).
        (36, 0, "基本运行指标", "人员管理", "在职人员控制率", .lte, "5", "%", ""),
        // After the blank line of a page break, "same as above" goes on.
        (38, 0, "基本运行指标", "绩效管理", "预算绩效管理工作成效", .qualitative, "较上年提升", "", ""),
        // `成本控制 · 定性 预算内`: the name two cells left, an empty cell before the comparator.
        (47, 0, "重点履职指标", "成本指标", "成本控制", .qualitative, "预算内", "", ""),
        (103, 2, "产出指标", "时效指标", "资金拨付及时性", .qualitative, "及时", "", "及时"),
        // `定性 · 合规` and `≥ · 3 %`: an empty cell inserted after the comparator.
        (136, 3, "基本运行指标", "财会管理", "资金使用合规性", .qualitative, "合规", "", ""),
        (139, 3, "基本运行指标", "采购管理", "政府采购节约率", .gte, "3", "%", ""),
        (142, 3, "基本运行指标", "人员管理", "在职人员控制率", .lte, "5", "%", ""),
        (152, 3, "重点履职指标", "成本指标", "预算支出经费", .eq, "161.16", "万元", ""),
        (209, 4, "重点履职指标", "成本指标", "预算支出", .eq, "1172.36", "万元", ""),
        // Shifted right by one (lines 364–369 of the last table).
        (363, 12, "成本指标", "经济成本指标", "企业职工养老保险县级补贴", .quantitative, "30", "万元", ""),
        (364, 12, "产出指标", "数量指标", "预计发放人员", .gte, "50", "人", ""),
        (365, 12, "产出指标", "质量指标", "发放标准", .gte, "10", "元/人", ""),
        (369, 12, "满意度指标", "服务对象满意度指标", "享受补贴资金个人满意度", .gte, "80", "%", ""),
        // Four-column transfer table, shifted left before the page break.
        (258, 6, "效益指标", "服务对象", "申报定向费用补贴的金融机构满意度", .gte, "80", "%", ""),
    ]

    @Test("shifted rows are read into the right columns", arguments: 0..<shiftedRows.count)
    func shifted(index: Int) throws {
        let (line, tableIndex, level1, level2, level3, comparator, value, unit, content) = Self.shiftedRows[index]
        let document = try #require(SeedFile.document)
        let row = try #require(seedIndicator(document.tables[tableIndex], line: line))
        #expect(row.level1 == level1)
        #expect(row.level2 == level2)
        #expect(row.level3 == level3)
        #expect(row.comparator == comparator)
        #expect(row.value == value)
        #expect(row.unitOfMeasure == unit)
        #expect(row.content == content)
        #expect(row.remark == "")
    }

    /// (line, table, level3, comparator, value, unit)
    static let valueCells: [(Int, Int, String, IndicatorComparator?, String, String)] = [
        // LaTeX after the page break of the transfer table.
        (260, 6, "申报创业担保贷款贴息资金个人满意度", .gte, "80", "%"),
        (261, 6, "申报创业担保贷款贴息小微企业满意度", .gte, "80", "%"),
        // `\geq` in the comparator column.
        (292, 8, "新增退休人员", .gte, "755", "人"),
        (347, 11, "发放标准", .gte, "10", "元/人"),
        // Value and unit in one cell, with or without comparator.
        (254, 6, "创业担保贷款回收率", .gte, "90", "%"),
        (255, 6, "资金足额拨付率", nil, "100", "%"),
        (257, 6, "金融机构网点覆盖率", .gte, "60", "%"),
        (253, 6, "本年度创业担保贷款发放额", nil, "较上年增长", ""),
        // 定量 in the column refined by the comparator inside the value (`≥60%`).
        (331, 10, "退休业家庭帮扶率", .gte, "60", "%"),
        (333, 10, "享受补贴资金个人满意度", .gte, "80", "%"),
        // 定量 with a plain value: kept as 定量 (the content `≥80%` is not the comparator).
        (238, 5, "零就业家庭帮扶率", .quantitative, "80", "%"),
        // `= 2025年 全年`: the unit column is taken as written, so the value stays `2025年`.
        (44, 0, "资金到位时限", .eq, "2025年", "全年"),
    ]

    @Test("comparators written as LaTeX, and value cells carrying comparator and unit", arguments: 0..<valueCells.count)
    func valueCell(index: Int) throws {
        let (line, tableIndex, level3, comparator, value, unit) = Self.valueCells[index]
        let document = try #require(SeedFile.document)
        let row = try #require(seedIndicator(document.tables[tableIndex], line: line))
        #expect(row.level3 == level3)
        #expect(row.comparator == comparator)
        #expect(row.value == value)
        #expect(row.unitOfMeasure == unit)
    }

    @Test("the page break inside the transfer table: level names after it, 象 满意度 指标 kept as written")
    func transferPageBreak() throws {
        let document = try #require(SeedFile.document)
        let transfer = document.tables[6]
        let after = try #require(seedIndicator(transfer, line: 260))
        #expect(after.level1 == "满意度指标")
        #expect(after.level2 == "象 满意度 指标")
        let next = try #require(seedIndicator(transfer, line: 261))
        #expect(next.level1 == "满意度指标" && next.level2 == "象 满意度 指标")
    }

    /// What each table deserves, as (code, line); nil line for header-level findings.
    static let expectedFindings: [[CodeAtLine]] = [
        // 2025年 is no number for `=`; 群众满意度 98 without unit; the cut label 持续发展能力指.
        [.init("value-not-numeric", 44), .init("unit-missing", 54), .init("unknown-category", 55)],
        // 效益 rows carry 社会效益指标 in the level-1 column.
        [.init("missing-category", nil), .init("unknown-category", 79)],
        // funds 140 万元, cost indicator 160 万元.
        [.init("cost-mismatch", 94)],
        // 157.56 + 9.576 + 0 = 167.136 ≠ 161.16.
        [.init("budget-expense-sum", nil), .init("unknown-category", 160)],
        [.init("value-not-numeric", 206), .init("unknown-category", 216)],
        // `=` 900 万元 with content `≥900万元`.
        [.init("comparator-conflict", 231)],
        [],
        // 定量 with text values: warnings.
        [.init("value-not-numeric", 274), .init("value-not-numeric", 275), .init("value-not-numeric", 278)],
        [.init("value-not-numeric", 294)],
        // 150 人 × 1250 元/人 = 18.75 万元 > 17 万元.
        [.init("value-not-numeric", 312), .init("quantity-cost-product", 311)],
        [.init("value-not-numeric", 330)],
        [.init("value-not-numeric", 349)],
        [.init("value-not-numeric", 367)],
    ]

    @Test("every table gets exactly the findings it deserves, with line numbers", arguments: 0..<13)
    func findings(index: Int) throws {
        let document = try #require(SeedFile.document)
        let table = document.tables[index]
        #expect(codesAtLines(table.findings) == Self.expectedFindings[index], "table \(index + 1) at line \(table.sourceLine)")
        #expect(table.issues.isEmpty, "the seed reads without parse issues: \(table.issues)")
    }

    @Test("the findings named in the issue, with their figures; no sum findings where sums add up")
    func deservedFindings() throws {
        let document = try #require(SeedFile.document)
        let cost = try #require(document.tables[2].findings.first { $0.code == "cost-mismatch" })
        #expect(cost.severity == .error)
        #expect(cost.message.contains("160") && cost.message.contains("140"))
        let expense = try #require(document.tables[3].findings.first { $0.code == "budget-expense-sum" })
        #expect(expense.severity == .error)
        #expect(expense.message.contains("167.136") && expense.message.contains("161.16"))
        let sums: Set<String> = ["budget-income-sum", "budget-expense-sum", "budget-balance", "execution-rate", "staffing-sum", "funds-sum"]
        for index in [0, 4] {
            #expect(!document.tables[index].findings.contains { sums.contains($0.code) }, "table \(index + 1)")
        }
        #expect(document.tables.filter { table in table.findings.contains { sums.contains($0.code) } }.map(\.sourceLine) == [109])
        // 定量 without a number is a warning; `=` without one is an error.
        #expect(document.tables[7].findings.allSatisfy { $0.severity == .warning })
        #expect(document.tables[0].findings.first?.severity == .error)
    }

    @Test("every non-blank line is accounted for; none is dropped")
    func lines() throws {
        let text = try #require(SeedFile.text)
        let document = try #require(SeedFile.document)
        let nonBlank = seedNonBlankLines(text)
        #expect(document.lines.map(\.number) == nonBlank)
        var roles: [SeedLine.Role: Int] = [:]
        for line in document.lines { roles[line.role, default: 0] += 1 }
        #expect(roles[.indicator] == 182)
        #expect(roles[.title] == 13 && roles[.fiscalYear] == 13 && roles[.indicatorHeader] == 13)
        #expect(roles[.reported] == nil)
        #expect(document.lines.filter { $0.role == .caption }.map(\.number) == [243])
        #expect(document.lines.first { $0.number == 260 }?.table == 6)
    }

    @Test("JSON: the shape of issue 4, nulls written, money as strings, and it decodes back")
    func json() throws {
        let document = try #require(SeedFile.document)
        let report = document.report
        let text = try report.json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let tables = try #require(object["tables"] as? [[String: Any]])
        #expect(tables.count == 13)
        for key in ["kind", "title", "fiscal_year", "unit", "supervising_unit", "funds_total", "indicators", "findings"] {
            #expect(tables.allSatisfy { $0.keys.contains(key) }, "key \(key)")
        }
        let bonus = tables[2]
        #expect(bonus["kind"] as? String == "project")
        #expect(bonus["fiscal_year"] as? Int == 2025)
        #expect(bonus["unit"] as? String == Self.bureau)
        #expect(bonus["supervising_unit"] as? String == Self.bureau)
        #expect(bonus["funds_total"] as? String == "140")
        #expect(tables[0]["funds_total"] is NSNull)
        #expect(tables[0]["kind"] as? String == "department")
        #expect(tables[6]["kind"] as? String == "transfer")
        let indicator = try #require((bonus["indicators"] as? [[String: Any]])?.first)
        #expect(
            Set(indicator.keys) == [
                "level1", "level2", "level3", "comparator", "value", "unit", "content", "remark", "weight", "explanation", "line",
            ]
        )
        #expect(indicator["level3"] as? String == "涉及资金")
        #expect(indicator["comparator"] as? String == "=")
        #expect(indicator["value"] as? String == "160")
        #expect(indicator["unit"] as? String == "万元")
        #expect(indicator["line"] as? Int == 94)
        let finding = try #require((bonus["findings"] as? [[String: Any]])?.first)
        #expect(Set(finding.keys) == ["code", "severity", "message", "line"])
        #expect(finding["code"] as? String == "cost-mismatch")
        #expect(finding["severity"] as? String == "error")
        #expect(finding["line"] as? Int == 94)
        let growth = try #require((tables[6]["indicators"] as? [[String: Any]])?.first)
        #expect(growth["comparator"] is NSNull)
        let decoded = try JSONDecoder().decode(SeedReport.self, from: Data(text.utf8))
        #expect(decoded == report)
    }
}

/// 1-based numbers of the lines holding any text (cells trimmed, Markdown `**` ignored).
func seedNonBlankLines(_ text: String) -> [Int] {
    text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated().compactMap { offset, line in
        let filled = line.split(separator: "\t", omittingEmptySubsequences: false).contains { cell in
            var text = cell.drop { $0.isWhitespace }
            while text.last?.isWhitespace == true { text = text.dropLast() }
            while text.hasPrefix("**") { text = text.dropFirst(2).drop { $0.isWhitespace } }
            while text.hasSuffix("**") {
                text = text.dropLast(2)
                while text.last?.isWhitespace == true { text = text.dropLast() }
            }
            return !text.isEmpty
        }
        return filled ? offset + 1 : nil
    }
}
