/// An exact decimal with 6 decimal places, stored as an `Int64` count of 1e-6.
///
/// Used for the numeric reading of indicator values (指标值), percentages and rates, where
/// the figure is not necessarily money. Money uses `Amount`, which shares this machinery.
/// Range: ±999999999999.999999 (12 integer digits), the range of PostgreSQL `NUMERIC(18,6)`.
/// No `Double` and no Foundation `Decimal` anywhere: both lose exactness or scale.
public struct FixedDecimal: Sendable, Hashable, Comparable, CustomStringConvertible, LosslessStringConvertible {
    /// Decimal places kept: 6.
    public static let scale = 6
    /// Units in one whole: 1,000,000.
    public static let unitsPerOne: Int64 = 1_000_000
    /// 0
    public static let zero = FixedDecimal(uncheckedUnits: 0)
    /// 999999999999.999999
    public static let max = FixedDecimal(uncheckedUnits: DecimalText.maxUnits)
    /// -999999999999.999999
    public static let min = FixedDecimal(uncheckedUnits: -DecimalText.maxUnits)

    /// The value × 1,000,000.
    public let units: Int64

    init(uncheckedUnits units: Int64) {
        self.units = units
    }

    /// The value `units` / 1,000,000, or nil outside ±999999999999.999999.
    public init?(units: Int64) {
        guard DecimalText.isInRange(units) else { return nil }
        self.units = units
    }

    /// The whole number `integer`, or nil outside the range.
    public init?(integer: Int64) {
        let (units, overflow) = integer.multipliedReportingOverflow(by: Self.unitsPerOne)
        guard !overflow, DecimalText.isInRange(units) else { return nil }
        self.units = units
    }

    /// Parses `"98"`, `"-0.10"`, `"1,234.5"`, `"１２.５"`; throws saying what is wrong otherwise.
    public init(parsing text: String) throws(DecimalError) {
        self.units = try DecimalText.parse(text)
    }

    /// `LosslessStringConvertible`: nil where `init(parsing:)` throws.
    public init?(_ description: String) {
        guard let units = try? DecimalText.parse(description) else { return nil }
        self.units = units
    }

    /// The canonical minimal form: `"9757.7"`, `"0"`, `"-0.1"`.
    public var description: String { DecimalText.format(self.units, allDecimals: false) }

    /// All six decimals: `"9757.700000"`.
    public var fixed: String { DecimalText.format(self.units, allDecimals: true) }

    /// Rounded half away from zero to `decimals` places, minimal form: `78.077…` → `"78.08"`.
    public func formatted(maxDecimals decimals: Int) -> String {
        DecimalText.format(self.units, roundedTo: decimals)
    }

    /// True for 0.
    public var isZero: Bool { self.units == 0 }
    /// True below 0.
    public var isNegative: Bool { self.units < 0 }

    /// Orders by value.
    public static func < (lhs: FixedDecimal, rhs: FixedDecimal) -> Bool { lhs.units < rhs.units }

    /// `self + other`, or `.overflow` outside the range.
    public func adding(_ other: FixedDecimal) throws(DecimalError) -> FixedDecimal {
        // Both operands are in range, so the Int64 sum cannot overflow; only the range can.
        let units = self.units + other.units
        guard DecimalText.isInRange(units) else { throw .overflow(operation: "\(self) + \(other)") }
        return FixedDecimal(uncheckedUnits: units)
    }

    /// `self - other`, or `.overflow` outside the range.
    public func subtracting(_ other: FixedDecimal) throws(DecimalError) -> FixedDecimal {
        let units = self.units - other.units
        guard DecimalText.isInRange(units) else { throw .overflow(operation: "\(self) - \(other)") }
        return FixedDecimal(uncheckedUnits: units)
    }

    /// `self × count`, or `.overflow` outside the range.
    public func multiplied(by count: Int64) throws(DecimalError) -> FixedDecimal {
        let (units, overflow) = self.units.multipliedReportingOverflow(by: count)
        guard !overflow, DecimalText.isInRange(units) else {
            throw .overflow(operation: "\(self) × \(count)")
        }
        return FixedDecimal(uncheckedUnits: units)
    }

    /// Checked addition: `try a + b`.
    public static func + (lhs: FixedDecimal, rhs: FixedDecimal) throws(DecimalError) -> FixedDecimal {
        try lhs.adding(rhs)
    }

    /// Checked subtraction: `try a - b`.
    public static func - (lhs: FixedDecimal, rhs: FixedDecimal) throws(DecimalError) -> FixedDecimal {
        try lhs.subtracting(rhs)
    }

    /// Negation never leaves the symmetric range.
    public static prefix func - (value: FixedDecimal) -> FixedDecimal {
        FixedDecimal(uncheckedUnits: -value.units)
    }

    /// The checked sum of `values` (0 when empty).
    public static func sum<S: Sequence>(_ values: S) throws(DecimalError) -> FixedDecimal where S.Element == FixedDecimal {
        var total = FixedDecimal.zero
        for value in values { total = try total.adding(value) }
        return total
    }
}

extension FixedDecimal: Codable {
    /// Decodes from a JSON string such as `"98.5"`; JSON numbers are refused (they pass through `Double`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self.units = try DecimalText.parse(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes as the canonical string, e.g. `"98.5"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.description)
    }
}
