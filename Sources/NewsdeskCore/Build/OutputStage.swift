import Foundation
import Synchronization

/// Renders every planned output and hands it to the sink, in two passes across all cores.
///
/// First the item pages, which produce what listings show of each item (summary, image):
/// a page whose file and links are unchanged and whose signature (`OutputSignature`, from
/// the context it would be rendered from) matches is kept with the facts the cache holds, any
/// other is rendered and written. Then everything else: listings and redirects, kept the same
/// way, and feeds, the sitemap and copied files, produced.
struct OutputStage: Sendable {
    let site: Site
    let theme: Theme?
    let source: any SiteSource
    let options: BuildOptions
    let allItems: [Item]
    var unparsedSources: Set<String> = []
    let sink: any OutputSink
    /// The previous build's entries under this build's key (empty for a clean build).
    var previous = BuildCache()
    /// Holds the encoded photos that `.imageVariant` outputs publish.
    var images: any ImageStore = MemoryImageStore()

    struct Produced: Sendable {
        var pages = 0
        var files = 0
        var diagnostics: [Diagnostic] = []
        /// What the next build may reuse.
        var cache: BuildCache
        var cacheUse = CacheUse()
        /// Outputs that have a record in `cache`.
        var recorded = 0
    }

    func run() async -> Produced {
        // The next cache starts as this one (a copy-on-write copy) and changes only where an
        // entry did: a rebuild that keeps 11,000 outputs writes a handful of entries.
        var produced = Produced(cache: previous)
        var markdown = MarkdownRenderer(options: site.config.markdown)
        markdown.reservedIDs = theme?.reservedIDs ?? .footnotes
        markdown.collectsSearchTerms = site.config.search.enabled
        // Every page's related items and date made once: an article shows its own date and its
        // neighbours', and every page's context is built, for its signature, whether it is
        // rendered or kept. The related items are found while the links are indexed on this thread.
        async let relatedTable = RelatedItems(site: site).withTable()
        let links = SiteLinkResolver(site: site, allItems: allItems, unparsedSources: unparsedSources)
        produced.cache.linkTargets = links.fingerprint
        let reuse = OutputReuse(previous: previous, sink: sink, links: links, site: site)
        let progress = ProgressCounter(total: site.outputs.count, report: options.progress)
        let articles = ArticleRenderer(site: site, theme: theme, source: source, links: links, markdown: markdown,
                                       mode: options.mode, now: NewsDate(options.now), keepContentFor: feedPages())
        var pageContexts: PageContextBuilder?
        if let theme {
            var builder = PageContextBuilder(site: site, theme: theme, extras: [], mode: options.mode)
            builder.themeShareImageSize = pictureSize(PageContextBuilder.themeShareImage, of: theme)
            builder = await builder.withDateTable()
            builder.related = await relatedTable
            builder.readKey = await ContextReadKey(contexts: builder)
            pageContexts = builder
        }
        let related = await relatedTable
        let documents = site.config.search.enabled
            ? SearchChunkWriter(site: site, now: NewsDate(options.now), sink: sink, reuse: reuse, dates: pageContexts?.dateTable) : nil
        // Body terms are numbered in the previous build's lexicon, grown: cached bodies keep theirs.
        let lexicon = SharedLexicon(startingFrom: previous.searchLexicon)
        let pages = await ArticlePageStage(site: site, sink: sink, articles: articles, contexts: pageContexts, reuse: reuse,
                                           progress: progress, documents: documents, lexicon: lexicon).run()
        let terms = lexicon.snapshot()
        produced.cache.searchLexicon = terms
        account(pages, into: &produced)
        if let documents { account(documents.finished(), into: &produced) }
        // The search index's corpus and blocks' inputs digests beside the listings, which leave
        // a core idle at times; its postings and shards after them: the postings and the
        // listings each hold the most memory of the build's late stages, and their peaks would
        // add up (ARCHITECTURE.md, "Search").
        let search = SearchStage(site: site, sink: sink, reuse: reuse, now: NewsDate(options.now), previousBlocks: previous.searchBlocks)
        let bodyTerms = pages.map(\.result.facts?.searchTerms)
        async let corpora = search.corpora(bodyTerms: bodyTerms, lexicon: terms)
        if let theme {
            var contexts = PageContextBuilder(site: site, theme: theme, extras: pages.map(\.result.extras), mode: options.mode)
            contexts.dateTable = pageContexts?.dateTable
            contexts.related = related
            contexts.themeShareImageSize = pageContexts?.themeShareImageSize
            let intros = renderIntros(markdown: markdown, links: links, diagnostics: &produced.diagnostics)
            contexts.readKey = await ContextReadKey(contexts: contexts, inputs: ReflectedDigest.of(intros),
                                                    graph: pageContexts?.readKey?.graph)
            let listings = ListingRenderer(contexts: contexts, intros: intros, now: NewsDate(options.now))
            await renderOthers(listings, reuse: reuse, progress: progress, into: &produced)
        }
        let written = await search.run(corpora, bodyTerms: bodyTerms)
        produced.cache.searchBlocks = written.blocks
        produced.files += written.files
        produced.cacheUse.outputsReused += written.kept
        produced.diagnostics += written.diagnostics
        produced.cache.outputs.merge(written.records) { _, new in new }
        produced.recorded += written.records.count
        produced.cache.dropEntries(besides: site, outputs: Array(written.records.keys) + (documents?.chunks.map(\.path) ?? []),
                                   withFacts: pages.count { $0.result.facts != nil }, withRecords: produced.recorded)
        return produced.counted()
    }

    /// The size of a picture among the theme's static files, for link previews; nil when the
    /// theme has none there or libvips cannot read it (the picture is then shared without it).
    private func pictureSize(_ output: String, of theme: Theme) -> PixelSize? {
        guard let file = theme.staticFiles.first(where: { $0.output == output }),
              let bytes = try? source.read(file.source) else { return nil }
        return ImageStage.measuredSize(of: bytes, store: images)
    }

    /// Counts the item pages and notes what the next build may reuse of each: a kept page's
    /// entries are already in the cache, which started as the previous one.
    ///
    /// Runs on one core between the two passes, so it reads each outcome in place instead of
    /// copying it, and sizes the cache's tables once instead of letting 10,000 insertions grow them.
    private func account(_ pages: [PageOutcome], into produced: inout Produced) {
        produced.cache.markdown.reserveCapacity(pages.count)
        produced.cache.outputs.reserveCapacity(site.outputs.count)
        for index in pages.indices {
            if !pages[index].result.diagnostics.isEmpty { produced.diagnostics += pages[index].result.diagnostics }
            if pages[index].kept {
                produced.cacheUse.outputsReused += 1
                produced.cacheUse.pagesReused += 1
                produced.recorded += 1
                if let record = pages[index].record {
                    produced.cache.outputs[site.pages[index].outputPath] = record
                    produced.cacheUse.recordsRefreshed += 1
                }
                continue
            }
            if pages[index].record != nil { produced.recorded += 1 }
            produced.cache.markdown[site.pages[index].item.path] = pages[index].result.facts
            produced.cache.outputs[site.pages[index].outputPath] = pages[index].record
        }
        produced.pages += pages.count
        produced.files += pages.count
    }

    /// The search index's chunk files, written or kept with the item pages.
    private func account(_ chunks: (outcomes: [SearchChunkWriter.Outcome], diagnostics: [Diagnostic]), into produced: inout Produced) {
        produced.diagnostics += chunks.diagnostics
        for chunk in chunks.outcomes {
            produced.files += 1
            if chunk.kept {
                produced.cacheUse.outputsReused += 1
                produced.recorded += 1
            } else {
                produced.cache.outputs[chunk.path] = chunk.record
                if chunk.record != nil { produced.recorded += 1 }
            }
        }
    }

    /// Counts finished outputs across tasks for `BuildOptions.progress`.
    final class ProgressCounter: Sendable {
        let total: Int
        let report: (@Sendable (Int, Int) -> Void)?
        private let done = Atomic<Int>(0)

        init(total: Int, report: (@Sendable (Int, Int) -> Void)?) {
            self.total = total
            self.report = report
        }

        func advance() {
            guard let report else { return }
            report(done.add(1, ordering: .relaxed).newValue, total)
        }
    }

    struct PageOutcome: Sendable {
        var result: ArticleRenderer.Result
        var record: OutputRecord?
        var kept: Bool
    }

    /// Items whose full HTML a feed shows, when feeds carry full content.
    private func feedPages() -> Set<Int> {
        guard site.config.feeds.fullContent else { return [] }
        let feeds = FeedWriter(site: site, extras: [])
        var pages = Set<Int>()
        for edition in site.languages {
            pages.formUnion(feeds.entries(language: edition.code, section: nil))
            for section in edition.sections { pages.formUnion(feeds.entries(language: edition.code, section: section)) }
        }
        return pages
    }

    /// The bodies of `_index.md` files, shown above listings and on the home page; a language
    /// without its own `_index` shows the default language's (the graph already chose which).
    func renderIntros(markdown: MarkdownRenderer, links: SiteLinkResolver, diagnostics: inout [Diagnostic]) -> [String: String] {
        var htmlByPath: [String: String] = [:]
        func html(_ index: Item) -> String? {
            if let cached = htmlByPath[index.path] { return cached }
            guard let bytes = try? source.read(index.path), case .success(let text) = SourceText.decode(bytes, path: index.path),
                  case .success(let split) = FrontMatterSplit.split(text, path: index.path) else { return nil }
            let rendered = markdown.render(split.body, path: index.path, bodyFirstLine: split.bodyFirstLine, links: links)
            diagnostics += rendered.diagnostics
            let html = rendered.html
            htmlByPath[index.path] = html
            return html
        }
        var intros: [String: String] = [:]
        for section in site.sections {
            if let index = section.index { intros["\(section.name)/\(section.language)"] = html(index) }
        }
        for edition in site.languages {
            if let index = edition.homeIndex { intros["home/\(edition.code)"] = html(index) }
        }
        return intros
    }
}
