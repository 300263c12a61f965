/// Small helpers over JSON text and coding paths.
enum JSONText {
    /// `indicators[2].value` for a coding path.
    static func path(_ keys: [any CodingKey]) -> String {
        var result = ""
        for key in keys {
            if let index = key.intValue, key.stringValue.hasPrefix("Index ") || key.stringValue == String(index) {
                result += "[\(index)]"
            } else {
                result += result.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return result
    }

    /// A reader's name for the type a field must have.
    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type, is Int32.Type: return "an integer"
        case is Bool.Type: return "a boolean"
        case is Double.Type: return "a number"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "a valid \(name)"
        }
    }

    /// Whether any string inside a decoded value (its fields, elements, enum payloads,
    /// optionals) contains U+0000. Members the type does not decode are never looked at.
    static func containsNUL(_ value: Any) -> Bool {
        if let string = value as? String { return string.utf8.contains(0) }
        return Mirror(reflecting: value).children.contains { self.containsNUL($0.value) }
    }
}
