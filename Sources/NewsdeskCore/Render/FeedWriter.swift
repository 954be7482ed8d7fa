import Foundation

/// Atom 1.0 (RFC 4287) and RSS 2.0 feeds of the latest items, with absolute URLs.
public struct FeedWriter: Sendable {
    public let site: Site
    public let extras: [PageExtras]

    public init(site: Site, extras: [PageExtras]) {
        self.site = site
        self.extras = extras
    }

    /// The latest items a feed shows: the language's or the section's listing, cut.
    public func entries(language: String, section: Int?) -> [Int] {
        let listing = section.map { site.sections[$0].pages } ?? site.language(language)?.pages ?? []
        return Array(listing.prefix(site.config.feeds.entries))
    }

    private func scope(language: String, section: Int?) -> (title: String, sitePath: String) {
        let edition = site.language(language) ?? site.languages[0]
        guard let section else { return (edition.title, edition.pathPrefix) }
        return ("\(site.sections[section].title) | \(edition.title)", site.sections[section].sitePath)
    }

    public func atom(language: String, section: Int?) -> String {
        let (title, sitePath) = scope(language: language, section: section)
        let urls = site.urls
        let zone = site.config.timeZone
        let pages = entries(language: language, section: section)
        let updated = pages.map { site.pages[$0].item.lastModified }.max() ?? NewsDate(secondsSinceEpoch: 0)
        var xml = XMLWriter()
        xml.start("feed", ["xmlns": "http://www.w3.org/2005/Atom", "xml:lang": language])
        xml.element("title", text: title)
        if let description = site.language(language)?.description, !description.isEmpty { xml.element("subtitle", text: description) }
        xml.empty("link", ["href": urls.absolute(sitePath + "atom.xml"), "rel": "self", "type": "application/atom+xml"])
        xml.empty("link", ["href": urls.absolute(sitePath), "rel": "alternate", "type": "text/html"])
        xml.element("id", text: urls.absolute(sitePath + "atom.xml"))
        xml.element("updated", text: updated.rfc3339(in: zone))
        xml.start("author")
        xml.element("name", text: site.language(language)?.title ?? site.config.title)
        xml.end()
        xml.element("generator", ["uri": "https://github.com/newsdesk"], text: "Newsdesk")
        for index in pages {
            let page = site.pages[index]
            let item = page.item
            xml.start("entry")
            xml.element("title", ["type": "text"], text: item.title)
            xml.empty("link", ["href": urls.absolute(page.sitePath), "rel": "alternate", "type": "text/html"])
            xml.element("id", text: urls.absolute(page.sitePath))
            xml.element("published", text: item.date.rfc3339(in: zone))
            xml.element("updated", text: item.lastModified.rfc3339(in: zone))
            if let author = item.frontMatter.author {
                xml.start("author")
                xml.element("name", text: author)
                xml.end()
            }
            for tag in page.tags { xml.empty("category", ["term": site.tags[tag].name]) }
            // Plain text, declared as such: an Atom reader shows `<script>` in it as text.
            xml.element("summary", ["type": "text"], text: item.frontMatter.summary ?? extras[index].summary)
            if site.config.feeds.fullContent, let html = extras[index].contentHTML {
                xml.element("content", ["type": "html", "xml:base": urls.absolute(page.sitePath)], text: html)
            }
            xml.end()
        }
        return xml.finish()
    }

    public func rss(language: String, section: Int?) -> String {
        let (title, sitePath) = scope(language: language, section: section)
        let urls = site.urls
        let pages = entries(language: language, section: section)
        let updated = pages.map { site.pages[$0].item.date }.max() ?? NewsDate(secondsSinceEpoch: 0)
        var xml = XMLWriter()
        xml.start("rss", ["version": "2.0", "xmlns:atom": "http://www.w3.org/2005/Atom"])
        xml.start("channel")
        xml.element("title", text: title)
        xml.element("link", text: urls.absolute(sitePath))
        xml.element("description", text: site.language(language)?.description ?? title)
        xml.element("language", text: language)
        xml.element("lastBuildDate", text: Self.rfc822(updated, zone: site.config.timeZone))
        xml.empty("atom:link", ["href": urls.absolute(sitePath + "rss.xml"), "rel": "self", "type": "application/rss+xml"])
        xml.element("generator", text: "Newsdesk")
        for index in pages {
            let page = site.pages[index]
            let item = page.item
            xml.start("item")
            xml.element("title", text: item.title)
            xml.element("link", text: urls.absolute(page.sitePath))
            xml.element("guid", ["isPermaLink": "true"], text: urls.absolute(page.sitePath))
            xml.element("pubDate", text: Self.rfc822(item.date, zone: site.config.timeZone))
            for tag in page.tags { xml.element("category", text: site.tags[tag].name) }
            // RSS readers read a description as HTML: plain text goes in escaped as text, so
            // an item about `<script>` shows the word instead of running it.
            let description = site.config.feeds.fullContent ? extras[index].contentHTML : nil
            xml.element("description", text: description ?? HTMLEscaping.escape(item.frontMatter.summary ?? extras[index].summary))
            xml.end()
        }
        return xml.finish()
    }

    /// `Thu, 23 Nov 2023 00:00:00 +0800`, the date format RSS 2.0 requires.
    static func rfc822(_ date: NewsDate, zone: TimeZone) -> String {
        let c = date.components(in: zone)
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let days = CivilCalendar.daysFromCivil(year: c.year, month: c.month, day: c.day)
        let weekday = weekdays[((days % 7) + 7) % 7]
        let offset = abs(c.utcOffsetSeconds)
        let sign = c.utcOffsetSeconds < 0 ? "-" : "+"
        return "\(weekday), \(pad(c.day)) \(months[c.month - 1]) \(c.year) \(pad(c.hour)):\(pad(c.minute)):\(pad(c.second)) \(sign)\(pad(offset / 3600))\(pad(offset % 3600 / 60))"
    }
}
