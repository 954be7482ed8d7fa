/// `newsdesk check`: every problem a build would report, without rendering a template or
/// writing a file, so that it is quick enough for a pre-commit hook.
extension SiteBuilder {
    public func check() async -> [Diagnostic] {
        let resolution = await resolve(images: true)
        let stage = OutputStage(site: resolution.site, theme: nil, source: source, options: options,
                                allItems: resolution.items, unparsedSources: resolution.unparsedSources, sink: DiscardingOutput())
        return resolution.diagnostics + (await stage.markdownDiagnostics())
    }
}

extension OutputStage {
    /// Renders every published body and every `_index.md` introduction as a build does, for
    /// the problems only Markdown reveals: broken links and images, images without alt text.
    func markdownDiagnostics() async -> [Diagnostic] {
        var markdown = MarkdownRenderer(options: site.config.markdown)
        markdown.minimumPhotoWidth = site.config.images.widths.max()
        let links = SiteLinkResolver(site: site, allItems: allItems, unparsedSources: unparsedSources)
        let articles = ArticleRenderer(site: site, theme: nil, source: source, links: links, markdown: markdown,
                                       mode: options.mode, now: NewsDate(options.now), keepContentFor: [])
        var diagnostics = await ConcurrentMap.map(Array(site.pages.indices)) { index in
            articles.render(index, contexts: nil).diagnostics
        }.flatMap { $0 }
        _ = renderIntros(markdown: markdown, links: links, diagnostics: &diagnostics)
        return diagnostics + smallLeadPhotos(links: links, minimum: markdown.minimumPhotoWidth)
    }

    /// Front-matter photos narrower than the widest variant (`MarkdownRenderer.smallPhoto`).
    private func smallLeadPhotos(links: SiteLinkResolver, minimum: Int?) -> [Diagnostic] {
        site.pages.compactMap { page in
            guard let image = page.item.frontMatter.image, case .rewritten(let url) = links.resolve(image, from: page.item.path, kind: .image),
                  let picture = links.picture(at: url), let problem = MarkdownRenderer.smallPhoto(image, picture, minimum: minimum)
            else { return nil }
            return .warning(problem.message, path: page.item.path, line: page.item.frontMatter.line(of: "image"), hint: problem.hint)
        }
    }
}
