import Foundation

/// Renders every planned output and hands it to the sink: item pages first (they produce the
/// summaries listings show), then everything else, each batch across all cores.
struct OutputStage: Sendable {
    let site: Site
    let theme: Theme?
    let source: any SiteSource
    let options: BuildOptions
    let allItems: [Item]
    let sink: any OutputSink

    struct Produced: Sendable {
        var pages = 0
        var files = 0
        var diagnostics: [Diagnostic] = []
    }

    func run() async -> Produced {
        var produced = Produced()
        let markdown = MarkdownRenderer(options: site.config.markdown)
        let links = SiteLinkResolver(site: site, allItems: allItems)
        let now = NewsDate(options.now)
        let articleContexts = theme.map { PageContextBuilder(site: site, theme: $0, extras: [], mode: options.mode) }
        let articles = ArticleRenderer(site: site, theme: theme, source: source, links: links, markdown: markdown,
                                       mode: options.mode, now: now, keepContentFor: feedPages())
        let sink = self.sink
        // A page whose URL another input already took was reported by the planner; writing it
        // anyway would only report the same collision again.
        let plannedPages = Set(site.outputs.compactMap { output -> Int? in
            if case .page(let index) = output.kind { return index } else { return nil }
        })
        let pageResults = await ConcurrentMap.map(Array(site.pages.indices)) { index -> ArticleRenderer.Result in
            var result = articles.render(index, contexts: articleContexts)
            if let html = result.html, plannedPages.contains(index) {
                do {
                    try sink.write(Array(html.utf8), to: site.pages[index].outputPath)
                } catch {
                    result.diagnostics.append(.error("\(error)", path: site.pages[index].item.path))
                }
                result.html = nil
            }
            return result
        }
        produced.diagnostics += pageResults.flatMap(\.diagnostics)
        produced.pages += pageResults.count
        produced.files += pageResults.count
        guard let theme else { return produced }

        let extras = pageResults.map(\.extras)
        let contexts = PageContextBuilder(site: site, theme: theme, extras: extras, mode: options.mode)
        let listings = ListingRenderer(contexts: contexts, intros: renderIntros(markdown: markdown, links: links, diagnostics: &produced.diagnostics))
        let others = site.outputs.filter { if case .page = $0.kind { return false } else { return true } }
        let source = self.source
        let results = await ConcurrentMap.map(others) { output -> (isPage: Bool, problem: Diagnostic?) in
            do {
                switch output.kind {
                case .contentFile(let path), .themeFile(let path):
                    try sink.write(try source.read(path), to: output.path)
                    return (false, nil)
                default:
                    let text = listings.render(output) ?? ""
                    try sink.write(Array(text.utf8), to: output.path)
                    return (output.path.hasSuffix(".html"), nil)
                }
            } catch {
                return (false, .error("\(error)", path: output.origin.hasPrefix("content/") || output.origin.hasPrefix("themes/") ? output.origin : output.path))
            }
        }
        produced.diagnostics += results.compactMap(\.problem)
        produced.pages += results.count(where: \.isPage)
        produced.files += results.count
        return produced
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
