import Foundation

/// Parsing of RFC 3339 timestamps: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, with `t`,
/// `z` or a space accepted as RFC 3339 allows, any zone offset up to ±23:59, and a leap
/// second (:60) read as the next second. Used for query parameters and for the timestamps
/// inside PostgreSQL's JSON row images.
public enum Timestamp {
    /// The moment `text` names, or nil when it is not an RFC 3339 timestamp.
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<(start + count)] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        func byte(_ index: Int, in allowed: String) -> Bool {
            index < bytes.count && allowed.utf8.contains(bytes[index])
        }
        guard let year = number(0, 4), byte(4, in: "-"), let month = number(5, 2), byte(7, in: "-"), let day = number(8, 2),
            byte(10, in: "Tt "), let hour = number(11, 2), byte(13, in: ":"), let minute = number(14, 2), byte(16, in: ":"),
            let second = number(17, 2)
        else { return nil }
        var index = 19
        var fraction = 0.0
        if byte(index, in: ".") {
            let start = index + 1
            index = start
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            guard index > start, let value = Double("0." + String(decoding: bytes[start..<index], as: UTF8.self)) else { return nil }
            fraction = value
        }
        var offset = 0
        if byte(index, in: "Zz") {
            index += 1
        } else if byte(index, in: "+-") {
            guard let offsetHours = number(index + 1, 2), byte(index + 3, in: ":"), let offsetMinutes = number(index + 4, 2),
                offsetHours <= 23, offsetMinutes <= 59
            else { return nil }
            offset = (offsetHours * 60 + offsetMinutes) * 60 * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
            index += 6
        } else {
            return nil
        }
        guard index == bytes.count, (1...12).contains(month), (1...self.daysIn(month: month, year: year)).contains(day),
            hour <= 23, minute <= 59, second <= 60
        else { return nil }
        let days = self.daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
