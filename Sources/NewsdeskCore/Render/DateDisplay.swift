import Foundation

/// Formats dates for readers in each language: `23 November 2023`, `2023年11月23日`.
///
/// The pattern comes from the language's `date_format` in site.yml, else the theme's words
/// (`date_format`, `months`), else English; always in the site's time zone.
public struct DateDisplay: Sendable {
    public var pattern: String
    public var monthNames: [String]
    public var timeZone: TimeZone

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
    }

    public func format(_ date: NewsDate) -> String {
        let c = date.components(in: timeZone)
        return pattern
            .replacingOccurrences(of: "{day2}", with: pad(c.day))
            .replacingOccurrences(of: "{day}", with: String(c.day))
            .replacingOccurrences(of: "{month2}", with: pad(c.month))
            .replacingOccurrences(of: "{month_number}", with: String(c.month))
            .replacingOccurrences(of: "{month}", with: monthNames[c.month - 1])
            .replacingOccurrences(of: "{year}", with: String(c.year))
    }

    /// `{iso, display, year, month, day}` for templates: `<time datetime="{{iso}}">{{display}}</time>`.
    public func context(_ date: NewsDate) -> [String: Any] {
        let c = date.components(in: timeZone)
        return ["iso": date.rfc3339(in: timeZone), "display": format(date), "year": c.year, "month": c.month, "day": c.day,
                "short": c.isoDate]
    }
}
