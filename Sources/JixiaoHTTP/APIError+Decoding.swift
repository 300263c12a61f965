import Hummingbird

extension APIError {
    /// 400 for a body that is not JSON or does not have the expected shape, naming the field.
    init(decoding error: DecodingError) {
        switch error {
        case .keyNotFound(let key, let context):
            let field = JSONText.path(context.codingPath + [key])
            self = .badRequest("missing field `\(field)`", field: field)
        case .valueNotFound(let type, let context):
            let field = JSONText.path(context.codingPath)
            self = .badRequest("field `\(field)` must not be null (expected \(JSONText.typeName(type)))", field: field)
        case .typeMismatch(let type, let context):
            let field = JSONText.path(context.codingPath)
            self = .badRequest(
                field.isEmpty
                    ? "the body must be a JSON object"
                    : "field `\(field)` must be \(JSONText.typeName(type))",
                field: field.isEmpty ? nil : field
            )
        case .dataCorrupted(let context):
            let field = JSONText.path(context.codingPath)
            if field.isEmpty {
                self = .badRequest("the request body is not valid JSON")
            } else {
                self = .badRequest("field `\(field)` is not valid: \(context.debugDescription)", field: field)
            }
        @unknown default:
            self = .badRequest("the request body is not valid JSON")
        }
    }
}
