import JixiaoCore
import JixiaoService

/// The `details` object of an error answer; only the members that apply are present.
struct ErrorDetails: Encodable, Sendable {
    /// The request field, query or path parameter or header at fault.
    var field: String?
    /// Validation findings behind a refusal (e.g. submit with error-level findings).
    var findings: [Finding]?
    /// The current representation (table or indicator) after a version conflict.
    var current: CurrentRepresentation?
    /// The body size limit, for 413.
    var limitBytes: Int?
    /// The methods the path supports, for 405.
    var allowedMethods: [String]?

    init(
        field: String? = nil,
        findings: [Finding]? = nil,
        current: CurrentRepresentation? = nil,
        limitBytes: Int? = nil,
        allowedMethods: [String]? = nil
    ) {
        self.field = field
        self.findings = findings
        self.current = current
        self.limitBytes = limitBytes
        self.allowedMethods = allowedMethods
    }

    enum CodingKeys: String, CodingKey {
        case field, findings, current
        case limitBytes = "limit_bytes"
        case allowedMethods = "allowed_methods"
    }
}

/// A table or an indicator, encoded as itself.
struct CurrentRepresentation: Encodable, Sendable {
    var state: ServiceError.CurrentState

    /// The version, for the `ETag` of the conflict answer.
    var version: Int {
        switch self.state {
        case .table(let table): return table.version
        case .indicator(let indicator): return indicator.version
        }
    }

    func encode(to encoder: any Encoder) throws {
        switch self.state {
        case .table(let table): try table.encode(to: encoder)
        case .indicator(let indicator): try indicator.encode(to: encoder)
        }
    }
}
