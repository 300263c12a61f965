/// The cells of one indicator row, read but not yet completed from the rows above.
struct IndicatorCells: Sendable, Hashable {
    var level1: String
    var level2: String
    var level3: String
    var comparator: IndicatorComparator?
    var value: String
    var unit: String
    var content: String
    var remark: String
    var weight: Weight? = nil
    var explanation: String = ""
}

/// What one line of an indicator list yields.
enum IndicatorRowReading: Sendable, Hashable {
    /// An indicator (empty level cells still to be filled from above), with any issues of its line.
    case indicator(IndicatorCells, [ParseIssue])
    /// Only level-1/level-2 names: they carry over to the rows below.
    case labels(level1: String, level2: String, [ParseIssue])
    /// Nothing readable as an indicator.
    case unreadable([ParseIssue])
}

/// Reads one indicator row. Cells shift left and right in the sources, so a row is anchored on
/// its comparator cell (`≥`, `定性`, `\geq` …) or, without a comparator column, on its value
/// cell (`≥90%`); level names are the non-empty cells before the anchor, right-aligned
/// (`人员管理 在职人员控制率 ≤` → level 2 and 3; `成本控制 · 定性` → level 3); value, unit,
/// content and remark follow the anchor at the header's offsets, skipping one or two inserted
/// empty cells (`≥ · 3 %`).
enum IndicatorRowReader {
    private enum Anchor {
        case comparator
        case value
    }

    static func read(_ cells: [String], line: Int, layout: IndicatorLayout) -> IndicatorRowReading {
        func cell(_ index: Int?) -> String {
            guard let index, index >= 0, index < cells.count else { return "" }
            return cells[index]
        }
        var issues: [ParseIssue] = []

        // 1. The anchor: the comparator cell; else a value cell carrying its comparator; else the
        //    comparator column itself (positional reading).
        let anchor: Int
        let anchorKind: Anchor
        var positional = false
        var columnComparator: IndicatorComparator?
        var comparatorSlot: Int?
        if let comparatorColumn = layout.comparator {
            if let index = cells.firstIndex(where: { IndicatorComparator(parsing: $0) != nil }) {
                anchor = index
                anchorKind = .comparator
                columnComparator = IndicatorComparator(parsing: cells[index])
            } else if let index = cells.indices.first(where: { $0 >= 1 && $0 <= layout.value && SeedText.carriesComparator(cells[$0]) }) {
                // The comparator inside the value (`≥90%`), at or left of the value column; right of
                // it such a cell is the content (指标值内容 `≥80%`).
                anchor = index
                anchorKind = .value
                // At or right of its column, the value has the comparator cell before it: a text
                // there is no comparator (else it would have been found), not a level name.
                let gap = layout.value - comparatorColumn
                if gap > 0, index >= layout.value {
                    comparatorSlot = index - gap
                    let text = cell(index - gap)
                    if !text.isEmpty {
                        issues.append(
                            ParseIssue(
                                .unreadableComparator,
                                "'\(text)' in the 指标值类型 column is not a comparator (≥ ≤ = > < 定性 定量); the value's own comparator is used",
                                line: line
                            )
                        )
                    }
                }
            } else {
                anchor = comparatorColumn
                anchorKind = .comparator
                positional = true
                let text = cell(comparatorColumn)
                if !text.isEmpty {
                    issues.append(
                        ParseIssue(
                            .unreadableComparator,
                            "'\(text)' in the 指标值类型 column is not a comparator (≥ ≤ = > < 定性 定量); the indicator is kept without one",
                            line: line
                        )
                    )
                }
            }
        } else {
            // Without a comparator column the value anchors the row: the first numeric cell left of
            // the unit/content columns (`≥90%`, `100%`), else the value column itself (`较上年增长`).
            let limit = [layout.unit, layout.content, layout.remark].compactMap { $0 }.filter { $0 > layout.value }.min() ?? Int.max
            if let index = cells.indices.first(where: { $0 >= 1 && $0 < limit && SeedText.isValueLike(cells[$0]) }) {
                anchor = index
            } else {
                anchor = layout.value
                positional = true
            }
            anchorKind = .value
        }

        // 2. Level names before the anchor.
        var names: [String] = []
        var consumed = Set<Int>()
        var extras: [String] = []
        if positional {
            names = [cell(layout.level1), cell(layout.level2), cell(layout.level3)]
            consumed.formUnion([layout.level1, layout.level2, layout.level3])
            for index in 0..<min(layout.level1, cells.count) {
                consumed.insert(index)
                if !cells[index].isEmpty, SeedText.key(cells[index]) != "绩效指标" { extras.append(cells[index]) }
            }
        } else {
            var area = Array(0..<min(comparatorSlot ?? anchor, cells.count))
            consumed.formUnion(0..<min(anchor, cells.count))
            while let last = area.last, cells[last].isEmpty { area.removeLast() }
            for _ in 0..<3 {
                names.insert(area.popLast().map { cells[$0] } ?? "", at: 0)
            }
            extras += area.map { cells[$0] }.filter { !$0.isEmpty && SeedText.key($0) != "绩效指标" }
        }

        // 3. Value, unit, content and remark after the anchor.
        let anchorColumn = anchorKind == .comparator ? (layout.comparator ?? layout.value) : layout.value
        var valueIndex = anchorKind == .comparator ? anchor + (layout.offset(of: layout.value, from: anchorColumn) ?? 1) : anchor
        var unitIndex = layout.offset(of: layout.unit, from: anchorColumn).map { anchor + $0 }
        var contentIndex = layout.offset(of: layout.content, from: anchorColumn).map { anchor + $0 }
        var remarkIndex = layout.offset(of: layout.remark, from: anchorColumn).map { anchor + $0 }
        var weightIndex = layout.offset(of: layout.weight, from: anchorColumn).map { anchor + $0 }
        var explanationIndex = layout.offset(of: layout.explanation, from: anchorColumn).map { anchor + $0 }
        var shift = 0
        if anchorKind == .comparator, cell(valueIndex).isEmpty {
            let next = cell(valueIndex + 1)
            let after = cell(valueIndex + 2)
            let unitFollows = unitIndex == valueIndex + 1
            if !next.isEmpty,
                SeedText.isValueLike(next) || (unitFollows && !SeedText.isUnitLike(next) && (after.isEmpty || SeedText.isUnitLike(after)))
            {
                shift = 1
            } else if next.isEmpty, SeedText.isValueLike(after) {
                let third = cell(valueIndex + 3)
                if third.isEmpty || SeedText.isUnitLike(third) { shift = 2 }
            }
        }
        if shift > 0 {
            valueIndex += shift
            unitIndex = unitIndex.map { $0 + shift }
            contentIndex = contentIndex.map { $0 + shift }
            remarkIndex = remarkIndex.map { $0 + shift }
            weightIndex = weightIndex.map { $0 + shift }
            explanationIndex = explanationIndex.map { $0 + shift }
        }
        if let unit = unitIndex, cell(unit).isEmpty, !cell(valueIndex).isEmpty, SeedText.isUnitLike(cell(unit + 1)),
            contentIndex == nil || contentIndex == unit + 1
        {
            // The unit one cell to the right of its column: `≥ 98 · %`.
            unitIndex = unit + 1
            contentIndex = contentIndex.map { $0 + 1 }
            remarkIndex = remarkIndex.map { $0 + 1 }
            weightIndex = weightIndex.map { $0 + 1 }
            explanationIndex = explanationIndex.map { $0 + 1 }
        }
        consumed.insert(anchor)
        for index in [valueIndex, unitIndex, contentIndex, remarkIndex, weightIndex, explanationIndex].compactMap({ $0 }) { consumed.insert(index) }
        for index in cells.indices where !consumed.contains(index) && !cells[index].isEmpty {
            extras.append(cells[index])
        }

        // 4. The value cell: comparator, number and unit it may carry (`≥90%`, `$\geq 80\%$`).
        let valueText = cell(valueIndex)
        let unitText = cell(unitIndex)
        let split = ValueCell(splitting: valueText)
        var comparator = columnComparator
        if let inner = split.comparator {
            if let column = comparator, column != inner, column.isRelational {
                issues.append(
                    ParseIssue(
                        .comparatorDisagreement,
                        "the 指标值类型 column says \(column.rawValue) but the value '\(valueText)' says \(inner.rawValue); \(column.rawValue) is kept",
                        line: line
                    )
                )
            } else {
                // 定量/定性 in the column, refined by the value's own comparator (`定量 ≥60%`).
                comparator = inner
            }
        }
        let value: String
        var unit = unitText
        if !split.value.isEmpty, FixedDecimal(split.value) != nil,
            split.unit.isEmpty
                || (SeedText.isUnitLike(split.unit) && (unitText.isEmpty || MeasureUnit.normalized(unitText) == MeasureUnit.normalized(split.unit)))
        {
            value = split.value
            if unit.isEmpty { unit = split.unit }
        } else if split.comparator != nil {
            value = split.value + split.unit
        } else {
            value = valueText
        }

        var remark = cell(remarkIndex)
        // 权重 read from its text, exactly; a cell that is no weight is reported, not guessed.
        let weightText = cell(weightIndex)
        var weight: Weight?
        if !weightText.isEmpty {
            do {
                weight = try Weight(parsing: weightText)
            } catch {
                issues.append(
                    ParseIssue(.unreadableValue, "the 权重 cell '\(weightText)' is not a weight (\(error.description)); left empty", line: line)
                )
            }
        }
        if !extras.isEmpty {
            issues.append(
                ParseIssue(
                    code: .unexpectedCell,
                    severity: .warning,
                    message:
                        "cell\(extras.count == 1 ? "" : "s") \(extras.map { "'\($0)'" }.joined(separator: ", ")) outside the table's columns, kept in 备注",
                    line: line
                )
            )
            remark = ([remark] + extras).filter { !$0.isEmpty }.joined(separator: " ")
        }
        let cells = IndicatorCells(
            level1: names[0],
            level2: names[1],
            level3: names[2],
            comparator: comparator,
            value: value,
            unit: unit,
            content: cell(contentIndex),
            remark: remark,
            weight: weight,
            explanation: cell(explanationIndex)
        )

        // 5. What the row is.
        if cells.level3.isEmpty, cells.comparator == nil, cells.value.isEmpty, cells.unit.isEmpty, cells.content.isEmpty {
            if extras.isEmpty, cells.remark.isEmpty, !cells.level1.isEmpty || !cells.level2.isEmpty {
                let names = [cells.level1, cells.level2].filter { !$0.isEmpty }.joined(separator: " / ")
                issues.append(
                    ParseIssue(
                        .labelOnlyRow,
                        "only level names '\(names)', no indicator; they apply to the rows below",
                        line: line
                    )
                )
                return .labels(level1: cells.level1, level2: cells.level2, issues)
            }
            let text = cells.remark.isEmpty ? [cells.level1, cells.level2].filter { !$0.isEmpty }.joined(separator: " ") : cells.remark
            issues.removeAll { $0.code == .unexpectedCell }
            issues.append(
                ParseIssue(
                    .unreadableRow,
                    "no indicator (name, comparator or value) could be read from '\(text)'; the line is not imported",
                    line: line
                )
            )
            return .unreadable(issues)
        }
        var missing: [String] = []
        if cells.level3.isEmpty { missing.append("name (三级指标)") }
        if layout.comparator != nil, cells.comparator == nil, !issues.contains(where: { $0.code == .unreadableComparator }) {
            missing.append("comparator (指标值类型)")
        }
        if cells.value.isEmpty { missing.append("value (指标值)") }
        if !missing.isEmpty {
            issues.append(
                ParseIssue(
                    .incompleteRow,
                    "indicator '\(cells.level3.isEmpty ? cells.level2 : cells.level3)' has no \(missing.joined(separator: ", no "))",
                    line: line
                )
            )
        }
        return .indicator(cells, issues)
    }
}
