/// Text ⇄ scaled integer for the fixed-scale decimals (`FixedDecimal`, `Amount`).
///
/// Values are counted in units of 1e-6. The range is that of PostgreSQL `NUMERIC(18,6)`
/// (12 integer digits), well inside `Int64`, so a sum of two in-range values never
/// overflows `Int64` and only the range check is needed.
enum DecimalText {
    static let scale = 6
    static let unitsPerOne: Int64 = 1_000_000
    static let maxUnits: Int64 = 999_999_999_999_999_999
    static let maxIntegerDigits = 12

    static func isInRange(_ units: Int64) -> Bool {
        units >= -maxUnits && units <= maxUnits
    }

    /// Parses `"7547.363101"`, `"-0.10"`, `"1,234.5"`, `"１２.５"` into units of 1e-6.
    ///
    /// Accepted: surrounding whitespace, a leading `+`/`-` (also full-width or `−`),
    /// ASCII or full-width digits and points, thousands separators `,`/`，` in groups of
    /// three in the integer part, trailing zeros beyond the 6th decimal (the value stays exact).
    /// Refused: anything else, with the reason.
    static func parse(_ text: String) throws(DecimalError) -> Int64 {
        let trimmed = TextNormalization.trimmed(text)
        if trimmed.isEmpty { throw .empty }

        var symbols: [UInt8] = []
        for scalar in trimmed.unicodeScalars {
            guard let ascii = self.asciiSymbol(scalar) else {
                throw .invalidCharacter(Character(scalar), text: text)
            }
            symbols.append(ascii)
        }

        var index = 0
        var negative = false
        if symbols[0] == UInt8(ascii: "-") || symbols[0] == UInt8(ascii: "+") {
            negative = symbols[0] == UInt8(ascii: "-")
            index = 1
        }

        var groups: [[UInt8]] = [[]]
        while index < symbols.count, self.isDigit(symbols[index]) || symbols[index] == UInt8(ascii: ",") {
            if symbols[index] == UInt8(ascii: ",") {
                groups.append([])
            } else {
                groups[groups.count - 1].append(symbols[index])
            }
            index += 1
        }

        var fraction: [UInt8] = []
        var hasPoint = false
        if index < symbols.count, symbols[index] == UInt8(ascii: ".") {
            hasPoint = true
            index += 1
            while index < symbols.count, self.isDigit(symbols[index]) {
                fraction.append(symbols[index])
                index += 1
            }
        }

        if index < symbols.count {
            let offending = Character(Unicode.Scalar(symbols[index]))
            throw .malformed(text: text, reason: "unexpected '\(offending)' at position \(index + 1)")
        }
        if groups.count > 1 {
            let first = groups[0]
            let rest = groups.dropFirst()
            if first.isEmpty || first.count > 3 || rest.contains(where: { $0.count != 3 }) {
                throw .malformed(text: text, reason: "thousands separators must split the integer part into groups of three")
            }
        }
        let integerDigits = groups.joined()
        if integerDigits.isEmpty {
            throw .malformed(text: text, reason: "no digits before the decimal point")
        }
        if hasPoint, fraction.isEmpty {
            throw .malformed(text: text, reason: "no digits after the decimal point")
        }

        // Trailing zeros add no information, so "1.5000000" stays exact and is accepted.
        while fraction.last == UInt8(ascii: "0") { fraction.removeLast() }
        if fraction.count > self.scale {
            throw .tooManyDecimals(text: text, decimals: fraction.count)
        }
        let significant = integerDigits.drop(while: { $0 == UInt8(ascii: "0") })
        if significant.count > self.maxIntegerDigits {
            throw .outOfRange(text: text)
        }

        var units: Int64 = 0
        for digit in significant {
            units = units * 10 + Int64(digit - UInt8(ascii: "0"))
        }
        units *= self.unitsPerOne
        var fractionUnits: Int64 = 0
        for position in 0..<self.scale {
            let digit = position < fraction.count ? Int64(fraction[position] - UInt8(ascii: "0")) : 0
            fractionUnits = fractionUnits * 10 + digit
        }
        units += fractionUnits
        return negative ? -units : units
    }

    /// Canonical text: the fewest decimals that keep the value (`"9757.7"`, `"0"`, `"-0.1"`),
    /// or exactly six when `allDecimals` (`"9757.700000"`).
    static func format(_ units: Int64, allDecimals: Bool) -> String {
        let magnitude = units.magnitude
        let one = UInt64(self.unitsPerOne)
        let sign = units < 0 ? "-" : ""
        return sign + self.formatMagnitude(magnitude / one, fraction: magnitude % one, allDecimals: allDecimals)
    }

    /// Rounds half away from zero to `decimals` places and prints the minimal form.
    static func format(_ units: Int64, roundedTo decimals: Int) -> String {
        let places = max(0, min(self.scale, decimals))
        var step: UInt64 = 1
        for _ in 0..<(self.scale - places) { step *= 10 }
        var magnitude = units.magnitude
        let remainder = magnitude % step
        magnitude -= remainder
        if remainder * 2 >= step { magnitude += step }
        let one = UInt64(self.unitsPerOne)
        let sign = units < 0 && magnitude != 0 ? "-" : ""
        return sign + self.formatMagnitude(magnitude / one, fraction: magnitude % one, allDecimals: false)
    }

    private static func formatMagnitude(_ integer: UInt64, fraction: UInt64, allDecimals: Bool) -> String {
        if fraction == 0, !allDecimals { return String(integer) }
        var digits = String(fraction)
        digits = String(repeating: "0", count: self.scale - digits.count) + digits
        if !allDecimals {
            while digits.last == "0" { digits.removeLast() }
        }
        return "\(integer).\(digits)"
    }

    private static func isDigit(_ symbol: UInt8) -> Bool {
        symbol >= UInt8(ascii: "0") && symbol <= UInt8(ascii: "9")
    }

    /// Maps ASCII and full-width number symbols to ASCII; nil for anything else.
    private static func asciiSymbol(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar.value {
        case 0x30...0x39: return UInt8(scalar.value)
        case 0xFF10...0xFF19: return UInt8(scalar.value - 0xFF10 + 0x30)
        case 0x2E, 0xFF0E: return UInt8(ascii: ".")
        case 0x2C, 0xFF0C: return UInt8(ascii: ",")
        case 0x2D, 0xFF0D, 0x2212: return UInt8(ascii: "-")
        case 0x2B, 0xFF0B: return UInt8(ascii: "+")
        default: return nil
        }
    }
}
