import Foundation
import Hummingbird

extension Request {
    /// The body as UTF-8 text of the media type `expected` (`text/plain`, `text/csv`): 415 for
    /// another content type (see ``requireMediaType(_:what:)``), 413 over `limit` bytes, 400 when
    /// the bytes are not UTF-8 or contain U+0000 (which the database cannot store).
    func decodeText(_ expected: String, what: String, limit: Int) async throws -> String {
        try self.requireMediaType(expected, what: what)
        guard let text = String(validating: try await self.bodyBytes(limit: limit), as: UTF8.self) else {
            throw APIError.badRequest("the request body is not UTF-8 text (save the file as UTF-8; GBK is not read)")
        }
        guard !text.utf8.contains(0) else {
            throw APIError.badRequest("the request body must not contain U+0000 (NUL): the database cannot store it")
        }
        return text
    }

    /// The whole body, or 413 (`APIError.bodyTooLarge`) over `limit` bytes.
    func bodyBytes(limit: Int) async throws -> [UInt8] {
        var request = self
        do {
            return Array(try await request.collectBody(upTo: limit).readableBytesView)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw APIError.bodyTooLarge(limit: limit)
        }
    }

    /// 415 unless `Content-Type` is `expected`, with no `charset` or `charset=utf-8`.
    func requireMediaType(_ expected: String, what: String) throws {
        let contentType = self.headers[.contentType]
        guard let contentType, Self.mediaType(contentType, is: expected) else {
            throw APIError.unsupportedMediaType(contentType, what: what, expected: "\(expected); charset=utf-8")
        }
    }

    /// Whether `contentType` names `expected` (case-insensitive) and, if it gives a charset, UTF-8.
    static func mediaType(_ contentType: String, is expected: String) -> Bool {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let type = parts.first, type.lowercased() == expected.lowercased() else { return false }
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == "charset" else { continue }
            var charset = Substring(pair[1].lowercased())
            if charset.count >= 2, charset.hasPrefix("\""), charset.hasSuffix("\"") { charset = charset.dropFirst().dropLast() }
            if charset != "utf-8" && charset != "utf8" { return false }
        }
        return true
    }
}
