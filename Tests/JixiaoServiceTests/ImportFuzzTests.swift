import Foundation
import JixiaoCore
import JixiaoService
import PQ
import Testing

/// Deterministic, so that a run can be repeated from its seed.
typealias FuzzRandom = SplitMix64

/// Damage done to a document at the byte level, as files get damaged: by editors, encodings,
/// copy and paste, and people.
enum DocumentMutation: String, CaseIterable {
    case flipBytes, truncateDocument, truncateLine, deleteLine, duplicateLine, swapLines, deleteCell,
        invalidUTF8, longLine, randomCJK, extremeNumber, emptyDocument

    /// Numbers at and beyond the limits of `Amount` (Int64 millionths of 万元: ±9223372036854.775807),
    /// of the database's numeric(18,6), and of what a number may look like.
    static let extremeNumbers = [
        "9223372036854.775807", "9223372036854.775808", "-9223372036854.775808", "-9223372036854.775809",
        "999999999999.999999", "1000000000000", "99999999999999999999999999999999", "0.0000001", "0.000001",
        "-0", "-0.000001", "1e308", "1E-400", "NaN", "inf", "∞", "１２３", "٣٤", "1,234.5", "12.5.6", "+7", ".5", "5.",
        "0x1F", "１００%", "-1", String(repeating: "9", count: 400),
    ]

    /// Byte sequences that are not UTF-8: a lone continuation byte, a truncated sequence, an
    /// overlong slash, an encoded surrogate, a code point past U+10FFFF, GBK for 绩效.
    static let invalidSequences: [[UInt8]] = [
        [0x80], [0xC3], [0xE7, 0xBB], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF, 0xFE], [0xBC, 0xA8, 0xD0, 0xA7],
    ]

    func apply(to lines: inout [[UInt8]], using random: inout FuzzRandom) {
        if lines.isEmpty { lines = [[]] }
        let index = Int.random(in: 0..<lines.count, using: &random)
        switch self {
        case .flipBytes:
            guard !lines[index].isEmpty else { return }
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                lines[index][Int.random(in: 0..<lines[index].count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
        case .truncateDocument:
            var bytes = Array(lines.joined(separator: [0x0A]))
            bytes.removeLast(Int.random(in: 0...bytes.count, using: &random))
            lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        case .truncateLine:
            lines[index].removeLast(Int.random(in: 0...lines[index].count, using: &random))
        case .deleteLine:
            lines.remove(at: index)
        case .duplicateLine:
            lines.insert(lines[index], at: index)
        case .swapLines:
            lines.swapAt(index, Int.random(in: 0..<lines.count, using: &random))
        case .deleteCell:
            var cells = lines[index].split(separator: 0x09, omittingEmptySubsequences: false)
            cells.remove(at: Int.random(in: 0..<cells.count, using: &random))
            lines[index] = Array(cells.joined(separator: [0x09]))
        case .invalidUTF8:
            let sequence = Self.invalidSequences.randomElement(using: &random)!
            lines[index].insert(contentsOf: sequence, at: Int.random(in: 0...lines[index].count, using: &random))
        case .longLine:
            let unit: [UInt8] = [Array("绩效".utf8), Array("9".utf8), Array("\t".utf8), Array("产出指标\t数量指标\t".utf8)]
                .randomElement(using: &random)!
            let count = Int.random(in: 10_000...60_000, using: &random) / unit.count
            lines[index].append(contentsOf: Array(repeating: unit, count: count).joined())
        case .randomCJK:
            var scalars = ""
            for _ in 0..<Int.random(in: 1...40, using: &random) {
                scalars.unicodeScalars.append(Unicode.Scalar(UInt32.random(in: 0x4E00...0x9FFF, using: &random))!)
            }
            var cells = lines[index].split(separator: 0x09, omittingEmptySubsequences: false).map(Array.init)
            let cell = Int.random(in: 0..<cells.count, using: &random)
            if Bool.random(using: &random) { cells[cell] = Array(scalars.utf8) } else { cells[cell] += Array(scalars.utf8) }
            lines[index] = Array(cells.joined(separator: [0x09]))
        case .extremeNumber:
            // A cell that holds a number (or, failing that, any cell) becomes an extreme one.
            var cells = lines[index].split(separator: 0x09, omittingEmptySubsequences: false).map(Array.init)
            let numeric = cells.indices.filter { i in !cells[i].isEmpty && cells[i].allSatisfy { (0x30...0x39).contains($0) || $0 == 0x2E } }
            let cell = numeric.randomElement(using: &random) ?? Int.random(in: 0..<cells.count, using: &random)
            cells[cell] = Array(Self.extremeNumbers.randomElement(using: &random)!.utf8)
            lines[index] = Array(cells.joined(separator: [0x09]))
        case .emptyDocument:
            lines = [[[]], [[0x0A]], [Array("   \t\t ".utf8)], [[0xEF, 0xBB, 0xBF]]].randomElement(using: &random)!
        }
    }
}

/// 10,000 damaged documents through the importer (issue 8, item 8): every one through the parser
/// and the validator (and the report JSON), every `sampleEvery`-th also through
/// `JixiaoService.importDocument` against a real database, dry run and real, with the database
/// unchanged whenever the import is refused (and by a dry run). No crash, no internal error.
///
/// The default is small, for CI; `Benchmarks/import-fuzz.sh` runs 10,000:
/// `JIXIAO_FUZZ_COUNT` (default 400), `JIXIAO_FUZZ_SAMPLE_EVERY` (50), `JIXIAO_FUZZ_SEED`,
/// `JIXIAO_FUZZ_CURRENT` (a file that holds the document being processed, for a crash).
@Suite("Import under damage (fuzz)")
struct ImportFuzzTests {
    static let samplePath = ProjectPath.seed

    static func setting(_ name: String, _ fallback: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap { Int($0) } ?? fallback
    }

    /// What the database holds, as one digest: units, tables, indicators, audit rows.
    static func fingerprint(_ f: Fixture) async throws -> String {
        try await f.superuser { conn in
            try conn.query(
                """
                SELECT concat_ws('/',
                    (SELECT count(*) FROM unit), (SELECT count(*) FROM target_table), (SELECT count(*) FROM indicator),
                    (SELECT count(*) FROM audit_log),
                    (SELECT md5(coalesce(string_agg(u::text, ',' ORDER BY id), '')) FROM unit u),
                    (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY id), '')) FROM target_table t),
                    (SELECT md5(coalesce(string_agg(i::text, ',' ORDER BY id), '')) FROM indicator i)) AS fp
                """
            ).first!.decode(String.self, "fp")
        }
    }

    @Test("damaged documents through parser, validator and (sampled) the database importer: no crash, nothing kept when refused")
    func damagedDocuments() async throws {
        let count = Self.setting("JIXIAO_FUZZ_COUNT", 400)
        let sampleEvery = max(1, Self.setting("JIXIAO_FUZZ_SAMPLE_EVERY", 50))
        let seed = UInt64(Self.setting("JIXIAO_FUZZ_SEED", 0x4A49_5849))
        let currentPath = ProcessInfo.processInfo.environment["JIXIAO_FUZZ_CURRENT"]
        let original = Array(try Data(contentsOf: Self.samplePath))
        let originalLines = original.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)

        try await withFixture { f in
            var random = FuzzRandom(state: seed)
            var tallies: [DocumentMutation: Int] = [:]
            var notUTF8 = 0
            var noTables = 0
            var tablesRead = 0
            var findings = 0
            var parseSeconds = 0.0
            var sampled = 0
            var dryRefused = 0
            var imported = 0
            var refused = 0
            var unchangedImports = 0
            var refusals: [String: Int] = [:]
            let clock = ContinuousClock()
            let start = clock.now
            for number in 0..<count {
                var lines = originalLines
                let mutations = (0..<Int.random(in: 1...4, using: &random)).map { _ in DocumentMutation.allCases.randomElement(using: &random)! }
                for mutation in mutations {
                    mutation.apply(to: &lines, using: &random)
                    tallies[mutation, default: 0] += 1
                }
                var bytes = Array(lines.joined(separator: [0x0A]))
                let sample = number % sampleEvery == 0
                if sample {
                    // Names of its own, so that a sampled import creates tables and units rather than finding them.
                    bytes = Self.replacing(Array("和政县".utf8), with: Array("测试\(number)县".utf8), in: bytes)
                }
                if let currentPath { _ = FileManager.default.createFile(atPath: currentPath, contents: Data(bytes)) }
                let context = "document \(number) (\(mutations.map(\.rawValue).joined(separator: ", ")))"

                // The CLI and HTTP read only UTF-8; the parser must cope with what decoding leaves anyway.
                let strict = String(validating: bytes, as: UTF8.self)
                if strict == nil { notUTF8 += 1 }
                let text = strict ?? String(decoding: bytes, as: UTF8.self)
                let parseStart = clock.now
                let document = SeedParser.parse(text)
                for table in document.tables {
                    findings += table.findings.count  // parse issues and every rule of the validator
                }
                let report = try document.report.json(prettyPrinted: false)
                parseSeconds += (clock.now - parseStart) / .seconds(1)
                #expect(!report.isEmpty, "\(context)")
                tablesRead += document.tables.count
                if document.tables.isEmpty { noTables += 1 }
                let lineCount = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count
                #expect(document.lines.allSatisfy { $0.number >= 1 && $0.number <= lineCount }, "\(context): line numbers out of range")

                guard sample else { continue }
                sampled += 1
                let before = try await Self.fingerprint(f)
                do {
                    let outcome = try await f.service.importDocument(f.admin, text: text, source: "fuzz \(number)", createUnits: true, dryRun: true)
                    #expect(outcome.tables.count == document.tables.count, "\(context)")
                } catch let error as ServiceError {
                    dryRefused += 1
                    #expect(error.kind != .internal, "\(context): dry run: \(error.code) \(error.message) \(error.underlying ?? "")")
                } catch {
                    Issue.record("\(context): dry run threw \(error)")
                }
                #expect(try await Self.fingerprint(f) == before, "\(context): a dry run wrote")
                do {
                    let outcome = try await f.service.importDocument(f.admin, text: text, source: "fuzz \(number)", createUnits: true)
                    imported += 1
                    #expect(outcome.tables.count == document.tables.count, "\(context)")
                    if !outcome.changedSomething {
                        unchangedImports += 1
                        #expect(try await Self.fingerprint(f) == before, "\(context): an import that changed nothing wrote")
                    }
                } catch let error as ServiceError {
                    refused += 1
                    refusals[error.code.rawValue, default: 0] += 1
                    #expect(error.kind != .internal, "\(context): \(error.code) \(error.message) \(error.underlying ?? "")")
                    #expect(try await Self.fingerprint(f) == before, "\(context): refused (\(error.code)), but the database changed")
                } catch {
                    Issue.record("\(context): import threw \(error)")
                }
            }
            let seconds = (clock.now - start) / .seconds(1)
            let problems = try await f.service.verifyAudit(f.auditor)
            #expect(problems.isEmpty, "audit chains after the fuzz: \(problems)")
            let stored = try await f.superuser { conn in
                try conn.query("SELECT count(*)::int AS n FROM target_table").first!.decode(Int.self, "n")
            }
            if let currentPath { try? FileManager.default.removeItem(atPath: currentPath) }

            func say(_ name: String, _ value: Any) { print("\(name) = \(value)") }
            say("import_fuzz_documents", count)
            say("import_fuzz_seed", seed)
            say("import_fuzz_seconds", String(format: "%.1f", seconds))
            say("import_fuzz_parse_validate_ms_per_document", String(format: "%.2f", parseSeconds * 1000 / Double(max(count, 1))))
            say("import_fuzz_not_utf8", notUTF8)
            say("import_fuzz_without_tables", noTables)
            say("import_fuzz_tables_read", tablesRead)
            say("import_fuzz_findings", findings)
            say("import_fuzz_mutations", DocumentMutation.allCases.map { "\($0.rawValue):\(tallies[$0, default: 0])" }.joined(separator: " "))
            say("import_fuzz_db_sampled", sampled)
            say("import_fuzz_db_dry_run_refused", dryRefused)
            say("import_fuzz_db_imported", imported)
            say("import_fuzz_db_imported_unchanged", unchangedImports)
            say("import_fuzz_db_refused", refused)
            say("import_fuzz_db_refusals", refusals.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: " "))
            say("import_fuzz_db_tables_stored", stored)
            say("import_fuzz_audit_intact", problems.isEmpty)
        }
    }

    static func replacing(_ needle: [UInt8], with replacement: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if i + needle.count <= bytes.count, bytes[i] == needle[0], Array(bytes[i..<(i + needle.count)]) == needle {
                result += replacement
                i += needle.count
            } else {
                result.append(bytes[i])
                i += 1
            }
        }
        return result
    }
}
