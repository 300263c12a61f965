import Hummingbird

/// Versions as entity tags: a table or indicator at version 3 has `ETag: "3"`, and a write
/// naming that version sends `If-Match: "3"`.
enum ETag {
    /// `"3"` for version 3.
    static func make(_ version: Int) -> String { "\"\(version)\"" }

    /// The version named by an `If-Match` value: `"3"` or a bare `3`; 400 otherwise (also for
    /// `*` and for lists, which name no single version). A weak tag (`W/"3"`) is 412: If-Match
    /// compares strongly (RFC 9110 §13.1.1), and a weak tag never matches.
    static func version(ifMatch value: String) throws -> Int {
        var text = Substring(value.trimmingCharacters(in: .whitespaces))
        if text.hasPrefix("W/") {
            throw APIError(
                .preconditionFailed,
                .ifMatchWeak,
                "If-Match needs the strong ETag you read, e.g. If-Match: \"3\"; a weak one (\(value)) never matches",
                details: ErrorDetails(field: "If-Match")
            )
        }
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") { text = text.dropFirst().dropLast() }
        guard !text.isEmpty, text.allSatisfy(\.isASCIIDigit), let version = Int(text) else {
            throw APIError.badRequest("If-Match must name one version as an ETag, e.g. If-Match: \"3\"; got \(value)", field: "If-Match")
        }
        return version
    }
}

extension Character {
    var isASCIIDigit: Bool { self.isASCII && self.isNumber }
}
