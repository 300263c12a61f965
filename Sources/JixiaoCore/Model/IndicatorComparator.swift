/// 指标值类型: how an indicator's value is meant. Raw values are stored in SQL and JSON.
///
/// Named `IndicatorComparator`, not `Comparator`, because Foundation declares `typealias Comparator`.
public enum IndicatorComparator: String, Sendable, Hashable, Codable, CaseIterable {
    /// ≥ 大于等于
    case gte = "≥"
    /// ≤ 小于等于
    case lte = "≤"
    /// = 等于
    case eq = "="
    /// > 大于
    case gt = ">"
    /// < 小于
    case lt = "<"
    /// 定性 — a qualitative target such as 及时, 合规.
    case qualitative = "定性"
    /// 定量 — a quantitative target without a stated direction.
    case quantitative = "定量"

    /// True for ≥ ≤ = > <, which need a numeric value.
    public var isRelational: Bool {
        switch self {
        case .gte, .lte, .eq, .gt, .lt: return true
        case .qualitative, .quantitative: return false
        }
    }

    /// Reads any spelling met in the sources: `≥ ≧ ⩾ >= => ＞＝ \geq $\geq$ 大于等于 不低于`,
    /// `≤ ≦ ⩽ <= =< \leq 小于等于 不高于`, `= ＝`, `> ＞`, `< ＜`, `定性`, `定量`,
    /// with surrounding spaces. Nil for anything else.
    public init?(parsing text: String) {
        var core = TextNormalization.trimmed(text)
        if core.count >= 2, core.hasPrefix("$"), core.hasSuffix("$") {
            core = TextNormalization.trimmed(String(core.dropFirst().dropLast()))
        }
        guard let comparator = ComparatorSpellings.exact[core] else { return nil }
        self = comparator
    }

    /// The first relational comparator written in free text, e.g. `≥` in `≥900万元`.
    ///
    /// Only symbols and unambiguous phrases (不低于, 小于等于 …) count; bare words such as
    /// 高于 are too common in prose. HTML tags are ignored, so `<p>` is not "less than".
    public static func firstMention(in text: String) -> IndicatorComparator? {
        let characters = Array(TextNormalization.withoutTags(text))
        var index = 0
        while index < characters.count {
            if let (comparator, _) = ComparatorSpellings.longestMatch(in: characters, at: index, spellings: ComparatorSpellings.mentions) {
                return comparator
            }
            index += 1
        }
        return nil
    }
}
