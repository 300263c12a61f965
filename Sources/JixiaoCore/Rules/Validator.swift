/// Runs every rule of the catalogue (DESIGN §1.6, `FindingCode`) over a table.
public enum Validator {
    /// All findings, in a stable order: goals, header figures, then indicators by position
    /// (value, unit, percent, comparator), then cost rules, then categories and duplicates.
    public static func findings(for table: TargetTable) -> [Finding] {
        let indicators = table.indicators.enumerated()
            .sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }
            .map(\.element)
        var ordered = table
        ordered.indicators = indicators

        var findings = CategoryRules.missingGoal(table.goals)
        if case .department(let header) = table.header {
            findings += BudgetRules.findings(for: header)
        }
        findings += indicators.flatMap(IndicatorRules.findings(for:))
        findings += FundsRules.findings(for: ordered)
        findings += CategoryRules.missingCategories(ordered)
        findings += CategoryRules.unknownCategories(ordered)
        findings += CategoryRules.duplicates(indicators)
        findings += CategoryRules.weights(indicators)
        return findings
    }

    /// True when any finding is an error, which blocks `submit`.
    public static func hasErrors(_ findings: [Finding]) -> Bool {
        findings.contains { $0.severity == .error }
    }
}
