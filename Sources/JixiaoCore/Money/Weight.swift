/// 权重: an indicator's weight, the points it carries in scoring (DESIGN §1.8). Exact, ≥ 0, at
/// most 2 decimals (`"20"`, `"12.5"`, `"0.25"`), at most 9999.99 (`numeric(6, 2)` in the
/// database). Written in JSON as a string, like the money fields: a JSON number would pass
/// through `Double`.
public struct Weight: Sendable, Hashable, Comparable, CustomStringConvertible, LosslessStringConvertible, Codable {
    /// Decimal places a weight may have.
    public static let decimals = 2
    /// The largest weight (the column is `numeric(6, 2)`).
    public static let max = Weight(checked: FixedDecimal(units: 9_999_990_000)!)

    /// The weight as an exact decimal.
    public let decimal: FixedDecimal

    private init(checked decimal: FixedDecimal) { self.decimal = decimal }

    /// Parses `"20"`, `"12.5"`, `"１２.５"`; throws saying what is wrong (negative, more than two
    /// decimals, above 9999.99, not a number).
    public init(parsing text: String) throws(DecimalError) {
        let decimal = try FixedDecimal(parsing: text)
        if decimal.isNegative { throw .malformed(text: text, reason: "a weight (权重) is not negative") }
        if decimal.units % 10_000 != 0 { throw .malformed(text: text, reason: "a weight (权重) has at most 2 decimals") }
        if decimal > Self.max.decimal { throw .malformed(text: text, reason: "a weight (权重) is at most 9999.99") }
        self.decimal = decimal
    }

    /// `LosslessStringConvertible`: nil where `init(parsing:)` throws.
    public init?(_ description: String) {
        guard let weight = try? Weight(parsing: description) else { return nil }
        self = weight
    }

    /// The minimal form: `"20"`, `"12.5"`.
    public var description: String { self.decimal.description }

    /// Orders by value.
    public static func < (lhs: Weight, rhs: Weight) -> Bool { lhs.decimal < rhs.decimal }

    /// Decodes from a JSON string such as `"12.5"`; numbers and invalid weights are refused.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try Weight(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes as the minimal string, e.g. `"12.5"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.description)
    }
}
