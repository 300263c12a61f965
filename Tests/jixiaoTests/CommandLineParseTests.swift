import Foundation
import Testing

/// Every subcommand parses the options it documents, and bad lines are usage errors (exit 2),
/// all in-process: `Jixiao.parseAsRoot` runs the parser and each command's `validate()`.
@Suite("CLI: parsing (in-process)")
struct CommandLineParseTests {
    /// A line that must parse, and the subcommand it must reach.
    struct Line: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var path: [String]
        init(_ path: String, _ rest: String) {
            self.path = path.split(separator: " ").map(String.init)
            self.arguments = self.path + InProcessCLI.words(rest)
        }
        var testDescription: String { "jixiao " + self.arguments.joined(separator: " ") }
    }

    /// Each subcommand with every option it documents (the global ones on the first of each).
    static let documentedOptions: [Line] = [
        Line("db init", "--admin admin --display-name 管理员 --unit-code 000 --unit-name 和政县财政局 --database-url postgres://u@h/db --json"),
        Line("db migrate", "--database-url 'host=/tmp dbname=jixiao'"),
        Line("db status", "--json"),
        Line("db maintain", ""),
        Line("unit add", "301002 和政县就业服务中心 --parent 301 --as admin --json"),
        Line("unit list", "--as admin"),
        Line("unit show", "301 --as admin"),
        Line("user add", "kang --name 康亚运 --unit 301002 --role drafter,supervisor --as admin"),
        Line("user list", "--as admin --json"),
        Line("user grant", "kang --role finance --as admin"),
        Line("user revoke", "kang --role finance --as admin"),
        Line("user disable", "kang --as admin"),
        Line("user password", "kang --reset --as admin"),
        Line("user totp-reset", "kang --as admin"),
        Line("user totp-required", "on --as admin --json"),
        Line("token issue", "kang --label 脚本 --days 30 --as admin --json"),
        Line("token issue", "kang --days 365 --as admin"),
        Line("token list", "--login kang --as admin"),
        Line("token revoke", "3 --as admin"),
        Line("table list", "--year 2025 --unit 301 --status submitted --kind project --as kang --json"),
        Line("table show", "1 --as-of '2025-03-01 16:15' --as aud"),
        Line("table show", "1 --revision 2 --as aud"),
        Line("table findings", "1 --as kang"),
        Line("table diff", "1 --from-revision 1 --to-revision 2 --as aud"),
        Line("table create", "table.json --reason 新建 --as kang"),
        Line("table create", "- --as kang"),
        Line("indicator set", "1 2 --value 150 --unit 人 --comparator '>=' --content 内容 --remark 备注 --expect-version 3 --reason 核实 --as kang"),
        Line("indicator set", "1 2 --comparator none --reason 清除 --as kang"),
        Line(
            "indicator add",
            "1 --level1 产出指标 --level2 数量指标 --level3 培训人数 --comparator ≥ --value 100 --unit 人 --content x --remark y --position 2 --reason 补充 --as kang"
        ),
        Line("indicator remove", "1 2 --expect-version 1 --reason 重复 --as kang"),
        Line("indicator move", "1 2 --to 1 --expect-version 1 --reason 排序 --as kang"),
        Line("submit", "1 --expect-version 2 --as kang"),
        Line("withdraw", "1 --as kang"),
        Line("approve", "1 --reason 同意 --expect-version 3 --as li"),
        Line("approve", "--all-pending --unit 301 --as fin --json"),
        Line("return", "1 --reason 人数与资金不符 --indicator 7 8 --as li"),
        Line("adjust", "1 --reason 年中调整 --as kang"),
        Line("history", "--table 1 --since 2025-01-01 --until 2025-12-31 --limit 10 --as aud"),
        Line("history", "--indicator 2 --as aud"),
        Line("history", "--actor kang --as aud"),
        Line("history", "--all --as aud"),
        Line("audit verify", "--table 1 --as aud --json"),
        Line("import", "targets.txt --create-units --dry-run --as admin"),
        Line("import", "edits.csv --csv --reason Excel --as kang"),
        Line("import", "- --dry-run"),
        Line("export", "1 2 -o targets.csv --as kang"),
        Line("export", "1 --output targets.csv --as kang"),
        Line("serve", "--host 0.0.0.0 --port 8080 --pool-size 8 --max-body-bytes 2048"),
        Line("serve", "--secure-cookies --trust-forwarded-for --trusted-origin https://a.example --trusted-origin https://b.example"),
    ]

    @Test("each subcommand parses its documented options", arguments: documentedOptions)
    func parses(_ line: Line) {
        let outcome = InProcessCLI.parse(line.arguments)
        #expect(outcome.code == 0, "\(outcome)")
        #expect(outcome.path == line.path)
    }

    @Test("the table above names every subcommand")
    func everySubcommandListed() {
        let listed = Set(Self.documentedOptions.map(\.path))
        for leaf in InProcessCLI.leaves where !listed.contains(leaf.path) {
            Issue.record("jixiao \(leaf.path.joined(separator: " ")) has no line in documentedOptions")
        }
    }

    /// A line that must be refused as a usage error, and a word of the message.
    static let usageErrors: [(line: String, mentioning: String)] = [
        ("unit frobnicate", "frobnicate"),
        ("table show 1 --frobnicate", "--frobnicate"),
        ("unit add 301", "name"),
        ("user add kang --role drafter", "--unit"),
        ("table list --kind annual", "annual"),
        ("table show 1 --revision one", "one"),
        ("indicator set 1 2 --value 3 --expect-version latest --reason x", "latest"),
        ("token issue kang --days 0", "--days"),
        ("token issue kang --days 40000", "--days"),
        // Every token expires (issue 15): no token without an expiry, none beyond a year.
        ("token issue kang --no-expiry", "--no-expiry"),
        ("token issue kang --days 366", "--days"),
        ("history --table 1 --all", "one of"),
        ("history --all --limit 0", "--limit"),
        ("approve 1 --all-pending", "one of them"),
        ("approve 1 --unit 301", "--unit"),
        ("approve --all-pending --expect-version 2", "--expect-version"),
        ("export", "table id"),
        ("serve --port 70000", "70000"),
        ("serve --pool-size 0", "pool size"),
        ("serve --max-body-bytes 100", "1024"),
        ("submit", "table"),
        ("return 1 --indicator x", "x"),
    ]

    @Test("usage errors exit 2 and name the problem", arguments: zip(usageErrors.map(\.line), usageErrors.map(\.mentioning)))
    func usageError(_ line: String, _ word: String) {
        let outcome = InProcessCLI.parse(InProcessCLI.words(line))
        #expect(outcome.code == 2, "\(outcome)")
        #expect(outcome.message.contains(word), "\(outcome)")
    }

    @Test("the line reader splits like the shell")
    func words() {
        #expect(InProcessCLI.words(#"jixiao set --reason "时限 改为" --as a  # note"#) == ["jixiao", "set", "--reason", "时限 改为", "--as", "a"])
        #expect(InProcessCLI.words("jixiao create - --as kang < table.json") == ["jixiao", "create", "-", "--as", "kang"])
        #expect(InProcessCLI.words("jixiao db migrate \\\n  --json | jq") == ["jixiao", "db", "migrate", "--json"])
    }
}
