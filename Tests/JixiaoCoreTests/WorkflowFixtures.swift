import Foundation

@testable import JixiaoCore

/// Actors around the employment centre's table (unit centre, supervised by the bureau).
enum Actors {
    static let financeUnit = uuid(1005)
    static let drafter = WorkflowActor(userID: uuid(11), unitID: SeedUnits.centre, roles: [.drafter])
    static let otherDrafter = WorkflowActor(userID: uuid(12), unitID: SeedUnits.centre, roles: [.drafter])
    static let bureauDrafter = WorkflowActor(userID: uuid(13), unitID: SeedUnits.bureau, roles: [.drafter])
    static let supervisor = WorkflowActor(userID: uuid(21), unitID: SeedUnits.bureau, roles: [.supervisor])
    static let foreignSupervisor = WorkflowActor(userID: uuid(22), unitID: SeedUnits.otherBureau, roles: [.supervisor])
    static let finance = WorkflowActor(userID: uuid(31), unitID: financeUnit, roles: [.finance])
    static let auditor = WorkflowActor(userID: uuid(41), unitID: financeUnit, roles: [.auditor])
    static let admin = WorkflowActor(userID: uuid(51), unitID: financeUnit, roles: [.admin])

    /// A single-role actor in `unit`, with a fresh user id.
    static func only(_ role: Role, in unit: Int64) -> WorkflowActor {
        WorkflowActor(userID: uuid(90), unitID: unit, roles: [role])
    }
}

/// The centre's table context in `status`: submitted by `Actors.drafter`, supervisor step by `Actors.supervisor`.
func centreContext(_ status: TableStatus, reason: String? = "数值有误", errors: Bool = false) -> WorkflowContext {
    WorkflowContext(
        tableUnitID: SeedUnits.centre,
        supervisingUnitID: SeedUnits.bureau,
        submittedBy: status == .draft ? nil : Actors.drafter.userID,
        supervisorApprovedBy: status == .supervisorApproved || status == .approved ? Actors.supervisor.userID : nil,
        hasErrorFindings: errors,
        reason: reason
    )
}

/// The refusal code of a transition, or nil when it succeeds.
func refusalCode(_ result: Result<Transition, WorkflowRefusal>) -> WorkflowRefusal.Code? {
    if case .failure(let refusal) = result { return refusal.code }
    return nil
}

/// The refusal of a transition, or nil when it succeeds.
func refusal(_ result: Result<Transition, WorkflowRefusal>) -> WorkflowRefusal? {
    if case .failure(let refusal) = result { return refusal }
    return nil
}
