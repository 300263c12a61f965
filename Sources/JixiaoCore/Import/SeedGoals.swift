/// Goal texts (总体目标, 年度绩效目标) as the sources write them: HTML paragraphs (`<p>…</p>`),
/// numbered goals in one cell (`目标1：… 目标2：…`, `1. … 2、…`, `（1）…（2）…`).
enum SeedGoals {
    /// The goals in `text`: HTML removed, one entry per paragraph and per numbered goal, each
    /// trimmed and keeping its own number (`目标1：…`); text before the first number is a goal of its own.
    static func split(_ text: String) -> [String] {
        self.paragraphs(text)
            .flatMap(self.numbered)
            .map(TextNormalization.trimmed)
            .filter { !$0.isEmpty }
    }

    private static let blockTags: Set<String> = ["p", "br", "div", "li", "ul", "ol", "tr", "td", "h1", "h2", "h3", "h4", "h5", "h6"]

    /// Splits at block tags (`<p>`, `</p>`, `<br/>` …), drops other tags, decodes the common entities.
    static func paragraphs(_ text: String) -> [String] {
        let characters = Array(text)
        var paragraphs: [String] = []
        var current = ""
        var index = 0
        while index < characters.count {
            if characters[index] == "<", let (name, end) = self.tag(in: characters, at: index) {
                if self.blockTags.contains(name) {
                    paragraphs.append(current)
                    current = ""
                }
                index = end
                continue
            }
            current.append(characters[index])
            index += 1
        }
        paragraphs.append(current)
        return paragraphs.map(self.decodingEntities)
    }

    /// The lowercased name of the tag starting at `start` and the index after its `>`, or nil when
    /// `<` starts no tag (`< 5%`).
    private static func tag(in characters: [Character], at start: Int) -> (String, Int)? {
        var index = start + 1
        if index < characters.count, characters[index] == "/" { index += 1 }
        var name = ""
        while index < characters.count, let ascii = characters[index].asciiValue,
            (ascii >= 65 && ascii <= 90) || (ascii >= 97 && ascii <= 122) || (!name.isEmpty && ascii >= 48 && ascii <= 57)
        {
            name.append(Character(Unicode.Scalar(ascii >= 65 && ascii <= 90 ? ascii + 32 : ascii)))
            index += 1
        }
        guard !name.isEmpty else { return nil }
        while index < characters.count, characters[index] != ">" {
            if characters[index] == "<" { return nil }
            index += 1
        }
        guard index < characters.count else { return nil }
        return (name, index + 1)
    }

    private static func decodingEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacing("&nbsp;", with: " ").replacing("&lt;", with: "<").replacing("&gt;", with: ">")
            .replacing("&quot;", with: "\"").replacing("&amp;", with: "&")
    }

    private enum Style: Hashable {
        /// 目标1：
        case named
        /// 1. or 1、
        case dotted
        /// （1） or (1)
        case bracketed
        /// ①
        case circled
        /// 一、
        case chinese
    }

    private struct Marker {
        let style: Style
        let number: Int
        let start: Int
    }

    /// Splits at consecutive goal numbers of one style (1, 2, 3 …), the style with the longest run;
    /// a lone number splits nothing.
    static func numbered(_ text: String) -> [String] {
        let characters = Array(text)
        var chains: [Style: [Marker]] = [:]
        for index in characters.indices where self.isBoundary(characters, index) {
            guard let (style, number) = self.marker(in: characters, at: index) else { continue }
            if let last = chains[style]?.last, number != last.number + 1 { continue }
            chains[style, default: []].append(Marker(style: style, number: number, start: index))
        }
        let markers = chains.values.max { ($0.count, -$0[0].start) < ($1.count, -$1[0].start) } ?? []
        guard markers.count >= 2 else { return [text] }
        var pieces = [String(characters[0..<markers[0].start])]
        for (offset, marker) in markers.enumerated() {
            let end = offset + 1 < markers.count ? markers[offset + 1].start : characters.count
            pieces.append(String(characters[marker.start..<end]))
        }
        return pieces
    }

    private static let boundaryPunctuation: Set<Character> = ["。", "；", ";", "，", ",", "：", ":", "！", "!", "？", "?", "、", "）", ")"]

    private static func isBoundary(_ characters: [Character], _ index: Int) -> Bool {
        guard index > 0 else { return true }
        let previous = characters[index - 1]
        return previous.isWhitespace || self.boundaryPunctuation.contains(previous)
    }

    /// The goal number starting at `index`, with its style.
    private static func marker(in characters: [Character], at index: Int) -> (Style, Int)? {
        func number(from start: Int) -> (Int, Int)? {
            var end = start
            var value = 0
            while end < characters.count, end - start < 2, let digit = SeedText.digitValue(characters[end]) {
                value = value * 10 + digit
                end += 1
            }
            if end > start { return (value, end) }
            if start < characters.count, let numeral = SeedText.chineseNumeral(characters[start]) { return (numeral, start + 1) }
            return nil
        }
        let character = characters[index]
        if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1, (0x2460...0x2473).contains(scalar.value) {
            return (.circled, Int(scalar.value - 0x2460) + 1)
        }
        if character == "目", index + 1 < characters.count, characters[index + 1] == "标", let (value, _) = number(from: index + 2) {
            return (.named, value)
        }
        if character == "（" || character == "(", let (value, end) = number(from: index + 1), end < characters.count,
            characters[end] == "）" || characters[end] == ")"
        {
            return (.bracketed, value)
        }
        if let value = SeedText.chineseNumeral(character), index + 1 < characters.count, characters[index + 1] == "、" {
            return (.chinese, value)
        }
        if SeedText.digitValue(character) != nil, let (value, end) = number(from: index), end < characters.count,
            ["、", ".", "．"].contains(characters[end]), end + 1 >= characters.count || SeedText.digitValue(characters[end + 1]) == nil
        {
            return (.dotted, value)
        }
        return nil
    }
}
