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

/// `jixiao table diff ID --from-revision A --to-revision B`.
struct TableDiff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show the indicator differences between two revisions of a table.",
        discussion: """
            EXAMPLE
              jixiao table diff 12 --from-revision 1 --to-revision 2 --as auditor
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The table's id.")
    var id: Int64

    @Option(name: .customLong("from-revision"), help: "The earlier revision.")
    var fromRevision: Int

    @Option(name: .customLong("to-revision"), help: "The later revision.")
    var toRevision: Int

    func run() async throws {
        let diffs = try await Session.withCaller(self.global) { service, caller in
            try await service.diff(caller, id: self.id, fromRevision: self.fromRevision, toRevision: self.toRevision)
        }
        if self.global.json { return try Output.json(diffs) }
        if diffs.isEmpty { return Output.line("no indicator differs between revision \(self.fromRevision) and \(self.toRevision)") }
        var table = TextTable([.init("indicator", right: true), .init("change"), .init("name", maxWidth: 24), .init("what", maxWidth: 70)])
        for diff in diffs {
            let old = RowImage(diff.old)
            let new = RowImage(diff.new)
            let name = (new ?? old)?.text("level3") ?? ""
            let what: String
            switch diff.change {
            case "changed": what = RowImage.changes(diff.changedFields, old, new)
            case "added": what = new?.summary ?? ""
            default: what = old?.summary ?? ""
            }
            table.append(["\(diff.indicatorID)", diff.change, name, what])
        }
        Output.block(table.render())
    }
}

/// A row image of the audit trail (JSON text) for display: field values as text.
struct RowImage {
    var fields: [String: Any]

    init?(_ json: String?) {
        guard let json, let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return nil }
        self.fields = object
    }

    /// A field as text (`""` when missing or null).
    func text(_ field: String) -> String {
        switch self.fields[field] {
        case nil, is NSNull: return ""
        case let string as String: return string
        case let number as NSNumber: return number.stringValue
        case let value?:
            guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]) else { return "\(value)" }
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// An indicator row in short: `三级指标 ≥ 140 人`.
    var summary: String {
        [self.text("level3"), self.text("comparator"), self.text("value") + self.text("unit_of_measure")]
            .filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// `value: 140 → 150; unit_of_measure: 人 → 万元` for the named fields.
    static func changes(_ fields: [String], _ old: RowImage?, _ new: RowImage?) -> String {
        fields.map { "\($0): \(old?.text($0) ?? "") → \(new?.text($0) ?? "")" }.joined(separator: "; ")
    }
}
