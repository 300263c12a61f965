import Foundation

/// The one JSON policy of both front ends, HTTP bodies and the CLI's `--json`:
/// - keys: snake_case, from the types' own `CodingKeys`; the same types are encoded by both;
/// - null: an optional that a type encodes with `encode` is written as `null`, one encoded
///   with `encodeIfPresent` (synthesized conformances) is left out; the encoders below agree;
/// - time: ISO 8601 in UTC with milliseconds (`2025-03-01T08:15:00.123Z`), so `?as_of=` and
///   `--as-of` can name any moment an answer showed;
/// - lists: an HTTP body wraps a list in an object (`{"tables": […]}`) so that it can grow;
///   the CLI prints the bare list, element for element the same;
/// - one exception: the CLI's table adds the unit names (`unit`, `supervising_unit`) beside
///   the ids (`TableJSON`), which `table create` reads back.
///
/// HTTP writes through `StreamingJSONEncoder` (measured faster), which falls back to
/// `encoder()` for what it does not write itself; the CLI uses `prettyEncoder()`.
public enum JSONCoding {
    /// Compact output with sorted keys (the fallback of `StreamingJSONEncoder`).
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(Self.timestampStyle))
        }
        return encoder
    }

    /// The same policy, indented for people (the CLI's `--json`).
    public static func prettyEncoder() -> JSONEncoder {
        let encoder = Self.encoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        return encoder
    }

    /// `value` as an HTTP body.
    public static func body(_ value: some Encodable) throws -> [UInt8] {
        try StreamingJSONEncoder.encode(value)
    }

    static func decoder() -> JSONDecoder {
        JSONDecoder()
    }

    /// How every timestamp is written.
    public static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}
