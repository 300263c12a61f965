import Foundation

/// Encodes response bodies as JSON by writing bytes as the values encode themselves, without
/// the intermediate tree of dictionaries that Foundation's `JSONEncoder` builds (that tree was
/// a fifth of the server's CPU for a 30-indicator table). Keys come in the order the types
/// encode them; strings, integers, booleans and dates are written like `JSONCoding.encoder()`
/// writes them.
///
/// What it does not handle (nested containers, super encoders, floating point) makes the
/// whole value go through `JSONCoding.encoder()` instead, so the output is always complete.
enum StreamingJSONEncoder {
    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let sink = Sink()
        let encoder = StreamEncoder(sink: sink, codingPath: [])
        try value.encode(to: encoder)
        encoder.finish()
        if sink.unsupported { return Array(try JSONCoding.encoder().encode(value)) }
        return sink.bytes
    }

    /// The output, shared by every encoder and container of one `encode` call.
    final class Sink {
        // One encode call on one thread owns the sink: no runtime exclusivity checks needed.
        @exclusivity(unchecked) var bytes: [UInt8] = []
        /// Set when a value used a feature this encoder does not write.
        @exclusivity(unchecked) var unsupported = false

        init() { self.bytes.reserveCapacity(4096) }

        func write(_ ascii: StaticString) {
            ascii.withUTF8Buffer { self.bytes.append(contentsOf: $0) }
        }

        func write(string: String) {
            self.bytes.append(UInt8(ascii: "\""))
            var string = string
            // Most text needs no escaping: copy it in one go.
            let plain = string.withUTF8 { utf8 in
                if utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) { return false }
                self.bytes.append(contentsOf: utf8)
                return true
            }
            if plain {
                self.bytes.append(UInt8(ascii: "\""))
                return
            }
            for byte in string.utf8 {
                switch byte {
                case UInt8(ascii: "\""): self.write("\\\"")
                case UInt8(ascii: "\\"): self.write("\\\\")
                case 0x0A: self.write("\\n")
                case 0x0D: self.write("\\r")
                case 0x09: self.write("\\t")
                case 0x08: self.write("\\b")
                case 0x0C: self.write("\\f")
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    self.write("\\u00")
                    self.bytes.append(hex[Int(byte >> 4)])
                    self.bytes.append(hex[Int(byte & 0xF)])
                default: self.bytes.append(byte)
                }
            }
            self.bytes.append(UInt8(ascii: "\""))
        }

        func write(integer: some BinaryInteger) {
            self.bytes.append(contentsOf: String(integer).utf8)
        }

        /// Writes `value`: the leaf types directly, anything else through its own `encode(to:)`.
        func write<T: Encodable>(_ value: T, codingPath: @autoclosure () -> [any CodingKey]) throws {
            // Metatype comparisons, not dynamic casts: this runs for every value.
            if T.self == String.self {
                self.write(string: unsafeBitCast(value, to: String.self))
            } else if T.self == Int.self {
                self.write(integer: unsafeBitCast(value, to: Int.self))
            } else if T.self == Int64.self {
                self.write(integer: unsafeBitCast(value, to: Int64.self))
            } else if T.self == Bool.self {
                unsafeBitCast(value, to: Bool.self) ? self.write("true") : self.write("false")
            } else if T.self == Int32.self {
                self.write(integer: unsafeBitCast(value, to: Int32.self))
            } else if T.self == Date.self {
                self.write(string: unsafeBitCast(value, to: Date.self).formatted(JSONCoding.timestampStyle))
            } else if T.self == Double.self || T.self == Float.self || T.self == Decimal.self {
                self.unsupported = true
            } else {
                let child = StreamEncoder(sink: self, codingPath: codingPath())
                try value.encode(to: child)
                child.finish()
            }
        }
    }

    final class StreamEncoder: Encoder {
        enum State { case empty, keyed, unkeyed, single }

        let sink: Sink
        let codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }
        @exclusivity(unchecked) var state = State.empty
        /// Elements written into this encoder's container so far (for commas).
        @exclusivity(unchecked) var count = 0

        init(sink: Sink, codingPath: [any CodingKey]) {
            self.sink = sink
            self.codingPath = codingPath
        }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            switch self.state {
            case .empty:
                self.state = .keyed
                self.sink.write("{")
            case .keyed: break
            case .unkeyed, .single: self.sink.unsupported = true
            }
            return KeyedEncodingContainer(Keyed<Key>(encoder: self))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            switch self.state {
            case .empty:
                self.state = .unkeyed
                self.sink.write("[")
            case .unkeyed: break
            case .keyed, .single: self.sink.unsupported = true
            }
            return Unkeyed(encoder: self)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer {
            if self.state != .empty { self.sink.unsupported = true }
            self.state = .single
            return Single(encoder: self)
        }

        /// Closes the container this encoder opened (an encoder that wrote nothing is `{}`).
        func finish() {
            switch self.state {
            case .empty: self.sink.write("{}")
            case .keyed: self.sink.write("}")
            case .unkeyed: self.sink.write("]")
            case .single: break
            }
        }

        func separator() {
            if self.count > 0 { self.sink.write(",") }
            self.count += 1
        }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: StreamEncoder
        var codingPath: [any CodingKey] { self.encoder.codingPath }

        private func key(_ key: Key) {
            self.encoder.separator()
            self.encoder.sink.write(string: key.stringValue)
            self.encoder.sink.write(":")
        }

        mutating func encodeNil(forKey key: Key) throws {
            self.key(key)
            self.encoder.sink.write("null")
        }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            self.key(key)
            try self.encoder.sink.write(value, codingPath: self.codingPath + [key])
        }

        // The leaf types directly: no dynamic cast on the hot path.
        mutating func encode(_ value: String, forKey key: Key) throws {
            self.key(key)
            self.encoder.sink.write(string: value)
        }

        mutating func encode(_ value: Bool, forKey key: Key) throws {
            self.key(key)
            value ? self.encoder.sink.write("true") : self.encoder.sink.write("false")
        }

        mutating func encode(_ value: Int, forKey key: Key) throws {
            self.key(key)
            self.encoder.sink.write(integer: value)
        }

        mutating func encode(_ value: Int64, forKey key: Key) throws {
            self.key(key)
            self.encoder.sink.write(integer: value)
        }

        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
            if let value { try self.encode(value, forKey: key) }
        }

        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
            if let value { try self.encode(value, forKey: key) }
        }

        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws {
            if let value { try self.encode(value, forKey: key) }
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            self.encoder.sink.unsupported = true
            return StreamEncoder(sink: Sink(), codingPath: []).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            self.encoder.sink.unsupported = true
            return StreamEncoder(sink: Sink(), codingPath: []).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder {
            self.encoder.sink.unsupported = true
            return StreamEncoder(sink: Sink(), codingPath: [])
        }

        mutating func superEncoder(forKey key: Key) -> any Encoder { self.superEncoder() }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let encoder: StreamEncoder
        var codingPath: [any CodingKey] { self.encoder.codingPath }
        var count: Int { self.encoder.count }

        mutating func encodeNil() throws {
            self.encoder.separator()
            self.encoder.sink.write("null")
        }

        mutating func encode<T: Encodable>(_ value: T) throws {
            self.encoder.separator()
            try self.encoder.sink.write(value, codingPath: self.codingPath)
        }

        mutating func encode(_ value: String) throws {
            self.encoder.separator()
            self.encoder.sink.write(string: value)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            self.encoder.sink.unsupported = true
            return StreamEncoder(sink: Sink(), codingPath: []).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            self.encoder.sink.unsupported = true
            return StreamEncoder(sink: Sink(), codingPath: []).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder {
            self.encoder.sink.unsupported = true
            return StreamEncoder(sink: Sink(), codingPath: [])
        }
    }

    struct Single: SingleValueEncodingContainer {
        let encoder: StreamEncoder
        var codingPath: [any CodingKey] { self.encoder.codingPath }

        mutating func encodeNil() throws { self.encoder.sink.write("null") }

        mutating func encode(_ value: String) throws { self.encoder.sink.write(string: value) }

        mutating func encode<T: Encodable>(_ value: T) throws {
            try self.encoder.sink.write(value, codingPath: self.codingPath)
        }
    }
}
