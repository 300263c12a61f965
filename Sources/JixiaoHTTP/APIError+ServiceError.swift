import Hummingbird
import JixiaoService

extension APIError {
    /// The one place where a service error becomes an HTTP status.
    ///
    /// | kind | status |
    /// |---|---|
    /// | invalid | 422 |
    /// | refused | 409, or 422 when findings caused it (submit with errors) |
    /// | unauthenticated | 401 |
    /// | forbidden | 403 |
    /// | notFound | 404 (also for another unit's table: its existence is not revealed) |
    /// | conflict | 409, with the current representation and its `ETag` |
    /// | throttled | 429, with `Retry-After` |
    /// | unavailable | 503 |
    /// | internal | 500 (the message names no SQL; the underlying error goes to the log only) |
    init(_ error: ServiceError) {
        var details = ErrorDetails()
        if !error.findings.isEmpty { details.findings = error.findings }
        var headers: HTTPFields = [:]
        let status: HTTPResponse.Status
        switch error.kind {
        case .invalid:
            status = .unprocessableContent
        case .refused:
            status = error.findings.isEmpty ? .conflict : .unprocessableContent
        case .unauthenticated:
            status = .unauthorized
            headers[.wwwAuthenticate] = "Bearer realm=\"jixiao\""
        case .forbidden:
            status = .forbidden
        case .notFound:
            status = .notFound
        case .conflict:
            status = .conflict
            if let current = error.current {
                let representation = CurrentRepresentation(state: current)
                details.current = representation
                headers[.eTag] = ETag.make(representation.version)
            }
        case .throttled:
            status = .tooManyRequests
            headers[.retryAfter] = String(error.retryAfterSeconds ?? 1)
        case .unavailable:
            status = .serviceUnavailable
            headers[.retryAfter] = "1"
        case .internal:
            status = .internalServerError
        }
        self.init(status, error.code, error.message, details: details, headers: headers)
    }
}
