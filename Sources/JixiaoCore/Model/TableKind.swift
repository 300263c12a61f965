/// The three kinds of target table (绩效目标表). Raw values are stored in SQL and JSON.
public enum TableKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// 部门（单位）整体支出绩效目标表 — a unit's whole spending.
    case department
    /// 项目支出绩效目标表 — one project's spending.
    case project
    /// 专项转移支付区域绩效目标表 — a special transfer payment in a region.
    case transfer

    /// The fragment of the official title that names this kind.
    public var titleFragment: String {
        switch self {
        case .department: return "部门（单位）整体支出绩效目标表"
        case .project: return "项目支出绩效目标表"
        case .transfer: return "专项转移支付区域绩效目标表"
        }
    }

    /// The kind named by a table title, or nil.
    ///
    /// Lenient as the sources are: half-width parentheses, spaces, and titles such as
    /// `和政县劳务工作办公室整体支出绩效目标表` without 部门（单位） count as department tables.
    public static func detect(inTitle title: String) -> TableKind? {
        let compact = TextNormalization.withoutWhitespace(title)
        if compact.contains("专项转移支付区域绩效目标表") { return .transfer }
        if compact.contains("项目支出绩效目标表") { return .project }
        if compact.contains("整体支出绩效目标表") { return .department }
        return nil
    }

    /// Level-1 categories (一级指标) expected in this kind of table.
    ///
    /// Project and transfer tables follow the 2021 framework; department tables use the
    /// seeds' set. Matching ignores whitespace only, so the cut-short seed label
    /// `持续发展能力指` is reported as `unknown-category` (a warning).
    public var knownLevel1Categories: [String] {
        switch self {
        case .department: return ["基本运行指标", "重点履职指标", "部门综合指标", "持续发展能力指标"]
        case .project, .transfer: return ["成本指标", "产出指标", "效益指标", "满意度指标"]
        }
    }

    /// Level-1 categories a table of this kind must contain (`missing-category` otherwise).
    public var requiredLevel1Categories: [String] {
        switch self {
        case .department: return []
        case .project, .transfer: return ["产出指标", "效益指标", "满意度指标"]
        }
    }
}
