import Foundation
import Testing

@testable import JixiaoCore

/// A deterministic generator, so every run feeds the same mutations.
typealias SeedRandom = SplitMix64

/// Ways to damage the seed, as users' files are damaged.
enum SeedMutation: CaseIterable {
    case deleteCell, swapLines, changeBytes, truncateLine, deleteLine, duplicateLine

    /// Applies the mutation to `lines` (cells tab-separated); returns the 0-based lines it touched.
    @discardableResult
    func apply(to lines: inout [String], using random: inout SeedRandom) -> [Int] {
        guard !lines.isEmpty else { return [] }
        let index = Int.random(in: 0..<lines.count, using: &random)
        switch self {
        case .deleteCell:
            var cells = lines[index].components(separatedBy: "\t")
            cells.remove(at: Int.random(in: 0..<cells.count, using: &random))
            lines[index] = cells.joined(separator: "\t")
            return [index]
        case .swapLines:
            let other = Int.random(in: 0..<lines.count, using: &random)
            lines.swapAt(index, other)
            return [index, other]
        case .changeBytes:
            var bytes = Array(lines[index].utf8)
            guard !bytes.isEmpty else { return [] }
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            lines[index] = String(decoding: bytes, as: UTF8.self)
            return [index]
        case .truncateLine:
            let characters = Array(lines[index])
            lines[index] = String(characters.prefix(Int.random(in: 0...characters.count, using: &random)))
            return [index]
        case .deleteLine:
            lines.remove(at: index)
            return []
        case .duplicateLine:
            lines.insert(lines[index], at: index)
            return [index, index + 1]
        }
    }
}

/// Checks what the parser guarantees for any text: every non-blank line is accounted for, every
/// line not imported has a parse issue at it, indicators and their lines agree, an empty table is
/// reported, every line holding an unchanged original title starts a table, and (when `json`) the
/// report encodes and decodes unchanged.
@discardableResult
func checkSeedInvariants(_ text: String, titleTexts: Set<String>, context: String, json: Bool = true) throws -> SeedDocument {
    let document = SeedParser.parse(text)
    var problems: [String] = []
    let nonBlank = seedNonBlankLines(text)
    if document.lines.map(\.number) != nonBlank {
        problems.append("lines unaccounted for: \(Set(nonBlank).symmetricDifference(document.lines.map(\.number)).sorted())")
    }
    var issueLines = Set(document.issues.compactMap(\.line))
    for table in document.tables { issueLines.formUnion(table.issues.compactMap(\.line)) }
    for line in document.lines where line.role == .reported && !issueLines.contains(line.number) {
        problems.append("line \(line.number) is not imported and not reported")
    }
    var indicatorLines = Set<[Int]>()
    for (offset, table) in document.tables.enumerated() {
        if table.indicators.map(\.position) != Array(0..<table.indicators.count).map({ $0 + 1 }) {
            problems.append("table \(offset): positions out of order")
        }
        for indicator in table.indicators {
            guard let line = indicator.line, indicatorLines.insert([offset, line]).inserted else {
                problems.append("table \(offset): indicator without a line of its own: \(indicator.line ?? 0)")
                continue
            }
        }
        if table.indicators.isEmpty, !table.issues.contains(where: { $0.code == .noIndicators }) {
            problems.append("empty table \(table.title) not reported")
        }
    }
    let indicatorRoles = Set(document.lines.filter { $0.role == .indicator }.compactMap { line in line.table.map { [$0, line.number] } })
    if indicatorRoles != indicatorLines { problems.append("indicator lines and line roles disagree") }

    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    let tableLines = Set(document.tables.map(\.sourceLine))
    for index in lines.indices where titleTexts.contains(String(lines[index])) && !tableLines.contains(index + 1) {
        problems.append("the intact title on line \(index + 1) gave no table")
    }
    if json {
        let report = document.report
        let decoded = try JSONDecoder().decode(SeedReport.self, from: Data(try report.json(prettyPrinted: false).utf8))
        if decoded != report { problems.append("JSON round trip changed the report") }
    }
    #expect(problems.isEmpty, "\(context): \(problems)")
    return document
}

@Suite("Seed parser under damage (fuzz)")
struct SeedFuzzTests {
    static func seedLines() throws -> [String] {
        try #require(SeedFile.text).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
    }

    static func titleTexts(_ lines: [String], _ document: SeedDocument) -> Set<String> {
        Set(document.tables.map { lines[$0.sourceLine - 1] })
    }

    /// 300 copies: even ones take one damage that keeps the line count (so lines map back to the
    /// original), odd ones one to six damages of any kind. Every copy must satisfy the invariants;
    /// for single damages, every table touched must still be returned (its title line unchanged
    /// starts a table) or have a parse issue within its original lines.
    @Test("300 mutated copies: no crash, every line read or reported, no damaged table vanishes unreported")
    func mutatedCopies() throws {
        let original = try Self.seedLines()
        let document = try #require(SeedFile.document)
        let titles = Self.titleTexts(original, document)
        var random = SeedRandom(seed: 0x4A49_5849_414F)
        let preserving: [SeedMutation] = [.deleteCell, .swapLines, .changeBytes, .truncateLine]
        var singles = 0
        for copy in 0..<300 {
            var lines = original
            var mutations: [SeedMutation] = []
            var touched: [Int] = []
            if copy.isMultiple(of: 2) {
                let mutation = preserving[(copy / 2) % preserving.count]
                touched = mutation.apply(to: &lines, using: &random)
                mutations = [mutation]
            } else {
                for _ in 0..<Int.random(in: 1...6, using: &random) {
                    let mutation = SeedMutation.allCases.randomElement(using: &random)!
                    mutation.apply(to: &lines, using: &random)
                    mutations.append(mutation)
                }
            }
            let text = lines.joined(separator: "\n")
            let damaged = try checkSeedInvariants(text, titleTexts: titles, context: "copy \(copy) \(mutations)", json: copy % 10 == 1)
            guard copy.isMultiple(of: 2),
                text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count == original.count
            else { continue }
            singles += 1
            var issueLines = Set(damaged.issues.compactMap(\.line))
            for table in damaged.tables { issueLines.formUnion(table.issues.compactMap(\.line)) }
            let vanished = document.tables.filter { table in
                guard touched.contains(where: { (table.sourceLine - 1)...(table.lastLine - 1) ~= $0 }) else { return false }
                let returned = damaged.tables.contains { $0.sourceLine == table.sourceLine } || lines.contains(original[table.sourceLine - 1])
                let reported = issueLines.contains { (table.sourceLine...table.lastLine) ~= $0 }
                return !returned && !reported
            }
            #expect(
                vanished.isEmpty,
                "copy \(copy) \(mutations) at \(touched.map { $0 + 1 }): tables vanished unreported: \(vanished.map(\.sourceLine))"
            )
        }
        #expect(singles > 140)
    }

    /// Every indicator row of the seed, split into four interleaved groups: each group is damaged
    /// in one copy (one damage per row), so each row's damage is checked on its own line.
    static func rowGroups(_ document: SeedDocument, where include: (ParsedTable) -> Bool = { _ in true }) -> [[Int]] {
        let lines = document.tables.filter(include).flatMap { $0.indicators.compactMap(\.line) }
        return (0..<4).map { group in lines.enumerated().filter { $0.offset % 4 == group }.map(\.element) }
    }

    @Test("a junk comparator in any indicator row is reported at that line")
    func junkComparators() throws {
        let original = try Self.seedLines()
        let document = try #require(SeedFile.document)
        var count = 0
        var incomplete: [Int] = []
        for group in Self.rowGroups(document, where: { $0.kind != .transfer }) {
            var lines = original
            for line in group {
                var cells = lines[line - 1].components(separatedBy: "\t")
                let index = try #require(cells.firstIndex { IndicatorComparator(parsing: $0) != nil })
                cells[index] = "大概"
                lines[line - 1] = cells.joined(separator: "\t")
            }
            let damaged = SeedParser.parse(lines.joined(separator: "\n"))
            let issues = damaged.tables.flatMap(\.issues)
            // The row is kept, and its line reported: the junk cell named, or (where the junk could
            // as well be a name, as in the shifted line 142) the missing comparator.
            #expect(damaged.tables.map(\.indicators.count) == document.tables.map(\.indicators.count))
            for line in group {
                let codes = Set(issues.filter { $0.line == line }.map(\.code))
                #expect(!codes.isDisjoint(with: [.unreadableComparator, .incompleteRow]), "line \(line): \(codes)")
                if !codes.contains(.unreadableComparator) { incomplete.append(line) }
                count += 1
            }
        }
        #expect(count == 174)
        #expect(incomplete.sorted() == [142])
    }

    @Test("a header figure that is no number is reported at its line, and the field left empty")
    func junkFigures() throws {
        let original = try Self.seedLines()
        let document = try #require(SeedFile.document)
        // (line, cell index) of every figure in the header blocks; phone numbers are text.
        var figures: [(line: Int, cell: Int)] = []
        for line in document.lines where line.role == .header && !original[line.number - 1].contains("联系电话") {
            let cells = original[line.number - 1].components(separatedBy: "\t")
            for index in cells.indices where FixedDecimal(cells[index].trimmingCharacters(in: .whitespaces)) != nil {
                figures.append((line.number, index))
            }
        }
        // One figure per line per round, so that each damaged line holds exactly one junk figure.
        var round = 0
        var checked = 0
        while true {
            let damagedFigures = Dictionary(grouping: figures, by: \.line).compactMap { $0.value.count > round ? $0.value[round] : nil }
            if damagedFigures.isEmpty { break }
            var lines = original
            for figure in damagedFigures {
                var cells = lines[figure.line - 1].components(separatedBy: "\t")
                cells[figure.cell] = "12x"
                lines[figure.line - 1] = cells.joined(separator: "\t")
            }
            let damaged = SeedParser.parse(lines.joined(separator: "\n"))
            let issues = damaged.tables.flatMap(\.issues)
            #expect(damaged.tables.count == 13)
            for figure in damagedFigures {
                #expect(issues.filter { $0.line == figure.line }.map(\.code) == [.unreadableValue], "line \(figure.line) cell \(figure.cell)")
                checked += 1
            }
            round += 1
        }
        #expect(checked == figures.count)
        // Staffing 5 + 5 + 5, prior year 2 + 4 + 4 (executions rates are text), budgets 7 + 8 + 8,
        // funds 2 + 2 (三支一扶, bonus: 其他资金 empty) + 3 × 7 projects + 1 transfer.
        #expect(figures.count == 15 + 10 + 23 + 4 + 21 + 1)
    }

    @Test("an indicator row cut short after its name is reported at that line")
    func truncatedRows() throws {
        let original = try Self.seedLines()
        let document = try #require(SeedFile.document)
        let names = Dictionary(uniqueKeysWithValues: document.tables.flatMap(\.indicators).map { ($0.line!, $0.level3) })
        var count = 0
        for group in Self.rowGroups(document) {
            var lines = original
            for line in group {
                let cells = lines[line - 1].components(separatedBy: "\t")
                let name = try #require(cells.firstIndex { $0 == names[line] })
                lines[line - 1] = cells[...name].joined(separator: "\t")
            }
            let damaged = SeedParser.parse(lines.joined(separator: "\n"))
            let issueLines = Set(damaged.tables.flatMap(\.issues).compactMap(\.line))
            for line in group {
                #expect(issueLines.contains(line), "line \(line) cut after '\(names[line] ?? "")'")
                count += 1
            }
        }
        #expect(count == 182)
    }

    @Test("a lost title or a lost indicator header row is reported")
    func lostStructure() throws {
        let original = try Self.seedLines()
        let document = try #require(SeedFile.document)
        for (offset, table) in document.tables.enumerated() {
            var lines = original
            lines[table.sourceLine - 1] = ""
            let damaged = SeedParser.parse(lines.joined(separator: "\n"))
            let issues = (damaged.issues + damaged.tables.flatMap(\.issues)).compactMap(\.line)
            #expect(issues.contains { (table.sourceLine...table.lastLine) ~= $0 }, "title of table \(offset + 1) deleted")
            #expect(damaged.tables.count == 12)

            let header = try #require(document.lines.first { $0.table == offset && $0.role == .indicatorHeader })
            lines = original
            lines[header.number - 1] = ""
            let headless = SeedParser.parse(lines.joined(separator: "\n"))
            let damagedTable = headless.tables[offset]
            #expect(damagedTable.issues.map(\.code).contains(.missingIndicatorHeader), "header of table \(offset + 1) deleted")
            if table.kind != .transfer {
                #expect(damagedTable.indicators == table.indicators, "header of table \(offset + 1) deleted")
            }
        }
    }
}
