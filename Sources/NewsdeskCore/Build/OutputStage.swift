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
            ? SearchChunkWriter(site: site, now: NewsDate(options.now), sink: sink, reuse: reuse, contexts: pageContexts) : nil
        let pages = await ArticlePageStage(site: site, sink: sink, articles: articles, contexts: pageContexts, reuse: reuse,
                                           progress: progress, documents: documents).run()
        account(pages, into: &produced)
        if let documents { account(documents.finished(), into: &produced) }
        if let theme {
            var contexts = PageContextBuilder(site: site, theme: theme, extras: pages.map(\.result.extras), mode: options.mode)
            contexts.dateTable = pageContexts?.dateTable
            contexts.related = related
            contexts.themeShareImageSize = pageContexts?.themeShareImageSize
            let intros = renderIntros(markdown: markdown, links: links, diagnostics: &produced.diagnostics)
            contexts.readKey = await ContextReadKey(contexts: contexts, inputs: ReflectedDigest.of(intros))
            let listings = ListingRenderer(contexts: contexts, intros: intros, now: NewsDate(options.now))
            await renderOthers(listings, reuse: reuse, progress: progress, into: &produced)
        }
        // The rest of the search index after the listings, not beside them: each spreads its
        // work over every core already, and their peaks of memory do not add up.
        let search = SearchStage(site: site, sink: sink, reuse: reuse, now: NewsDate(options.now), previousBlocks: previous.searchBlocks)
        let written = await search.run(bodyTerms: pages.map(\.result.facts?.searchTerms))
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

    /// Listings, feeds, the sitemap, redirects and copied files.
    private func renderOthers(_ listings: ListingRenderer, reuse: OutputReuse, progress: ProgressCounter,
                              into produced: inout Produced) async {
        let planned = site.outputs.filter { if case .page = $0.kind { return false } else { return true } }
        // First the pages whose context read nothing that changed: kept without building it.
        let unchanged = await ConcurrentMap.map(planned) { output -> ListingOutcome? in
            guard let kept = keptUnchanged(output, listings: listings, reuse: reuse) else { return nil }
            progress.advance()
            return kept
        }
        let remaining = planned.indices.filter { unchanged[$0] == nil }
        let listings = await withEntries(listings, rebuilding: remaining.count { reuse.previousRecord(planned[$0].path)?.contextReads != nil })
        // Worked on longest first; counted below in the planned order, so the order of work
        // changes nothing a build reports or writes.
        let order = Self.longestFirst(remaining.map { planned[$0] }).map { remaining[$0] }
        let results = await ConcurrentMap.map(order.map { planned[$0] }) { output -> ListingOutcome in
            defer { progress.advance() }
            return produce(output, listings: listings, reuse: reuse)
        }
        var outcomes = unchanged
        for (position, index) in order.enumerated() { outcomes[index] = results[position] }
        for (output, outcome) in zip(planned, outcomes.map { $0! }) {
            if outcome.kept {
                produced.cacheUse.outputsReused += 1
                if outcome.isPage { produced.cacheUse.pagesReused += 1 }
                if let record = outcome.record {
                    produced.cache.outputs[output.path] = record
                    produced.cacheUse.recordsRefreshed += 1
                }
            } else {
                produced.cache.outputs[output.path] = outcome.record
            }
            if outcome.kept || outcome.record != nil { produced.recorded += 1 }
            if let problem = outcome.problem { produced.diagnostics.append(problem) }
            if outcome.isPage { produced.pages += 1 }
            produced.files += 1
        }
    }

    /// The sitemap and the feeds first: each lists the whole site or section and takes longer
    /// than a chunk of listings, so started last they would run alone on one core while the
    /// others wait.
    static func longestFirst(_ outputs: [PlannedOutput]) -> [Int] {
        func isLong(_ index: Int) -> Bool {
            switch outputs[index].kind {
            case .sitemap, .atomFeed, .rssFeed: return true
            default: return false
            }
        }
        return outputs.indices.filter(isLong) + outputs.indices.filter { !isLong($0) }
    }

    /// One listing, feed or copied file: a page from the theme is kept when its signature
    /// matches the file already there, else rendered; documents and copies are always
    /// produced (the sink keeps a file whose bytes did not change).
    private func produce(_ output: PlannedOutput, listings: ListingRenderer, reuse: OutputReuse) -> ListingOutcome {
        let isPage = output.path.hasSuffix(".html")
        do {
            switch output.kind {
            case .contentFile(let path), .themeFile(let path):
                try sink.write(try source.read(path), to: output.path)
                return ListingOutcome(isPage: false)
            case .imageVariant(_, let key, let stored):
                try images.publish(key, name: stored, to: output.path, into: sink)
                return ListingOutcome(isPage: false)
            case .siteIcon(let path, let size):
                try sink.write(try SiteIcons.png(try source.read(path), size: size, maxPixels: site.config.images.maxPixels), to: output.path)
                return ListingOutcome(isPage: false)
            default:
                if let outcome = try produceFromTheme(output, listings: listings, reuse: reuse, isPage: isPage) { return outcome }
                // Documents (feeds, the sitemap, the manifest) are always produced; an output
                // the theme has no template for (a search page) is not written.
                guard let bytes = listings.render(output) else { return ListingOutcome(isPage: false) }
                try sink.write(bytes, to: output.path)
                return ListingOutcome(isPage: isPage)
            }
        } catch {
            let path = output.origin.hasPrefix("content/") || output.origin.hasPrefix("themes/") ? output.origin : output.path
            return ListingOutcome(isPage: false, problem: .error("\(error)", path: path))
        }
    }

    /// A page from the theme whose context read nothing that changed since the previous build,
    /// kept with its recorded signature, its context not built; nil for any other output.
    private func keptUnchanged(_ output: PlannedOutput, listings: ListingRenderer, reuse: OutputReuse) -> ListingOutcome? {
        guard let previous = reuse.previousRecord(output.path), let signature = listings.unchangedSignature(output, record: previous),
              reuse.keep(output.path, signature: signature) else { return nil }
        return ListingOutcome(isPage: output.path.hasSuffix(".html"), kept: true)
    }

    /// `listings` with every entry made up front when enough listings are built to show each
    /// entry several times (a clean build, a change every page shares); with a few, each
    /// listing makes the entries it shows. Either way the contexts are the same.
    private func withEntries(_ listings: ListingRenderer, rebuilding count: Int) async -> ListingRenderer {
        guard previous.outputs.isEmpty || count * max(site.config.paginate, 1) >= site.pages.count else { return listings }
        return ListingRenderer(contexts: await listings.contexts.withEntryTable(), intros: listings.intros, now: listings.now)
    }

    /// A page rendered from the theme: its context is built, and the page kept when the
    /// signature matches (its record then holds what the context read this time) or rendered.
    /// Nil for an output that no template renders. (`keptUnchanged` came first.)
    private func produceFromTheme(_ output: PlannedOutput, listings: ListingRenderer, reuse: OutputReuse,
                                  isPage: Bool) throws -> ListingOutcome? {
        let previous = reuse.previousRecord(output.path)
        guard let signed = listings.signedPage(output) else { return nil }
        if reuse.keep(output.path, signature: signed.signature) {
            guard signed.reads != previous?.contextReads, var record = previous else { return ListingOutcome(isPage: isPage, kept: true) }
            record.contextReads = signed.reads
            return ListingOutcome(isPage: isPage, record: record, kept: true)
        }
        try sink.write(listings.render(signed.page), to: output.path)
        return ListingOutcome(isPage: isPage, record: reuse.record(output.path, signature: signed.signature, contextReads: signed.reads))
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

    struct ListingOutcome: Sendable {
        var isPage: Bool
        var record: OutputRecord?
        var kept = false
        var problem: Diagnostic?
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
