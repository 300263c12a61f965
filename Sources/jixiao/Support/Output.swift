import Foundation
import JixiaoHTTP

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

    /// Prints `value` as JSON on stdout, by the HTTP API's policy (`JSONCoding`: same keys,
    /// nulls and time format), indented and key-sorted.
    static func json<T: Encodable>(_ value: T) throws {
        print(String(decoding: try JSONCoding.prettyEncoder().encode(value), as: UTF8.self))
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
