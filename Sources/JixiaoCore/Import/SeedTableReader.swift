/// Reads the lines of one table, from its title to the next title: the header block
/// (labels and values), the goals, then the indicator list.
struct SeedTableReader {
    let kind: TableKind
    let title: String
    let titleLine: Int
    var lastLine: Int
    var issues: [ParseIssue] = []

    private var fields: [HeaderField: (text: String, line: Int)] = [:]
    /// Labels of a row whose values stand in the next row (编制人员数 … / 25 …), by cell index.
    private var pendingColumns: [(index: Int, field: HeaderField)] = []
    private var goalTexts: [(text: String, line: Int)] = []
    private var lastRowWasGoal = false

    private var layout: IndicatorLayout?
    private var indicators: [Indicator] = []
    private var level1 = ""
    private var level2 = ""

    init(kind: TableKind, title: String, titleLine: Int) {
        self.kind = kind
        self.title = title
        self.titleLine = titleLine
        self.lastLine = titleLine
    }

    /// Reads one non-blank line; returns what it became.
    mutating func read(_ cells: [String], line: Int) -> SeedLine.Role {
        self.lastLine = line
        if let layout = IndicatorLayout.detect(cells) {
            // The first header row, or one repeated after a page break: the list goes on.
            self.layout = layout
            self.pendingColumns = []
            return .indicatorHeader
        }
        if cells.count(where: { !$0.isEmpty }) == 1, let only = cells.first(where: { !$0.isEmpty }), SeedText.isCaption(only) {
            return .caption
        }
        if let layout = self.layout {
            return self.readIndicator(cells, line: line, layout: layout)
        }
        if let withComparator = self.indicatorRowShape(cells) {
            let layout = IndicatorLayout.standard(for: self.kind, withComparator: withComparator)
            self.layout = layout
            self.issues.append(
                ParseIssue(
                    .missingIndicatorHeader,
                    "indicator rows begin without the 一级指标/二级指标/三级指标 header row; read with the usual columns of a \(self.kind.rawValue) table",
                    line: line
                )
            )
            return self.readIndicator(cells, line: line, layout: layout)
        }
        return self.readHeader(cells, line: line)
    }

    /// Whether a row met before any indicator header row is an indicator row, and whether it has
    /// a comparator column: a cell that is a comparator (`≥`, `定性`; header values never are),
    /// or, without one, a value with its comparator (`≥90%`) after a non-label first cell. Nil for header rows.
    private func indicatorRowShape(_ cells: [String]) -> Bool? {
        if cells.dropFirst().contains(where: { IndicatorComparator(parsing: $0) != nil }) { return true }
        let first = cells.firstIndex { !$0.isEmpty }
        guard let first, HeaderLabels.field(cells[first], kind: self.kind) == nil,
            HeaderLabels.inlineField(cells[first], kind: self.kind) == nil,
            cells.indices.contains(where: { $0 > first && SeedText.carriesComparator(cells[$0]) })
        else { return nil }
        return false
    }

    // MARK: - Indicators

    private mutating func readIndicator(_ cells: [String], line: Int, layout: IndicatorLayout) -> SeedLine.Role {
        let first = SeedText.key(cells.first { !$0.isEmpty } ?? "")
        if HeaderLabels.isGoalLabel(key: first) {
            // Goals written below the indicator list.
            self.goalTexts.append((cells.filter { !$0.isEmpty }.dropFirst().joined(separator: " "), line))
            return .goal
        }
        if HeaderLabels.startsHeader(key: first) {
            self.issues.append(
                ParseIssue(
                    .unreadableRow,
                    "header row '\(cells.filter { !$0.isEmpty }.joined(separator: " | "))' inside the indicator list: is a table title missing above it? The line is not imported",
                    line: line
                )
            )
            return .reported
        }
        switch IndicatorRowReader.read(cells, line: line, layout: layout) {
        case .indicator(var row, let rowIssues):
            self.issues += rowIssues
            // Empty level cells mean "same as above"; a new level 1 starts its own level 2.
            if row.level1.isEmpty {
                row.level1 = self.level1
                if row.level2.isEmpty { row.level2 = self.level2 }
            }
            self.level1 = row.level1
            self.level2 = row.level2
            let position = self.indicators.count + 1
            var indicator = Indicator(
                id: Int64(position),
                position: position,
                level1: row.level1,
                level2: row.level2,
                level3: row.level3,
                comparator: row.comparator,
                value: row.value,
                unitOfMeasure: row.unit,
                content: row.content,
                remark: row.remark,
                line: line
            )
            indicator.weight = row.weight
            indicator.explanation = row.explanation
            self.indicators.append(indicator)
            return .indicator
        case .labels(let level1, let level2, let rowIssues):
            self.issues += rowIssues
            if !level1.isEmpty {
                self.level1 = level1
                self.level2 = level2
            } else {
                self.level2 = level2
            }
            return .reported
        case .unreadable(let rowIssues):
            self.issues += rowIssues
            return .reported
        }
    }

    // MARK: - Header

    private mutating func readHeader(_ cells: [String], line: Int) -> SeedLine.Role {
        let entries = cells.enumerated().filter { !$0.element.isEmpty }.map { (index: $0.offset, text: $0.element) }
        var labelsWithoutValue: [(index: Int, field: HeaderField)] = []
        var unread: [String] = []
        var sawLabel = false
        var sawGoal = false
        var position = 0
        while position < entries.count {
            let entry = entries[position]
            if let field = HeaderLabels.field(entry.text, kind: self.kind) {
                sawLabel = true
                position += 1
                switch field {
                case .group:
                    continue
                case .goals:
                    let text = entries[position...].map(\.text).joined(separator: " ")
                    self.goalTexts.append((text, line))
                    sawGoal = true
                    position = entries.count
                default:
                    if position < entries.count, HeaderLabels.field(entries[position].text, kind: self.kind) == nil {
                        self.set(field, entries[position].text, line: line)
                        position += 1
                    } else {
                        labelsWithoutValue.append((entry.index, field))
                    }
                }
            } else if let (field, value) = HeaderLabels.inlineField(entry.text, kind: self.kind) {
                sawLabel = true
                position += 1
                if field == .goals {
                    self.goalTexts.append((([value] + entries[position...].map(\.text)).joined(separator: " "), line))
                    sawGoal = true
                    position = entries.count
                } else {
                    self.set(field, value, line: line)
                }
            } else {
                unread.append(entry.text)
                position += 1
            }
        }

        if !sawLabel {
            return self.readUnlabelled(entries, line: line)
        }
        self.lastRowWasGoal = sawGoal
        self.pendingColumns = labelsWithoutValue.filter { $0.field.isColumnField }
        if !unread.isEmpty {
            self.issues.append(
                ParseIssue(
                    code: .unexpectedCell,
                    severity: .error,
                    message:
                        "header cell\(unread.count == 1 ? "" : "s") \(unread.map { "'\($0)'" }.joined(separator: ", ")) belong\(unread.count == 1 ? "s" : "") to no label; not imported",
                    line: line
                )
            )
        }
        return sawGoal ? .goal : .header
    }

    /// A header row without labels: the figures under a row of column labels, the continuation
    /// of a goal text, or text that cannot be placed.
    private mutating func readUnlabelled(_ entries: [(index: Int, text: String)], line: Int) -> SeedLine.Role {
        let pending = self.pendingColumns
        self.pendingColumns = []
        if !pending.isEmpty {
            let indices = Set(pending.map(\.index))
            if entries.allSatisfy({ indices.contains($0.index) }) {
                for entry in entries {
                    if let column = pending.first(where: { $0.index == entry.index }) { self.set(column.field, entry.text, line: line) }
                }
                return .header
            }
            if entries.count == pending.count {
                for (entry, column) in zip(entries, pending) { self.set(column.field, entry.text, line: line) }
                return .header
            }
        }
        if self.lastRowWasGoal {
            self.goalTexts.append((entries.map(\.text).joined(separator: " "), line))
            return .goal
        }
        let labels = pending.isEmpty ? "" : " under \(pending.map(\.field.label).joined(separator: ", "))"
        self.issues.append(
            ParseIssue(
                .unreadableHeaderRow,
                "header line '\(entries.map(\.text).joined(separator: " | "))'\(labels) has no known label; not imported",
                line: line
            )
        )
        return .reported
    }

    private mutating func set(_ field: HeaderField, _ text: String, line: Int) {
        if let existing = self.fields[field] {
            if SeedText.key(existing.text) != SeedText.key(text) {
                self.issues.append(
                    ParseIssue(
                        .conflictingHeaderValue,
                        "\(field.label) is '\(existing.text)' on line \(existing.line) and '\(text)' here; the first is kept",
                        line: line
                    )
                )
            }
            return
        }
        self.fields[field] = (text, line)
    }

    // MARK: - Result

    /// The table as read; unit names are resolved across the document by the parser afterwards.
    mutating func finish(fiscalYear: Int?) -> ParsedTable {
        let header = self.buildHeader()
        var goals: [String] = []
        for (text, _) in self.goalTexts { goals += SeedGoals.split(text) }
        if self.indicators.isEmpty {
            self.issues.append(
                ParseIssue(
                    .noIndicators,
                    "the table '\(self.title)' has no indicator rows\(self.layout == nil ? " (no 一级指标/二级指标/三级指标 header row either)" : "")",
                    line: self.titleLine
                )
            )
        }
        if fiscalYear == nil {
            self.issues.append(
                ParseIssue(
                    .missingFiscalYear,
                    "the title '\(self.title)' states no fiscal year such as （2025年度）",
                    line: self.titleLine
                )
            )
        }
        let ordered = self.issues.enumerated()
            .sorted { ($0.element.line ?? Int.max, $0.offset) < ($1.element.line ?? Int.max, $1.offset) }
            .map(\.element)
        var unit: String?
        var supervising: String?
        switch header {
        case .department: unit = self.text(.unitName)
        case .project(let project): (unit, supervising) = (project.implementingUnit, project.supervisingDepartment)
        case .transfer(let transfer): (unit, supervising) = (transfer.implementingUnit, transfer.supervisingUnit)
        }
        return ParsedTable(
            kind: self.kind,
            title: self.title,
            fiscalYear: fiscalYear,
            unitName: unit,
            supervisingUnitName: supervising,
            fundsTotal: header.funds?.fundsTotal,
            header: header,
            goals: goals,
            indicators: self.indicators,
            sourceLine: self.titleLine,
            lastLine: self.lastLine,
            issues: ordered
        )
    }

    private func text(_ field: HeaderField) -> String? {
        self.fields[field].map(\.text)
    }

    private mutating func amount(_ field: HeaderField) -> Amount? {
        guard let (text, line) = self.fields[field], let result = SeedText.amount(text) else { return nil }
        switch result {
        case .success(let amount):
            return amount
        case .failure(let error):
            self.issues.append(ParseIssue(.unreadableValue, "\(field.label) '\(text)' is not a 万元 figure: \(error)", line: line))
            return nil
        }
    }

    private mutating func count(_ field: HeaderField) -> Int? {
        guard let (text, line) = self.fields[field], let result = SeedText.count(text) else { return nil }
        switch result {
        case .success(let count):
            return count
        case .failure(let error):
            self.issues.append(ParseIssue(.unreadableValue, "\(field.label) '\(text)' is not a head count: \(error)", line: line))
            return nil
        }
    }

    private mutating func yesNo(_ field: HeaderField) -> Bool? {
        guard let (text, line) = self.fields[field] else { return nil }
        let key = SeedText.key(text)
        if key.hasPrefix("否") || key.hasPrefix("无") || key.hasPrefix("没有") { return false }
        if key.hasPrefix("是") || key.hasPrefix("有") { return true }
        self.issues.append(
            ParseIssue(
                code: .unreadableValue,
                severity: .warning,
                message: "\(field.label) '\(text)' is neither 是 nor 否",
                line: line
            )
        )
        return nil
    }

    private mutating func buildHeader() -> TableHeader {
        switch self.kind {
        case .department:
            let staffing = Staffing(
                budgeted: self.count(.staffBudgeted),
                actual: self.count(.staffActual),
                administrative: self.count(.staffAdministrative),
                institutional: self.count(.staffInstitutional),
                external: self.count(.staffExternal)
            )
            let prior = PriorYearBudget(
                approved: self.amount(.priorApproved),
                adjusted: self.amount(.priorAdjusted),
                actualSpent: self.amount(.priorSpent),
                executionRate: self.text(.priorRate),
                carryover: self.amount(.priorCarryover)
            )
            let income = IncomeBudget(
                superior: self.amount(.incomeSuperior),
                local: self.amount(.incomeLocal),
                other: self.amount(.incomeOther),
                total: self.amount(.incomeTotal)
            )
            let expense = ExpenseBudget(
                personnel: self.amount(.expensePersonnel),
                publicFunds: self.amount(.expensePublic),
                project: self.amount(.expenseProject),
                total: self.amount(.expenseTotal)
            )
            return .department(
                DepartmentHeader(
                    contact: self.text(.contact),
                    phone: self.text(.phone),
                    legalBasis: self.text(.legalBasis),
                    functionOverview: self.text(.functionOverview),
                    majorChange: self.yesNo(.majorChange),
                    majorChangeContent: self.text(.majorChangeContent),
                    subordinateUnits: self.text(.subordinateUnits),
                    internalDepartments: self.text(.internalDepartments),
                    systemBuilding: self.text(.systemBuilding),
                    staffing: staffing,
                    priorYear: prior,
                    income: income,
                    expense: expense
                )
            )
        case .project, .transfer:
            let name = self.text(.name) ?? ""
            let supervising = self.text(.supervising)
            let implementing = self.text(.implementing)
            let total = self.amount(.fundsTotal)
            let fiscal = self.amount(.fiscalFunds)
            let other = self.amount(.otherFunds)
            let what = self.kind == .project ? "项目名称" : "专项（项目）名称"
            if name.isEmpty {
                self.issues.append(ParseIssue(.missingName, "the table states no \(what)", line: self.titleLine))
            }
            if implementing == nil {
                self.issues.append(ParseIssue(.missingName, "the table states no 实施单位 (implementing unit)", line: self.titleLine))
            }
            if supervising == nil {
                self.issues.append(
                    ParseIssue(
                        code: .missingName,
                        severity: .warning,
                        message: "the table states no 主管部门 (supervising department)",
                        line: self.titleLine
                    )
                )
            }
            if self.kind == .project {
                return .project(
                    ProjectHeader(
                        projectName: name,
                        supervisingDepartment: supervising,
                        implementingUnit: implementing,
                        fundsTotal: total,
                        fiscalFunds: fiscal,
                        otherFunds: other
                    )
                )
            }
            return .transfer(
                TransferHeader(
                    fundName: name,
                    supervisingUnit: supervising,
                    implementingUnit: implementing,
                    fundsTotal: total,
                    fiscalFunds: fiscal,
                    otherFunds: other
                )
            )
        }
    }
}
