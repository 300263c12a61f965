/// Why a text is not an exact decimal, or why decimal arithmetic left the supported range.
///
/// Every case carries the offending text so a message can be shown to the person who typed it.
public enum DecimalError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text is empty or only whitespace.
    case empty
    /// A character that has no place in a number, e.g. `万` in `12万`.
    case invalidCharacter(Character, text: String)
    /// The characters are valid but their arrangement is not, e.g. `1,23.4` or `1.2.3`.
    case malformed(text: String, reason: String)
    /// More significant decimals than the scale of 6 allows (1 分 = 0.000001 万元).
    case tooManyDecimals(text: String, decimals: Int)
    /// The magnitude exceeds 999999999999.999999, the range of PostgreSQL `NUMERIC(18,6)`.
    case outOfRange(text: String)
    /// An arithmetic result exceeds 999999999999.999999 in magnitude.
    case overflow(operation: String)

    /// An English sentence naming the text and what is wrong with it.
    public var description: String {
        switch self {
        case .empty:
            return "empty text is not a number"
        case .invalidCharacter(let character, let text):
            return "'\(character)' is not allowed in a number: '\(text)'"
        case .malformed(let text, let reason):
            return "'\(text)' is not a number: \(reason)"
        case .tooManyDecimals(let text, let decimals):
            return "'\(text)' has \(decimals) decimals; at most 6 are allowed (0.000001 万元 = 1 分)"
        case .outOfRange(let text):
            return "'\(text)' is outside ±999999999999.999999, the range of NUMERIC(18,6)"
        case .overflow(let operation):
            return "\(operation) leaves the range ±999999999999.999999 of NUMERIC(18,6)"
        }
    }
}
