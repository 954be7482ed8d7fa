/// The item pages of a build: each kept when the cache vouches for its file, else rendered and
/// written, across all cores.
///
/// cmark-gfm parses one document at a time (`CmarkDocument`). Each task works through a chunk
/// of pages one behind: it parses a page, then finishes the one parsed before it (links,
/// templates, writing). When another task holds the parser, it finishes its previous page
/// first instead of waiting, so that neither core idles behind the lock; which page waits for
/// which changes only the order of work, never a result.
struct ArticlePageStage: Sendable {
    let site: Site
    let sink: any OutputSink
    let articles: ArticleRenderer
    let contexts: PageContextBuilder?
    let reuse: OutputReuse
    let progress: OutputStage.ProgressCounter
    /// A page whose URL another input already took was reported by the planner; writing it
    /// anyway would only report the same collision again.
    let plannedPages: Set<Int>

    init(site: Site, sink: any OutputSink, articles: ArticleRenderer, contexts: PageContextBuilder?, reuse: OutputReuse,
         progress: OutputStage.ProgressCounter) {
        (self.site, self.sink, self.articles, self.contexts, self.reuse, self.progress) = (site, sink, articles, contexts, reuse, progress)
        plannedPages = Set(site.outputs.compactMap { output -> Int? in
            if case .page(let index) = output.kind { return index } else { return nil }
        })
    }

    func run() async -> [OutputStage.PageOutcome] {
        await ConcurrentMap.mapChunks(Array(site.pages.indices)) { chunk in render(chunk) }
    }

    private func render(_ chunk: ArraySlice<Int>) -> [OutputStage.PageOutcome] {
        var outcomes: [OutputStage.PageOutcome?] = Array(repeating: nil, count: chunk.count)
        var parsed: (slot: Int, article: ArticleRenderer.Article)?
        func finishParsed() {
            guard let (slot, article) = parsed else { return }
            outcomes[slot] = finish(article)
            parsed = nil
        }
        for (slot, index) in chunk.enumerated() {
            if let kept = kept(index) {
                outcomes[slot] = kept
                continue
            }
            var article = articles.read(index)
            if !articles.parse(&article, waiting: false) {
                finishParsed()
                articles.parse(&article, waiting: true)
            }
            finishParsed()
            parsed = (slot, article)
        }
        finishParsed()
        return outcomes.map { $0! }
    }

    /// The page as the previous build left it, when its facts and file are still right.
    private func kept(_ index: Int) -> OutputStage.PageOutcome? {
        guard let contexts, plannedPages.contains(index), !articles.keepContentFor.contains(index),
              let facts = reuse.facts(for: index),
              let page = articles.signedContext(index, facts: facts, contexts: contexts),
              reuse.keep(site.pages[index].outputPath, signature: page.signature) else { return nil }
        progress.advance()
        let result = ArticleRenderer.Result(extras: facts.extras, html: nil, diagnostics: facts.diagnostics, facts: facts)
        return OutputStage.PageOutcome(result: result, record: nil, kept: true)
    }

    private func finish(_ article: ArticleRenderer.Article) -> OutputStage.PageOutcome {
        defer { progress.advance() }
        let index = article.pageIndex
        let path = site.pages[index].outputPath
        var result = articles.finish(article, contexts: contexts)
        if let html = result.html, plannedPages.contains(index) {
            do {
                try sink.write(html, to: path)
            } catch {
                result.diagnostics.append(.error("\(error)", path: site.pages[index].item.path))
            }
            result.html = nil
        }
        let record = result.signature.flatMap { reuse.record(path, signature: $0) }
        return OutputStage.PageOutcome(result: result, record: record, kept: false)
    }
}
