import JixiaoCore
import Testing

@Suite("SecondFactorRules: who needs one, which codes count")
struct SecondFactorRuleTests {
    @Test("required only for finance and admin, and only when the admin's setting says so")
    func required() {
        #expect(SecondFactorRules.isRequired(roles: [.finance], policyRequires: true))
        #expect(SecondFactorRules.isRequired(roles: [.admin, .auditor], policyRequires: true))
        #expect(!SecondFactorRules.isRequired(roles: [.drafter, .supervisor, .auditor], policyRequires: true))
        #expect(!SecondFactorRules.isRequired(roles: [.finance, .admin], policyRequires: false))
    }

    @Test("the current step and one on each side, each only after the last one used")
    func steps() {
        #expect(SecondFactorRules.acceptedSteps(at: 3000, lastUsedStep: 0) == [101, 100, 99])
        #expect(SecondFactorRules.acceptedSteps(at: 3029, lastUsedStep: 99) == [101, 100])
        #expect(SecondFactorRules.acceptedSteps(at: 3000, lastUsedStep: 101).isEmpty, "a used code and the ones before it are spent")
    }

    @Test("six digits, spaces allowed; anything else is not a code")
    func codes() {
        #expect(SecondFactorRules.normalizedCode("123 456") == "123456")
        #expect(SecondFactorRules.normalizedCode("012345") == "012345")
        for text in ["12345", "1234567", "12345a", "１２３４５６", ""] { #expect(SecondFactorRules.normalizedCode(text) == nil, "\(text)") }
    }
}
