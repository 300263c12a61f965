import Foundation
import Hummingbird
import JixiaoCore

/// Typed access to the query string; a value that does not parse is a 400 naming the parameter.
struct QueryParameters {
    private let values: Parameters

    init(_ request: Request) {
        self.values = request.uri.queryParameters
    }

    /// A text parameter as given (empty included); nil when absent.
    func string(_ name: String) throws -> String? {
        guard let value = self.values[name[...]].map(String.init) else { return nil }
        guard !value.contains("\u{0}") else {
            throw APIError.badRequest("query parameter `\(name)` must not contain U+0000 (NUL)", field: name)
        }
        return value
    }

    /// An integer parameter within `range`; nil when absent.
    func integer(_ name: String, in range: ClosedRange<Int> = Int.min...Int.max) throws -> Int? {
        guard let text = try self.string(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            let bounds = range == Int.min...Int.max ? "" : " between \(range.lowerBound) and \(range.upperBound)"
            throw APIError.badRequest("query parameter `\(name)` must be an integer\(bounds); got \"\(text)\"", field: name)
        }
        return value
    }

    /// A 64-bit id parameter; nil when absent.
    func id(_ name: String) throws -> Int64? {
        guard let text = try self.string(name) else { return nil }
        guard let value = Int64(text) else {
            throw APIError.badRequest("query parameter `\(name)` must be an integer; got \"\(text)\"", field: name)
        }
        return value
    }

    /// Every value of a repeated 64-bit id parameter (`?table=1&table=2`), in order; empty
    /// when absent.
    func ids(_ name: String) throws -> [Int64] {
        try self.values[values: name[...]].map { text in
            guard let value = Int64(text) else {
                throw APIError.badRequest("query parameter `\(name)` must be an integer; got \"\(text)\"", field: name)
            }
            return value
        }
    }

    /// `true` or `false`; nil when absent.
    func boolean(_ name: String) throws -> Bool? {
        guard let text = try self.string(name) else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default: throw APIError.badRequest("query parameter `\(name)` must be true or false; got \"\(text)\"", field: name)
        }
    }

    /// One of an enumeration's raw values; nil when absent.
    func choice<T: RawRepresentable & CaseIterable>(_ name: String, as type: T.Type) throws -> T? where T.RawValue == String {
        guard let text = try self.string(name) else { return nil }
        guard let value = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError.badRequest("query parameter `\(name)` must be one of \(allowed); got \"\(text)\"", field: name)
        }
        return value
    }

    /// An RFC 3339 / ISO 8601 timestamp with a time zone, e.g. `2025-03-01T08:00:00Z` or
    /// `2025-03-01T16:00:00.123+08:00`; nil when absent.
    func timestamp(_ name: String) throws -> Date? {
        guard let text = try self.string(name) else { return nil }
        guard let date = Timestamp.parse(text) else {
            throw APIError.badRequest(
                "query parameter `\(name)` must be an RFC 3339 time with a zone, e.g. 2025-03-01T08:00:00Z; got \"\(text)\"",
                field: name
            )
        }
        return date
    }
}
