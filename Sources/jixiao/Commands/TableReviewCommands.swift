import ArgumentParser
import Foundation
import JixiaoCore
import JixiaoService

/// `jixiao table findings ID`: the validation findings (DESIGN §1.6).
struct TableFindings: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "findings",
        abstract: "List a table's validation findings (errors block submit, warnings do not).",
        discussion: """
            EXAMPLE
              jixiao table findings 12 --as kang
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The table's id.")
    var id: Int64

    func run() async throws {
        let findings = try await Session.withCaller(self.global) { service, caller in try await service.findings(caller, id: self.id) }
        if self.global.json { return try Output.json(findings) }
        if findings.isEmpty { return Output.line("no findings") }
        var table = TextTable([
            .init("severity"), .init("code"), .init("#", right: true), .init("line", right: true),
            .init("message", maxWidth: 80),
        ])
        for finding in findings {
            table.append([
                finding.severity.rawValue, finding.code.rawValue, finding.indicatorPosition.map(String.init) ?? "",
                finding.line.map(String.init) ?? "", finding.message,
            ])
        }
        Output.block(table.render())
        let errors = findings.filter { $0.severity == .error }.count
        Output.line("\(errors) error(s), \(findings.count - errors) warning(s)")
    }
}

/// `jixiao table diff ID [--since submission|approved | --from-revision A] [--to-revision B]`.
struct TableDiff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed in a table, field by field: header, goals and indicators.",
        discussion: """
            By default: since the last submission (what the drafter changed after a return; for \
            a table in review or approved, since the submission before the current one). \
            --since approved compares with the latest approved revision; --from-revision and \
            --to-revision compare two revisions (the end of each; an approved one as approved). \
            Without --to-revision the newer side is the table now.

            EXAMPLE
              jixiao table diff 12 --as li
              jixiao table diff 12 --since approved --as fin
              jixiao table diff 12 --from-revision 1 --to-revision 2 --as auditor
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The table's id.")
    var id: Int64

    @Option(help: ArgumentHelp("The older state: submission (the default) or approved.", valueName: "point"))
    var since: String?

    @Option(name: .customLong("from-revision"), help: "The earlier revision.")
    var fromRevision: Int?

    @Option(name: .customLong("to-revision"), help: "The later revision (default: the table now).")
    var toRevision: Int?

    func validate() throws {
        if self.since != nil, self.fromRevision != nil { throw ValidationError("give --since or --from-revision, not both") }
        if let since = self.since, since != "submission", since != "approved" {
            throw ValidationError("--since must be submission or approved; got \"\(since)\"")
        }
        for revision in [self.fromRevision, self.toRevision].compactMap({ $0 }) where revision < 1 {
            throw ValidationError("a revision is 1 or more; got \(revision)")
        }
    }

    func run() async throws {
        let from: DiffPoint = self.fromRevision.map(DiffPoint.revision) ?? self.since.flatMap(DiffPoint.init) ?? .lastSubmission
        let to: DiffPoint = self.toRevision.map(DiffPoint.revision) ?? .current
        let diff = try await Session.withCaller(self.global) { service, caller in
            try await service.tableDiff(caller, id: self.id, from: from, to: to)
        }
        if self.global.json { return try Output.json(diff) }
        Output.line("table \(self.id): \(Self.describe(diff.from)) → \(Self.describe(diff.to))")
        if diff.isEmpty { return Output.line("no differences") }
        var table = TextTable([.init("part"), .init("row", maxWidth: 30), .init("change"), .init("what", maxWidth: 90)])
        for change in diff.header { table.append(["header", "", "changed", change.description]) }
        for change in diff.goals { table.append(["goals", "", "changed", change.description]) }
        for row in diff.indicators {
            let label = "#\(row.position) \(row.name) (id \(row.indicatorID))"
            table.append(["indicator", label, row.change.rawValue, row.fields.map(\.description).joined(separator: "; ")])
        }
        Output.block(table.render())
    }

    /// `the submission of 2025-03-01 16:15:00 (revision 1)`, `revision 2`, `now (revision 2)`.
    static func describe(_ end: DiffEnd) -> String {
        switch end.point {
        case "submission": "the submission of \(end.at.map(Time.human) ?? "?") (revision \(end.revision))"
        case "approved": "approved revision \(end.revision)"
        case "current": "now (revision \(end.revision))"
        default: "revision \(end.revision)"
        }
    }
}
