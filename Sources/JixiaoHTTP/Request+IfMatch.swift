import Hummingbird

extension Request {
    /// The version named by `If-Match`; 412 when the header is missing.
    func requiredIfMatch() throws -> Int {
        guard let version = try self.optionalIfMatch() else { throw APIError.ifMatchRequired() }
        return version
    }

    /// The version named by `If-Match`, or nil without the header.
    func optionalIfMatch() throws -> Int? {
        guard let value = self.headers[.ifMatch] else { return nil }
        return try ETag.version(ifMatch: value)
    }
}
