/// The spellings of comparators found in users' files, and longest-match helpers.
enum ComparatorSpellings {
    private static let symbolic: [(String, IndicatorComparator)] = [
        ("≥", .gte), ("≧", .gte), ("⩾", .gte), (">=", .gte), ("=>", .gte), ("＞＝", .gte), ("＞=", .gte), (">＝", .gte),
        ("\\geq", .gte), ("\\ge", .gte), ("\\geqslant", .gte),
        ("≤", .lte), ("≦", .lte), ("⩽", .lte), ("<=", .lte), ("=<", .lte), ("＜＝", .lte), ("＜=", .lte), ("<＝", .lte),
        ("\\leq", .lte), ("\\le", .lte), ("\\leqslant", .lte),
        ("=", .eq), ("＝", .eq), ("==", .eq),
        (">", .gt), ("＞", .gt), ("\\gt", .gt),
        ("<", .lt), ("＜", .lt), ("\\lt", .lt),
    ]

    /// Phrases that cannot mean anything but a comparator.
    private static let phrases: [(String, IndicatorComparator)] = [
        ("大于等于", .gte), ("大于或等于", .gte), ("不低于", .gte), ("不少于", .gte), ("不小于", .gte),
        ("小于等于", .lte), ("小于或等于", .lte), ("不高于", .lte), ("不超过", .lte), ("不大于", .lte), ("不多于", .lte),
    ]

    /// Single words that are comparators when they fill a whole cell, but too common inside prose.
    private static let words: [(String, IndicatorComparator)] = [
        ("等于", .eq), ("大于", .gt), ("高于", .gt), ("小于", .lt), ("低于", .lt),
        ("定性", .qualitative), ("定量", .quantitative),
    ]

    /// A whole cell → comparator.
    static let exact: [String: IndicatorComparator] = {
        var table: [String: IndicatorComparator] = [:]
        for (spelling, comparator) in symbolic + phrases + words { table[spelling] = comparator }
        return table
    }()

    /// What may prefix a value cell (`≥90%`, `不低于80%`), longest first.
    static let prefixes: [(String, IndicatorComparator)] = (symbolic + phrases)
        .sorted { $0.0.count > $1.0.count }

    /// Bare words that prefix a value cell only when a number follows (`低于5%`).
    static let wordPrefixes: [(String, IndicatorComparator)] = words.filter { $0.1.isRelational }

    /// What counts as a comparator mentioned inside free text, longest first.
    static let mentions: [(String, IndicatorComparator)] = (symbolic + phrases)
        .sorted { $0.0.count > $1.0.count }

    /// The longest spelling starting at `index`, with its length in characters.
    static func longestMatch(in characters: [Character], at index: Int, spellings: [(String, IndicatorComparator)]) -> (IndicatorComparator, Int)? {
        for (spelling, comparator) in spellings {
            let candidate = Array(spelling)
            guard index + candidate.count <= characters.count else { continue }
            if Array(characters[index..<(index + candidate.count)]) == candidate {
                return (comparator, candidate.count)
            }
        }
        return nil
    }
}
