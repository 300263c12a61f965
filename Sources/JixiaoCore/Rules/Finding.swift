import Foundation

/// One validation result: what rule, how serious, what is wrong, and where.
public struct Finding: Sendable, Hashable, Codable {
    /// Which rule of the catalogue.
    public var code: FindingCode
    /// `error` blocks submit; `warning` does not.
    public var severity: Severity
    /// English, naming the indicator (三级指标) and the figures.
    public var message: String
    /// The indicator concerned; nil for header-level findings.
    public var indicatorID: Int64?
    /// The indicator's position, for people and ordering.
    public var indicatorPosition: Int?
    /// Source line of the indicator, when imported from a document.
    public var line: Int?

    /// A finding as stored or received (e.g. from JSON or the database).
    public init(code: FindingCode, severity: Severity, message: String, indicatorID: Int64? = nil, indicatorPosition: Int? = nil, line: Int? = nil) {
        self.code = code
        self.severity = severity
        self.message = message
        self.indicatorID = indicatorID
        self.indicatorPosition = indicatorPosition
        self.line = line
    }

    /// A finding with the code's default severity, located at `indicator` if given.
    init(_ code: FindingCode, _ message: String, at indicator: Indicator? = nil, severity: Severity? = nil) {
        self.init(
            code: code,
            severity: severity ?? code.defaultSeverity,
            message: message,
            indicatorID: indicator?.id,
            indicatorPosition: indicator?.position,
            line: indicator?.line
        )
    }

    enum CodingKeys: String, CodingKey {
        case code, severity, message, line
        case indicatorID = "indicator_id"
        case indicatorPosition = "indicator_position"
    }
}
