import Foundation

/// Formats dates for readers in each language: `23 November 2023`, `2023年11月23日`.
///
/// The pattern comes from the language's `date_format` in site.yml, else the theme's words
/// (`date_format`, `months`), else English; always in the site's time zone.
public struct DateDisplay: Sendable {
    public var pattern: String
    public var monthNames: [String]
    public var timeZone: TimeZone
    let parsedPattern: [Piece]

    public static let englishMonths = ["January", "February", "March", "April", "May", "June", "July",
                                       "August", "September", "October", "November", "December"]

    public init(pattern: String?, words: [String: TemplateValue], timeZone: TimeZone) {
        if let pattern {
            self.pattern = pattern
        } else if case .string(let themePattern)? = words["date_format"] {
            self.pattern = themePattern
        } else {
            self.pattern = "{day} {month} {year}"
        }
        if case .list(let names)? = words["months"], names.count == 12 {
            monthNames = names.map { if case .string(let name) = $0 { return name } else { return "" } }
        } else {
            monthNames = Self.englishMonths
        }
        self.timeZone = timeZone
        parsedPattern = Self.pieces(of: self.pattern)
    }

    public func format(_ date: NewsDate) -> String {
        format(date.components(in: timeZone))
    }

    /// The pattern is read once into pieces; formatting appends them instead of searching the
    /// pattern for every token of every date (listings show each date many times).
    enum Piece: Sendable, Equatable {
        case text(String), day, day2, month, month2, monthNumber, year
    }

    /// Splits at the known tokens, longest first where one is a prefix of another (`{day2}`).
    static func pieces(of pattern: String) -> [Piece] {
        let tokens: [(String, Piece)] = [("{day2}", .day2), ("{day}", .day), ("{month2}", .month2),
                                         ("{month_number}", .monthNumber), ("{month}", .month), ("{year}", .year)]
        var result: [Piece] = []
        var text = ""
        var rest = pattern[...]
        while !rest.isEmpty {
            if rest.first == "{", let (token, piece) = tokens.first(where: { rest.hasPrefix($0.0) }) {
                if !text.isEmpty { result.append(.text(text)); text = "" }
                result.append(piece)
                rest = rest.dropFirst(token.count)
            } else {
                text.append(rest.removeFirst())
            }
        }
        if !text.isEmpty { result.append(.text(text)) }
        return result
    }

    func format(_ c: LocalDateComponents) -> String {
        var result = ""
        for piece in parsedPattern {
            switch piece {
            case .text(let text): result += text
            case .day: result += String(c.day)
            case .day2: result += pad(c.day)
            case .month: result += monthNames[c.month - 1]
            case .month2: result += pad(c.month)
            case .monthNumber: result += String(c.month)
            case .year: result += String(c.year)
            }
        }
        return result
    }

    /// Everything a template shows of one date.
    public func shown(_ date: NewsDate) -> ShownDate {
        let c = date.components(in: timeZone)
        return ShownDate(iso: date.rfc3339(components: c), display: format(c), year: c.year, month: c.month, day: c.day, short: c.isoDate)
    }
}

/// A date as templates read it: `<time datetime="{{iso}}">{{display}}</time>`.
public struct ShownDate: Sendable, Hashable {
    public var iso: String
    public var display: String
    public var year: Int
    public var month: Int
    public var day: Int
    public var short: String

    public var context: TemplateData {
        ["iso": .string(iso), "display": .string(display), "year": .int(year), "month": .int(month), "day": .int(day), "short": .string(short)]
    }
}
