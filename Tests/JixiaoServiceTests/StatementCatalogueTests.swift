import Foundation
import JixiaoCore
import PQ
import Testing

@testable import JixiaoService

/// The statement catalogue's generated SQL and the service's retry policy, without a server
/// where none is needed.
@Suite("Statement catalogue and retry policy")
struct StatementCatalogueTests {
    /// The highest `$n` placeholder of `sql`.
    private func placeholders(_ sql: String) -> Int {
        var highest = 0
        var digits = ""
        var inPlaceholder = false
        for character in sql + " " {
            if inPlaceholder, character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            if inPlaceholder, let number = Int(digits) { highest = max(highest, number) }
            inPlaceholder = character == "$"
            digits = ""
        }
        return highest
    }

    @Test("the indicator statements name every content column and bind one value per placeholder")
    func indicatorStatementsCoverEveryField() {
        let input = IndicatorInput(IndicatorContent(level1: "产出指标", comparator: .gte, value: "1"))
        let change = IndicatorChange(comparator: .some(nil), value: "2")
        let statements: [any PQStatement] = [
            Statements.InsertIndicator(tableID: 1, position: 1, input: input),
            Statements.UpdateIndicator(tableID: 1, indicatorID: 2, expectVersion: 3, change: change),
            Statements.LoadIndicators(tableID: 1),
            Statements.CurrentIndicator(indicatorID: 2, tableID: 1),
        ]
        for statement in statements {
            for field in IndicatorContent.Field.allCases {
                #expect(statement.sql.contains(field.column), "\(type(of: statement)) lacks \(field.column)")
            }
            #expect(statement.bindings.count == self.placeholders(statement.sql), "\(type(of: statement))")
        }
    }

    @Test("the write path's statements keep their prepared names")
    func preparedNames() {
        #expect(Statements.TableScopeForShare(tableID: 1).preparedName == "table_scope")
        #expect(Statements.AuditLock(tableID: 1).preparedName == "audit_lock")
        #expect(Statements.AuditSettings(actor: "a", reason: nil).preparedName == "audit_settings")
        #expect(
            Statements.UpdateIndicator(tableID: 1, indicatorID: 1, expectVersion: 1, change: IndicatorChange()).preparedName == "update_indicator"
        )
        #expect(Statements.LoadTable(id: 1).preparedName == "load_table")
        #expect(Statements.LoadTable(id: 1, lock: .forUpdate).preparedName == "load_tablefor_update")
        #expect(Statements.LoadIndicators(tableID: 1).preparedName == "load_indicators")
    }

    @Test("serialization failures and deadlocks are run again; other errors and an unknown commit are not")
    func transientRetry() throws {
        let conn = try Connection(try ServiceTestDatabase.serverURL)
        var runs = 0
        let value = try TransientRetry.run(conn) {
            runs += 1
            if runs < 3 { throw PQError(kind: .server, message: "could not serialize", sqlState: runs == 1 ? "40001" : "40P01") }
            return "done"
        }
        #expect(value == "done" && runs == 3)

        runs = 0
        #expect(throws: PQError.self) {
            try TransientRetry.run(conn) {
                runs += 1
                throw PQError(kind: .server, message: "unique", sqlState: "23505")
            }
        }
        #expect(runs == 1)

        runs = 0
        #expect(throws: PQError.self) {
            try TransientRetry.run(conn) {
                runs += 1
                var error = PQError(kind: .server, message: "could not serialize", sqlState: "40001")
                error.commitOutcomeUnknown = true
                throw error
            }
        }
        #expect(runs == 1)

        runs = 0
        #expect(throws: PQError.self) {
            try TransientRetry.run(conn) {
                runs += 1
                throw PQError(kind: .server, message: "could not serialize", sqlState: "40001")
            }
        }
        #expect(runs == TransientRetry.maxAttempts)
    }
}
