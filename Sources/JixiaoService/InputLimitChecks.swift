import JixiaoCore

/// The service's application of `InputLimits`: each check throws `too-long` or `too-many`
/// (invalid input) before anything reaches the trail.
enum InputLimitChecks {
    /// A text of at most `limit` characters.
    static func length(_ text: String, name: String, limit: Int = InputLimits.text) throws {
        if let refusal = InputLimits.lengthRefusal(text, name: name, limit: limit) { throw ServiceError.invalid(refusal, code: .tooLong) }
    }

    /// At most `limit` items.
    static func count(_ count: Int, items: String, limit: Int) throws {
        if let refusal = InputLimits.countRefusal(count, items: items, limit: limit) { throw ServiceError.invalid(refusal, code: .tooMany) }
    }

    /// A reason, or an optional one.
    static func reason(_ reason: String?) throws {
        if let reason { try self.length(reason, name: "the reason", limit: InputLimits.reason) }
    }

    /// The fields an indicator change sets.
    static func change(_ change: IndicatorChange) throws {
        if let refusal = InputLimits.lengthRefusal(change.values, fields: change.fields) { throw ServiceError.invalid(refusal, code: .tooLong) }
    }

    /// The content of new indicators, and how many a table holds once they are in (they take
    /// positions `firstPosition…`, after `firstPosition - 1` others).
    static func newIndicators(_ inputs: [IndicatorInput], firstPosition: Int) throws {
        try self.count(firstPosition - 1 + inputs.count, items: "indicators in one table", limit: InputLimits.indicatorsPerTable)
        for input in inputs {
            if let refusal = InputLimits.lengthRefusal(input.fields, fields: IndicatorContent.Field.allCases) {
                throw ServiceError.invalid(refusal, code: .tooLong)
            }
        }
    }

    /// A table's title and goals (nil: unchanged).
    static func header(title: String?, goals: [String]?) throws {
        if let title { try self.length(title, name: "the title") }
        if let goals {
            try self.count(goals.count, items: "goals", limit: InputLimits.goalsPerTable)
            for goal in goals { try self.length(goal, name: "a goal") }
        }
    }
}
