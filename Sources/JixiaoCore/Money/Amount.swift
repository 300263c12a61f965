/// Money in 万元 (10,000 yuan), exact to 1 分: an `Int64` count of 0.000001 万元.
///
/// Parses what users write (`"7547.363101"`, `"-0.10"`, `"1,234.5"`, `"１２.５"`), prints the
/// canonical minimal form (`"9757.7"`, `"0"`, `"-0.1"`) or all six decimals (`fixed`), and
/// travels through JSON as a string. Range ±999999999999.999999 万元 = `NUMERIC(18,6)`;
/// arithmetic that leaves it throws `DecimalError.overflow` instead of trapping.
public struct Amount: Sendable, Hashable, Comparable, CustomStringConvertible, LosslessStringConvertible {
    /// 0 万元
    public static let zero = Amount(FixedDecimal.zero)
    /// 999999999999.999999 万元
    public static let max = Amount(FixedDecimal.max)
    /// -999999999999.999999 万元
    public static let min = Amount(FixedDecimal.min)

    /// The amount in 分 (= 0.000001 万元).
    public let fen: Int64

    /// The same figure as a plain decimal, for comparison with indicator values.
    public var decimal: FixedDecimal { FixedDecimal(uncheckedUnits: self.fen) }

    /// The amount whose 万元 figure is `decimal` (same scale and range, so always exact).
    public init(_ decimal: FixedDecimal) {
        self.fen = decimal.units
    }

    /// `fen` 分, or nil outside ±999999999999.999999 万元.
    public init?(fen: Int64) {
        guard let decimal = FixedDecimal(units: fen) else { return nil }
        self.fen = decimal.units
    }

    /// Whole 万元, or nil outside the range.
    public init?(wan: Int64) {
        guard let decimal = FixedDecimal(integer: wan) else { return nil }
        self.fen = decimal.units
    }

    /// Parses a 万元 figure; throws saying what is wrong (junk, > 6 decimals, out of range).
    public init(parsing text: String) throws(DecimalError) {
        self.fen = try DecimalText.parse(text)
    }

    /// `LosslessStringConvertible`: nil where `init(parsing:)` throws.
    public init?(_ description: String) {
        guard let fen = try? DecimalText.parse(description) else { return nil }
        self.fen = fen
    }

    /// Canonical minimal form: `"7547.363101"`, `"9757.7"`, `"0"`, `"-0.1"`.
    public var description: String { DecimalText.format(self.fen, allDecimals: false) }

    /// All six decimals, as stored in `NUMERIC(18,6)`: `"9757.700000"`.
    public var fixed: String { DecimalText.format(self.fen, allDecimals: true) }

    /// True for 0 万元.
    public var isZero: Bool { self.fen == 0 }
    /// True below 0 万元.
    public var isNegative: Bool { self.fen < 0 }

    /// Orders by value.
    public static func < (lhs: Amount, rhs: Amount) -> Bool { lhs.fen < rhs.fen }

    /// `self + other`, or `.overflow`.
    public func adding(_ other: Amount) throws(DecimalError) -> Amount {
        Amount(try self.decimal.adding(other.decimal))
    }

    /// `self - other`, or `.overflow`.
    public func subtracting(_ other: Amount) throws(DecimalError) -> Amount {
        Amount(try self.decimal.subtracting(other.decimal))
    }

    /// `self × count` (e.g. a per-head standard times heads), or `.overflow`.
    public func multiplied(by count: Int64) throws(DecimalError) -> Amount {
        Amount(try self.decimal.multiplied(by: count))
    }

    /// Checked addition: `try a + b`.
    public static func + (lhs: Amount, rhs: Amount) throws(DecimalError) -> Amount {
        try lhs.adding(rhs)
    }

    /// Checked subtraction: `try a - b`.
    public static func - (lhs: Amount, rhs: Amount) throws(DecimalError) -> Amount {
        try lhs.subtracting(rhs)
    }

    /// Negation never leaves the symmetric range.
    public static prefix func - (value: Amount) -> Amount {
        Amount(-value.decimal)
    }

    /// The checked sum of `amounts` (0 when empty).
    public static func sum<S: Sequence>(_ amounts: S) throws(DecimalError) -> Amount where S.Element == Amount {
        var total = Amount.zero
        for amount in amounts { total = try total.adding(amount) }
        return total
    }
}

extension Amount: Codable {
    /// Decodes from a JSON string such as `"7547.363101"`; JSON numbers are refused.
    public init(from decoder: any Decoder) throws {
        self.init(try FixedDecimal(from: decoder))
    }

    /// Encodes as the canonical string, e.g. `"7547.363101"`.
    public func encode(to encoder: any Encoder) throws {
        try self.decimal.encode(to: encoder)
    }
}
