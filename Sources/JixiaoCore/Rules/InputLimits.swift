/// How much one input may put into the append-only trail. Every accepted text is kept in the
/// audit log for good (ten requests once added 14.5 MB that can never be removed), so sizes are
/// bounded where input arrives: the service refuses what is longer or more (`too-long`,
/// `too-many`), the OpenAPI document states the same numbers (maxLength, maxItems), and CHECKs
/// of Schema 0011 repeat the lengths. Lengths count Unicode scalars, as PostgreSQL's
/// `char_length` does.
public enum InputLimits {
    /// A reason (修改理由, 退回理由, 调整理由, an import's source name).
    public static let reason = 1_000
    /// 指标值: a value as written (`98`, `及时`, `2025年`).
    public static let value = 200
    /// Every other text: a title, an indicator's names, unit, content or remark, each goal.
    public static let text = 2_000
    /// Goals of one table.
    public static let goalsPerTable = 100
    /// Indicators of one table.
    public static let indicatorsPerTable = 500
    /// Indicators one import (a document or a CSV file) may bring.
    public static let indicatorsPerImport = 5_000

    /// The longest text `field` may hold; nil for a field that is no free text.
    public static func maximumLength(of field: IndicatorContent.Field) -> Int? {
        // By how the field is held: a free-text field added later gets the text limit.
        if field == .value { return self.value }
        switch field.storage {
        case .text: return self.text
        case .comparator, .weight: return nil
        }
    }

    /// Why `text` (named `name` in the message) is refused as longer than `limit`, or nil.
    public static func lengthRefusal(_ text: String, name: String, limit: Int) -> String? {
        let length = text.unicodeScalars.count
        guard length > limit else { return nil }
        return "\(name) is \(length) characters long; at most \(limit) are kept in the audit trail"
    }

    /// Why the fields of `content` named in `fields` are refused (the first one too long), or nil.
    public static func lengthRefusal(_ content: IndicatorContent, fields: some Sequence<IndicatorContent.Field>) -> String? {
        for field in fields {
            guard let limit = self.maximumLength(of: field) else { continue }
            if let refusal = self.lengthRefusal(content.text(field), name: "the indicator's \(field.jsonKey)", limit: limit) {
                return refusal
            }
        }
        return nil
    }

    /// Why `count` items (named `items`) are refused as more than `limit`, or nil.
    public static func countRefusal(_ count: Int, items: String, limit: Int) -> String? {
        count > limit ? "\(count) \(items) are more than the \(limit) allowed" : nil
    }
}
