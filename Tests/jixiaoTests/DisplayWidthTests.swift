import Testing

@testable import jixiao

/// `DisplayWidth` and `TextTable` of the executable, tested through `@testable import`
/// (no copies: the tests read the executable.s own code).
@Suite("DisplayWidth: CJK counts two columns")
struct DisplayWidthTests {
    @Test("ASCII is one column per character")
    func ascii() {
        #expect(DisplayWidth.of("") == 0)
        #expect(DisplayWidth.of("7547.363101") == 11)
        #expect(DisplayWidth.of("≥ 90 %") == 6)  // ≥ is ambiguous width: one column
    }

    @Test("CJK ideographs, full-width punctuation and forms are two columns")
    func wide() {
        #expect(DisplayWidth.of("和政县就业服务中心") == 18)
        #expect(DisplayWidth.of("部门（单位）") == 12)
        #expect(DisplayWidth.of("１２％") == 6)
        #expect(DisplayWidth.of("人数，") == 6)
        #expect(DisplayWidth.of("　") == 2)  // ideographic space
        #expect(DisplayWidth.of("万元/人") == 7)
        #expect(DisplayWidth.of("한국어") == 6)
        #expect(DisplayWidth.of("カタカナ") == 8)
        #expect(DisplayWidth.of("𠀀") == 2)  // extension B
    }

    @Test("combining marks and control characters take no column; emoji two")
    func zeroAndEmoji() {
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("a\u{200B}b") == 2)
        #expect(DisplayWidth.of("\u{7}") == 0)
        #expect(DisplayWidth.of("👍") == 2)
        #expect(DisplayWidth.of("✔\u{FE0F}") == 2)
    }

    @Test("padding counts display columns, left or right")
    func padding() {
        #expect(DisplayWidth.padded("人数", to: 6) == "人数  ")
        #expect(DisplayWidth.padded("140", to: 6, right: true) == "   140")
        #expect(DisplayWidth.padded("就业服务中心", to: 4) == "就业服务中心")
    }

    @Test("wrapping keeps lines within the width, words whole when there are spaces")
    func wrapping() {
        #expect(DisplayWidth.wrapped("满意度指标", width: 4) == ["满意", "度指", "标"])
        #expect(DisplayWidth.wrapped("满意度指标", width: 5) == ["满意", "度指", "标"])
        #expect(DisplayWidth.wrapped("the audit chain", width: 9) == ["the audit", "chain"])
        #expect(DisplayWidth.wrapped("abc", width: 10) == ["abc"])
        #expect(DisplayWidth.wrapped("", width: 3) == [""])
        #expect(DisplayWidth.wrapped("人", width: 1) == ["人"])
        for line in DisplayWidth.wrapped("享受奖补的人数不少于140人 and more words here", width: 7) {
            #expect(DisplayWidth.of(line) <= 7)
        }
    }

    @Test("a text table aligns columns by display width")
    func table() {
        var table = TextTable([.init("code"), .init("name"), .init("rows", right: true)])
        table.append(["000", "和政县财政局", "4"])
        table.append(["301002", "和政县就业服务中心", "12"])
        table.append(["x", "ascii name", "140"])
        let lines = table.render().split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        // Every row ends at the same display column, and the name column starts at the same one.
        let widths = Set(lines.map { DisplayWidth.of($0) })
        #expect(widths.count == 1)
        for line in lines.dropFirst(2) {
            let code = String(line.prefix { $0 != " " })
            let rest = line.dropFirst(code.count)
            #expect(DisplayWidth.of(code) + rest.prefix { $0 == " " }.count == 8)
        }
        #expect(lines[2].hasSuffix("  4"))
    }

    @Test("long cells wrap inside their column; tabs and newlines become spaces")
    func tableWrapping() {
        var table = TextTable([.init("id"), .init("text", maxWidth: 6), .init("end")])
        table.showsHeader = false
        table.append(["1", "一二三四五\t六", "z"])
        let lines = table.render().split(separator: "\n").map(String.init)
        #expect(lines == ["1  一二三  z", "   四五", "   六"])
    }
}
