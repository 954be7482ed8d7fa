import Foundation
import Synchronization

/// Renders every planned output and hands it to the sink, in two passes across all cores.
///
/// First every item's Markdown facts (the summary and image listings show): taken from the
/// cache when the file and its links are unchanged, else from rendering the item, whose page
/// is written at once. Then everything else: listings, feeds and the other files, and the item
/// pages whose facts came from the cache, each kept when its signature matches or rendered.
/// Listings go first in that pass, so that a long one (a year archive of thousands of items)
/// is under way while the other core checks the item pages.
struct OutputStage: Sendable {
    let site: Site
    let theme: Theme?
    let source: any SiteSource
    let options: BuildOptions
    let allItems: [Item]
    let sink: any OutputSink
    /// The previous build's entries under this build's key (empty for a clean build).
    var previous = BuildCache()

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
        let markdown = MarkdownRenderer(options: site.config.markdown)
        let links = SiteLinkResolver(site: site, allItems: allItems)
        produced.cache.linkTargets = links.fingerprint
        let reuse = OutputReuse(previous: previous, sink: sink, links: links,
                                signatures: OutputSignatures(site: site, theme: theme, cacheKey: previous.key, options: options))
        let progress = ProgressCounter(total: site.outputs.count, report: options.progress)
        let articles = ArticleRenderer(site: site, theme: theme, source: source, links: links, markdown: markdown,
                                       mode: options.mode, now: NewsDate(options.now), keepContentFor: feedPages())
        let articleContexts = theme.map { PageContextBuilder(site: site, theme: $0, extras: [], mode: options.mode) }
        let pages = await itemFacts(articles, contexts: articleContexts, reuse: reuse, progress: progress)
        let extras = pages.map { $0.facts?.extras ?? $0.rendered?.result.extras ?? PageExtras() }
        var outcomes: [Int: PageOutcome] = [:]
        if let theme {
            let contexts = PageContextBuilder(site: site, theme: theme, extras: extras, mode: options.mode)
            let intros = renderIntros(markdown: markdown, links: links, diagnostics: &produced.diagnostics)
            let entries = await ConcurrentMap.map(Array(site.pages.indices), chunkSize: 256) { reuse.signatures.entry($0, extras: extras[$0]) }
            outcomes = await renderOthers(ListingRenderer(contexts: contexts, intros: intros), pages: pages, articles: articles,
                                          entries: entries, reuse: reuse, progress: progress, into: &produced)
        }
        var withFacts = 0
        for (index, page) in pages.enumerated() {
            guard let outcome = page.rendered ?? outcomes[index] else { continue }
            if outcome.result.facts != nil { withFacts += 1 }
            produced.diagnostics += outcome.result.diagnostics
            if outcome.kept {
                produced.cacheUse.outputsReused += 1
                produced.cacheUse.pagesReused += 1
                produced.recorded += 1
                continue
            }
            if outcome.record != nil { produced.recorded += 1 }
            produced.cache.markdown[site.pages[index].item.path] = outcome.result.facts
            produced.cache.outputs[site.pages[index].outputPath] = outcome.record
        }
        produced.pages += site.pages.count
        produced.files += site.pages.count
        produced.cache.dropEntries(besides: site, withFacts: withFacts, withRecords: produced.recorded)
        return produced.counted()
    }

    /// An item page after the first pass: its cached facts, or its rendered page.
    struct ItemFacts: Sendable {
        var facts: MarkdownFacts?
        var rendered: PageOutcome?
    }

    /// Every item's facts: from the cache when they are still valid (its page is then decided
    /// in the second pass), else by rendering the item and writing its page.
    private func itemFacts(_ articles: ArticleRenderer, contexts: PageContextBuilder?, reuse: OutputReuse,
                           progress: ProgressCounter) async -> [ItemFacts] {
        let (site, hasTheme) = (self.site, theme != nil)
        // A page whose URL another input already took was reported by the planner; writing it
        // anyway would only report the same collision again.
        let plannedPages = Set(site.outputs.compactMap { output -> Int? in
            if case .page(let index) = output.kind { return index } else { return nil }
        })
        let contentPages = articles.keepContentFor
        return await ConcurrentMap.map(Array(site.pages.indices)) { index -> ItemFacts in
            if hasTheme, plannedPages.contains(index), !contentPages.contains(index), let facts = reuse.facts(for: index) {
                return ItemFacts(facts: facts)
            }
            defer { progress.advance() }
            return ItemFacts(rendered: render(index, articles, contexts: contexts, reuse: reuse, write: plannedPages.contains(index)))
        }
    }

    /// Renders an item's Markdown and page, writes the page and records it for the next build.
    private func render(_ index: Int, _ articles: ArticleRenderer, contexts: PageContextBuilder?, reuse: OutputReuse,
                        write: Bool) -> PageOutcome {
        let path = site.pages[index].outputPath
        var result = articles.render(index, contexts: contexts)
        if let html = result.html, write {
            do {
                try sink.write(Array(html.utf8), to: path)
            } catch {
                result.diagnostics.append(.error("\(error)", path: site.pages[index].item.path))
            }
            result.html = nil
        }
        let record = result.facts.flatMap { reuse.record(path, signature: reuse.signatures.article(index, facts: $0)) }
        return PageOutcome(result: result, record: record, kept: false)
    }

    /// One output of the second pass.
    enum Work: Sendable {
        case other(PlannedOutput)
        /// An item page whose facts came from the cache.
        case page(Int, MarkdownFacts)
    }

    /// Listings, feeds, the sitemap, redirects and copied files, then the item pages with
    /// cached facts; returns those pages' outcomes by page number.
    private func renderOthers(_ listings: ListingRenderer, pages: [ItemFacts], articles: ArticleRenderer, entries: [UInt64],
                              reuse: OutputReuse, progress: ProgressCounter, into produced: inout Produced) async -> [Int: PageOutcome] {
        let others = site.outputs.filter { if case .page = $0.kind { return false } else { return true } }
        let cached = pages.indices.compactMap { index in pages[index].facts.map { Work.page(index, $0) } }
        let contexts = listings.contexts
        let work = others.map(Work.other) + cached
        let results = await ConcurrentMap.map(work) { work -> WorkOutcome in
            defer { progress.advance() }
            switch work {
            case .other(let output):
                return .other(produce(output, listings: listings, entries: entries, reuse: reuse))
            case .page(let index, let facts):
                let path = site.pages[index].outputPath
                let signature = reuse.signatures.article(index, facts: facts)
                if reuse.keep(path, signature: signature) {
                    let result = ArticleRenderer.Result(extras: facts.extras, html: nil, diagnostics: facts.diagnostics, facts: facts)
                    return .page(index, PageOutcome(result: result, record: nil, kept: true))
                }
                return .page(index, render(index, articles, contexts: contexts, reuse: reuse, write: true))
            }
        }
        var pageOutcomes: [Int: PageOutcome] = [:]
        for (work, result) in zip(work, results) {
            switch (work, result) {
            case (.other(let output), .other(let outcome)):
                if outcome.kept {
                    produced.cacheUse.outputsReused += 1
                    if outcome.isPage { produced.cacheUse.pagesReused += 1 }
                } else {
                    produced.cache.outputs[output.path] = outcome.record
                }
                if outcome.kept || outcome.record != nil { produced.recorded += 1 }
                if let problem = outcome.problem { produced.diagnostics.append(problem) }
                if outcome.isPage { produced.pages += 1 }
                produced.files += 1
            case (_, .page(let index, let outcome)):
                pageOutcomes[index] = outcome
            default:
                break
            }
        }
        return pageOutcomes
    }

    enum WorkOutcome: Sendable {
        case other(ListingOutcome)
        case page(Int, PageOutcome)
    }

    /// One listing, feed or copied file: kept when its signature matches, else produced.
    private func produce(_ output: PlannedOutput, listings: ListingRenderer, entries: [UInt64], reuse: OutputReuse) -> ListingOutcome {
        do {
            switch output.kind {
            case .contentFile(let path), .themeFile(let path):
                try sink.write(try source.read(path), to: output.path)
                return ListingOutcome(isPage: false)
            default:
                let signature = reuse.signatures.listing(output, entries: entries, intros: listings.intros)
                let isPage = output.path.hasSuffix(".html")
                if let signature, reuse.keep(output.path, signature: signature) { return ListingOutcome(isPage: isPage, kept: true) }
                try sink.write(Array((listings.render(output) ?? "").utf8), to: output.path)
                return ListingOutcome(isPage: isPage, record: signature.flatMap { reuse.record(output.path, signature: $0) })
            }
        } catch {
            let path = output.origin.hasPrefix("content/") || output.origin.hasPrefix("themes/") ? output.origin : output.path
            return ListingOutcome(isPage: false, problem: .error("\(error)", path: path))
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
            htmlByPath[index.path] = rendered.html
            return rendered.html
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
