import Foundation
import Synchronization

/// Renders every planned output and hands it to the sink: item pages first (they produce the
/// summaries listings show), then everything else, each batch across all cores.
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
    }

    func run() async -> Produced {
        var produced = Produced(cache: BuildCache(engine: previous.engine, key: previous.key))
        let markdown = MarkdownRenderer(options: site.config.markdown)
        let links = SiteLinkResolver(site: site, allItems: allItems)
        produced.cache.linkTargets = links.fingerprint
        let reuse = OutputReuse(previous: previous, sink: sink, links: links,
                                signatures: OutputSignatures(site: site, theme: theme, cacheKey: previous.key, options: options))
        let progress = ProgressCounter(total: site.outputs.count, report: options.progress)
        let extras = await renderPages(markdown: markdown, links: links, reuse: reuse, progress: progress, into: &produced)
        guard let theme else { return produced.counted() }
        let contexts = PageContextBuilder(site: site, theme: theme, extras: extras, mode: options.mode)
        let intros = renderIntros(markdown: markdown, links: links, diagnostics: &produced.diagnostics)
        let entries = await ConcurrentMap.map(Array(site.pages.indices), chunkSize: 256) { reuse.signatures.entry($0, extras: extras[$0]) }
        await renderOthers(ListingRenderer(contexts: contexts, intros: intros), entries: entries, reuse: reuse, progress: progress,
                           into: &produced)
        return produced.counted()
    }

    /// Every item page, rendered or kept; returns what listings need to know of each.
    private func renderPages(markdown: MarkdownRenderer, links: SiteLinkResolver, reuse: OutputReuse, progress: ProgressCounter,
                             into produced: inout Produced) async -> [PageExtras] {
        let (site, sink, hasTheme) = (self.site, self.sink, theme != nil)
        // A page whose URL another input already took was reported by the planner; writing it
        // anyway would only report the same collision again.
        let plannedPages = Set(site.outputs.compactMap { output -> Int? in
            if case .page(let index) = output.kind { return index } else { return nil }
        })
        let contentPages = feedPages()
        let articleContexts = theme.map { PageContextBuilder(site: site, theme: $0, extras: [], mode: options.mode) }
        let articles = ArticleRenderer(site: site, theme: theme, source: source, links: links, markdown: markdown,
                                       mode: options.mode, now: NewsDate(options.now), keepContentFor: contentPages)
        let pageResults = await ConcurrentMap.map(Array(site.pages.indices)) { index -> PageOutcome in
            let path = site.pages[index].outputPath
            defer { progress.advance() }
            if hasTheme, plannedPages.contains(index), !contentPages.contains(index), let kept = reuse.keepArticle(index) {
                return kept
            }
            var result = articles.render(index, contexts: articleContexts)
            if let html = result.html, plannedPages.contains(index) {
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
        for (index, outcome) in pageResults.enumerated() {
            let page = site.pages[index]
            if let facts = outcome.result.facts { produced.cache.markdown[page.item.path] = facts }
            if let record = outcome.record { produced.cache.outputs[page.outputPath] = record }
            if outcome.kept { produced.cacheUse.outputsReused += 1 }
        }
        produced.diagnostics += pageResults.flatMap(\.result.diagnostics)
        produced.pages += pageResults.count
        produced.files += pageResults.count
        return pageResults.map(\.result.extras)
    }

    /// Listings, feeds, the sitemap, redirects and copied files.
    private func renderOthers(_ listings: ListingRenderer, entries: [UInt64], reuse: OutputReuse, progress: ProgressCounter,
                              into produced: inout Produced) async {
        let others = site.outputs.filter { if case .page = $0.kind { return false } else { return true } }
        let (source, sink) = (self.source, self.sink)
        let results = await ConcurrentMap.map(others) { output -> ListingOutcome in
            defer { progress.advance() }
            do {
                switch output.kind {
                case .contentFile(let path), .themeFile(let path):
                    try sink.write(try source.read(path), to: output.path)
                    return ListingOutcome(isPage: false)
                default:
                    let signature = reuse.signatures.listing(output, entries: entries, intros: listings.intros)
                    let isPage = output.path.hasSuffix(".html")
                    if let signature, reuse.keep(output.path, signature: signature) {
                        return ListingOutcome(isPage: isPage, record: reuse.record(output.path, signature: signature), kept: true)
                    }
                    try sink.write(Array((listings.render(output) ?? "").utf8), to: output.path)
                    return ListingOutcome(isPage: isPage, record: signature.flatMap { reuse.record(output.path, signature: $0) })
                }
            } catch {
                let path = output.origin.hasPrefix("content/") || output.origin.hasPrefix("themes/") ? output.origin : output.path
                return ListingOutcome(isPage: false, problem: .error("\(error)", path: path))
            }
        }
        for (output, outcome) in zip(others, results) {
            if let record = outcome.record { produced.cache.outputs[output.path] = record }
            if outcome.kept { produced.cacheUse.outputsReused += 1 }
        }
        produced.diagnostics += results.compactMap(\.problem)
        produced.pages += results.count(where: \.isPage)
        produced.files += results.count
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
