import Foundation

/// One field of a result row, as libpq returned it in text format.
public struct PQField {
    /// The value's bytes, or `nil` for SQL NULL. Valid only while the result lives.
    public let bytes: UnsafeBufferPointer<UInt8>?
    /// The column's type OID.
    public let typeOID: UInt32
    /// The result and column, to name the column only when an error needs it.
    let result: QueryResult
    let column: Int

    /// The column's name.
    public var columnName: String { self.result.columnName(at: self.column) }

    /// The value as text (any type has one), or `nil` for NULL.
    public var text: String? { self.bytes.map { String(decoding: $0, as: UTF8.self) } }

    /// A decoding error that names the column, its type and the Swift type wanted.
    public func mismatch(_ swiftType: Any.Type, _ why: String? = nil) -> PQError {
        var message =
            "column \"\(self.columnName)\" of type \(PQType.name(of: self.typeOID)) "
            + "cannot be decoded as \(swiftType)"
        if let why { message += ": \(why)" }
        return PQError(kind: .decoding, message: message, column: self.columnName)
    }
}

/// A Swift type that can be read from a result column.
///
/// `decode(_:)` receives a non-NULL field; NULL goes to `decodeNull(_:)`, which throws unless
/// the type is an `Optional`.
public protocol PQDecodable {
    static func decode(_ field: PQField, bytes: UnsafeBufferPointer<UInt8>) throws -> Self
    static func decodeNull(_ field: PQField) throws -> Self
}

extension PQDecodable {
    public static func decodeNull(_ field: PQField) throws -> Self {
        throw PQError(
            kind: .decoding,
            message: "column \"\(field.columnName)\" of type \(PQType.name(of: field.typeOID)) is NULL; decode it as \(Self.self)? instead",
            column: field.columnName
        )
    }
}

extension Optional: PQDecodable where Wrapped: PQDecodable {
    public static func decode(_ field: PQField, bytes: UnsafeBufferPointer<UInt8>) throws -> Wrapped? {
        try Wrapped.decode(field, bytes: bytes)
    }

    public static func decodeNull(_ field: PQField) throws -> Wrapped? { nil }
}

extension String: PQDecodable {
    public static func decode(_ field: PQField, bytes: UnsafeBufferPointer<UInt8>) throws -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}

@inline(__always)
private func isIntegerType(_ oid: UInt32) -> Bool {
    switch oid {
    case PQType.int2, PQType.int4, PQType.int8, PQType.oid: return true
    default: return false
    }
}

/// Parses a decimal integer straight from the bytes (no intermediate String).
private func parseInteger<T: FixedWidthInteger>(_ field: PQField, _ bytes: UnsafeBufferPointer<UInt8>) throws -> T {
    guard isIntegerType(field.typeOID) else { throw field.mismatch(T.self) }
    var value: T = 0
    var negative = false
    var index = 0
    if bytes.first == UInt8(ascii: "-") {
        negative = true
        index = 1
    }
    guard index < bytes.count else { throw field.mismatch(T.self, "empty value") }
    while index < bytes.count {
        let digit = bytes[index] &- UInt8(ascii: "0")
        guard digit < 10 else { throw field.mismatch(T.self, "not an integer") }
        let (times, o1) = value.multipliedReportingOverflow(by: 10)
        let (next, o2) =
            negative
            ? times.subtractingReportingOverflow(T(digit)) : times.addingReportingOverflow(T(digit))
        guard !o1, !o2 else { throw field.mismatch(T.self, "value out of range") }
        value = next
        index += 1
    }
    return value
}

extension Int: PQDecodable {
    public static func decode(_ field: PQField, bytes: UnsafeBufferPointer<UInt8>) throws -> Int {
        try parseInteger(field, bytes)
    }
}

extension Int64: PQDecodable {
    public static func decode(_ field: PQField, bytes: UnsafeBufferPointer<UInt8>) throws -> Int64 {
        try parseInteger(field, bytes)
    }
}

extension Int32: PQDecodable {
    public static func decode(_ field: PQField, bytes: UnsafeBufferPointer<UInt8>) throws -> Int32 {
        try parseInteger(field, bytes)
    }
}

extension Bool: PQDecodable {
    public static func decode(_ field: PQField, bytes: UnsafeBufferPointer<UInt8>) throws -> Bool {
        guard field.typeOID == PQType.bool, bytes.count == 1 else { throw field.mismatch(Bool.self) }
        switch bytes[0] {
        case UInt8(ascii: "t"): return true
        case UInt8(ascii: "f"): return false
        default: throw field.mismatch(Bool.self)
        }
    }
}

extension Double: PQDecodable {
    public static func decode(_ field: PQField, bytes: UnsafeBufferPointer<UInt8>) throws -> Double {
        guard [PQType.float4, PQType.float8, PQType.numeric, PQType.int2, PQType.int4, PQType.int8].contains(field.typeOID),
            let value = Double(String(decoding: bytes, as: UTF8.self))
        else { throw field.mismatch(Double.self) }
        return value
    }
}

extension PQNumeric: PQDecodable {
    public static func decode(_ field: PQField, bytes: UnsafeBufferPointer<UInt8>) throws -> PQNumeric {
        guard field.typeOID == PQType.numeric || isIntegerType(field.typeOID) else {
            throw field.mismatch(PQNumeric.self)
        }
        guard let value = PQNumeric(String(decoding: bytes, as: UTF8.self)) else {
            throw field.mismatch(PQNumeric.self, "\"\(String(decoding: bytes, as: UTF8.self))\" is not a finite decimal")
        }
        return value
    }
}

extension Date: PQDecodable {
    public static func decode(_ field: PQField, bytes: UnsafeBufferPointer<UInt8>) throws -> Date {
        guard [PQType.timestamptz, PQType.timestamp, PQType.date].contains(field.typeOID) else {
            throw field.mismatch(Date.self)
        }
        guard let date = PQText.parseTimestamp(bytes) else {
            throw field.mismatch(Date.self, "\"\(String(decoding: bytes, as: UTF8.self))\" is not a finite timestamp")
        }
        return date
    }
}

extension UUID: PQDecodable {
    public static func decode(_ field: PQField, bytes: UnsafeBufferPointer<UInt8>) throws -> UUID {
        guard field.typeOID == PQType.uuid || field.typeOID == PQType.text,
            let value = UUID(uuidString: String(decoding: bytes, as: UTF8.self))
        else { throw field.mismatch(UUID.self) }
        return value
    }
}

extension PQBytes: PQDecodable {
    public static func decode(_ field: PQField, bytes: UnsafeBufferPointer<UInt8>) throws -> PQBytes {
        guard field.typeOID == PQType.bytea, let value = PQText.parseByteaHex(bytes) else {
            throw field.mismatch(PQBytes.self)
        }
        return PQBytes(value)
    }
}

extension Data: PQDecodable {
    public static func decode(_ field: PQField, bytes: UnsafeBufferPointer<UInt8>) throws -> Data {
        Data(try PQBytes.decode(field, bytes: bytes).bytes)
    }
}

extension Array: PQDecodable where Element == String {
    /// A one-dimensional array of any element type, each element as text; a NULL element is
    /// a decoding error (use `PQRow.textArray(_:)` to keep NULL elements).
    public static func decode(_ field: PQField, bytes: UnsafeBufferPointer<UInt8>) throws -> [String] {
        guard let elements = PQText.parseArray(bytes) else { throw field.mismatch([String].self) }
        return try elements.map { element in
            guard let element else { throw field.mismatch([String].self, "the array holds a NULL element") }
            return element
        }
    }
}
