/// `newsdesk check`: every problem a build would report, without rendering a template or
/// writing a file, so that it is quick enough for a pre-commit hook.
extension SiteBuilder {
    public func check() async -> [Diagnostic] {
        let resolution = await resolve(images: true)
        let stage = OutputStage(site: resolution.site, theme: nil, source: source, options: options,
                                allItems: resolution.items, sink: DiscardingOutput())
        return resolution.diagnostics + (await stage.markdownDiagnostics())
    }
}

extension OutputStage {
    /// Renders every published body and every `_index.md` introduction as a build does, for
    /// the problems only Markdown reveals: broken links and images, images without alt text.
    func markdownDiagnostics() async -> [Diagnostic] {
        let markdown = MarkdownRenderer(options: site.config.markdown)
        let links = SiteLinkResolver(site: site, allItems: allItems)
        let articles = ArticleRenderer(site: site, theme: nil, source: source, links: links, markdown: markdown,
                                       mode: options.mode, now: NewsDate(options.now), keepContentFor: [])
        var diagnostics = await ConcurrentMap.map(Array(site.pages.indices)) { index in
            articles.render(index, contexts: nil).diagnostics
        }.flatMap { $0 }
        _ = renderIntros(markdown: markdown, links: links, diagnostics: &diagnostics)
        return diagnostics
    }
}
