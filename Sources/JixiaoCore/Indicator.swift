import Foundation

/// 绩效指标: one row of a target table, in the official order (`position`).
public struct Indicator: Sendable, Hashable, Codable, Identifiable {
    /// Stable identity across versions and revisions.
    public var id: Int64
    /// Order within the table, from 1; the official layout is kept.
    public var position: Int
    /// 一级指标, e.g. 产出指标.
    public var level1: String
    /// 二级指标, e.g. 数量指标.
    public var level2: String
    /// 三级指标, the indicator's own name.
    public var level3: String
    /// 指标值类型; nil when the source gives none.
    public var comparator: Comparator?
    /// 指标值 exactly as written (`98`, `及时`, `2025年`).
    public var value: String
    /// 度量单位 (%, 人, 万元, 元/人 …); empty when none.
    public var unitOfMeasure: String
    /// 指标值内容.
    public var content: String
    /// 备注.
    public var remark: String
    /// Optimistic-concurrency version of this row.
    public var version: Int
    /// Line in the imported source document, for findings.
    public var line: Int?

    /// An indicator row; text cells default to empty, `version` to 1.
    public init(
        id: Int64,
        position: Int,
        level1: String,
        level2: String,
        level3: String,
        comparator: Comparator?,
        value: String,
        unitOfMeasure: String = "",
        content: String = "",
        remark: String = "",
        version: Int = 1,
        line: Int? = nil
    ) {
        self.id = id
        self.position = position
        self.level1 = level1
        self.level2 = level2
        self.level3 = level3
        self.comparator = comparator
        self.value = value
        self.unitOfMeasure = unitOfMeasure
        self.content = content
        self.remark = remark
        self.version = version
        self.line = line
    }

    /// The exact number in `value` (`"98"`, `"1,234.5"`, `"１２.５"`), or nil when it is not
    /// purely numeric (`及时`, `2025年`, `≥60%`). Derived, never stored apart from `value`.
    public var numericValue: FixedDecimal? {
        try? FixedDecimal(parsing: self.value)
    }

    /// The name used in messages: level 3, else level 2 or 1, else the position.
    public var displayName: String {
        for name in [self.level3, self.level2, self.level1] {
            let trimmed = TextNormalization.trimmed(name)
            if !trimmed.isEmpty { return trimmed }
        }
        return "#\(self.position)"
    }

    enum CodingKeys: String, CodingKey {
        case id, position, level1, level2, level3, comparator, value, content, remark, version, line
        case numericValue = "numeric_value"
        case unitOfMeasure = "unit"
    }

    /// An indicator row; text cells default to empty, `version` to 1.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try container.decode(Int64.self, forKey: .id)
        self.position = try container.decode(Int.self, forKey: .position)
        self.level1 = try container.decode(String.self, forKey: .level1)
        self.level2 = try container.decode(String.self, forKey: .level2)
        self.level3 = try container.decode(String.self, forKey: .level3)
        self.comparator = try container.decodeIfPresent(Comparator.self, forKey: .comparator)
        self.value = try container.decode(String.self, forKey: .value)
        self.unitOfMeasure = try container.decodeIfPresent(String.self, forKey: .unitOfMeasure) ?? ""
        self.content = try container.decodeIfPresent(String.self, forKey: .content) ?? ""
        self.remark = try container.decodeIfPresent(String.self, forKey: .remark) ?? ""
        self.version = try container.decodeIfPresent(Int.self, forKey: .version) ?? 1
        self.line = try container.decodeIfPresent(Int.self, forKey: .line)
        // numeric_value is derived from value; an incoming one is ignored.
    }

    /// Writes every key, `null` included, plus the derived `numeric_value` for clients.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.id, forKey: .id)
        try container.encode(self.position, forKey: .position)
        try container.encode(self.level1, forKey: .level1)
        try container.encode(self.level2, forKey: .level2)
        try container.encode(self.level3, forKey: .level3)
        try container.encode(self.comparator, forKey: .comparator)
        try container.encode(self.value, forKey: .value)
        try container.encode(self.numericValue, forKey: .numericValue)
        try container.encode(self.unitOfMeasure, forKey: .unitOfMeasure)
        try container.encode(self.content, forKey: .content)
        try container.encode(self.remark, forKey: .remark)
        try container.encode(self.version, forKey: .version)
        try container.encode(self.line, forKey: .line)
    }
}
