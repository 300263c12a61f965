/// Keeps a spreadsheet from running a cell as a formula (CSV injection): a cell that Excel or
/// LibreOffice would read as a formula or command, one starting with `=`, `+`, `-`, `@`, a tab
/// or a carriage return (`=HYPERLINK(…)` typed by a drafter once reached finance's file as a
/// live link), is written with a leading apostrophe, which spreadsheets show as text.
///
/// Reading undoes exactly that, so an export read back changes nothing: a cell that starts
/// with an apostrophe is escaped too when what follows the apostrophes would be (`'=1` is
/// written `''=1`), and reading removes one apostrophe only where writing added one. Every
/// text therefore survives `restored(neutralised(text)) == text`.
public enum CSVFormulaGuard {
    /// The first characters that make a spreadsheet read a cell as a formula or command.
    public static let triggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// The cell as written to a file: `text`, or `'` + `text` where a spreadsheet would run it.
    public static func neutralised(_ text: String) -> String {
        self.needsEscape(text.unicodeScalars[...]) ? "'" + text : text
    }

    /// The text of a cell as read from a file: the escape of `neutralised` removed.
    public static func restored(_ cell: String) -> String {
        let scalars = cell.unicodeScalars[...]
        guard scalars.first == "'", self.needsEscape(scalars.dropFirst()) else { return cell }
        return String(String.UnicodeScalarView(scalars.dropFirst()))
    }

    /// A trigger first, or apostrophes before a trigger.
    private static func needsEscape(_ scalars: Substring.UnicodeScalarView) -> Bool {
        let rest = scalars.drop { $0 == "'" }
        guard let first = rest.first else { return false }
        return self.triggers.contains(first)
    }
}
