/// Writes each indexed item's document file (`SearchIndexLayout.documentPath`) from the item
/// page stage, as the page is rendered or kept, so that no item's text outlives its page: the
/// build cache holds a digest of the text, not the text.
///
/// A document file's signature is a digest of its entry and of its text's digest. A page kept
/// from the previous build keeps its document file when that signature still matches; when
/// it does not (the document was renumbered, or a field its entry shows changed), the page
/// stays kept and its Markdown is parsed again for the text alone (`ArticlePageStage`).
struct SearchDocumentWriter: Sendable {
    let builder: SearchIndexBuilder
    let sink: any OutputSink
    let reuse: OutputReuse
    /// The theme's dates, when there is a theme.
    let contexts: PageContextBuilder?
    /// Each page's document file, by page index; nil for a page the index does not hold.
    let paths: [String?]

    init(site: Site, now: NewsDate, sink: any OutputSink, reuse: OutputReuse, contexts: PageContextBuilder?) {
        builder = SearchIndexBuilder(site: site, now: now)
        (self.sink, self.reuse, self.contexts) = (sink, reuse, contexts)
        var paths = [String?](repeating: nil, count: site.pages.count)
        for language in site.languages {
            for (number, page) in builder.documents(language: language.code).enumerated() {
                paths[page] = SearchIndexLayout.documentPath(language.code, number)
            }
        }
        self.paths = paths
    }

    /// What happened to one page's document file.
    struct Outcome: Sendable {
        let path: String
        var kept = false
        /// What the next build needs to know of a file written now.
        var record: OutputRecord?
    }

    /// Whether a kept page's document file can stand as the previous build left it.
    enum Keeping: Sendable {
        /// The index holds no document for the page.
        case notIndexed
        case kept(Outcome)
        /// The file must be made again from the page's text.
        case stale
    }

    func keep(_ pageIndex: Int, facts: MarkdownFacts) -> Keeping {
        guard let path = paths[pageIndex] else { return .notIndexed }
        guard let textDigest = facts.searchTextDigest else { return .stale }
        let signature = SearchIndexLayout.documentSignature(entry(pageIndex, extras: facts.extras), textDigest: textDigest)
        return reuse.keep(path, signature: signature) ? .kept(Outcome(path: path, kept: true)) : .stale
    }

    /// Writes the page's document file, unless its signature is the previous build's; the
    /// problem instead when the sink cannot write it.
    /// - Parameters:
    ///   - text: the body's text (`SearchFragment`); empty for a page that failed;
    ///   - textDigest: `SearchIndexLayout.textDigest` of `text`, which rendering worked out
    ///     already for the build cache (the text is not hashed twice).
    func write(_ pageIndex: Int, extras: PageExtras, text: String, textDigest: UInt64) -> (outcome: Outcome?, problem: Diagnostic?) {
        guard let path = paths[pageIndex] else { return (nil, nil) }
        var entry = entry(pageIndex, extras: extras)
        let signature = SearchIndexLayout.documentSignature(entry, textDigest: textDigest)
        if reuse.keep(path, signature: signature) { return (Outcome(path: path, kept: true), nil) }
        entry.text = text
        do {
            try sink.write(SearchIndexLayout.document(entry), to: path)
        } catch {
            let language = builder.site.pages[pageIndex].item.language
            return (nil, .error("the search index cannot be written: \(error)", path: SearchIndexLayout.folder(language)))
        }
        return (Outcome(path: path, record: reuse.record(path, signature: signature)), nil)
    }

    private func entry(_ pageIndex: Int, extras: PageExtras) -> SearchResultEntry {
        builder.entry(pageIndex, extras: extras, date: shownDate(pageIndex))
    }

    private func shownDate(_ pageIndex: Int) -> ShownDate {
        if let shown = contexts?.shownDate(pageIndex) { return shown }
        let site = builder.site
        let item = site.pages[pageIndex].item
        return DateDisplay(pattern: site.language(item.language)?.dateFormat, words: [:], timeZone: site.config.timeZone).shown(item.date)
    }
}
