/// Rules on single indicators: value-not-numeric, unit-missing, percent-out-of-range, comparator-conflict.
enum IndicatorRules {
    static let hundred = FixedDecimal(uncheckedUnits: 100 * FixedDecimal.unitsPerOne)

    static func findings(for indicator: Indicator) -> [Finding] {
        var findings: [Finding] = []
        let name = "'\(indicator.displayName)'"
        let number = indicator.numericValue

        if let comparator = indicator.comparator, number == nil,
            comparator.isRelational || comparator == .quantitative
        {
            let value = TextNormalization.isBlank(indicator.value) ? "empty" : "'\(indicator.value)'"
            // 定量 only says "quantitative", so a missing number there is a warning, not a block.
            let severity: Severity = comparator.isRelational ? .error : .warning
            findings.append(
                Finding(
                    .valueNotNumeric,
                    "\(name): comparator \(comparator.rawValue) needs a number, but the value is \(value)",
                    at: indicator,
                    severity: severity
                )
            )
        }

        if let number, indicator.comparator != .qualitative, TextNormalization.isBlank(indicator.unitOfMeasure) {
            findings.append(
                Finding(
                    .unitMissing,
                    "\(name): the numeric target \(number) has no unit of measure (度量单位)",
                    at: indicator
                )
            )
        }

        if let number, MeasureUnit.isPercent(indicator.unitOfMeasure),
            number < .zero || number > self.hundred
        {
            findings.append(
                Finding(
                    .percentOutOfRange,
                    "\(name): \(number)% is outside 0–100%",
                    at: indicator
                )
            )
        }

        if let comparator = indicator.comparator, comparator.isRelational,
            let mentioned = IndicatorComparator.firstMention(in: indicator.content), mentioned != comparator
        {
            findings.append(
                Finding(
                    .comparatorConflict,
                    "\(name): comparator \(comparator.rawValue), but the content '\(indicator.content)' says \(mentioned.rawValue)",
                    at: indicator
                )
            )
        }
        return findings
    }
}
