/// How the pages are meant to be seen.
public enum RenderMode: Sendable, Equatable {
    /// Output for publishing.
    case publish
    /// `newsdesk serve`: drafts and future items carry a visible banner.
    case preview
}

/// Builds the dictionaries templates read. Dictionaries rather than structs: swift-mustache
/// reads them without reflection, about three times faster (stack-facts.md).
///
/// Every value a template prints with `{{…}}` is escaped by swift-mustache; only `content`,
/// `intro` and `toc_html`-like fields of rendered Markdown are meant for `{{{…}}}`.
public struct PageContextBuilder: Sendable {
    public let site: Site
    public let theme: Theme
    public let extras: [PageExtras]
    public let mode: RenderMode
    let dates: [String: DateDisplay]

    /// Cheap to make: a rebuild that renders three pages of a 10,000-item site builds one, so
    /// nothing here is computed per page (dates are formatted when a page shows them).
    public init(site: Site, theme: Theme, extras: [PageExtras], mode: RenderMode) {
        self.site = site
        self.theme = theme
        self.extras = extras
        self.mode = mode
        var dates: [String: DateDisplay] = [:]
        for language in site.languages {
            let words = theme.strings[language.code] ?? theme.strings[site.config.defaultLanguage] ?? [:]
            dates[language.code] = DateDisplay(pattern: language.dateFormat, words: words, timeZone: site.config.timeZone)
        }
        self.dates = dates
    }

    /// A page's date as templates show it.
    func shownDate(_ pageIndex: Int) -> ShownDate {
        let item = site.pages[pageIndex].item
        return (dates[item.language] ?? DateDisplay(pattern: nil, words: [:], timeZone: site.config.timeZone)).shown(item.date)
    }

    var urls: URLBuilder { site.urls }

    /// What every page's layout needs: the site, its language, navigation, feeds and alternates.
    /// - Parameter translations: the same page in other languages (language code → site path).
    /// - Parameter section: the section a page belongs to, whose own feed it links besides the site's.
    func common(language code: String, sitePath: String, title: String?, translations: [String: String],
                section: Int? = nil) -> [String: Any] {
        let edition = site.language(code) ?? site.languages[0]
        let sections: [[String: Any]] = edition.sections.map { index in
            let section = site.sections[index]
            return ["title": section.title, "url": urls.href(section.sitePath), "name": section.name,
                    "is_current": sitePath.hasPrefix(section.sitePath)]
        }
        let languages: [[String: Any]] = site.languages.map { other in
            let target = translations[other.code] ?? (other.code == code ? sitePath : other.pathPrefix)
            return ["code": other.code, "title": other.title, "url": urls.href(target), "is_current": other.code == code,
                    "has_translation": translations[other.code] != nil || other.code == code,
                    "name": theme.words(for: other.code, defaultLanguage: site.config.defaultLanguage)["language_name"] ?? other.code]
        }
        var alternates: [[String: Any]] = []
        if !translations.isEmpty {
            var all = translations
            all[code] = sitePath
            alternates = site.languages.compactMap { language in
                all[language.code].map { ["lang": language.code, "url": urls.absolute($0)] }
            }
            let defaultPath = all[site.config.defaultLanguage] ?? sitePath
            alternates.append(["lang": "x-default", "url": urls.absolute(defaultPath)])
        }
        var scopes = [(edition.pathPrefix, edition.title)]
        if let section { scopes.append((site.sections[section].sitePath, "\(site.sections[section].title) | \(edition.title)")) }
        var feeds: [[String: Any]] = []
        let format = site.config.feeds.format
        for (base, feedTitle) in scopes {
            if format != .rss { feeds.append(["type": "application/atom+xml", "name": "Atom", "url": urls.href(base + "atom.xml"), "title": feedTitle]) }
            if format != .atom { feeds.append(["type": "application/rss+xml", "name": "RSS", "url": urls.href(base + "rss.xml"), "title": feedTitle]) }
        }
        let siteContext: [String: Any] = [
            "title": edition.title, "description": edition.description, "base_url": site.config.baseURL,
            "base_path": urls.basePath, "home_url": urls.href(edition.pathPrefix), "tags_url": urls.href(edition.pathPrefix + "tags/"),
            "sections": sections, "languages": languages, "has_languages": site.languages.count > 1,
            "params": TemplateValue.map(site.config.params).mustacheValue,
            "stylesheet_url": urls.href("css/style.css"), "print_stylesheet_url": urls.href("css/print.css"),
            "static_url": urls.basePath,
        ]
        var context: [String: Any] = [
            "site": siteContext, "lang": code, "i18n": theme.words(for: code, defaultLanguage: site.config.defaultLanguage),
            "url": urls.href(sitePath), "permalink": urls.absolute(sitePath), "alternates": alternates,
            "has_alternates": !alternates.isEmpty, "feeds": feeds, "preview": mode == .preview,
        ]
        context["page_title"] = title.map { $0 == edition.title ? $0 : "\($0) | \(edition.title)" } ?? edition.title
        if !edition.description.isEmpty { context["meta_description"] = edition.description }
        return context
    }

    func link(to pageIndex: Int?) -> Any {
        guard let pageIndex else { return false }
        let page = site.pages[pageIndex]
        return ["title": page.item.title, "url": urls.href(page.sitePath), "date": shownDate(pageIndex).context]
    }

    func tagLinks(_ tags: [Int]) -> [[String: Any]] {
        tags.map { ["name": site.tags[$0].name, "url": urls.href(site.tags[$0].sitePath), "count": site.tags[$0].pages.count] }
    }

    func translations(of page: Page) -> [String: String] {
        Dictionary(page.translations.map { (site.pages[$0].item.language, site.pages[$0].sitePath) }, uniquingKeysWith: { a, _ in a })
    }

    /// An item as a listing, a home page or a tag page shows it.
    public func entry(_ pageIndex: Int) -> [String: Any] {
        entry(pageIndex, extra: extras[pageIndex])
    }

    func entry(_ pageIndex: Int, extra: PageExtras) -> [String: Any] {
        let page = site.pages[pageIndex]
        let item = page.item
        var entry: [String: Any] = [
            "title": item.title, "url": urls.href(page.sitePath), "date": shownDate(pageIndex).context,
            "tags": tagLinks(page.tags), "has_tags": !page.tags.isEmpty,
            "reading_minutes": extra.readingMinutes, "draft": item.isDraft,
        ]
        // Absent rather than empty: swift-mustache renders a section for an empty string.
        let summary = item.frontMatter.summary ?? extra.summary
        if !summary.isEmpty { entry["summary"] = summary }
        if let author = item.frontMatter.author { entry["author"] = author }
        if let thumbnail = extra.thumbnail {
            entry["image"] = ["url": thumbnail.url, "alt": thumbnail.alt]
        }
        return entry
    }

    /// The article page: `page` holds the item; `content` is the rendered Markdown.
    /// - Parameter extra: what rendering this item's Markdown produced (its own summary and image).
    public func article(_ pageIndex: Int, markdown: RenderedMarkdown, extra: PageExtras, now: NewsDate) -> [String: Any] {
        let page = site.pages[pageIndex]
        let item = page.item
        let frontMatter = item.frontMatter
        let section = site.sections[page.section]
        var context = common(language: item.language, sitePath: page.sitePath, title: item.title, translations: translations(of: page),
                             section: page.section)
        var pageContext = entry(pageIndex, extra: extra)
        pageContext["image"] = nil
        pageContext["content"] = markdown.html
        pageContext["toc"] = markdown.toc.map { ["level": $0.level, "id": $0.id, "title": $0.title, "url": "#" + $0.id] }
        pageContext["has_toc"] = markdown.toc.filter { $0.level >= 2 }.count >= 3
        pageContext["section"] = ["title": section.title, "url": urls.href(section.sitePath), "name": section.name]
        pageContext["previous"] = link(to: page.newer)
        pageContext["next"] = link(to: page.older)
        pageContext["newer"] = link(to: page.newer)
        pageContext["older"] = link(to: page.older)
        pageContext["has_neighbours"] = page.newer != nil || page.older != nil
        pageContext["has_translations"] = !page.translations.isEmpty
        pageContext["translations"] = page.translations.map { index -> [String: Any] in
            let other = site.pages[index]
            return ["lang": other.item.language, "title": other.item.title, "url": urls.href(other.sitePath)]
        }
        pageContext["lang"] = item.language
        pageContext["params"] = TemplateValue.map(frontMatter.paramOrder.map { ($0, frontMatter.params[$0]!) }).mustacheValue
        pageContext["future"] = item.date > now
        if let imageURL = extra.imageURL {
            var image: [String: Any] = ["url": imageURL, "alt": frontMatter.imageAlt ?? ""]
            if let caption = frontMatter.imageCaption { image["caption"] = caption }
            pageContext["image"] = image
        }
        if let summary = pageContext["summary"] { context["meta_description"] = summary }
        context["page"] = pageContext
        context["is_article"] = true
        context["show_banner"] = mode == .preview && (item.isDraft || item.date > now)
        return context
    }
}
