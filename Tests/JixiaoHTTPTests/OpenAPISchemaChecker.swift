import Foundation
import JixiaoCore
import Yams

@testable import JixiaoHTTP

/// A JSON value as written, with booleans, integers and other numbers told apart (the
/// decoder refuses a number as a `Bool` and `true` as an `Int`).
indirect enum JSONValue: Decodable, Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Parses `bytes`.
    static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): "\(value)"
        case .integer(let value): "\(value)"
        case .number(let value): "\(value)"
        case .string(let value): "\"\(value)\""
        case .array(let values): "[\(values.map(\.description).joined(separator: ","))]"
        case .object(let members): "{\(members.keys.sorted().joined(separator: ","))}"
        }
    }
}

/// The OpenAPI document as data (parsed with Yams), and a strict check of JSON values against
/// its schemas: every key written is a property of the schema, every required key is written,
/// `null` only where the schema allows it, enums, consts, types and integer bounds hold.
struct OpenAPISpec {
    let root: [String: Any]

    init(yaml: String = OpenAPIDocument.yaml) throws {
        guard let root = try Yams.load(yaml: yaml) as? [String: Any] else { throw SpecError("the document is not a mapping") }
        self.root = root
    }

    struct SpecError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// `components.schemas.<name>`.
    func schema(_ name: String) throws -> [String: Any] {
        guard let schema = self.value(at: ["components", "schemas", name]) as? [String: Any] else { throw SpecError("no schema \(name)") }
        return schema
    }

    /// The value at a path of mapping keys.
    func value(at path: [String]) -> Any? {
        var current: Any? = self.root
        for key in path { current = (current as? [String: Any])?[key] }
        return current
    }

    /// Follows `$ref` (local `#/…` references only).
    func resolve(_ schema: [String: Any]) -> [String: Any] {
        guard let reference = schema["$ref"] as? String, reference.hasPrefix("#/") else { return schema }
        var resolved = self.value(at: reference.dropFirst(2).split(separator: "/").map(String.init)) as? [String: Any] ?? [:]
        // Siblings of `$ref` (OpenAPI 3.1 allows a description there) add nothing to check.
        resolved = self.resolve(resolved)
        return resolved
    }

    /// The strings of an `enum` (after `$ref`).
    func enumeration(_ schema: [String: Any]) -> [String]? {
        (self.resolve(schema)["enum"] as? [Any])?.map { "\($0)" }
    }

    /// Every problem of `value` against `schema`; empty when it conforms.
    func problems(_ value: JSONValue, _ schema: [String: Any], at path: String = "$") -> [String] {
        let schema = self.resolve(schema)
        if let choices = schema["oneOf"] as? [[String: Any]] ?? schema["anyOf"] as? [[String: Any]] {
            let results = choices.map { self.problems(value, $0, at: path) }
            if results.contains(where: \.isEmpty) {
                // What stands beside the choices (e.g. `properties` next to `anyOf`) must hold too.
                let rest = schema.filter { !["oneOf", "anyOf", "discriminator", "description"].contains($0.key) }
                return rest.isEmpty ? [] : self.problems(value, rest, at: path)
            }
            return ["\(path): \(value) matches none of oneOf/anyOf (\(results.map { $0.first ?? "" }.joined(separator: " | ")))"]
        }
        if let parts = schema["allOf"] as? [[String: Any]] {
            return self.problems(value, self.merged(parts.map(self.resolve)), at: path)
        }
        if let constant = schema["const"] {
            return self.matches(value, constant) ? [] : ["\(path): \(value) is not the const \(constant)"]
        }
        let types = (schema["type"] as? [String]) ?? (schema["type"] as? String).map { [$0] } ?? []
        if case .null = value {
            return types.contains("null") ? [] : ["\(path): null where the schema does not allow it"]
        }
        if let allowed = schema["enum"] as? [Any], !allowed.contains(where: { self.matches(value, $0) }) {
            return ["\(path): \(value) is not one of \(allowed)"]
        }
        switch value {
        case .object(let members):
            guard types.isEmpty || types.contains("object") else { return ["\(path): an object where \(types) is documented"] }
            var found: [String] = []
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for key in members.keys.sorted() where !properties.isEmpty || schema["properties"] != nil {
                if properties[key] == nil { found.append("\(path): key \(key) is written but not documented") }
            }
            for key in schema["required"] as? [String] ?? [] where members[key] == nil {
                found.append("\(path): required key \(key) is not written")
            }
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                if let property = properties[key] as? [String: Any] { found += self.problems(member, property, at: "\(path).\(key)") }
            }
            return found
        case .array(let elements):
            guard types.isEmpty || types.contains("array") else { return ["\(path): an array where \(types) is documented"] }
            guard let items = schema["items"] as? [String: Any] else { return [] }
            return elements.enumerated().flatMap { self.problems($1, items, at: "\(path)[\($0)]") }
        case .string(let text):
            guard types.isEmpty || types.contains("string") else { return ["\(path): a string where \(types) is documented"] }
            if schema["format"] as? String == "date-time", Timestamp.parse(text) == nil { return ["\(path): \(text) is not a date-time"] }
            return []
        case .integer(let number):
            guard types.isEmpty || types.contains("integer") || types.contains("number") else {
                return ["\(path): an integer where \(types) is documented"]
            }
            if let minimum = schema["minimum"] as? Int, number < minimum { return ["\(path): \(number) < minimum \(minimum)"] }
            if let maximum = schema["maximum"] as? Int, number > maximum { return ["\(path): \(number) > maximum \(maximum)"] }
            return []
        case .bool:
            return types.isEmpty || types.contains("boolean") ? [] : ["\(path): a boolean where \(types) is documented"]
        case .number:
            return types.isEmpty || types.contains("number") ? [] : ["\(path): a number where \(types) is documented"]
        case .null:
            return []
        }
    }

    /// One object schema of several (`allOf`): properties and required keys together.
    private func merged(_ parts: [[String: Any]]) -> [String: Any] {
        var properties: [String: Any] = [:]
        var required: [String] = []
        for part in parts {
            properties.merge(part["properties"] as? [String: Any] ?? [:]) { first, _ in first }
            required += part["required"] as? [String] ?? []
        }
        return ["type": "object", "properties": properties, "required": required]
    }

    private func matches(_ value: JSONValue, _ documented: Any) -> Bool {
        switch value {
        case .string(let text): return documented as? String == text
        case .integer(let number): return (documented as? Int).map { Int64($0) == number } ?? false
        case .bool(let flag): return documented as? Bool == flag
        default: return false
        }
    }
}
