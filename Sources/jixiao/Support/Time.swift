import Foundation

/// Reading and writing points in time on the command line.
enum Time {
    /// Local time to the second for people: `2025-03-01 16:15:00`.
    static func human(_ date: Date) -> String {
        self.formatter("yyyy-MM-dd HH:mm:ss").string(from: date)
    }

    /// Parses `2025-03-01T08:15:00Z`, `2025-03-01T08:15:00.123+08:00`, `2025-03-01 16:15[:00]`
    /// (local time) or `2025-03-01` (local midnight); nil otherwise.
    static func parse(_ text: String) -> Date? {
        let text = text.trimmingCharacters(in: .whitespaces)
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = iso.date(from: text) { return date }
        iso.formatOptions = [.withInternetDateTime]
        if let date = iso.date(from: text) { return date }
        for pattern in [
            "yyyy-MM-dd'T'HH:mm:ss.SSS", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss.SSS", "yyyy-MM-dd HH:mm:ss",
            "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
        ] {
            if let date = self.formatter(pattern).date(from: text) { return date }
        }
        return nil
    }

    /// Parses a time option, or throws a usage error naming the option.
    static func option(_ text: String?, name: String) throws -> Date? {
        guard let text else { return nil }
        guard let date = self.parse(text) else {
            throw CLIError.usage("\(name) \"\(text)\" is not a time; write e.g. 2025-03-01, \"2025-03-01 16:15\" or 2025-03-01T08:15:00Z")
        }
        return date
    }

    private static func formatter(_ pattern: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = pattern
        return formatter
    }
}
