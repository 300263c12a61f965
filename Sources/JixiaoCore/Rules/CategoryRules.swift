/// Structure rules: missing-category, unknown-category, duplicate-indicator, missing-goal.
enum CategoryRules {
    static func missingGoal(_ goals: [String]) -> [Finding] {
        // "<p></p>" is as empty as "": the sources carry HTML in goal texts.
        let hasGoal = goals.contains { !TextNormalization.isBlank(TextNormalization.withoutTags($0)) }
        return hasGoal ? [] : [Finding(.missingGoal, "the table states no overall/annual goal (总体目标/年度绩效目标)")]
    }

    static func missingCategories(_ table: TargetTable) -> [Finding] {
        let present = Set(table.indicators.map { TextNormalization.withoutWhitespace($0.level1) })
        let required = table.kind.requiredLevel1Categories
        return required.filter { !present.contains($0) }.map { category in
            Finding(
                .missingCategory,
                "no \(category) indicators; a \(table.kind.rawValue) table needs \(required.joined(separator: ", "))"
            )
        }
    }

    /// One warning per distinct unknown name, at its first indicator (a cut label repeats on many rows).
    static func unknownCategories(_ table: TargetTable) -> [Finding] {
        let known = Set(table.kind.knownLevel1Categories)
        var reported = Set<String>()
        var findings: [Finding] = []
        for indicator in table.indicators {
            let name = TextNormalization.withoutWhitespace(indicator.level1)
            guard !known.contains(name), reported.insert(name).inserted else { continue }
            let count = table.indicators.filter { TextNormalization.withoutWhitespace($0.level1) == name }.count
            let subject = name.isEmpty ? "no level-1 category (一级指标)" : "level-1 category '\(name)'"
            findings.append(
                Finding(
                    .unknownCategory,
                    "'\(indicator.displayName)' and \(count - 1) more: \(subject) is not one of \(table.kind.knownLevel1Categories.joined(separator: ", "))",
                    at: indicator
                )
            )
        }
        return findings
    }

    static func duplicates(_ indicators: [Indicator]) -> [Finding] {
        var first: [[String]: Indicator] = [:]
        var findings: [Finding] = []
        for indicator in indicators where !TextNormalization.isBlank(indicator.level3) {
            let key = [indicator.level1, indicator.level2, indicator.level3].map(TextNormalization.withoutWhitespace)
            if let original = first[key] {
                findings.append(
                    Finding(
                        .duplicateIndicator,
                        "'\(indicator.displayName)' repeats \(key.joined(separator: " / ")) of indicator #\(original.position)",
                        at: indicator
                    )
                )
            } else {
                first[key] = indicator
            }
        }
        return findings
    }

    /// 权重: when any indicator has a weight, all need one (scoring shares a category's points
    /// by weight). One warning naming those without, with the sum of the weights given.
    static func weights(_ indicators: [Indicator]) -> [Finding] {
        let weighted = indicators.compactMap(\.weight)
        guard !weighted.isEmpty, weighted.count < indicators.count else { return [] }
        let missing = indicators.filter { $0.weight == nil }
        // At most 9999.99 each: the sum of any realistic table stays far inside the range.
        let sum = (try? FixedDecimal.sum(weighted.map(\.decimal)))?.description ?? "too large"
        let names = missing.prefix(5).map(\.displayName).joined(separator: ", ") + (missing.count > 5 ? ", …" : "")
        return [
            Finding(
                .weightsIncomplete,
                "\(weighted.count) of \(indicators.count) indicators have a weight (权重), summing to \(sum); "
                    + "\(missing.count) have none: \(names)",
                at: missing[0]
            )
        ]
    }
}
