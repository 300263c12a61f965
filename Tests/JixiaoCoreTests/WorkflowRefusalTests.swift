import Foundation
import Testing

@testable import JixiaoCore

struct RefusalCase: Sendable, CustomTestStringConvertible {
    var from: TableStatus
    var action: WorkflowAction
    var actor: WorkflowActor
    var label: String
    var testDescription: String { "\(self.label) may not \(self.action.rawValue) from \(self.from.rawValue)" }
}

@Suite("Workflow: refusals")
struct WorkflowRefusalTests {
    /// Every action from every state it cannot start from.
    static let wrongStates: [(WorkflowAction, TableStatus)] = WorkflowAction.allCases.flatMap { action in
        TableStatus.allCases.filter { !action.sourceStates.contains($0) }.map { (action, $0) }
    }

    @Test("wrong state, even for an actor holding every role", arguments: wrongStates)
    func wrongState(action: WorkflowAction, status: TableStatus) throws {
        let everything = WorkflowActor(userID: uuid(99), unitID: SeedUnits.bureau, roles: Set(Role.allCases))
        var context = centreContext(status)
        context.tableUnitID = SeedUnits.bureau
        let refused = try #require(refusal(WorkflowStateMachine.transition(from: status, action: action, actor: everything, context: context)))
        #expect(refused.code == .wrongState)
        #expect(refused.message.contains(status.rawValue))
    }

    /// For every valid (state, action): every other single role, placed in the unit where the right role would act.
    static let wrongRoles: [RefusalCase] = {
        var cases: [RefusalCase] = []
        for action in WorkflowAction.allCases {
            for status in action.sourceStates {
                let (needed, unit): (Role, Int64) =
                    switch (action, status) {
                    case (.approve, .submitted), (.return, .submitted): (.supervisor, SeedUnits.bureau)
                    case (.approve, _), (.return, _): (.finance, SeedUnits.bureau)
                    default: (.drafter, SeedUnits.centre)
                    }
                for role in Role.allCases where role != needed {
                    cases.append(RefusalCase(from: status, action: action, actor: Actors.only(role, in: unit), label: role.rawValue))
                }
            }
        }
        return cases
    }()

    @Test("roles that may not take the step", arguments: wrongRoles)
    func wrongRole(step: RefusalCase) throws {
        let refused = try #require(
            refusal(WorkflowStateMachine.transition(from: step.from, action: step.action, actor: step.actor, context: centreContext(step.from)))
        )
        #expect(refused.code == .notPermitted)
        #expect(refused.message.contains(step.label))
    }

    static let wrongUnits: [RefusalCase] = [
        RefusalCase(from: .draft, action: .submit, actor: Actors.bureauDrafter, label: "drafter of another unit"),
        RefusalCase(from: .returned, action: .submit, actor: Actors.bureauDrafter, label: "drafter of another unit"),
        RefusalCase(from: .submitted, action: .withdraw, actor: Actors.bureauDrafter, label: "drafter of another unit"),
        RefusalCase(from: .approved, action: .adjust, actor: Actors.bureauDrafter, label: "drafter of another unit"),
        RefusalCase(from: .submitted, action: .approve, actor: Actors.foreignSupervisor, label: "supervisor of another unit"),
        RefusalCase(from: .submitted, action: .return, actor: Actors.foreignSupervisor, label: "supervisor of another unit"),
        RefusalCase(
            from: .submitted,
            action: .approve,
            actor: Actors.only(.supervisor, in: SeedUnits.centre),
            label: "supervisor of the table's own unit"
        ),
    ]

    @Test("the right role in the wrong unit", arguments: wrongUnits)
    func wrongUnit(step: RefusalCase) throws {
        let refused = try #require(
            refusal(WorkflowStateMachine.transition(from: step.from, action: step.action, actor: step.actor, context: centreContext(step.from)))
        )
        #expect(refused.code == .notPermitted)
        #expect(refused.message.contains("of another unit"))
    }

    @Test(
        "return needs a non-blank reason",
        arguments: [
            (TableStatus.submitted, nil as String?), (.submitted, ""), (.supervisorApproved, "  \n\u{3000}"), (.supervisorApproved, nil),
        ]
    )
    func reasonRequired(status: TableStatus, reason: String?) {
        let actor = status == .submitted ? Actors.supervisor : Actors.finance
        let result = WorkflowStateMachine.transition(from: status, action: .return, actor: actor, context: centreContext(status, reason: reason))
        #expect(refusalCode(result) == .reasonRequired)
    }

    @Test("submit is refused while error findings exist", arguments: [TableStatus.draft, .returned])
    func hasErrors(status: TableStatus) throws {
        let refused = try #require(
            refusal(
                WorkflowStateMachine.transition(from: status, action: .submit, actor: Actors.drafter, context: centreContext(status, errors: true))
            )
        )
        #expect(refused.code == .hasErrors)
    }

    @Test("a disabled account is refused everything", arguments: WorkflowAction.allCases)
    func disabled(action: WorkflowAction) {
        var actor = WorkflowActor(userID: uuid(98), unitID: SeedUnits.bureau, roles: Set(Role.allCases))
        actor.isDisabled = true
        for status in action.sourceStates {
            #expect(
                refusalCode(WorkflowStateMachine.transition(from: status, action: action, actor: actor, context: centreContext(status)))
                    == .notPermitted
            )
        }
    }

    @Test("refusals describe themselves with code and message")
    func description() {
        let refused = WorkflowRefusal(.fourEyes, "four eyes")
        #expect(refused.description == "four-eyes: four eyes")
    }
}
