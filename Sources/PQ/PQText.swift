import Foundation

/// Conversions between PostgreSQL's text formats and Swift values that need more than a
/// `String(...)`: timestamps, `bytea` hex, and one-dimensional arrays.
enum PQText {
    // MARK: timestamptz

    /// Formats a `Date` as an ISO timestamp in UTC with microseconds, e.g.
    /// `2025-01-31 08:30:00.123456+00`.
    static func timestamp(_ date: Date) -> String {
        let micros = microseconds(date)
        var (seconds, fraction) = micros.quotientAndRemainder(dividingBy: 1_000_000)
        if fraction < 0 {
            fraction += 1_000_000
            seconds -= 1
        }
        var (days, secondOfDay) = seconds.quotientAndRemainder(dividingBy: 86_400)
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let (year, month, day) = civil(fromDays: days)
        let text =
            "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2)) "
            + "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
            + ".\(pad(fraction, 6))+00"
        return text
    }

    /// Microseconds since 1970, rounded: what PostgreSQL stores.
    /// Works from the reference date (2001) and splits whole seconds from the fraction, so
    /// that no rounding step can move the value by half a microsecond.
    static func microseconds(_ date: Date) -> Int64 {
        let interval = date.timeIntervalSinceReferenceDate
        let whole = interval.rounded(.down)
        let fraction = Int64(((interval - whole) * 1_000_000).rounded())
        return (Int64(whole) + referenceDateOffset) * 1_000_000 + fraction
    }

    /// Seconds from 1970-01-01 to 2001-01-01.
    static let referenceDateOffset: Int64 = 978_307_200

    /// Parses `YYYY-MM-DD[ HH:MM:SS[.ffffff]][±HH[:MM[:SS]]]` (PostgreSQL's ISO output; a
    /// value without offset is taken as UTC). `nil` for anything else (`infinity`, BC dates).
    static func parseTimestamp(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        var reader = Reader(bytes: bytes)
        guard let year = reader.number(digits: 4), reader.skip("-"),
            let month = reader.number(digits: 2), reader.skip("-"),
            let day = reader.number(digits: 2),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var seconds = days(fromCivil: year, month, day) * 86_400
        var micros: Int64 = 0
        if reader.skip(" ") || reader.skip("T") {
            guard let hour = reader.number(digits: 2), reader.skip(":"),
                let minute = reader.number(digits: 2), reader.skip(":"),
                let second = reader.number(digits: 2)
            else { return nil }
            seconds += hour * 3600 + minute * 60 + second
            if reader.skip(".") {
                var scale: Int64 = 100_000
                while let digit = reader.digit() {
                    micros += digit * scale
                    scale /= 10
                }
            }
            if let sign = reader.sign() {
                guard let offsetHours = reader.number(digits: 2) else { return nil }
                var offset = offsetHours * 3600
                if reader.skip(":"), let minutes = reader.number(digits: 2) { offset += minutes * 60 }
                if reader.skip(":"), let secs = reader.number(digits: 2) { offset += secs }
                seconds -= sign * offset
            }
        }
        guard reader.atEnd else { return nil }
        return Date(timeIntervalSinceReferenceDate: Double(seconds - referenceDateOffset) + Double(micros) / 1_000_000)
    }

    // MARK: bytea

    /// Decodes `bytea` hex output (`\x0aff…`).
    static func parseByteaHex(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x"),
            bytes.count % 2 == 0
        else { return nil }
        var output = [UInt8]()
        output.reserveCapacity((bytes.count - 2) / 2)
        var index = 2
        while index < bytes.count {
            guard let high = hexValue(bytes[index]), let low = hexValue(bytes[index + 1]) else { return nil }
            output.append(high << 4 | low)
            index += 2
        }
        return output
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    // MARK: arrays

    /// Formats a one-dimensional text array literal: `{"a","b \"c\"",NULL}`.
    static func arrayLiteral(_ elements: [String?]) -> String {
        var text = "{"
        for (index, element) in elements.enumerated() {
            if index > 0 { text += "," }
            guard let element else {
                text += "NULL"
                continue
            }
            text += "\""
            for character in element.unicodeScalars {
                if character == "\"" || character == "\\" { text += "\\" }
                text.unicodeScalars.append(character)
            }
            text += "\""
        }
        return text + "}"
    }

    /// Parses a one-dimensional array literal as PostgreSQL prints it; `nil` when malformed
    /// or multi-dimensional.
    static func parseArray(_ bytes: UnsafeBufferPointer<UInt8>) -> [String?]? {
        var index = 0
        // Optional dimension decoration: [1:3]={...}
        if bytes.first == UInt8(ascii: "[") {
            while index < bytes.count, bytes[index] != UInt8(ascii: "=") { index += 1 }
            index += 1
        }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
        index += 1
        var elements: [String?] = []
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            return index + 1 == bytes.count ? [] : nil
        }
        while index < bytes.count {
            var element = [UInt8]()
            var quoted = false
            if bytes[index] == UInt8(ascii: "{") { return nil }
            if bytes[index] == UInt8(ascii: "\"") {
                quoted = true
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\") { index += 1 }
                    guard index < bytes.count else { return nil }
                    element.append(bytes[index])
                    index += 1
                }
                index += 1
            } else {
                while index < bytes.count, bytes[index] != UInt8(ascii: ","), bytes[index] != UInt8(ascii: "}") {
                    if bytes[index] == UInt8(ascii: "\\") { index += 1 }
                    guard index < bytes.count else { return nil }
                    element.append(bytes[index])
                    index += 1
                }
            }
            let text = String(decoding: element, as: UTF8.self)
            elements.append(!quoted && text == "NULL" ? nil : text)
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: "}") { return index + 1 == bytes.count ? elements : nil }
            guard bytes[index] == UInt8(ascii: ",") else { return nil }
            index += 1
        }
        return nil
    }

    // MARK: calendar arithmetic (proleptic Gregorian, Howard Hinnant's algorithms)

    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (month <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, month, day)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        var atEnd: Bool { self.index == self.bytes.count }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: character) else { return false }
            self.index += 1
            return true
        }

        mutating func digit() -> Int64? {
            guard self.index < self.bytes.count else { return nil }
            let byte = self.bytes[self.index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            self.index += 1
            return Int64(byte - UInt8(ascii: "0"))
        }

        mutating func number(digits: Int) -> Int64? {
            var value: Int64 = 0
            for _ in 0..<digits {
                guard let digit = self.digit() else { return nil }
                value = value * 10 + digit
            }
            // Years may have more than four digits.
            while digits == 4, let digit = self.digit() { value = value * 10 + digit }
            return value
        }

        mutating func sign() -> Int64? {
            if self.skip("+") { return 1 }
            if self.skip("-") { return -1 }
            return nil
        }
    }
}
