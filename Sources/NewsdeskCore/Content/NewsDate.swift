import Foundation

/// A publication instant as an editor wrote it: an ISO 8601 date or date-time, with or without
/// an offset. Parsed by hand because Foundation's ISO 8601 parser rejects half the forms editors
/// type and is slow in a hot loop; the arithmetic is plain proleptic Gregorian.
public struct NewsDate: Sendable, Hashable, Comparable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var secondsSinceEpoch: Int64
    /// Whether the editor gave a time of day (a date alone means midnight in the site's zone).
    public var hasTime: Bool

    public init(secondsSinceEpoch: Int64, hasTime: Bool = true) {
        self.secondsSinceEpoch = secondsSinceEpoch
        self.hasTime = hasTime
    }

    public init(_ date: Date) {
        self.init(secondsSinceEpoch: Int64(date.timeIntervalSince1970.rounded(.down)))
    }

    public var date: Date { Date(timeIntervalSince1970: TimeInterval(secondsSinceEpoch)) }

    public static func < (lhs: NewsDate, rhs: NewsDate) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }

    public enum ParseError: Error, Equatable {
        case malformed
        case impossible(String)
    }

    /// Accepts `2023-11-23`, `2023-11-23T09:30`, `2023-11-23 09:30:15`, fractions, `Z`, `+08:00`, `+0800`.
    public static func parse(_ text: String, timeZone: TimeZone) throws(ParseError) -> NewsDate {
        var scanner = DigitScanner(Array(text.trimmingSpaces().utf8))
        guard let year = scanner.digits(4), scanner.take(UInt8(ascii: "-")),
              let month = scanner.digits(2), scanner.take(UInt8(ascii: "-")),
              let day = scanner.digits(2)
        else { throw .malformed }
        guard (1...12).contains(month) else { throw .impossible("month \(month) does not exist") }
        let lastDay = CivilCalendar.daysInMonth(year: year, month: month)
        guard (1...lastDay).contains(day) else { throw .impossible("day \(day) does not exist in that month") }

        var seconds = 0
        var hasTime = false
        var offset: Int?
        if scanner.take(UInt8(ascii: "T")) || scanner.take(UInt8(ascii: "t")) || scanner.take(UInt8(ascii: " ")) {
            guard let hour = scanner.digits(2), scanner.take(UInt8(ascii: ":")), let minute = scanner.digits(2)
            else { throw .malformed }
            var second = 0
            if scanner.take(UInt8(ascii: ":")) {
                guard let value = scanner.digits(2) else { throw .malformed }
                second = value
                if scanner.take(UInt8(ascii: ".")) || scanner.take(UInt8(ascii: ",")) {
                    guard scanner.skipDigits() > 0 else { throw .malformed }
                }
            }
            guard hour <= 23 else { throw .impossible("hour \(hour) does not exist") }
            guard minute <= 59 else { throw .impossible("minute \(minute) does not exist") }
            guard second <= 60 else { throw .impossible("second \(second) does not exist") }
            seconds = hour * 3600 + minute * 60 + min(second, 59)
            hasTime = true
            _ = scanner.take(UInt8(ascii: " "))
            offset = try parseOffset(&scanner)
        }
        guard scanner.atEnd else { throw .malformed }

        let localSeconds = Int64(CivilCalendar.daysFromCivil(year: year, month: month, day: day)) * 86_400 + Int64(seconds)
        let utc: Int64
        if let offset {
            utc = localSeconds - Int64(offset)
        } else {
            utc = CivilCalendar.utcSeconds(forLocal: localSeconds, in: timeZone)
        }
        return NewsDate(secondsSinceEpoch: utc, hasTime: hasTime)
    }

    private static func parseOffset(_ scanner: inout DigitScanner) throws(ParseError) -> Int? {
        if scanner.take(UInt8(ascii: "Z")) || scanner.take(UInt8(ascii: "z")) { return 0 }
        let sign: Int
        if scanner.take(UInt8(ascii: "+")) { sign = 1 } else if scanner.take(UInt8(ascii: "-")) { sign = -1 } else { return nil }
        guard let hours = scanner.digits(2) else { throw .malformed }
        _ = scanner.take(UInt8(ascii: ":"))
        let minutes = scanner.digits(2) ?? 0
        guard hours <= 14, minutes <= 59 else { throw .impossible("offset \(hours):\(minutes) does not exist") }
        return sign * (hours * 3600 + minutes * 60)
    }

    /// Year, month, day, hour, minute, second and UTC offset as seen in `timeZone`.
    public func components(in timeZone: TimeZone) -> LocalDateComponents {
        let offset = timeZone.secondsFromGMT(for: date)
        let local = secondsSinceEpoch + Int64(offset)
        let days = Int(local.floorDiv(86_400))
        let secondOfDay = Int(local - Int64(days) * 86_400)
        let (year, month, day) = CivilCalendar.civilFromDays(days)
        return LocalDateComponents(
            year: year, month: month, day: day,
            hour: secondOfDay / 3600, minute: secondOfDay % 3600 / 60, second: secondOfDay % 60,
            utcOffsetSeconds: offset)
    }

    /// RFC 3339 in the given zone, for `<time datetime>`, feeds and sitemaps: `2023-11-23T09:30:00+08:00`.
    public func rfc3339(in timeZone: TimeZone) -> String {
        rfc3339(components: components(in: timeZone))
    }

    func rfc3339(components c: LocalDateComponents) -> String {
        "\(c.isoDate)T\(pad(c.hour)):\(pad(c.minute)):\(pad(c.second))\(c.offsetText)"
    }
}

public struct LocalDateComponents: Sendable, Hashable {
    public var year, month, day, hour, minute, second, utcOffsetSeconds: Int

    public var isoDate: String { "\(pad(year, 4))-\(pad(month))-\(pad(day))" }

    public var offsetText: String {
        if utcOffsetSeconds == 0 { return "Z" }
        let sign = utcOffsetSeconds < 0 ? "-" : "+"
        let magnitude = abs(utcOffsetSeconds)
        return "\(sign)\(pad(magnitude / 3600)):\(pad(magnitude % 3600 / 60))"
    }
}

func pad(_ value: Int, _ width: Int = 2) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}

extension Int64 {
    func floorDiv(_ divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}

/// Howard Hinnant's days-from-civil algorithms (http://howardhinnant.github.io/date_algorithms.html).
enum CivilCalendar {
    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The UTC instant whose wall-clock time in `zone` is `local` (seconds as if UTC).
    /// Two rounds settle daylight-saving transitions, as most libraries do.
    static func utcSeconds(forLocal local: Int64, in zone: TimeZone) -> Int64 {
        var guess = local - Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local))))
        guess = local - Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(guess))))
        return guess
    }
}

/// A cursor over ASCII bytes for the date grammar.
struct DigitScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    mutating func digits(_ count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<count {
            let byte = bytes[index + offset]
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        index += count
        return value
    }

    mutating func skipDigits() -> Int {
        let start = index
        while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
        return index - start
    }
}
