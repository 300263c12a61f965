import Foundation
import JixiaoCore
import PQ
import Testing

@testable import JixiaoService

/// Each SQL copy of a Core rule (CHECK constraints, guard triggers) tied to its Core twin: when
/// one side changes without the other, these fail. The SQL copies are defence in depth (psql,
/// a defect in the service); Core decides first.
@Suite("Rules: the database's copies agree with Core")
struct RuleTwinTests {
    /// The quoted values of a CHECK constraint (`IN ('a', 'b')` or `= ANY (ARRAY['a', 'b'])`).
    static func checkValues(_ conn: Connection, _ constraint: String) throws -> Set<String> {
        let definition = try conn.query(
            "SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = $1",
            [constraint]
        ).first!.decode(String.self, "def")
        var values: Set<String> = []
        var rest = Substring(definition)
        while let open = rest.firstIndex(of: "'") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "'") else { break }
            values.insert(String(after[..<close]))
            rest = after[after.index(after: close)...]
        }
        return values
    }

    @Test("stable values: kind, status, comparator, action, roles")
    func enumerations() async throws {
        try await withFixture { f in
            let checks = [
                "target_table_kind_valid", "target_table_status_valid", "workflow_event_from_status_valid",
                "workflow_event_to_status_valid", "workflow_event_action_valid", "indicator_comparator_valid",
            ]
            let (values, roles, bogus) = try await f.superuser { conn in
                (
                    try checks.map { try Self.checkValues(conn, $0) },
                    try Role.allCases.map { try conn.query("SELECT app_user_roles_valid($1) AS ok", [[$0.rawValue]]).first!.decode(Bool.self, "ok") },
                    try conn.query("SELECT app_user_roles_valid($1) AS ok", [["superuser"]]).first!.decode(Bool.self, "ok")
                )
            }
            let statuses = Set(TableStatus.allCases.map(\.rawValue))
            #expect(values[0] == Set(TableKind.allCases.map(\.rawValue)))
            #expect(values[1] == statuses)
            #expect(values[2] == statuses)
            #expect(values[3] == statuses)
            #expect(values[4] == Set(WorkflowAction.allCases.map(\.rawValue)))
            #expect(values[5] == Set(IndicatorComparator.allCases.map(\.rawValue)))
            #expect(roles.allSatisfy { $0 })
            #expect(!bogus)
        }
    }

    @Test("fiscal years: the CHECK's range is Core's")
    func fiscalYears() async throws {
        try await withFixture { f in
            let definition = try await f.superuser { conn in
                try conn.query("SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'target_table_fiscal_year_range'")
                    .first!.decode(String.self, "def")
            }
            let years = TargetTable.fiscalYears
            #expect(definition == "CHECK (((fiscal_year >= \(years.lowerBound)) AND (fiscal_year <= \(years.upperBound))))")
        }
    }

    @Test("blank reasons: the database's text_is_blank agrees with ChangeReason")
    func blank() async throws {
        let samples = ["", " ", "\t\n", "\u{3000}", "\u{00A0}\u{2003}", "\u{205F}\u{3000}\r\n", "a", " 年中调整 ", "\u{3000}x\u{3000}", "0"]
        try await withFixture { f in
            let sqlBlank = try await f.superuser { conn in
                try samples.map { try conn.query("SELECT text_is_blank($1) AS blank", [$0]).first!.decode(Bool.self, "blank") }
            }
            for (sample, blank) in zip(samples, sqlBlank) {
                #expect(blank == (ChangeReason.optional(sample) == nil), "\(sample.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
    }

    @Test("a workflow event without a reason: refused by the CHECK exactly where Core requires one", arguments: WorkflowAction.allCases)
    func eventReason(action: WorkflowAction) async throws {
        // Core: does this action, taken from a state that allows it, need a reason?
        let from = action.sourceStates[0]
        let context = WorkflowContext(tableUnitID: 1, supervisingUnitID: 1, submittedBy: 9, reason: "\u{3000}")
        let actor = WorkflowActor(userID: 1, unitID: 1, roles: [.drafter, .supervisor, .finance])
        var coreNeedsReason = false
        if case .failure(let refusal) = WorkflowStateMachine.transition(from: from, action: action, actor: actor, context: context) {
            coreNeedsReason = refusal.code == .reasonRequired
        }
        try await withFixture { f in
            let table = try await f.centreTable(in: .draft)
            let state = try await f.superuser { conn in
                sqlState {
                    try conn.execute(
                        """
                        INSERT INTO workflow_event (table_id, user_id, action, from_status, to_status, revision, reason)
                        VALUES ($1, $2, $3, $4, $4, 1, $5)
                        """,
                        [table.id, f.centreDrafter.user.id, action.rawValue, from.rawValue, "\u{3000}"]
                    )
                }
            }
            #expect((state == "23514") == coreNeedsReason, "\(action.rawValue): SQLSTATE \(state)")
        }
    }

    @Test("the revision guard (JX004) lets every Core transition through and nothing else")
    func revisionGuard() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .draft)
            let actor = WorkflowActor(user: f.admin.user)
            let everyone = WorkflowActor(userID: actor.userID, unitID: table.unitID, roles: Set(Role.allCases))
            for action in WorkflowAction.allCases {
                for from in action.sourceStates {
                    let context = WorkflowContext(
                        tableUnitID: table.unitID,
                        supervisingUnitID: table.unitID,
                        submittedBy: 999,
                        supervisorApprovedBy: 998,
                        reason: "理由"
                    )
                    let scope = WorkflowActor(userID: everyone.userID, unitID: table.unitID, roles: everyone.roles)
                    let step = try WorkflowStateMachine.transition(from: from, action: action, actor: scope, context: context).get()
                    let states: (good: String, bad: String) = try await f.superuser { conn in
                        // Put the table into `from` with the trigger's blessing: a revision bump
                        // only where the guard allows it, so set it up with the guard off.
                        try conn.execute("SET session_replication_role = replica")
                        try conn.execute("UPDATE target_table SET status = $2, revision = 1 WHERE id = $1", [table.id, from.rawValue])
                        try conn.execute("SET session_replication_role = origin")
                        func attempt(_ bump: Int) -> String {
                            stateInRolledBackTransaction(
                                conn,
                                "UPDATE target_table SET status = '\(step.to.rawValue)', revision = revision + \(bump) WHERE id = \(table.id)"
                            )
                        }
                        let good = attempt(step.incrementsRevision ? 1 : 0)
                        let bad = attempt(step.incrementsRevision ? 0 : 1)
                        return (good, bad)
                    }
                    #expect(states.good == "00000", "\(action.rawValue) from \(from.rawValue): \(states.good)")
                    #expect(states.bad == "JX004", "\(action.rawValue) from \(from.rawValue) with the wrong revision: \(states.bad)")
                }
            }
        }
    }

    /// The status changes Core's state machine makes, as (from, to) pairs.
    static var coreSteps: Set<[TableStatus]> {
        let actor = WorkflowActor(userID: 1, unitID: 1, roles: Set(Role.allCases))
        let context = WorkflowContext(tableUnitID: 1, supervisingUnitID: 1, submittedBy: 999, supervisorApprovedBy: 998, reason: "理由")
        var steps: Set<[TableStatus]> = []
        for action in WorkflowAction.allCases {
            for from in action.sourceStates {
                if case .success(let step) = WorkflowStateMachine.transition(from: from, action: action, actor: actor, context: context) {
                    steps.insert([step.from, step.to])
                }
            }
        }
        return steps
    }

    @Test("the workflow guard (JX005) lets the application role make Core's steps and no other status change")
    func workflowGuard() async throws {
        let steps = Self.coreSteps
        try await withFixture { f in
            let table = try await f.centreTable(in: .draft)
            let outcomes: [([TableStatus], String)] = try await f.superuser { conn in
                var outcomes: [([TableStatus], String)] = []
                for from in TableStatus.allCases {
                    for to in TableStatus.allCases where to != from {
                        try conn.execute("SET session_replication_role = replica")
                        try conn.execute("UPDATE target_table SET status = $2, revision = 1 WHERE id = $1", [table.id, from.rawValue])
                        try conn.execute("SET session_replication_role = origin")
                        try conn.execute("SET ROLE jixiao_app")
                        // Leaving approved needs revision + 1 (JX004): give it, so that only JX005 decides.
                        let bump = from == .approved ? 1 : 0
                        outcomes.append(
                            (
                                [from, to],
                                stateInRolledBackTransaction(
                                    conn,
                                    "UPDATE target_table SET status = '\(to.rawValue)', revision = revision + \(bump) WHERE id = \(table.id)"
                                )
                            )
                        )
                        try conn.execute("RESET ROLE")
                    }
                }
                return outcomes
            }
            #expect(outcomes.count == TableStatus.allCases.count * (TableStatus.allCases.count - 1))
            for (pair, state) in outcomes {
                #expect(state == (steps.contains(pair) ? "00000" : "JX005"), "\(pair[0].rawValue) → \(pair[1].rawValue): \(state)")
            }
        }
    }

    @Test("the content guard (JX005) lets the application role change content exactly where Core allows it")
    func contentGuard() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .draft)
            let id = table.id
            let attempts = [
                "UPDATE target_table SET title = title || '改' WHERE id = \(id)",
                "UPDATE target_table SET goals = goals || '新目标'::text WHERE id = \(id)",
                "UPDATE target_table SET header = header || '{\"x\": 1}' WHERE id = \(id)",
                "UPDATE indicator SET value = '999' WHERE table_id = \(id)",
                "INSERT INTO indicator (table_id, position, level1) VALUES (\(id), 99, '产出指标')",
                "DELETE FROM indicator WHERE table_id = \(id)",
            ]
            let outcomes: [(TableStatus, [String])] = try await f.superuser { conn in
                try TableStatus.allCases.map { status in
                    try conn.execute("SET session_replication_role = replica")
                    try conn.execute("UPDATE target_table SET status = $2 WHERE id = $1", [id, status.rawValue])
                    try conn.execute("SET session_replication_role = origin")
                    try conn.execute("SET ROLE jixiao_app")
                    defer { _ = try? conn.execute("RESET ROLE") }
                    return (status, attempts.map { stateInRolledBackTransaction(conn, $0) })
                }
            }
            for (status, states) in outcomes {
                let expected = status.allowsContentChanges ? "00000" : "JX005"
                for (sql, state) in zip(attempts, states) {
                    #expect(state == expected, "\(status.rawValue): \(sql) → \(state)")
                }
            }
        }
    }

    @Test("the guard's notion of workflow columns is the round's (Statements.workflowColumns)")
    func workflowColumns() async throws {
        try await withFixture { f in
            let source = try await f.superuser { conn in
                try conn.query("SELECT prosrc FROM pg_proc WHERE proname = 'target_table_guard'").first!.decode(String.self, "prosrc")
            }
            // The quoted names between `workflow_columns CONSTANT` and the end of its array.
            let start = try #require(source.range(of: "workflow_columns CONSTANT"))
            let end = try #require(source.range(of: "];", range: start.upperBound..<source.endIndex))
            let names = source[start.upperBound..<end.lowerBound].split(separator: "'").enumerated().filter { $0.offset % 2 == 1 }.map {
                String($0.element)
            }
            #expect(Set(names) == Set(Statements.workflowColumns + ["version", "updated_at"]))
        }
    }

    @Test("the length CHECKs of 0011 are InputLimits: the limit passes, one more is refused")
    func lengthLimits() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .draft)
            let indicatorID = table.indicators[0].id
            var attempts: [(String, Int)] = IndicatorContent.Field.allCases.compactMap { field in
                InputLimits.maximumLength(of: field).map { ("UPDATE indicator SET \(field.column) = repeat('绩', %d) WHERE id = \(indicatorID)", $0) }
            }
            attempts.append(("UPDATE target_table SET title = repeat('题', %d) WHERE id = \(table.id)", InputLimits.text))
            attempts.append(
                (
                    "INSERT INTO workflow_event (table_id, user_id, action, from_status, to_status, revision, reason) "
                        + "VALUES (\(table.id), \(f.centreDrafter.user.id), 'submit', 'draft', 'draft', 1, repeat('理', %d))",
                    InputLimits.reason
                )
            )
            let all = attempts
            let states = try await f.applicationRole { conn in
                all.map { sql, limit in
                    [limit, limit + 1].map { length in stateInRolledBackTransaction(conn, sql.replacingOccurrences(of: "%d", with: "\(length)")) }
                }
            }
            for ((sql, _), pair) in zip(attempts, states) {
                #expect(pair == ["00000", "23514"], "\(sql): \(pair)")
            }
        }
    }

    @Test("token lifetimes: the CHECK's bound is TokenLifetime.maximumDays")
    func tokenLifetime() async throws {
        try await withFixture { f in
            let definition = try await f.superuser { conn in
                try conn.query("SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'api_token_lifetime'")
                    .first!.decode(String.self, "def")
            }
            #expect(definition.contains("'\(TokenLifetime.maximumDays) days'::interval"), "\(definition)")
            #expect(definition.contains("expires_at IS NOT NULL"), "\(definition)")
        }
    }

    @Test("a database refusal that a rule should have prevented is a 4xx kind, never internal")
    func databaseRefusalsAreNotDefects() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .draft)
            let errors: [PQError] = try await f.superuser { conn in
                var errors: [PQError] = []
                func capture(_ sql: String) {
                    do { try conn.execute(sql) } catch let error as PQError { errors.append(error) } catch {}
                }
                capture("UPDATE target_table SET revision = 5 WHERE id = \(table.id)")  // JX004
                capture("UPDATE indicator SET table_id = table_id + 1000 WHERE table_id = \(table.id)")  // JX002
                capture("DELETE FROM audit_log WHERE table_id = \(table.id)")  // JX001
                capture("TRUNCATE indicator")  // JX003
                capture("UPDATE target_table SET fiscal_year = 1999 WHERE id = \(table.id)")  // 23514
                capture("UPDATE indicator SET level1 = NULL WHERE table_id = \(table.id)")  // 23502
                return errors
            }
            #expect(errors.compactMap(\.sqlState) == ["JX004", "JX002", "JX001", "JX003", "23514", "23502"])
            for error in errors {
                let mapped = ServiceError(mapping: error)
                #expect(mapped.kind != .internal, "\(error.sqlState ?? "?") → \(mapped.kind) \(mapped.code)")
                #expect([.refused, .invalid].contains(mapped.kind))
            }
        }
    }
}
