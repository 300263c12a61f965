import Foundation

/// Where the CLI writes: data to stdout (human text or JSON), errors and progress to stderr.
enum Output {
    /// Prints one line (or block) of human output on stdout.
    static func line(_ text: String = "") {
        print(text)
    }

    /// Prints a block that already ends in a newline.
    static func block(_ text: String) {
        print(text, terminator: "")
    }

    /// Prints `value` as pretty, key-sorted JSON on stdout (dates as ISO 8601 with
    /// fractional seconds, amounts as strings, the HTTP API's field names).
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Time.iso(date))
        }
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// Writes `text` and a newline to stderr.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Whether stderr is a terminal: progress lines appear only there.
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// Shows (or replaces) a one-line progress message on a terminal; nothing otherwise.
    static func progress(_ text: String) {
        guard self.stderrIsTerminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }

    /// Clears the progress line.
    static func endProgress() {
        guard self.stderrIsTerminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
