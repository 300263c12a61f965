import CLibPQ
import Foundation

/// A parameter value as libpq receives it: bytes, text or binary format, and a type OID
/// (0 lets the server infer the type from the statement).
public struct PQParameter: Sendable {
    /// The encoded bytes (text format without a terminating NUL).
    public var bytes: [UInt8]
    /// `true` for binary format (used for `bytea`, so any byte including NUL passes).
    public var isBinary: Bool
    /// PostgreSQL type OID, or 0 to let the server decide.
    public var typeOID: UInt32

    public init(text: String, typeOID: UInt32 = 0) {
        self.bytes = Array(text.utf8)
        self.isBinary = false
        self.typeOID = typeOID
    }

    public init(binary: [UInt8], typeOID: UInt32) {
        self.bytes = binary
        self.isBinary = true
        self.typeOID = typeOID
    }
}

/// A Swift value that can be sent as a statement parameter. Parameters always travel
/// separately from the SQL text (`PQexecParams`), never spliced into it.
public protocol PQEncodable: Sendable {
    /// The value's wire form; `nil` means SQL NULL.
    var pqParameter: PQParameter? { get }

    /// Appends the value's bytes to `buffer` and returns their format, or `nil` (appending
    /// nothing) for SQL NULL. The default goes through `pqParameter`; common types write
    /// their bytes directly, without intermediate arrays.
    func appendPQ(to buffer: inout [UInt8]) -> PQParameterFormat?
}

/// How appended parameter bytes are to be read.
public struct PQParameterFormat: Sendable {
    public var typeOID: UInt32
    public var isBinary: Bool

    public init(typeOID: UInt32, isBinary: Bool = false) {
        self.typeOID = typeOID
        self.isBinary = isBinary
    }
}

extension PQEncodable {
    public func appendPQ(to buffer: inout [UInt8]) -> PQParameterFormat? {
        guard let parameter = self.pqParameter else { return nil }
        buffer.append(contentsOf: parameter.bytes)
        return PQParameterFormat(typeOID: parameter.typeOID, isBinary: parameter.isBinary)
    }
}

extension String: PQEncodable {
    public var pqParameter: PQParameter? { PQParameter(text: self) }

    public func appendPQ(to buffer: inout [UInt8]) -> PQParameterFormat? {
        buffer.append(contentsOf: self.utf8)
        return PQParameterFormat(typeOID: 0)
    }
}

/// Appends the decimal digits of `value` without allocating a String.
@inline(__always)
func appendDecimal<T: FixedWidthInteger & SignedInteger>(_ value: T, to buffer: inout [UInt8]) {
    if value == 0 {
        buffer.append(UInt8(ascii: "0"))
        return
    }
    var magnitude = value.magnitude
    if value < 0 { buffer.append(UInt8(ascii: "-")) }
    let start = buffer.count
    while magnitude > 0 {
        buffer.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10))
        magnitude /= 10
    }
    buffer[start...].reverse()
}

extension Substring: PQEncodable {
    public var pqParameter: PQParameter? { PQParameter(text: String(self)) }
}

extension Int: PQEncodable {
    public var pqParameter: PQParameter? { PQParameter(text: String(self), typeOID: PQType.int8) }

    public func appendPQ(to buffer: inout [UInt8]) -> PQParameterFormat? {
        appendDecimal(self, to: &buffer)
        return PQParameterFormat(typeOID: PQType.int8)
    }
}

extension Int64: PQEncodable {
    public var pqParameter: PQParameter? { PQParameter(text: String(self), typeOID: PQType.int8) }

    public func appendPQ(to buffer: inout [UInt8]) -> PQParameterFormat? {
        appendDecimal(self, to: &buffer)
        return PQParameterFormat(typeOID: PQType.int8)
    }
}

extension Int32: PQEncodable {
    public var pqParameter: PQParameter? { PQParameter(text: String(self), typeOID: PQType.int4) }

    public func appendPQ(to buffer: inout [UInt8]) -> PQParameterFormat? {
        appendDecimal(self, to: &buffer)
        return PQParameterFormat(typeOID: PQType.int4)
    }
}

extension Bool: PQEncodable {
    public var pqParameter: PQParameter? { PQParameter(text: self ? "t" : "f", typeOID: PQType.bool) }
}

extension Double: PQEncodable {
    public var pqParameter: PQParameter? { PQParameter(text: "\(self)", typeOID: PQType.float8) }
}

extension PQNumeric: PQEncodable {
    public var pqParameter: PQParameter? { PQParameter(text: self.description, typeOID: PQType.numeric) }
}

extension Date: PQEncodable {
    public var pqParameter: PQParameter? { PQParameter(text: PQText.timestamp(self), typeOID: PQType.timestamptz) }
}

extension UUID: PQEncodable {
    public var pqParameter: PQParameter? { PQParameter(text: self.uuidString, typeOID: PQType.uuid) }
}

/// Bytes sent as `bytea` (binary format, so any byte value passes unchanged).
public struct PQBytes: PQEncodable, Hashable {
    public var bytes: [UInt8]
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public var pqParameter: PQParameter? { PQParameter(binary: self.bytes, typeOID: PQType.bytea) }
}

extension Data: PQEncodable {
    public var pqParameter: PQParameter? { PQParameter(binary: [UInt8](self), typeOID: PQType.bytea) }
}

extension Array: PQEncodable where Element == String {
    /// A `text[]` literal.
    public var pqParameter: PQParameter? {
        PQParameter(text: PQText.arrayLiteral(self), typeOID: PQType.textArray)
    }
}

extension Optional: PQEncodable where Wrapped: PQEncodable {
    public var pqParameter: PQParameter? { self.flatMap { $0.pqParameter } }

    public func appendPQ(to buffer: inout [UInt8]) -> PQParameterFormat? {
        self.flatMap { $0.appendPQ(to: &buffer) }
    }
}

/// A few PostgreSQL type OIDs (pg_type.oid, stable across versions).
public enum PQType {
    public static let bool: UInt32 = 16
    public static let bytea: UInt32 = 17
    public static let name: UInt32 = 19
    public static let int8: UInt32 = 20
    public static let int2: UInt32 = 21
    public static let int4: UInt32 = 23
    public static let text: UInt32 = 25
    public static let oid: UInt32 = 26
    public static let json: UInt32 = 114
    public static let float4: UInt32 = 700
    public static let float8: UInt32 = 701
    public static let unknown: UInt32 = 705
    public static let boolArray: UInt32 = 1000
    public static let int4Array: UInt32 = 1007
    public static let textArray: UInt32 = 1009
    public static let varcharArray: UInt32 = 1015
    public static let int8Array: UInt32 = 1016
    public static let bpchar: UInt32 = 1042
    public static let varchar: UInt32 = 1043
    public static let date: UInt32 = 1082
    public static let timestamp: UInt32 = 1114
    public static let timestamptz: UInt32 = 1184
    public static let numeric: UInt32 = 1700
    public static let uuid: UInt32 = 2950
    public static let jsonb: UInt32 = 3802

    /// A readable name for error messages.
    public static func name(of oid: UInt32) -> String {
        switch oid {
        case bool: return "boolean"
        case bytea: return "bytea"
        case name: return "name"
        case int8: return "bigint"
        case int2: return "smallint"
        case int4: return "integer"
        case text: return "text"
        case oid: return "oid"
        case json: return "json"
        case float4: return "real"
        case float8: return "double precision"
        case unknown: return "unknown"
        case textArray: return "text[]"
        case varcharArray: return "varchar[]"
        case int4Array: return "integer[]"
        case int8Array: return "bigint[]"
        case boolArray: return "boolean[]"
        case bpchar: return "character"
        case varchar: return "varchar"
        case date: return "date"
        case timestamp: return "timestamp"
        case timestamptz: return "timestamptz"
        case numeric: return "numeric"
        case uuid: return "uuid"
        case jsonb: return "jsonb"
        default: return "type oid \(oid)"
        }
    }
}
