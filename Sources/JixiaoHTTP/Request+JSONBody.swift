import Foundation
import Hummingbird

extension Request {
    /// Decodes the JSON body: 415 for another content type, 413 over `limit` bytes, 400 for
    /// bytes that are not UTF-8, malformed JSON, a key written twice in one object or a field of
    /// the wrong shape (naming the field).
    func decodeJSON<T: Decodable>(_ type: T.Type, limit: Int) async throws -> T {
        guard let value = try await self.decodeOptionalJSON(type, limit: limit) else {
            throw APIError.badRequest("the request body is empty; expected a JSON object")
        }
        return value
    }

    /// As `decodeJSON`, but an empty body (with or without a content type) gives nil.
    func decodeOptionalJSON<T: Decodable>(_ type: T.Type, limit: Int) async throws -> T? {
        let contentType = self.headers[.contentType]
        if let contentType, !Self.isJSON(contentType) { throw APIError.unsupportedMediaType(contentType) }
        let bytes = try await self.bodyBytes(limit: limit)
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) { return nil }
        guard contentType != nil else { throw APIError.unsupportedMediaType(nil) }
        // JSON is UTF-8 (RFC 8259 §8.1); say so, rather than "not valid JSON", for GBK or broken bytes.
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw APIError.badRequest("the request body is not UTF-8: JSON must be sent as UTF-8 text")
        }
        let value: T
        do {
            value = try JSONCoding.decoder().decode(T.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw APIError(decoding: error)
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError.badRequest("the request body is not valid JSON")
        }
        // The decoder keeps the first of two equal keys; another reader may keep the last.
        if let key = JSONDuplicateKeys.first(in: bytes) {
            throw APIError(
                .badRequest,
                .duplicateKey,
                "the request body names \(key) twice; each key may appear once in an object",
                details: ErrorDetails(field: key)
            )
        }
        // Text goes to PostgreSQL, which cannot store U+0000 (libpq would cut the string there).
        if JSONText.escapesNUL(bytes) {
            throw APIError.badRequest("strings in the body must not contain U+0000 (NUL): the database cannot store it")
        }
        return value
    }

    /// `application/json`, with parameters, or any `+json` type.
    static func isJSON(_ contentType: String) -> Bool {
        let mediaType =
            contentType.split(separator: ";", maxSplits: 1).first.map {
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            } ?? ""
        return mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
    }
}
