import Testing

@testable import JixiaoCore

@Suite("Rules: a reason for every content change, return and adjust")
struct ChangeReasonTests {
    /// Blank as people type it: nothing, spaces, tabs and newlines, the full-width space of a
    /// Chinese input method, a no-break space.
    static let blanks: [String?] = [nil, "", " ", "  \t\n", "\u{3000}", "\u{3000} \u{00A0}", "\r\n"]

    @Test("blank reasons are refused with the stable code", arguments: blanks)
    func blankRefused(reason: String?) {
        guard case .failure(let missing) = ChangeReason.required(reason, for: "changing an indicator") else {
            Issue.record("blank reason \(String(describing: reason)) was accepted")
            return
        }
        #expect(MissingReason.code.rawValue == "reason-required")
        #expect(missing.message.contains("changing an indicator"))
        #expect(ChangeReason.optional(reason) == nil)
    }

    @Test("a reason is trimmed, inner white space kept")
    func trimmed() throws {
        #expect(try ChangeReason.required("\u{3000} 按财政意见 修改\n", for: "x").get() == "按财政意见 修改")
        #expect(ChangeReason.optional(" 年中调整 ") == "年中调整")
    }

    @Test("adjust needs a reason like return; submit, withdraw and approve do not")
    func workflowReasons() {
        let noReason = centreContext(.approved, reason: "\u{3000}")
        let adjust = WorkflowStateMachine.transition(from: .approved, action: .adjust, actor: Actors.drafter, context: noReason)
        #expect(refusalCode(adjust) == .reasonRequired)
        let giveBack = WorkflowStateMachine.transition(
            from: .submitted,
            action: .return,
            actor: Actors.supervisor,
            context: centreContext(.submitted, reason: " ")
        )
        #expect(refusalCode(giveBack) == .reasonRequired)
        let submit = WorkflowStateMachine.transition(
            from: .draft,
            action: .submit,
            actor: Actors.drafter,
            context: centreContext(.draft, reason: nil)
        )
        #expect(refusalCode(submit) == nil)
        let approve = WorkflowStateMachine.transition(
            from: .submitted,
            action: .approve,
            actor: Actors.supervisor,
            context: centreContext(.submitted, reason: nil)
        )
        #expect(refusalCode(approve) == nil)
    }
}
