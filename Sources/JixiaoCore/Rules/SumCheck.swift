/// "Do the parts add up to the total?" with the rule for missing cells: nil parts count as 0
/// only when the total and at least one part are present; otherwise there is nothing to check.
enum SumCheck {
    /// `"a + b = s ≠ <totalLabel> t"` when the present parts do not add up, else nil.
    static func mismatch(parts: [Amount?], total: Amount?, totalLabel: String) -> String? {
        let present = parts.compactMap { $0 }
        guard let total, !present.isEmpty else { return nil }
        let terms = present.map(\.description).joined(separator: " + ")
        guard let sum = try? Amount.sum(present) else {
            return "\(terms) exceeds the supported range ≠ \(totalLabel) \(total)"
        }
        return sum == total ? nil : "\(terms) = \(sum) ≠ \(totalLabel) \(total)"
    }

    /// The same for whole counts (staffing).
    static func mismatch(parts: [Int?], total: Int?, totalLabel: String) -> String? {
        let present = parts.compactMap { $0 }
        guard let total, !present.isEmpty else { return nil }
        let (sum, overflow) = present.reduce((0, false)) { partial, part in
            let (next, overflowed) = partial.0.addingReportingOverflow(part)
            return (next, partial.1 || overflowed)
        }
        let terms = present.map(String.init).joined(separator: " + ")
        if overflow { return "\(terms) overflows ≠ \(totalLabel) \(total)" }
        return sum == total ? nil : "\(terms) = \(sum) ≠ \(totalLabel) \(total)"
    }
}
