/// A value cell split into the comparator, number and unit it carries, e.g. `≥90%` → (≥, "90", "%").
///
/// Source tables often put all three in the 指标值 cell, or write LaTeX (`$\geq 80\%$`).
/// `value` is the text as written (digits are not converted), `unit` is what follows the
/// number; when no number leads, the whole rest is the value and the unit is empty
/// (`较上年增长` → (nil, "较上年增长", "")).
public struct ValueCell: Sendable, Hashable {
    /// The comparator written before the value, if any.
    public var comparator: IndicatorComparator?
    /// The value, trimmed.
    public var value: String
    /// The unit of measure written after a number, trimmed; empty when none.
    public var unit: String

    /// A cell from its parts.
    public init(comparator: IndicatorComparator?, value: String, unit: String) {
        self.comparator = comparator
        self.value = value
        self.unit = unit
    }

    /// Splits `cell`: `≥90%`, `100%`, `≥12所`, `$\geq 80\%$`, `=391人`, `2025年`.
    public init(splitting cell: String) {
        // `$` only ever delimits LaTeX here (money is in 万元), so it is dropped wherever it is.
        let text = cell.replacing("$", with: "").replacing("\\%", with: "%")
        var characters = Array(TextNormalization.trimmed(text))

        var comparator: IndicatorComparator?
        if let (found, length) = ComparatorSpellings.longestMatch(in: characters, at: 0, spellings: ComparatorSpellings.prefixes) {
            comparator = found
            characters.removeFirst(length)
        } else if let (found, length) = ComparatorSpellings.longestMatch(in: characters, at: 0, spellings: ComparatorSpellings.wordPrefixes),
            ValueCell.leadingNumberLength(Array(TextNormalization.trimmed(String(characters.dropFirst(length))))) > 0
        {
            // A bare word such as 低于 is a comparator only before a number (低于5%), not in 低于上年.
            comparator = found
            characters.removeFirst(length)
        }
        let rest = Array(TextNormalization.trimmed(String(characters)))
        let numberLength = ValueCell.leadingNumberLength(rest)
        self.comparator = comparator
        if numberLength > 0 {
            self.value = String(rest[0..<numberLength])
            self.unit = TextNormalization.trimmed(String(rest[numberLength...]))
        } else {
            self.value = String(rest)
            self.unit = ""
        }
    }

    /// Length of the number at the start of `characters` (sign, digits, separators), 0 if none.
    private static func leadingNumberLength(_ characters: [Character]) -> Int {
        var length = 0
        if let first = characters.first, self.isSign(first) { length = 1 }
        let digitsStart = length
        while length < characters.count, self.isNumberCharacter(characters[length]) {
            length += 1
        }
        return characters[digitsStart..<length].contains(where: self.isDigit) ? length : 0
    }

    private static func isSign(_ character: Character) -> Bool {
        character == "-" || character == "+" || character == "－" || character == "−" || character == "＋"
    }

    private static func isDigit(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else { return false }
        return (0x30...0x39).contains(scalar.value) || (0xFF10...0xFF19).contains(scalar.value)
    }

    private static func isNumberCharacter(_ character: Character) -> Bool {
        self.isDigit(character) || character == "." || character == "．" || character == "," || character == "，"
    }
}
