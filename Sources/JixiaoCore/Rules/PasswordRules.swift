import Foundation

/// What a password must be before it is hashed and stored: long enough, short enough for bcrypt
/// to read all of it, not the login, and not one of the guesses an attacker tries first.
///
/// ```swift
/// if let refusal = PasswordRules.refusal("kang2025kang", login: "kang") { print(refusal.message) }
/// ```
public enum PasswordRules {
    /// The fewest characters (grapheme clusters) a password has. 12, not 8: a password is the
    /// only factor for most accounts, and a length rule is the one that measurably helps.
    public static let minimumLength = 12

    /// The most UTF-8 bytes: bcrypt reads only the first 72, so a longer password would be
    /// accepted with a silently ignored tail.
    public static let maximumBytes = 72

    /// The fewest different characters: `aaaaaaaaaaaa` and `abababababab` are trivial.
    public static let minimumDistinctCharacters = 4

    /// Why `password` is refused for the user `login`, or nil when it is acceptable.
    public static func refusal(_ password: String, login: String) -> PasswordRefusal? {
        if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return PasswordRefusal(.invalidCharacter, "a password must not contain control characters (tab, newline, NUL …)")
        }
        if password.count < self.minimumLength {
            return PasswordRefusal(.tooShort, "a password needs at least \(self.minimumLength) characters")
        }
        if password.utf8.count > self.maximumBytes {
            return PasswordRefusal(.tooLong, "a password has at most \(self.maximumBytes) bytes of UTF-8 (about 24 Chinese characters)")
        }
        let folded = password.lowercased()
        let name = login.lowercased()
        if name.count >= 3, folded.contains(name) || folded.contains(String(name.reversed())) {
            return PasswordRefusal(.containsLogin, "a password must not contain the login")
        }
        if self.isTrivial(folded) {
            return PasswordRefusal(.tooCommon, "this password is among the first ones an attacker tries: choose a less predictable one")
        }
        return nil
    }

    /// Few distinct characters, a run along the alphabet, digits or a keyboard row, or a common
    /// word with only digits and symbols around it.
    static func isTrivial(_ folded: String) -> Bool {
        if Set(folded).count < self.minimumDistinctCharacters { return true }
        if self.sequences.contains(where: { $0.contains(folded) || String($0.reversed()).contains(folded) }) { return true }
        let core = folded.trimming(self.padding)
        if core.isEmpty || Set(core).count < self.minimumDistinctCharacters { return true }
        return self.common.contains(core) || self.common.contains(where: { word in core.replacingOccurrences(of: word, with: "").isEmpty })
    }

    /// What people put around a word to pass a rule: digits, symbols, spaces.
    private static let padding: Set<Character> = Set("0123456789!@#$%^&*()_+-=[]{};':\",./<>?\\|`~ ")

    /// Runs that are long enough to fill a whole password (wrapped around once).
    private static let sequences = [
        "01234567890123456789", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
        "qwertyuiopasdfghjklzxcvbnmqwertyuiop", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
        "qazwsxedcrfvtgbyhnujmikolp",
    ]

    /// Words that head every list of leaked passwords (English and pinyin), folded to lower case.
    private static let common: Set<String> = [
        "password", "passw0rd", "p@ssw0rd", "p@ssword", "qwerty", "letmein", "welcome", "admin", "administrator",
        "iloveyou", "monkey", "dragon", "master", "sunshine", "princess", "football", "baseball", "superman",
        "trustno", "changeme", "secret", "login", "default", "jixiao", "woaini", "wodemima", "mima", "zhangwei",
        "wangwei", "aini", "caizheng", "yusuan", "abc", "qwe", "asd", "zxc",
    ]
}

extension String {
    fileprivate func trimming(_ set: Set<Character>) -> String {
        let characters = Array(self)
        guard let first = characters.firstIndex(where: { !set.contains($0) }) else { return "" }
        let last = characters.lastIndex(where: { !set.contains($0) })!
        return String(characters[first...last])
    }
}

/// Why a password is refused: a stable code and a message for people (never the password).
public struct PasswordRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable codes (part of the API).
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        case tooShort = "password-too-short"
        case tooLong = "password-too-long"
        case containsLogin = "password-contains-login"
        case tooCommon = "password-too-common"
        case invalidCharacter = "password-invalid-character"
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(self.code.rawValue): \(self.message)" }
}
