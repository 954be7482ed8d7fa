/// The item pages of a build: each kept when the cache vouches for its file, else rendered and
/// written, across all cores; each page's search document goes to its chunk (`SearchChunkWriter`).
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
    /// Nil when the site builds no search index.
    let documents: SearchChunkWriter?
    /// Where every task's counter numbers the body terms.
    let lexicon: SharedLexicon
    /// A page whose URL another input already took was reported by the planner; writing it
    /// anyway would only report the same collision again.
    let plannedPages: Set<Int>

    init(site: Site, sink: any OutputSink, articles: ArticleRenderer, contexts: PageContextBuilder?, reuse: OutputReuse,
         progress: OutputStage.ProgressCounter, documents: SearchChunkWriter?, lexicon: SharedLexicon) {
        (self.site, self.sink, self.articles, self.contexts, self.reuse, self.progress) = (site, sink, articles, contexts, reuse, progress)
        (self.documents, self.lexicon) = (documents, lexicon)
        plannedPages = Set(site.outputs.compactMap { output -> Int? in
            if case .page(let index) = output.kind { return index } else { return nil }
        })
    }

    /// Outcomes by page index. Pages are worked on language by language, newest first (each
    /// language's listing order), not in page order (language, section, date): a search chunk
    /// holds documents of consecutive dates from every section, so in page order most chunks
    /// would wait, texts and all, until the last section's pages.
    func run() async -> [OutputStage.PageOutcome] {
        let order = Self.workOrder(site)
        // Each task's term counter goes on to the next task, with the words it has learned.
        let outcomes = await ConcurrentMap.mapChunks(order, carrying: { [lexicon] in DocumentTerms.Counter(lexicon: lexicon) }) { chunk, counter in
            render(chunk, countingTermsIn: &counter)
        }
        var byIndex = [OutputStage.PageOutcome?](repeating: nil, count: site.pages.count)
        for (index, outcome) in zip(order, outcomes) { byIndex[index] = outcome }
        return byIndex.map { $0! }
    }

    /// Every page index once: each language's pages in its listing order, then any page no
    /// language lists (none today; kept so that no page is ever left out).
    static func workOrder(_ site: Site) -> [Int] {
        var seen = [Bool](repeating: false, count: site.pages.count)
        var order: [Int] = []
        order.reserveCapacity(site.pages.count)
        for page in site.languages.flatMap(\.pages) + Array(site.pages.indices) where !seen[page] {
            seen[page] = true
            order.append(page)
        }
        return order
    }

    private func render(_ chunk: ArraySlice<Int>, countingTermsIn counter: inout DocumentTerms.Counter) -> [OutputStage.PageOutcome] {
        var outcomes: [OutputStage.PageOutcome?] = Array(repeating: nil, count: chunk.count)
        var parsed: (slot: Int, article: ArticleRenderer.Article)?
        func finishParsed() {
            guard let (slot, article) = parsed else { return }
            outcomes[slot] = finish(article, countingTermsIn: &counter)
            parsed = nil
        }
        for (slot, index) in chunk.enumerated() {
            if let kept = keep(index) {
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

    /// The page as the previous build left it, when its facts and its file are still right.
    private func keep(_ index: Int) -> OutputStage.PageOutcome? {
        guard plannedPages.contains(index), !articles.keepContentFor.contains(index),
              let facts = reuse.facts(for: index) else { return nil }
        let path = site.pages[index].outputPath
        // `flatMap` lends the builder to the closure; binding it with `let` would copy it, and
        // its tables, for every page.
        guard let (signature, refreshed) = contexts.flatMap({ keptSignature(index, path: path, facts: facts, contexts: $0) }),
              reuse.keep(path, signature: signature) else { return nil }
        documents?.report(index, .init(extras: facts.extras, textDigest: facts.searchTextDigest), textOf: { searchText($0) })
        progress.advance()
        let result = ArticleRenderer.Result(extras: facts.extras, html: nil, diagnostics: facts.diagnostics, facts: facts)
        return OutputStage.PageOutcome(result: result, record: refreshed, kept: true)
    }

    /// The signature the page would have now: the recorded one when nothing its context read
    /// changed, else the one of its context built again. With the latter, the previous record
    /// holding what the context read this time, when it held other reads (for the next build).
    private func keptSignature(_ index: Int, path: String, facts: MarkdownFacts,
                               contexts: PageContextBuilder) -> (signature: UInt64, refreshed: OutputRecord?)? {
        guard let previous = reuse.previousRecord(path) else { return nil }
        if let signature = articles.unchangedSignature(index, facts: facts, record: previous, contexts: contexts) {
            return (signature, nil)
        }
        guard let page = articles.signedContext(index, facts: facts, contexts: contexts) else { return nil }
        return (page.signature, previous.holding(page.reads))
    }

    /// A kept page's body text, for its search chunk: its Markdown read and parsed again.
    private func searchText(_ index: Int) -> (text: [UInt8], diagnostics: [Diagnostic]) {
        var article = articles.read(index)
        articles.parse(&article, waiting: true)
        return articles.searchText(article)
    }

    private func finish(_ article: ArticleRenderer.Article, countingTermsIn counter: inout DocumentTerms.Counter) -> OutputStage.PageOutcome {
        defer { progress.advance() }
        let index = article.pageIndex
        let path = site.pages[index].outputPath
        var result = articles.finish(article, contexts: contexts, countingTermsIn: &counter)
        if let html = result.html, plannedPages.contains(index) {
            do {
                try sink.write(html, to: path)
            } catch {
                result.diagnostics.append(.error("\(error)", path: site.pages[index].item.path))
            }
            result.html = nil
        }
        let record = result.signature.flatMap { reuse.record(path, signature: $0, contextReads: result.contextReads) }
        if let documents {
            let text = result.searchText ?? []
            let digest = result.facts?.searchTextDigest ?? SearchIndexLayout.textDigest(utf8: text)
            documents.report(index, .init(extras: result.extras, textDigest: digest, text: text), textOf: { searchText($0) })
        }
        // The text is with its chunk now; only its digest goes on (`MarkdownFacts`).
        result.searchText = nil
        return OutputStage.PageOutcome(result: result, record: record, kept: false)
    }
}
