/// Small text helpers for cells extracted from PDF/Excel, without Foundation.
public enum TextNormalization {
    /// Removes leading and trailing whitespace, including the ideographic space U+3000 and NBSP.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }

    /// Removes every whitespace character: PDF extraction breaks labels like `满意度 指标`.
    static func withoutWhitespace(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        result.append(contentsOf: text.unicodeScalars.filter { !$0.properties.isWhitespace })
        return String(result)
    }

    /// Removes HTML tags such as `<p>` that the source documents carry in goal texts (the
    /// stored text keeps them; rules and displays read it without).
    public static func withoutTags(_ text: String) -> String {
        var result = ""
        var insideTag = false
        for character in text {
            if character == "<", !insideTag {
                insideTag = true
            } else if character == ">", insideTag {
                insideTag = false
            } else if !insideTag {
                result.append(character)
            }
        }
        // An unclosed "<" was not a tag ("< 5%"): keep the text as written.
        return insideTag ? text : result
    }

    static func isBlank(_ text: String?) -> Bool {
        guard let text else { return true }
        return self.trimmed(text).isEmpty
    }
}
