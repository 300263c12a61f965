import Foundation

/// JSON encoding and decoding shared by every route: snake_case keys come from the types'
/// own `CodingKeys`; dates are ISO 8601 with fractional seconds (so `?as_of=` can name any
/// moment an answer showed).
enum JSONCoding {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(Self.timestampStyle))
        }
        return encoder
    }

    static func decoder() -> JSONDecoder {
        JSONDecoder()
    }

    static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}
