/// Renders every planned output that is not an item page or a copied file: listings, home,
/// tags, feeds, sitemap, robots.txt, the 404 page and redirects.
public struct ListingRenderer: Sendable {
    public let contexts: PageContextBuilder
    public let feeds: FeedWriter
    public let sitemap: SitemapWriter
    /// Rendered `_index.md` bodies: `<section name>/<language>` or `home/<language>` → HTML.
    public let intros: [String: String]
    /// The build's time, for what a context reads of it (`ContextRead.future`).
    public let now: NewsDate

    public init(contexts: PageContextBuilder, intros: [String: String], now: NewsDate) {
        self.contexts = contexts
        self.feeds = FeedWriter(site: contexts.site, extras: contexts.extras)
        self.sitemap = SitemapWriter(site: contexts.site)
        self.intros = intros
        self.now = now
    }

    var theme: Theme { contexts.theme }
    var site: Site { contexts.site }

    /// The bytes of `output`, or nil for kinds rendered elsewhere (pages, copied files).
    public func render(_ output: PlannedOutput) -> [UInt8]? {
        if let page = page(output) { return render(page) }
        switch output.kind {
        case .webManifest:
            return WebManifest(contexts: contexts).bytes()
        case .atomFeed(let language, let section):
            return Array(feeds.atom(language: language, section: section).utf8)
        case .rssFeed(let language, let section):
            return Array(feeds.rss(language: language, section: section).utf8)
        case .sitemap:
            return Array(sitemap.sitemap().utf8)
        case .robots:
            return Array(sitemap.robots().utf8)
        default:
            return nil
        }
    }

    /// The template and context of an output rendered from the theme; nil for documents
    /// written without a template (feeds, the sitemap, robots.txt) and for kinds rendered
    /// elsewhere. What `OutputSignature.page` digests is exactly what `render` renders.
    public func page(_ output: PlannedOutput) -> (template: String, context: TemplateData)? {
        switch output.kind {
        case .sectionListing(let section, let page):
            let name = site.sections[section].name
            return ("section", contexts.sectionListing(section, page: page, intro: intros["\(name)/\(site.sections[section].language)"]))
        case .yearArchive(let section, let year, let page):
            return (theme.templateName(for: "year", fallback: "section"), contexts.yearArchive(section, year: year, page: page))
        case .home(let language):
            return ("home", contexts.home(language: language, intro: intros["home/\(language)"]))
        case .tagIndex(let language):
            return ("tags", contexts.tagIndex(language: language))
        case .tagListing(let tag, let page):
            return (theme.templateName(for: "tag", fallback: "section"), contexts.tagListing(tag, page: page))
        case .alias(let page):
            return ("alias", contexts.alias(to: page))
        case .notFound(let language):
            return ("404", contexts.notFound(language: language))
        case .searchPage(let language):
            // A theme without a search page still gets the index, for its own client.
            return theme.has("search") ? ("search", contexts.searchPage(language: language)) : nil
        case .atomFeed, .rssFeed, .sitemap, .robots, .webManifest, .page, .contentFile, .themeFile, .imageVariant, .siteIcon:
            return nil
        }
    }

    /// A page from `page(_:)`.
    func render(_ page: (template: String, context: TemplateData)) -> [UInt8] {
        theme.library.renderBytes(page.context, template: page.template) ?? []
    }

    /// `OutputSignature.page` of a page from `page(_:)`.
    func signature(_ page: (template: String, context: TemplateData)) -> UInt64 {
        OutputSignature.page(page.template, context: page.context, program: theme.fingerprint)
    }

    /// `page(_:)` with its signature and what its context read (`ContextReadKey`).
    func signedPage(_ output: PlannedOutput)
        -> (page: (template: String, context: TemplateData), signature: UInt64, reads: ContextReadRecord?)? {
        let (page, reads) = ContextReads.recording { self.page(output) }
        guard let page else { return nil }
        return (page, signature(page), contexts.readKey?.record(reads, own: Self.own(output), contexts: contexts, now: now))
    }

    /// The signature `record` holds, when everything the page's context read is as it was then.
    func unchangedSignature(_ output: PlannedOutput, record: OutputRecord) -> UInt64? {
        // Only pages from the theme have recorded reads: a feed's record is never looked into.
        guard record.contextReads != nil else { return nil }
        return contexts.readKey?.signature(standingIn: record, own: Self.own(output), contexts: contexts, now: now)
    }

    /// A listing's own part of its key: which page of which listing it is, which with the
    /// theme (in the shared part) decides its template too.
    static func own(_ output: PlannedOutput) -> UInt64 { ReflectedDigest.of(output.kind) }
}
