/// Line, cell and label helpers for the seed text format (tab-separated cells, one row per line).
enum SeedText {
    /// The lines of `text`, split at any line break (`\n`, `\r\n`, `\r`); a leading BOM is dropped.
    static func lines(_ text: String) -> [Substring] {
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        return body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    }

    /// The cells of a line: split at tabs, trimmed, Markdown bold `**` removed at either end.
    static func cells(_ line: Substring) -> [String] {
        line.split(separator: "\t", omittingEmptySubsequences: false).map { self.cell(String($0)) }
    }

    static func cell(_ raw: String) -> String {
        var text = TextNormalization.trimmed(raw)
        while text.hasPrefix("**") { text = TextNormalization.trimmed(String(text.dropFirst(2))) }
        while text.hasSuffix("**") { text = TextNormalization.trimmed(String(text.dropLast(2))) }
        return text
    }

    /// The comparable form of a label: no whitespace, full-width brackets and colons made ASCII,
    /// quotes dropped, a leading 其中 and trailing colons removed. `其中: 财政资金` → `财政资金`.
    static func key(_ cell: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in cell.unicodeScalars {
            switch scalar.value {
            case 0xFF08: scalars.append("(")
            case 0xFF09: scalars.append(")")
            case 0xFF1A: scalars.append(":")
            case 0x201C, 0x201D, 0x2018, 0x2019, 0x22: continue
            default:
                if !scalar.properties.isWhitespace { scalars.append(scalar) }
            }
        }
        var result = String(scalars)
        if result.hasPrefix("其中") {
            result = String(result.dropFirst(2))
            while result.hasPrefix(":") || result.hasPrefix(",") || result.hasPrefix("，") { result.removeFirst() }
        }
        while result.hasSuffix(":") { result.removeLast() }
        return result
    }

    /// Base units of measure met in target tables; composites are `a/b` of these.
    private static let baseUnits: Set<String> = [
        "%", "‰", "元", "万元", "亿元", "千元", "百元", "人", "人次", "万人", "万人次", "次", "场", "场次", "个", "所", "户", "家",
        "名", "件", "项", "期", "批", "班", "处", "座", "台", "套", "辆", "天", "日", "月", "年", "小时", "时", "分钟", "周",
        "季度", "季", "篇", "条", "份", "本", "册", "亩", "公里", "千米", "米", "平方米", "立方米", "吨", "公斤", "千克",
        "分", "级", "星", "岗", "个岗位", "岗位", "课时", "学时", "村", "站", "单", "宗", "起", "例", "张", "间", "栋",
        "个月", "人月", "工作日", "元/人", "km", "m", "kg", "t",
    ]

    /// True for a unit of measure such as `%`, `人`, `万元/人`, `元/人·月`; false for prose (`全年`, `合规`).
    static func isUnitLike(_ text: String) -> Bool {
        let normalized = MeasureUnit.normalized(text)
        guard !normalized.isEmpty, normalized.count <= 10 else { return false }
        let parts = normalized.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "/" || $0 == "·" })
        guard parts.count <= 3 else { return false }
        return parts.allSatisfy { self.baseUnits.contains(String($0)) }
    }

    /// True for a numeric value cell, optionally with comparator and unit: `98`, `≥90%`, `$\geq 80\%$`, `≥12所`.
    static func isValueLike(_ cell: String) -> Bool {
        self.numericValue(cell) != nil
    }

    /// True for a numeric value cell that starts with a comparator: `≥90%`, `$\geq 80\%$`.
    static func carriesComparator(_ cell: String) -> Bool {
        self.numericValue(cell)?.comparator != nil
    }

    /// The split of a numeric value cell (see `isValueLike`), else nil.
    private static func numericValue(_ cell: String) -> ValueCell? {
        guard self.containsDigit(cell) else { return nil }
        let split = ValueCell(splitting: cell)
        guard !split.value.isEmpty, FixedDecimal(split.value) != nil, split.unit.isEmpty || self.isUnitLike(split.unit) else {
            return nil
        }
        return split
    }

    /// True when `text` holds an ASCII or full-width digit: no number without one.
    static func containsDigit(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x30...0x39).contains($0.value) || (0xFF10...0xFF19).contains($0.value) }
    }

    /// The four-digit year written before 年 in `text` (`（2025年度）`, `2025年`), preferring one followed by 年度.
    static func fiscalYear(in text: String) -> Int? {
        let characters = Array(text)
        var plain: Int?
        var index = 0
        while index < characters.count {
            guard self.digitValue(characters[index]) != nil, index == 0 || self.digitValue(characters[index - 1]) == nil else {
                index += 1
                continue
            }
            var end = index
            var year = 0
            while end < characters.count, let digit = self.digitValue(characters[end]) {
                year = year * 10 + digit
                end += 1
                if end - index > 4 { break }
            }
            var next = end
            while next < characters.count, characters[next] == " " { next += 1 }
            if end - index == 4, next < characters.count, characters[next] == "年", (1990...2100).contains(year) {
                if next + 1 < characters.count, characters[next + 1] == "度" { return year }
                if plain == nil { plain = year }
            }
            index = max(end, index + 1)
        }
        return plain
    }

    /// A line that is only a year: `（2025年度）`, `(2025年度)`, `2025年度`, `2025年`.
    static func isYearLine(_ cell: String) -> Bool {
        var core = self.key(cell)
        if core.hasPrefix("(") { core.removeFirst() }
        if core.hasSuffix(")") { core.removeLast() }
        if core.hasSuffix("年度") { core.removeLast(2) } else if core.hasSuffix("年") { core.removeLast() } else { return false }
        return core.count == 4 && core.allSatisfy { self.digitValue($0) != nil }
    }

    /// A caption or page mark between tables: `附件2`, `附表1：`, `第 3 页`, `- 4 -`.
    static func isCaption(_ cell: String) -> Bool {
        let core = self.key(cell)
        guard !core.isEmpty, core.count <= 12 else { return false }
        var rest = Substring(core)
        if rest.hasPrefix("附件") || rest.hasPrefix("附表") {
            rest = rest.dropFirst(2)
            return !rest.isEmpty && rest.allSatisfy { self.digitValue($0) != nil || self.chineseNumeral($0) != nil }
        }
        if rest.hasPrefix("第"), rest.hasSuffix("页") {
            return rest.dropFirst().dropLast().allSatisfy { self.digitValue($0) != nil }
        }
        for dash in ["-", "—", "–"] where rest.hasPrefix(dash) && rest.hasSuffix(dash) && rest.count >= 3 {
            return rest.dropFirst().dropLast().allSatisfy { self.digitValue($0) != nil }
        }
        return false
    }

    /// 0–9 for ASCII and full-width digits.
    static func digitValue(_ character: Character) -> Int? {
        guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first else { return nil }
        switch scalar.value {
        case 0x30...0x39: return Int(scalar.value - 0x30)
        case 0xFF10...0xFF19: return Int(scalar.value - 0xFF10)
        default: return nil
        }
    }

    /// 1–10 for 一 … 十.
    static func chineseNumeral(_ character: Character) -> Int? {
        switch character {
        case "一": return 1
        case "二": return 2
        case "三": return 3
        case "四": return 4
        case "五": return 5
        case "六": return 6
        case "七": return 7
        case "八": return 8
        case "九": return 9
        case "十": return 10
        default: return nil
        }
    }

    /// A 万元 figure as written in a header cell (`64.09`, `7183`, `1,234.5万元`); nil when empty.
    static func amount(_ cell: String) -> Result<Amount, DecimalError>? {
        var text = TextNormalization.trimmed(cell)
        guard !text.isEmpty else { return nil }
        if text.hasSuffix("万元") { text = TextNormalization.trimmed(String(text.dropLast(2))) }
        do {
            return .success(try Amount(parsing: text))
        } catch {
            return .failure(error)
        }
    }

    /// A head count as written (`13`, `13人`); nil when empty, `.failure` with the text otherwise.
    static func count(_ cell: String) -> Result<Int, DecimalError>? {
        var text = TextNormalization.trimmed(cell)
        guard !text.isEmpty else { return nil }
        if text.hasSuffix("人") { text = TextNormalization.trimmed(String(text.dropLast())) }
        do {
            let number = try FixedDecimal(parsing: text)
            guard number.units % FixedDecimal.unitsPerOne == 0, !number.isNegative else {
                return .failure(.malformed(text: cell, reason: "a head count is a whole number"))
            }
            return .success(Int(number.units / FixedDecimal.unitsPerOne))
        } catch {
            return .failure(error)
        }
    }
}
