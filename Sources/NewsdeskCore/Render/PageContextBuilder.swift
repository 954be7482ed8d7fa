/// How the pages are meant to be seen.
public enum RenderMode: Sendable, Equatable {
    /// Output for publishing.
    case publish
    /// `newsdesk serve`: drafts and future items carry a visible banner.
    case preview
}

/// Builds the `TemplateData` objects templates read.
///
/// Every value a template prints with `{{…}}` is escaped by the renderer; only `content` and
/// `intro`, rendered Markdown, are meant for `{{{…}}}`.
public struct PageContextBuilder: Sendable {
    public let site: Site
    public let theme: Theme
    public let extras: [PageExtras]
    public let mode: RenderMode
    let dates: [String: DateDisplay]
    /// Each language's theme words (`i18n`), merged over the default language's once per build.
    let words: [String: TemplateData]
    /// Language → current section (nil: none) → the `site` object; language → page's section →
    /// its feeds. The same few objects serve every page, instead of being rebuilt for each.
    let siteObjects: [String: [Int?: [String: TemplateData]]]
    let feedLists: [String: [Int?: TemplateData]]
    /// Each tag as a link (`name`, `url`, `count`); every entry shows its tags.
    let tagObjects: [TemplateData]
    /// Each section as an article names it (`title`, `url`, `name`).
    let sectionLinks: [TemplateData]
    /// Each article's "Related news" (found page by page unless a build sets its table).
    var related: RelatedItems
    /// The size of the theme's own share picture (`brand/share.png`), read by the build.
    var themeShareImageSize: PixelSize?
    /// Every page's entry, made once per build: an item appears in its section's listing, its
    /// year's and each of its tags', and every listing's context is built for its signature.
    var entryTable: [TemplateData]?

    /// Every page's date, made once per build: an article shows its own date and its two
    /// neighbours', every article's context is built for its signature, and the search index
    /// shows each item's date.
    var dateTable: [PageDate]?

    /// A page's date as shown, and as templates read it.
    struct PageDate: Sendable {
        let shown: ShownDate
        let context: TemplateData
    }

    /// Every page as a link (`link(to:)`), made once per build with the dates: an article
    /// links its two neighbours and its related items.
    var linkTable: [TemplateData]?

    /// The digests a page's recorded reads are checked against (`ContextReadKey`), made once
    /// per build by the output stage.
    var readKey: ContextReadKey?

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
        var words: [String: TemplateData] = [:]
        for language in site.languages {
            words[language.code] = .sharing(.object(theme.words(for: language.code, defaultLanguage: site.config.defaultLanguage)))
        }
        self.words = words
        var siteObjects: [String: [Int?: [String: TemplateData]]] = [:]
        var feedLists: [String: [Int?: TemplateData]] = [:]
        for edition in site.languages {
            for section in [nil] + edition.sections.map(Optional.some) {
                siteObjects[edition.code, default: [:]][section] = Self.siteObject(edition, currentSections: section.map { [$0] } ?? [],
                                                                                  site: site, theme: theme)
                feedLists[edition.code, default: [:]][section] = .sharing(Self.feeds(edition, section: section, site: site))
            }
        }
        self.siteObjects = siteObjects
        self.feedLists = feedLists
        related = RelatedItems(site: site)
        tagObjects = site.tags.map { tag in
            .sharing(["name": .string(tag.name), "url": .string(site.urls.href(tag.sitePath)), "count": .int(tag.pages.count)])
        }
        sectionLinks = site.sections.map { section in
            .sharing(["title": .string(section.title), "url": .string(site.urls.href(section.sitePath)), "name": .string(section.name)])
        }
    }

    /// An object made with room for `capacity` fields: a context that grows field by field is
    /// then never rehashed on the way.
    static func fields(capacity: Int, _ pairs: KeyValuePairs<String, TemplateData>) -> [String: TemplateData] {
        var fields = [String: TemplateData](minimumCapacity: capacity)
        for (key, value) in pairs { fields[key] = value }
        return fields
    }

    func words(for language: String) -> TemplateData {
        words[language] ?? .object(theme.words(for: language, defaultLanguage: site.config.defaultLanguage))
    }

    /// Page `index` of the site. Every read of a page by a context goes through here (or
    /// through the tables, which note it too), so that the page is among what the context
    /// read (`ContextReads`): a page read around these would not make the pages that show it
    /// built again when it changes.
    func readPage(_ index: Int) -> Page {
        ContextReads.note(.page(index))
        return site.pages[index]
    }

    /// The related items of page `index` (`RelatedItems`), noted as read.
    func relatedPages(of index: Int) -> [Int] {
        ContextReads.note(.related(index))
        return related.of(index)
    }

    /// Whether page `index` is dated after `now`, noted as read: the one use of the build's
    /// time a context makes.
    func isFuture(_ index: Int, now: NewsDate) -> Bool {
        ContextReads.note(.future(index))
        return Self.isFuture(site.pages[index], now: now)
    }

    static func isFuture(_ page: Page, now: NewsDate) -> Bool { page.item.date > now }

    /// A page's date as templates show it.
    func shownDate(_ pageIndex: Int) -> ShownDate {
        let item = readPage(pageIndex).item
        return (dates[item.language] ?? DateDisplay(pattern: nil, words: [:], timeZone: site.config.timeZone)).shown(item.date)
    }

    func dateContext(_ pageIndex: Int) -> TemplateData {
        ContextReads.note(.page(pageIndex))
        return dateTable?[pageIndex].context ?? shownDate(pageIndex).context
    }

    /// This builder with every page's date and link made up front, across all cores.
    func withDateTable() async -> PageContextBuilder {
        var builder = self
        builder.dateTable = await ConcurrentMap.map(Array(site.pages.indices), chunkSize: 256) { page in
            let shown = self.shownDate(page)
            return PageDate(shown: shown, context: .sharing(shown.context))
        }
        let dated = builder
        builder.linkTable = await ConcurrentMap.map(Array(site.pages.indices), chunkSize: 256) { .sharing(dated.link(to: $0)) }
        return builder
    }

    var urls: URLBuilder { site.urls }

    /// What every page's layout needs: the site, its language, navigation, feeds and alternates.
    /// - Parameter translations: the same page in other languages (language code → site path).
    /// - Parameter section: the section a page belongs to, whose own feed it links besides the site's.
    func common(language code: String, sitePath: String, title: String?, translations: [String: String],
                section: Int? = nil) -> [String: TemplateData] {
        let edition = site.language(code) ?? site.languages[0]
        let current = edition.sections.filter { sitePath.hasPrefix(site.sections[$0].sitePath) }
        var siteContext = current.count > 1 ? Self.siteObject(edition, currentSections: current, site: site, theme: theme)
            : siteObjects[edition.code]?[current.first] ?? Self.siteObject(edition, currentSections: current, site: site, theme: theme)
        let feeds = feedLists[edition.code]?[section] ?? Self.feeds(edition, section: section, site: site)
        let languages: [TemplateData] = site.languages.map { other in
            let target = translations[other.code] ?? (other.code == code ? sitePath : other.pathPrefix)
            return ["code": .string(other.code), "title": .string(other.title), "url": .string(urls.href(target)),
                    "is_current": .bool(other.code == code),
                    "has_translation": .bool(translations[other.code] != nil || other.code == code),
                    "name": words(for: other.code)["language_name"] ?? .string(other.code)]
        }
        var alternates: [TemplateData] = []
        if !translations.isEmpty {
            var all = translations
            all[code] = sitePath
            alternates = site.languages.compactMap { language in
                all[language.code].map { ["lang": .string(language.code), "url": .string(urls.absolute($0))] }
            }
            let defaultPath = all[site.config.defaultLanguage] ?? sitePath
            alternates.append(["lang": "x-default", "url": .string(urls.absolute(defaultPath))])
        }
        siteContext["languages"] = .list(languages)
        // Room for what an article's or a listing's context adds to these.
        var context = Self.fields(capacity: 24, [
            "site": .object(siteContext), "lang": .string(code), "i18n": words(for: code),
            "url": .string(urls.href(sitePath)), "permalink": .string(urls.absolute(sitePath)), "alternates": .list(alternates),
            "has_alternates": .bool(!alternates.isEmpty), "feeds": feeds, "preview": .bool(mode == .preview),
        ])
        context["page_title"] = .string(title.map { $0 == edition.title ? $0 : "\($0) | \(edition.title)" } ?? edition.title)
        if !edition.description.isEmpty { context["meta_description"] = .string(edition.description) }
        return context
    }

    /// The `site` object of a language's pages, with `is_current` on the sections a page is in.
    /// `languages` is filled per page: its links point to the page's own translations.
    static func siteObject(_ edition: LanguageEdition, currentSections: [Int], site: Site, theme: Theme) -> [String: TemplateData] {
        let urls = site.urls
        let sections: [TemplateData] = edition.sections.map { index in
            let section = site.sections[index]
            return ["title": .string(section.title), "url": .string(urls.href(section.sitePath)), "name": .string(section.name),
                    "is_current": .bool(currentSections.contains(index))]
        }
        return [
            "title": .string(edition.title), "description": .string(edition.description), "base_url": .string(site.config.baseURL),
            "base_path": .string(urls.basePath), "home_url": .string(urls.href(edition.pathPrefix)),
            "tags_url": .string(urls.href(edition.pathPrefix + "tags/")),
            "sections": .sharing(.list(sections)), "has_languages": .bool(site.languages.count > 1),
            "params": .sharing(TemplateValue.map(site.config.params).templateData),
            "stylesheet_url": .string(urls.href("css/style.css")), "print_stylesheet_url": .string(urls.href("css/print.css")),
            "static_url": .string(urls.basePath),
            "search_url": site.config.search.enabled ? .string(urls.href(edition.pathPrefix + "search/")) : false,
        ].merging(brandingObject(site: site), uniquingKeysWith: { a, _ in a })
    }

    /// The tab icon: made from site.yml's `favicon` (an SVG as it is), else the theme's.
    static func faviconSitePath(_ branding: SiteConfig.Branding) -> String {
        guard let favicon = branding.favicon else { return "favicon.ico" }
        return SiteIcons.rasterSource(branding) == nil ? contentSitePath(favicon) : SiteIcons.sitePath(size: 32)
    }

    /// Logo, icons, organisation and footer lines (site.yml's, else the theme's own files).
    static func brandingObject(site: Site) -> [String: TemplateData] {
        let urls = site.urls
        let branding = site.config.branding
        var context: [String: TemplateData] = [
            "logo_url": .string(logoHref(site)),
            "favicon_url": .string(urls.href(faviconSitePath(branding))),
            "icon_url": .string(urls.href(SiteIcons.rasterSource(branding) == nil ? "brand/icon-192.png" : SiteIcons.sitePath(size: 192))),
            "apple_touch_icon_url": .string(urls.href(SiteIcons.rasterSource(branding) == nil ? "brand/apple-touch-icon.png"
                                                           : SiteIcons.sitePath(size: 180))),
            "manifest_url": .string(urls.href("site.webmanifest")),
        ]
        if let name = branding.organizationName { context["organization_name"] = .string(name) }
        if let url = branding.organizationURL { context["organization_url"] = .string(url) }
        if let contact = branding.contact { context["contact"] = .string(contact) }
        if let copyright = branding.copyright { context["copyright"] = .string(copyright) }
        return context
    }

    /// The site's feeds in a language and, for a page of a section, that section's own.
    static func feeds(_ edition: LanguageEdition, section: Int?, site: Site) -> TemplateData {
        var scopes = [(edition.pathPrefix, edition.title)]
        if let section { scopes.append((site.sections[section].sitePath, "\(site.sections[section].title) | \(edition.title)")) }
        var feeds: [TemplateData] = []
        let format = site.config.feeds.format
        for (base, feedTitle) in scopes {
            if format != .rss {
                feeds.append(["type": "application/atom+xml", "name": "Atom", "url": .string(site.urls.href(base + "atom.xml")),
                              "title": .string(feedTitle)])
            }
            if format != .atom {
                feeds.append(["type": "application/rss+xml", "name": "RSS", "url": .string(site.urls.href(base + "rss.xml")),
                              "title": .string(feedTitle)])
            }
        }
        return .list(feeds)
    }

    func link(to pageIndex: Int?) -> TemplateData {
        guard let pageIndex else { return false }
        ContextReads.note(.page(pageIndex))
        if let linkTable { return linkTable[pageIndex] }
        let page = readPage(pageIndex)
        return ["title": .string(page.item.title), "url": .string(urls.href(page.sitePath)), "date": dateContext(pageIndex)]
    }

    func tagLinks(_ tags: [Int]) -> [TemplateData] {
        tags.map { tagObjects[$0] }
    }

    func translations(of page: Page) -> [String: String] {
        Dictionary(page.translations.map { index in
            let other = readPage(index)
            return (other.item.language, other.sitePath)
        }, uniquingKeysWith: { a, _ in a })
    }

    /// An item as a listing, a home page or a tag page shows it.
    public func entry(_ pageIndex: Int) -> TemplateData {
        ContextReads.note(.page(pageIndex))
        return entryTable?[pageIndex] ?? .object(entry(pageIndex, extra: extras[pageIndex]))
    }

    /// This builder with every page's entry made up front, across all cores.
    func withEntryTable() async -> PageContextBuilder {
        var builder = self
        builder.entryTable = await ConcurrentMap.map(Array(site.pages.indices), chunkSize: 256) { .sharing(self.entry($0)) }
        return builder
    }

    /// - Parameter thumbnail: whether to show the item's picture (an article shows its own instead).
    /// - Parameter capacity: room for the fields a caller adds (an article's page adds many).
    func entry(_ pageIndex: Int, extra: PageExtras, thumbnail: Bool = true, capacity: Int = 12) -> [String: TemplateData] {
        let page = readPage(pageIndex)
        let item = page.item
        var entry = Self.fields(capacity: capacity, [
            "title": .string(item.title), "url": .string(urls.href(page.sitePath)), "date": dateContext(pageIndex),
            "tags": .list(tagLinks(page.tags)), "has_tags": .bool(!page.tags.isEmpty),
            "reading_minutes": .int(extra.readingMinutes), "draft": .bool(item.isDraft),
        ])
        let summary = item.frontMatter.summary ?? extra.summary
        if !summary.isEmpty { entry["summary"] = .string(summary) }
        if let author = item.frontMatter.author { entry["author"] = .string(author) }
        if thumbnail, let thumbnail = extra.thumbnail {
            entry["image"] = image(url: thumbnail.url, alt: thumbnail.alt)
        }
        return entry
    }

    /// `url` and `alt`, and for a resized photo everything `Picture.templateFields` lists
    /// (`src`, `srcset`, `sources`, `width`, `height`, `thumbnail`…).
    func image(url: String, alt: String) -> TemplateData {
        guard let picture = site.pictures.bySource[url] else { return ["url": .string(url), "alt": .string(alt)] }
        var fields = picture.templateFields
        fields["url"] = .string(url)
        fields["alt"] = .string(alt)
        return .object(fields)
    }

    /// The article page: `page` holds the item; `content` is the rendered Markdown.
    /// - Parameter extra: what rendering this item's Markdown produced (its own summary and image).
    public func article(_ pageIndex: Int, markdown: RenderedMarkdown, extra: PageExtras, now: NewsDate) -> TemplateData {
        Self.adding(markdown, to: article(pageIndex, extra: extra, now: now))
    }

    /// `context` (an article's, from `article(_:extra:now:)`) with the rendered Markdown in
    /// `page`: `content`, `toc` and `has_toc`.
    static func adding(_ markdown: RenderedMarkdown, to context: TemplateData) -> TemplateData {
        guard case .object(var fields) = context, case .object(var pageContext)? = fields.removeValue(forKey: "page") else { return context }
        pageContext["content"] = .html(markdown.htmlBytes)
        pageContext["toc"] = .list(markdown.toc.map {
            ["level": .int($0.level), "id": .string($0.id), "title": .string($0.title), "url": .string("#" + $0.id)]
        })
        pageContext["has_toc"] = .bool(markdown.toc.filter { $0.level >= 2 }.count >= 3)
        fields["page"] = .object(pageContext)
        return .object(fields)
    }
}
