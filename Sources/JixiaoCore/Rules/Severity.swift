/// How serious a finding is. Errors block `submit`; warnings are shown and kept.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable {
    /// Blocks `submit` until corrected.
    case error
    /// Shown to drafter and reviewers; does not block.
    case warning
}
