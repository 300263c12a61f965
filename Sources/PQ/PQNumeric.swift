/// An exact fixed-scale decimal for PostgreSQL `NUMERIC`: a 128-bit significand and a scale
/// (digits after the point). It keeps the scale it was written with, so `-0.10` stays `-0.10`,
/// and holds up to 38 significant digits (`NUMERIC(18,6)` needs 24).
///
/// No binary floating point is involved anywhere: money must round-trip exactly.
///
/// ```swift
/// let amount = try PQNumeric("7547.363101")
/// amount.description   // "7547.363101"
/// ```
public struct PQNumeric: Sendable, Hashable, Comparable, CustomStringConvertible, LosslessStringConvertible {
    /// The value times 10^scale.
    public let significand: Int128
    /// Digits after the decimal point (0…38).
    public let scale: Int

    /// A value from its significand and scale: `PQNumeric(significand: -10, scale: 2)` is `-0.10`.
    public init(significand: Int128, scale: Int) {
        precondition(scale >= 0 && scale <= 38, "PQNumeric scale must be 0…38")
        self.significand = significand
        self.scale = scale
    }

    /// An integer value with scale 0.
    public init(_ value: Int) {
        self.init(significand: Int128(value), scale: 0)
    }

    /// Parses `[-+]digits[.digits]`; `nil` for anything else (including `NaN` and exponents).
    public init?(_ text: String) {
        var significand: Int128 = 0
        var scale = 0
        var negative = false
        var seenPoint = false
        var digits = 0
        var index = 0
        for byte in text.utf8 {
            defer { index += 1 }
            switch byte {
            case UInt8(ascii: "-") where index == 0: negative = true
            case UInt8(ascii: "+") where index == 0: continue
            case UInt8(ascii: "."):
                if seenPoint { return nil }
                seenPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let (times, overflow1) = significand.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(Int128(byte - UInt8(ascii: "0")))
                if overflow1 || overflow2 { return nil }
                significand = sum
                digits += 1
                if seenPoint { scale += 1 }
            default: return nil
            }
        }
        guard digits > 0, scale <= 38 else { return nil }
        self.init(significand: negative ? -significand : significand, scale: scale)
    }

    public var description: String {
        let negative = self.significand < 0
        let magnitude = self.significand.magnitude
        var digits = String(magnitude)
        if self.scale > 0 {
            if digits.count <= self.scale {
                digits = String(repeating: "0", count: self.scale - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -self.scale))
        }
        return negative ? "-" + digits : digits
    }

    /// This value with `newScale` digits after the point, or `nil` when digits would be lost
    /// or the significand would overflow.
    public func rescaled(to newScale: Int) -> PQNumeric? {
        if newScale == self.scale { return self }
        if newScale > self.scale {
            var value = self.significand
            for _ in 0..<(newScale - self.scale) {
                let (next, overflow) = value.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                value = next
            }
            return PQNumeric(significand: value, scale: newScale)
        }
        var value = self.significand
        for _ in 0..<(self.scale - newScale) {
            if value % 10 != 0 { return nil }
            value /= 10
        }
        return PQNumeric(significand: value, scale: newScale)
    }

    /// Numeric equality regardless of scale: `1.50 == 1.5`.
    public static func == (lhs: PQNumeric, rhs: PQNumeric) -> Bool {
        let scale = max(lhs.scale, rhs.scale)
        guard let left = lhs.rescaled(to: scale), let right = rhs.rescaled(to: scale) else { return false }
        return left.significand == right.significand
    }

    public func hash(into hasher: inout Hasher) {
        // Hash the normalized form so that equal values hash equally.
        var value = self.significand
        var scale = self.scale
        while scale > 0 && value % 10 == 0 {
            value /= 10
            scale -= 1
        }
        hasher.combine(value)
        hasher.combine(scale)
    }

    public static func < (lhs: PQNumeric, rhs: PQNumeric) -> Bool {
        let scale = max(lhs.scale, rhs.scale)
        if let left = lhs.rescaled(to: scale), let right = rhs.rescaled(to: scale) {
            return left.significand < right.significand
        }
        // Only reachable near Int128's limits: compare integer parts, then the aligned
        // fractions (each below 10^38, so they fit).
        let (leftInt, leftFrac) = lhs.significand.quotientAndRemainder(dividingBy: pow10(lhs.scale))
        let (rightInt, rightFrac) = rhs.significand.quotientAndRemainder(dividingBy: pow10(rhs.scale))
        if leftInt != rightInt { return leftInt < rightInt }
        return leftFrac * pow10(scale - lhs.scale) < rightFrac * pow10(scale - rhs.scale)
    }
}

private func pow10(_ exponent: Int) -> Int128 {
    var value: Int128 = 1
    for _ in 0..<exponent { value *= 10 }
    return value
}
