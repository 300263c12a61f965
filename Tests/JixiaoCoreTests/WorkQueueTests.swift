import JixiaoCore
import Testing

@Suite("Core: waiting for me")
struct WorkQueueTests {
    let centre: Int64 = 2
    let bureau: Int64 = 1

    func scope(_ status: TableStatus) -> TableScope { TableScope(unitID: self.centre, supervisingUnitID: self.bureau, status: status) }

    @Test("drafter: draft and returned of its unit; supervisor: submitted it supervises; finance: supervisor_approved")
    func byRole() {
        let drafter = WorkflowActor(userID: 1, unitID: self.centre, roles: [.drafter])
        let otherDrafter = WorkflowActor(userID: 2, unitID: 9, roles: [.drafter])
        let supervisor = WorkflowActor(userID: 3, unitID: self.bureau, roles: [.supervisor])
        let centreSupervisor = WorkflowActor(userID: 4, unitID: self.centre, roles: [.supervisor])
        let finance = WorkflowActor(userID: 5, unitID: 0, roles: [.finance])
        let auditor = WorkflowActor(userID: 6, unitID: 0, roles: [.auditor, .admin])
        let waiting: [(WorkflowActor, [TableStatus])] = [
            (drafter, [.draft, .returned]), (otherDrafter, []), (supervisor, [.submitted]), (centreSupervisor, []),
            (finance, [.supervisorApproved]), (auditor, []),
        ]
        for (actor, statuses) in waiting {
            #expect(TableStatus.allCases.filter { WorkQueue.waits(self.scope($0), for: actor) } == statuses, "\(actor)")
        }
        let both = WorkflowActor(userID: 7, unitID: self.centre, roles: [.drafter, .finance])
        #expect(TableStatus.allCases.filter { WorkQueue.waits(self.scope($0), for: both) } == [.draft, .supervisorApproved, .returned])
        let disabled = WorkflowActor(userID: 8, unitID: self.centre, roles: [.drafter], isDisabled: true)
        #expect(!WorkQueue.waits(self.scope(.draft), for: disabled))
    }
}
