/// Dates written the way people write them in letters (`23/11/2023`, `2023/11/23`,
/// `2023年11月23日`, `23 November 2023`), recognized so that the message can give the exact
/// ISO form to write instead. Only recognition: such dates are never accepted as they are,
/// because `03/04/2023` means two different days in Britain and in the United States.
public enum DateForms {
    public enum Reading: Equatable, Sendable {
        /// One day: write it as `iso`.
        case exact(iso: String)
        /// Day and month could be either way round.
        case ambiguous(dayFirst: String, monthFirst: String)
    }

    public static func reading(of text: String) -> Reading? {
        let trimmed = text.trimmingSpaces()
        if let numbers = numericParts(trimmed) { return reading(numbers: numbers) }
        return readingWithMonthName(trimmed)
    }

    /// The hint for a date that `NewsDate` could not read, naming the fix when the form is known.
    public static func hint(for text: String) -> String? {
        switch reading(of: text) {
        case .exact(let iso)?: return "write \(iso) (year-month-day), or \(iso)T09:30:00+08:00 with a time"
        case .ambiguous(let dayFirst, let monthFirst)?:
            return "write \(dayFirst) if the day comes first, or \(monthFirst) if the month does (year-month-day)"
        case nil: return nil
        }
    }

    /// `23/11/2023`, `2023/11/23`, `2023.11.23`, `23-11-2023`, `2023年11月23日` → their three numbers.
    private static func numericParts(_ text: String) -> [Int]? {
        var parts: [Int] = []
        var digits = ""
        for character in text {
            if let digit = character.wholeNumberValue, character.isASCII {
                digits.append(String(digit))
            } else if "/.-年月日 ".contains(character) {
                if !digits.isEmpty, let value = Int(digits) { parts.append(value) }
                digits = ""
            } else {
                return nil
            }
        }
        if !digits.isEmpty, let value = Int(digits) { parts.append(value) }
        return parts.count == 3 ? parts : nil
    }

    private static func reading(numbers: [Int]) -> Reading? {
        if numbers[0] > 999 { return exact(year: numbers[0], month: numbers[1], day: numbers[2]) }
        guard numbers[2] > 999 else { return nil }
        let (first, second, year) = (numbers[0], numbers[1], numbers[2])
        if first > 12 { return exact(year: year, month: second, day: first) }
        if second > 12 { return exact(year: year, month: first, day: second) }
        if first == second { return exact(year: year, month: first, day: first) }
        guard let dayFirst = iso(year: year, month: second, day: first), let monthFirst = iso(year: year, month: first, day: second)
        else { return nil }
        return .ambiguous(dayFirst: dayFirst, monthFirst: monthFirst)
    }

    /// `23 November 2023`, `November 23, 2023`, `23 Nov 2023`.
    private static func readingWithMonthName(_ text: String) -> Reading? {
        let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "," || $0 == "." }).map(String.init)
        guard words.count == 3 else { return nil }
        guard let monthIndex = words.firstIndex(where: { month(named: $0) != nil }), let month = month(named: words[monthIndex]) else { return nil }
        let numbers = words.enumerated().filter { $0.offset != monthIndex }.compactMap { Int($0.element.trimmingSuffixOrdinal()) }
        guard numbers.count == 2 else { return nil }
        let (year, day) = numbers[0] > 999 ? (numbers[0], numbers[1]) : (numbers[1], numbers[0])
        return exact(year: year, month: month, day: day)
    }

    private static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august",
                                     "september", "october", "november", "december"]

    private static func month(named word: String) -> Int? {
        guard word.count >= 3 else { return nil }
        return monthNames.firstIndex { $0.hasPrefix(word) }.map { $0 + 1 }
    }

    private static func exact(year: Int, month: Int, day: Int) -> Reading? {
        iso(year: year, month: month, day: day).map { .exact(iso: $0) }
    }

    private static func iso(year: Int, month: Int, day: Int) -> String? {
        guard (1000...9999).contains(year), (1...12).contains(month),
              (1...CivilCalendar.daysInMonth(year: year, month: month)).contains(day) else { return nil }
        func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(twoDigits(month))-\(twoDigits(day))"
    }
}

private extension String {
    /// `23rd` → `23`.
    func trimmingSuffixOrdinal() -> String {
        for suffix in ["st", "nd", "rd", "th"] where hasSuffix(suffix) { return String(dropLast(2)) }
        return self
    }
}
