/// The item pages of a build: each kept when the cache vouches for its file, else rendered and
/// written, across all cores; with each page, its search document (`SearchDocumentWriter`).
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
    let documents: SearchDocumentWriter?
    /// A page whose URL another input already took was reported by the planner; writing it
    /// anyway would only report the same collision again.
    let plannedPages: Set<Int>

    init(site: Site, sink: any OutputSink, articles: ArticleRenderer, contexts: PageContextBuilder?, reuse: OutputReuse,
         progress: OutputStage.ProgressCounter, documents: SearchDocumentWriter?) {
        (self.site, self.sink, self.articles, self.contexts, self.reuse, self.progress) = (site, sink, articles, contexts, reuse, progress)
        self.documents = documents
        plannedPages = Set(site.outputs.compactMap { output -> Int? in
            if case .page(let index) = output.kind { return index } else { return nil }
        })
    }

    func run() async -> [OutputStage.PageOutcome] {
        await ConcurrentMap.mapChunks(Array(site.pages.indices)) { chunk in render(chunk) }
    }

    private func render(_ chunk: ArraySlice<Int>) -> [OutputStage.PageOutcome] {
        var outcomes: [OutputStage.PageOutcome?] = Array(repeating: nil, count: chunk.count)
        var parsed: (slot: Int, article: ArticleRenderer.Article, work: Work)?
        func finishParsed() {
            guard let (slot, article, work) = parsed else { return }
            switch work {
            case .document(let kept): outcomes[slot] = finishDocument(article, kept: kept)
            case .page(let document): outcomes[slot] = finish(article, keptDocument: document)
            }
            parsed = nil
        }
        for (slot, index) in chunk.enumerated() {
            let work: Work
            switch reuse(index) {
            case .kept(let kept):
                outcomes[slot] = kept
                continue
            case .needs(let needed): work = needed
            }
            var article = articles.read(index)
            if !articles.parse(&article, waiting: false) {
                finishParsed()
                articles.parse(&article, waiting: true)
            }
            finishParsed()
            parsed = (slot, article, work)
        }
        finishParsed()
        return outcomes.map { $0! }
    }

    private enum Reuse {
        case kept(OutputStage.PageOutcome)
        /// Something must be made from the page's Markdown.
        case needs(Work)
    }

    /// What a page's Markdown, read and parsed again, is for.
    private enum Work {
        /// The page is kept, but its search document must be made again: from the body's
        /// text, which the cache does not keep (a document renumbered by an older item added
        /// or removed, or a field of its entry changed).
        case document(kept: OutputStage.PageOutcome)
        /// The page is rendered; its search document was kept already when `document` is set.
        case page(keptDocument: SearchDocumentWriter.Outcome?)
    }

    /// The page as the previous build left it, when its facts and its file are still right,
    /// with its search document when that is too.
    private func reuse(_ index: Int) -> Reuse {
        // `flatMap` lends the builder to the closure; binding it with `let` would copy it, and
        // its tables, for every page.
        guard plannedPages.contains(index), !articles.keepContentFor.contains(index),
              let facts = reuse.facts(for: index),
              let page = contexts.flatMap({ articles.signedContext(index, facts: facts, contexts: $0) }),
              reuse.matches(site.pages[index].outputPath, signature: page.signature) else { return .needs(.page(keptDocument: nil)) }
        var document: SearchDocumentWriter.Outcome?
        var needsText = false
        if let documents {
            switch documents.keep(index, facts: facts) {
            case .notIndexed: break
            case .kept(let kept): document = kept
            case .stale: needsText = true
            }
        }
        guard reuse.keep(site.pages[index].outputPath, signature: page.signature) else { return .needs(.page(keptDocument: document)) }
        let result = ArticleRenderer.Result(extras: facts.extras, html: nil, diagnostics: facts.diagnostics, facts: facts)
        let kept = OutputStage.PageOutcome(result: result, record: nil, kept: true, document: document)
        if needsText { return .needs(.document(kept: kept)) }
        progress.advance()
        return .kept(kept)
    }

    /// A kept page's search document, made from its body's text alone.
    private func finishDocument(_ article: ArticleRenderer.Article, kept: OutputStage.PageOutcome) -> OutputStage.PageOutcome {
        defer { progress.advance() }
        var outcome = kept
        let (text, problems) = articles.searchText(article)
        outcome.result.diagnostics += problems
        if let written = documents?.write(article.pageIndex, extras: kept.result.extras, text: text,
                                          textDigest: SearchIndexLayout.textDigest(text)) {
            outcome.document = written.outcome
            if let problem = written.problem { outcome.result.diagnostics.append(problem) }
        }
        return outcome
    }

    private func finish(_ article: ArticleRenderer.Article, keptDocument: SearchDocumentWriter.Outcome?) -> OutputStage.PageOutcome {
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
        var document = keptDocument
        if document == nil, let documents {
            let text = result.searchText ?? ""
            let written = documents.write(index, extras: result.extras, text: text,
                                          textDigest: result.facts?.searchTextDigest ?? SearchIndexLayout.textDigest(text))
            document = written.outcome
            if let problem = written.problem { result.diagnostics.append(problem) }
        }
        // The text is in its document file now; only its digest goes on (`MarkdownFacts`).
        result.searchText = nil
        return OutputStage.PageOutcome(result: result, record: record, kept: false, document: document)
    }
}
