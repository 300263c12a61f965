import Foundation

/// 绩效指标: one row of a target table, in the official order (`position`): its content
/// (`IndicatorContent`, whose fields read as the indicator's own, `indicator.value`) and the
/// identity the system keeps.
@dynamicMemberLookup
public struct Indicator: Sendable, Hashable, Codable, Identifiable {
    /// Stable identity across versions and revisions.
    public var id: Int64
    /// Order within the table, from 1; the official layout is kept.
    public var position: Int
    /// What a person wrote: levels, comparator, value, unit of measure, texts.
    public var fields: IndicatorContent
    /// Optimistic-concurrency version of this row.
    public var version: Int
    /// Line in the imported source document, for findings.
    public var line: Int?

    /// An indicator row with `fields`; `version` defaults to 1.
    public init(id: Int64, position: Int, fields: IndicatorContent, version: Int = 1, line: Int? = nil) {
        self.id = id
        self.position = position
        self.fields = fields
        self.version = version
        self.line = line
    }

    /// An indicator row; text cells default to empty, `version` to 1.
    public init(
        id: Int64,
        position: Int,
        level1: String,
        level2: String,
        level3: String,
        comparator: IndicatorComparator?,
        value: String,
        unitOfMeasure: String = "",
        content: String = "",
        remark: String = "",
        version: Int = 1,
        line: Int? = nil
    ) {
        let fields = IndicatorContent(
            level1: level1,
            level2: level2,
            level3: level3,
            comparator: comparator,
            value: value,
            unitOfMeasure: unitOfMeasure,
            content: content,
            remark: remark
        )
        self.init(id: id, position: position, fields: fields, version: version, line: line)
    }

    /// A content field, read and written as the indicator's own (`indicator.level3`).
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<IndicatorContent, Value>) -> Value {
        get { self.fields[keyPath: keyPath] }
        set { self.fields[keyPath: keyPath] = newValue }
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

    private static let identityKeys = (
        id: JSONFieldKey("id"), position: JSONFieldKey("position"), version: JSONFieldKey("version"), line: JSONFieldKey("line"),
        numericValue: JSONFieldKey("numeric_value")
    )

    /// An indicator row; text cells default to empty, `version` to 1.
    public init(from decoder: any Decoder) throws {
        let keys = Self.identityKeys
        let container = try decoder.container(keyedBy: JSONFieldKey.self)
        self.id = try container.decode(Int64.self, forKey: keys.id)
        self.position = try container.decode(Int.self, forKey: keys.position)
        self.fields = try IndicatorContent(from: decoder)
        self.version = try container.decodeIfPresent(Int.self, forKey: keys.version) ?? 1
        self.line = try container.decodeIfPresent(Int.self, forKey: keys.line)
        // numeric_value is derived from value; an incoming one is ignored.
    }

    /// Writes every key, `null` included, plus the derived `numeric_value` for clients.
    public func encode(to encoder: any Encoder) throws {
        let keys = Self.identityKeys
        var container = encoder.container(keyedBy: JSONFieldKey.self)
        try container.encode(self.id, forKey: keys.id)
        try container.encode(self.position, forKey: keys.position)
        try self.fields.encode(to: &container)
        try container.encode(self.numericValue, forKey: keys.numericValue)
        try container.encode(self.version, forKey: keys.version)
        try container.encode(self.line, forKey: keys.line)
    }
}
