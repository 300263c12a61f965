import Foundation

/// Finds a key written twice in one JSON object. JSON leaves duplicates undefined and the
/// decoder keeps the first: `{"value": "1", "value": "2"}` would be read as something other
/// than what a second reader (a proxy, a log) sees, so the API refuses them.
enum JSONDuplicateKeys {
    /// An object or array being scanned, with the path that leads to it.
    private struct Container {
        var isObject: Bool
        var path: String
        var keys: Set<String> = []
        var expectingKey: Bool
        var key: String = ""
        var index = 0

        /// The path of the member being read now.
        var memberPath: String {
            if self.isObject { return self.path.isEmpty ? self.key : "\(self.path).\(self.key)" }
            return "\(self.path)[\(self.index)]"
        }
    }

    /// The path (`indicators[2].value`) of the first key that its object names twice, or nil.
    /// `bytes` is valid JSON (the decoder has read it); keys are compared after unescaping.
    static func first(in bytes: [UInt8]) -> String? {
        var stack: [Container] = []
        var position = 0
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let path = stack.last?.memberPath ?? ""
                stack.append(Container(isObject: byte == UInt8(ascii: "{"), path: path, expectingKey: byte == UInt8(ascii: "{")))
                position += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                stack.removeLast()
                position += 1
            case UInt8(ascii: ","):
                if stack.last?.isObject == true {
                    stack[stack.count - 1].expectingKey = true
                } else if !stack.isEmpty {
                    stack[stack.count - 1].index += 1
                }
                position += 1
            case UInt8(ascii: ":"):
                stack[stack.count - 1].expectingKey = false
                position += 1
            case UInt8(ascii: "\""):
                let end = self.endOfString(bytes, from: position)
                if let top = stack.last, top.isObject, top.expectingKey {
                    let key = self.unescaped(Array(bytes[position..<end]))
                    stack[stack.count - 1].key = key
                    if !stack[stack.count - 1].keys.insert(key).inserted { return stack[stack.count - 1].memberPath }
                }
                position = end
            default:
                position += 1
            }
        }
        return nil
    }

    /// The index just after the string that opens at `start` (its closing quote included).
    private static func endOfString(_ bytes: [UInt8], from start: Int) -> Int {
        var position = start + 1
        while position < bytes.count {
            if bytes[position] == UInt8(ascii: "\\") {
                position += 2
                continue
            }
            if bytes[position] == UInt8(ascii: "\"") { return position + 1 }
            position += 1
        }
        return bytes.count
    }

    /// The text of a quoted JSON string (escapes resolved: `"\u0061"` is the key `a`).
    private static func unescaped(_ quoted: [UInt8]) -> String {
        if !quoted.contains(UInt8(ascii: "\\")) { return String(decoding: quoted.dropFirst().dropLast(), as: UTF8.self) }
        return (try? JSONDecoder().decode(String.self, from: Data(quoted))) ?? String(decoding: quoted, as: UTF8.self)
    }
}
