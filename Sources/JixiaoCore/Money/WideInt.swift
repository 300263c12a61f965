/// A signed 128-bit intermediate built from `multipliedFullWidth`, for exact comparisons of
/// products such as count × standard against a funds total.
///
/// `Int128` would do, but needs macOS 15; this keeps the core portable.
struct WideInt: Comparable, Sendable {
    var high: Int64
    var low: UInt64

    init(_ lhs: Int64, times rhs: Int64) {
        let product = lhs.multipliedFullWidth(by: rhs)
        self.high = product.high
        self.low = product.low
    }

    static func < (lhs: WideInt, rhs: WideInt) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }

    /// Quotient truncated toward zero, or nil when it does not fit in `Int64`. `divisor` > 0.
    func divided(by divisor: Int64) -> Int64? {
        guard divisor > 0 else { return nil }
        let upper = WideInt(divisor, times: Int64.max)
        let lower = WideInt(divisor, times: -Int64.max)
        guard lower < self, self < upper else { return nil }
        return divisor.dividingFullWidth((high: self.high, low: self.low)).quotient
    }
}
