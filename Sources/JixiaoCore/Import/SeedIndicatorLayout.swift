/// The columns of an indicator list, read from its header row
/// (`一级指标 二级指标 三级指标 指标值类型 指标值 度量单位 指标值内容 备注`, possibly after a
/// `绩效指标` column, or the four-column `一级 二级 三级 指标值` of transfer tables).
///
/// Rows are not read by these positions alone (cells shift): they are anchored on the
/// comparator or value cell, and the layout gives the offsets of the cells after it.
struct IndicatorLayout: Sendable, Hashable {
    var level1: Int
    var level2: Int
    var level3: Int
    /// 指标值类型; nil in the four-column layout.
    var comparator: Int?
    var value: Int
    var unit: Int?
    var content: Int?
    var remark: Int?
    /// 权重, in layouts that have the column.
    var weight: Int? = nil
    /// 指标解释, in layouts that have the column.
    var explanation: Int? = nil

    private enum Role: Hashable {
        case lead, level1, level2, level3, comparator, value, unit, content, remark, weight, explanation

        init?(headerKey key: String) {
            if key == "绩效指标" {
                self = .lead
            } else if key.hasPrefix("一级") {
                self = .level1
            } else if key.hasPrefix("二级") {
                self = .level2
            } else if key.hasPrefix("三级") {
                self = .level3
            } else if key.hasPrefix("指标值类") || key == "指标类型" || key == "值类型" {
                self = .comparator
            } else if key.hasPrefix("指标值内") || key.hasPrefix("指标内容") {
                self = .content
            } else if key.hasPrefix("指标值") || key == "目标值" {
                self = .value
            } else if key.hasPrefix("度量") || key.hasPrefix("计量单位") || key == "单位" {
                self = .unit
            } else if key.hasPrefix("备注") {
                self = .remark
            } else if key.hasPrefix("权重") {
                self = .weight
            } else if key.hasPrefix("指标解释") {
                self = .explanation
            } else {
                return nil
            }
        }
    }

    /// The layout of a header row naming at least two of 一级指标/二级指标/三级指标, else nil.
    static func detect(_ cells: [String]) -> IndicatorLayout? {
        guard cells.count(where: { $0.contains("级") }) >= 2 else { return nil }
        var roles: [Role: Int] = [:]
        for (index, cell) in cells.enumerated() {
            guard let role = Role(headerKey: SeedText.key(cell)), roles[role] == nil else { continue }
            roles[role] = index
        }
        let levels = [roles[.level1], roles[.level2], roles[.level3]].compactMap { $0 }
        guard levels.count >= 2 else { return nil }
        let level1 = roles[.level1] ?? max(0, (roles[.level2] ?? 1) - 1)
        let level2 = roles[.level2] ?? level1 + 1
        let level3 = roles[.level3] ?? level2 + 1
        let comparator = roles[.comparator]
        let value = roles[.value] ?? (comparator ?? level3) + 1
        return IndicatorLayout(
            level1: level1,
            level2: level2,
            level3: level3,
            comparator: comparator,
            value: value,
            unit: roles[.unit],
            content: roles[.content],
            remark: roles[.remark],
            weight: roles[.weight],
            explanation: roles[.explanation]
        )
    }

    /// The usual columns of a kind, for indicator rows met without a header row.
    static func standard(for kind: TableKind, withComparator: Bool) -> IndicatorLayout {
        switch (kind, withComparator) {
        case (.department, _):
            return IndicatorLayout(level1: 0, level2: 1, level3: 2, comparator: 3, value: 4, unit: 5, content: 6, remark: 7)
        case (_, true):
            return IndicatorLayout(level1: 1, level2: 2, level3: 3, comparator: 4, value: 5, unit: 6, content: 7, remark: nil)
        case (_, false):
            return IndicatorLayout(level1: 1, level2: 2, level3: 3, comparator: nil, value: 4, unit: nil, content: nil, remark: nil)
        }
    }

    /// Offset of a column from the anchor column (comparator, else value); nil when absent or not after it.
    func offset(of column: Int?, from anchorColumn: Int) -> Int? {
        guard let column, column > anchorColumn else { return nil }
        return column - anchorColumn
    }
}
