import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reads passwords: on a terminal with a prompt and without echo (termios), otherwise one per
/// line from stdin (for scripts: `printf '%s\n' "$PW" | jixiao user password kang --as admin`).
/// Never from an argument (it would show in `ps` and shell history) and never printed.
enum PasswordInput {
    /// Whether stdin is a terminal.
    static var isTerminal: Bool { isatty(0) == 1 }

    /// One password: prompted without echo on a terminal (twice for a new one, which must agree),
    /// else the next line of stdin.
    static func read(_ prompt: String, confirm: Bool) throws -> String {
        guard self.isTerminal else {
            guard let line = Swift.readLine(strippingNewline: true) else {
                throw CLIError.usage("expected a password on stdin (one per line)")
            }
            return line.hasSuffix("\r") ? String(line.dropLast()) : line
        }
        let first = try self.readHidden(prompt)
        if confirm {
            guard try self.readHidden("again: ") == first else { throw CLIError.usage("the two passwords differ") }
        }
        return first
    }

    /// A line typed with echo off (restored afterwards, also after an error).
    private static func readHidden(_ prompt: String) throws -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        guard tcgetattr(0, &saved) == 0 else { throw CLIError.usage("cannot read the terminal's settings") }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(0, TCSAFLUSH, &quiet)
        defer {
            tcsetattr(0, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = Swift.readLine(strippingNewline: true) else { throw CLIError.usage("no password was typed") }
        return line
    }
}
