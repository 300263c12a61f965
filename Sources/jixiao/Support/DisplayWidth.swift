/// Terminal column widths of text: CJK ideographs, kana, hangul and full-width forms take two
/// columns, combining marks and control characters none, everything else one. Used to align
/// the CLI's human output (Chinese names next to ASCII figures).
///
/// ```swift
/// DisplayWidth.of("就业服务中心")          // 12
/// DisplayWidth.padded("人数", to: 6)       // "人数  "
/// DisplayWidth.wrapped("满意度指标", width: 4)  // ["满意", "度指", "标"]
/// ```
enum DisplayWidth {
    /// Columns taken by `text` on a terminal.
    static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + self.of($1) }
    }

    /// Columns taken by one character (grapheme cluster): the widest of its scalars.
    static func of(_ character: Character) -> Int {
        var width = 0
        for scalar in character.unicodeScalars {
            if scalar.value == 0xFE0F { return 2 }  // emoji presentation selector
            width = max(width, self.of(scalar))
        }
        return width
    }

    /// Columns taken by one scalar: 0, 1 or 2.
    static func of(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        return self.isWide(scalar.value) ? 2 : 1
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges of Unicode, plus wide emoji.
    static func isWide(_ value: UInt32) -> Bool {
        self.wideRanges.contains { $0.contains(value) }
    }

    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,  // Hangul Jamo initials
        0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3,
        0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F, 0x2693...0x2693,
        0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE...0x26CE,
        0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5, 0x26FA...0x26FA,
        0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728, 0x274C...0x274C,
        0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797, 0x27B0...0x27B0,
        0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E,  // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
        0x3041...0x33FF,  // Hiragana, Katakana, Bopomofo, Hangul compatibility, Kanbun, CJK strokes, enclosed, compatibility
        0x3400...0x4DBF,  // CJK extension A
        0x4E00...0x9FFF,  // CJK unified ideographs
        0xA000...0xA4CF,  // Yi
        0xA960...0xA97F,  // Hangul Jamo extended A
        0xAC00...0xD7A3,  // Hangul syllables
        0xF900...0xFAFF,  // CJK compatibility ideographs
        0xFE10...0xFE19,  // vertical forms
        0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
        0xFF00...0xFF60,  // full-width ASCII variants (（ ） ， ％ １２ …)
        0xFFE0...0xFFE6,  // full-width signs (￥ …)
        0x16FE0...0x16FE4, 0x17000...0x18AFF, 0x1B000...0x1B2FF,  // Tangut, Kana supplement
        0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A,
        0x1F1E6...0x1F1FF,  // regional indicators (flags)
        0x1F200...0x1F251, 0x1F260...0x1F265,
        0x1F300...0x1F64F,  // pictographs, emoticons
        0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF,
        0x20000...0x2FFFD,  // CJK extensions B–F
        0x30000...0x3FFFD,  // CJK extension G and later
    ]

    /// `text` followed (or, when `right`, preceded) by spaces up to `width` columns.
    static func padded(_ text: String, to width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - self.of(text)))
        return right ? padding + text : text + padding
    }

    /// `text` broken into lines of at most `width` columns: at the last space when the line
    /// has one (Latin words stay whole), else between characters (CJK text has no spaces). A
    /// character wider than `width` gets a line of its own. Never returns an empty array.
    static func wrapped(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [text] }
        var lines: [String] = []
        var line: [Character] = []
        var used = 0
        for character in text {
            let columns = self.of(character)
            if used + columns > width, !line.isEmpty {
                if character == " " {
                    lines.append(String(line))
                    line = []
                    used = 0
                    continue
                }
                if let space = line.lastIndex(of: " "), space > 0 {
                    lines.append(String(line[..<space]))
                    line = Array(line[(space + 1)...])
                } else {
                    lines.append(String(line))
                    line = []
                }
                used = self.of(String(line))
            }
            line.append(character)
            used += columns
        }
        lines.append(String(line))
        return lines
    }
}
