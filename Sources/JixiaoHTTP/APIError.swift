import Hummingbird
import JixiaoCore

/// An error answer of the API, always sent as
/// `{"error": {"code": "…", "message": "…", "details": {…}}}` with its HTTP status.
///
/// `code` is stable and machine-readable (`version-conflict`, `reason-required`, …); `message`
/// is one English sentence; `details` holds what a client needs to react (the offending field,
/// the findings, the current representation). Never SQL, never a stack trace.
struct APIError: Error, Sendable, HTTPResponseError {
    var status: HTTPResponse.Status
    var code: ErrorCode
    var message: String
    var details: ErrorDetails
    /// Extra response headers (`ETag` of the current state, `Allow`, `WWW-Authenticate` …).
    var headers: HTTPFields

    init(_ status: HTTPResponse.Status, _ code: ErrorCode, _ message: String, details: ErrorDetails = ErrorDetails(), headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers
    }

    /// The JSON error response.
    func response(from request: Request, context: some RequestContext) throws -> Response {
        self.response()
    }

    /// The JSON error response.
    func response() -> Response {
        // Encoding these plain values cannot fail; fall back to a bare status if it ever does.
        guard var response = try? JSONResponse.make(self.body, status: self.status) else { return Response(status: self.status) }
        response.headers.append(contentsOf: self.headers)
        return response
    }

    /// The JSON body.
    var body: some Encodable {
        ErrorBody(error: .init(code: self.code, message: self.message, details: self.details))
    }

    private struct ErrorBody: Encodable {
        struct Content: Encodable {
            var code: ErrorCode
            var message: String
            var details: ErrorDetails
        }

        var error: Content
    }
}

extension APIError {
    /// 400: malformed JSON, a bad query or path parameter; `field` names it.
    static func badRequest(_ message: String, field: String? = nil) -> APIError {
        APIError(.badRequest, .badRequest, message, details: ErrorDetails(field: field))
    }

    /// 401, with the `WWW-Authenticate` challenge.
    static func unauthenticated(_ message: String = "the token is missing, unknown, expired or revoked", code: ErrorCode = .invalidToken) -> APIError
    {
        APIError(.unauthorized, code, message, headers: [.wwwAuthenticate: "Bearer realm=\"jixiao\""])
    }

    /// 412: a write that must name the version it read came without `If-Match`.
    static func ifMatchRequired() -> APIError {
        APIError(
            .preconditionFailed,
            .ifMatchRequired,
            "this write needs an If-Match header with the ETag you read, e.g. If-Match: \"3\"",
            details: ErrorDetails(field: "If-Match")
        )
    }

    /// 413: the body is larger than the configured limit.
    static func bodyTooLarge(limit: Int) -> APIError {
        APIError(
            .contentTooLarge,
            .bodyTooLarge,
            "the request body is larger than \(limit) bytes",
            details: ErrorDetails(limitBytes: limit)
        )
    }

    /// 415: a route received another content type than the one it reads (`what` names it,
    /// `expected` is the header to send).
    static func unsupportedMediaType(_ received: String?, what: String = "JSON", expected: String = "application/json") -> APIError {
        APIError(
            .unsupportedMediaType,
            .unsupportedMediaType,
            "the request body must be \(what) (Content-Type: \(expected))\(received.map { "; got \($0)" } ?? "; no Content-Type was sent")",
            details: ErrorDetails(field: "Content-Type")
        )
    }

    /// 422: a write without a (non-blank) `reason` (a body field, or for the routes whose body
    /// is not JSON a query parameter).
    static func reasonRequired(inQuery: Bool = false) -> APIError {
        APIError(
            .unprocessableContent,
            .reasonRequired,
            "this change needs a non-blank `reason` \(inQuery ? "query parameter" : "field") saying why it is made (it is kept in the audit trail)",
            details: ErrorDetails(field: "reason")
        )
    }
}
