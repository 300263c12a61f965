import Foundation

/// Bearer secrets (API tokens, session ids): 256 random bits from the system's CSPRNG, as hex
/// after a prefix that says what they are (so that secret scanners and people recognise them).
/// Only their SHA-256 is ever stored.
enum SecretText {
    static func random(prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return prefix + bytes.map { String(format: "%02x", $0) }.joined()
    }
}
