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

    /// Whether JSON text writes U+0000 anywhere (`\u0000`; a raw NUL is not valid JSON and the
    /// decoder refuses it). A byte scan: the escape counts only after an odd run of backslashes
    /// (`\\u0000` is a backslash and the text "u0000").
    static func escapesNUL(_ bytes: [UInt8]) -> Bool {
        let escape = Array("u0000".utf8)
        var backslashes = 0
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "\\") {
                backslashes += 1
                continue
            }
            if byte == UInt8(ascii: "u"), backslashes % 2 == 1, bytes[index...].starts(with: escape) { return true }
            backslashes = 0
        }
        return false
    }
}
