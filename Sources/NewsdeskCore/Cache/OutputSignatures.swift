/// A fingerprint of everything a planned output shows, computed from the site graph without
/// rendering it: when it equals the previous build's, the previous file is kept.
///
/// Each signature names the inputs its page's template context is built from
/// (`PageContextBuilder`, `ListingContexts`, `FeedWriter`); `siteWide` covers what every page
/// shares (configuration, theme, languages, section navigation, render mode). Forgetting an
/// input here would keep a stale page, which is why the cache tests compare cached builds with
/// clean ones after every kind of edit.
struct OutputSignatures: Sendable {
    let site: Site
    let now: NewsDate
    let siteWide: UInt64
    /// Per section, its years and their item counts (every listing page shows them).
    let sectionYears: [UInt64]
    let related: RelatedItems

    init(site: Site, theme: Theme?, cacheKey: UInt64, options: BuildOptions, related: RelatedItems) {
        self.site = site
        self.related = related
        now = NewsDate(options.now)
        var hasher = StableHasher()
        hasher.combine(cacheKey)
        hasher.combine(theme?.fingerprint ?? 0)
        hasher.combine(options.mode == .preview)
        hasher.combine(site.config.baseURL)
        for edition in site.languages {
            hasher.combine(edition.code)
            hasher.combine(edition.title)
            hasher.combine(edition.description)
            hasher.combine(edition.pathPrefix)
            hasher.combine(edition.dateFormat)
            hasher.combine(edition.sections.count)
        }
        for section in site.sections {
            hasher.combine(section.name)
            hasher.combine(section.language)
            hasher.combine(section.title)
            hasher.combine(section.sitePath)
        }
        siteWide = hasher.value
        sectionYears = site.sections.map { section in
            var years = StableHasher()
            for year in section.years {
                years.combine(year.year)
                years.combine(year.pages.count)
            }
            return years.value
        }
    }

    private func start(_ kind: String) -> StableHasher {
        var hasher = StableHasher()
        hasher.combine(siteWide)
        hasher.combine(kind)
        return hasher
    }

    /// An item as listings, feeds and its own page show it.
    func entry(_ pageIndex: Int, extras: PageExtras) -> UInt64 {
        let page = site.pages[pageIndex]
        let item = page.item
        var hasher = StableHasher()
        hasher.combine(item.title)
        hasher.combine(page.sitePath)
        hasher.combine(Int(item.date.secondsSinceEpoch))
        hasher.combine(item.language)
        for tag in page.tags {
            hasher.combine(site.tags[tag].name)
            hasher.combine(site.tags[tag].sitePath)
            hasher.combine(site.tags[tag].pages.count)
        }
        hasher.combine(extras.readingMinutes)
        hasher.combine(item.frontMatter.summary ?? extras.summary)
        hasher.combine(item.frontMatter.author)
        hasher.combine(item.frontMatter.lastModified.map { Int($0.secondsSinceEpoch) } ?? -1)
        hasher.combine(extras.thumbnail?.url)
        hasher.combine(extras.thumbnail?.alt)
        hasher.combine(item.isDraft)
        return hasher.value
    }

    private func link(_ pageIndex: Int?, into hasher: inout StableHasher) {
        guard let pageIndex else { return hasher.combine(0 as UInt8) }
        let page = site.pages[pageIndex]
        hasher.combine(page.item.title)
        hasher.combine(page.sitePath)
        hasher.combine(Int(page.item.date.secondsSinceEpoch))
        hasher.combine(page.item.language)
    }

    /// An article page: its own file (front matter and body), how its links resolved, what it
    /// shows of its neighbours, translations and tags.
    /// - Parameter entry: the page's `entry(_:extras:)`, which listings need too.
    func article(_ pageIndex: Int, facts: MarkdownFacts, entry: UInt64) -> UInt64 {
        let page = site.pages[pageIndex]
        var hasher = start("page")
        hasher.combine(page.item.contentHash)
        hasher.combine(facts.resolutions)
        hasher.combine(entry)
        hasher.combine(facts.extras.imageURL)
        hasher.combine(page.section)
        link(page.newer, into: &hasher)
        link(page.older, into: &hasher)
        for translation in page.translations { link(translation, into: &hasher) }
        for other in related.of(pageIndex) { link(other, into: &hasher) }
        hasher.combine(page.item.date > now)
        return hasher.value
    }

    /// Listings, feeds, the sitemap and the small pages around them; nil for outputs that are
    /// always produced (copied files, robots.txt). A listing's page numbers (`PageNumberWindow`)
    /// follow from its number, which is in `output.path`, and its page count, hashed below.
    func listing(_ output: PlannedOutput, entries: [UInt64], extras: [PageExtras], intros: [String: String]) -> UInt64? {
        var hasher = start(output.path)
        func section(_ index: Int) {
            let section = site.sections[index]
            hasher.combine(section.pages.count)
            hasher.combine(section.description)
        }
        func pages(_ list: some Sequence<Int>) { for page in list { hasher.combine(entries[page]) } }
        switch output.kind {
        case .sectionListing(let index, let number):
            section(index)
            let listed = site.sections[index].pages
            hasher.combine(Paginator.pageCount(listed.count, size: site.config.paginate))
            pages(Paginator.page(number, of: listed, size: site.config.paginate))
            hasher.combine(intros["\(site.sections[index].name)/\(site.sections[index].language)"])
            hasher.combine(sectionYears[index])
        case .yearArchive(let index, let year, let number):
            section(index)
            hasher.combine(year)
            let listed = site.sections[index].years.first { $0.year == year }?.pages ?? []
            hasher.combine(Paginator.pageCount(listed.count, size: site.config.paginate))
            pages(Paginator.page(number, of: listed, size: site.config.paginate))
            hasher.combine(sectionYears[index])
        case .home(let language):
            for index in site.language(language)?.sections ?? [] {
                section(index)
                pages(site.sections[index].pages.prefix(site.config.homeItemsPerSection))
            }
            pages((site.language(language)?.pages ?? []).prefix(site.config.homeItemsPerSection))
            if let edition = site.language(language), let lead = PageContextBuilder.leadItem(of: edition, extras: extras) {
                hasher.combine(entries[lead])
            }
            hasher.combine(intros["home/\(language)"])
        case .tagIndex(let language):
            for tag in site.language(language)?.tags ?? [] {
                hasher.combine(site.tags[tag].name)
                hasher.combine(site.tags[tag].sitePath)
                hasher.combine(site.tags[tag].pages.count)
            }
        case .tagListing(let index, let number):
            let tag = site.tags[index]
            hasher.combine(tag.name)
            hasher.combine(tag.pages.count)
            hasher.combine(Paginator.pageCount(tag.pages.count, size: site.config.paginate))
            pages(Paginator.page(number, of: tag.pages, size: site.config.paginate))
        case .alias(let page):
            link(page, into: &hasher)
        case .notFound(let language):
            pages((site.language(language)?.pages ?? []).prefix(site.config.homeItemsPerSection))
        case .webManifest, .searchPage:
            break
        case .atomFeed(let language, let section), .rssFeed(let language, let section):
            let feeds = FeedWriter(site: site, extras: [])
            for page in feeds.entries(language: language, section: section) {
                hasher.combine(entries[page])
                if site.config.feeds.fullContent { hasher.combine(site.pages[page].item.contentHash) }
            }
            // Full-content feeds show bodies, whose HTML is not cached: render them each time.
            if site.config.feeds.fullContent { return nil }
        case .sitemap:
            // What each `<url>` shows, in the planner's order: the sitemap sorts the same set.
            let sitemap = SitemapWriter(site: site)
            for output in site.outputs where output.isIndexablePage {
                hasher.combine(output.path)
                hasher.combine(sitemap.lastModified(output).map { Int($0.secondsSinceEpoch) } ?? -1)
                let alternates = sitemap.alternates(output)
                hasher.combine(alternates.count)
                for (language, sitePath) in alternates {
                    hasher.combine(language)
                    hasher.combine(sitePath)
                }
            }
        case .page, .contentFile, .themeFile, .imageVariant, .robots:
            return nil
        }
        return hasher.value
    }
}
