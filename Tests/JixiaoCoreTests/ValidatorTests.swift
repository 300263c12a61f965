import Testing

@testable import JixiaoCore

@Suite("Validator over seed tables")
struct ValidatorTests {
    @Test("each seed project reports exactly what does not add up")
    func seedProjects() {
        #expect(codes(Validator.findings(for: SeedProjects.bonus)) == [.costMismatch])
        #expect(codes(Validator.findings(for: SeedProjects.sanzhiyifu)) == [.missingCategory, .unknownCategory])
        #expect(codes(Validator.findings(for: SeedProjects.heating)) == [.valueNotNumeric, .quantityCostProduct])
    }

    @Test("errors block submission; warnings do not")
    func hasErrors() {
        #expect(Validator.hasErrors(Validator.findings(for: SeedProjects.bonus)))
        #expect(!Validator.hasErrors(Validator.findings(for: SeedProjects.heating)))
        let context = WorkflowContext(table: SeedProjects.bonus, findings: Validator.findings(for: SeedProjects.bonus))
        #expect(refusalCode(WorkflowStateMachine.transition(from: .draft, action: .submit, actor: Actors.drafter, context: context)) == .hasErrors)
    }

    @Test("findings follow indicator positions, not array order")
    func order() {
        var table = projectTable(
            indicators: [
                row(2, "产出指标", "数量指标", "B", .eq, "x", "人"),
                row(1, "产出指标", "数量指标", "A", .eq, "y", "人"),
            ] + completeCategoryRows(from: 3)
        )
        table.goals = ["目标"]
        #expect(Validator.findings(for: table).map(\.indicatorPosition) == [1, 2])
    }
}
