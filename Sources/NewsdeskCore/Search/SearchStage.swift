/// The search stage: writes each language's static search index (`SearchIndexLayout`) from
/// what the build already holds, after the item pages, whose rendering counted each body's
/// terms (`MarkdownRenderer.collectsSearchTerms`; a kept page's come from the build cache).
///
/// Each document's file also holds its text (`SearchFragment`), which rendering kept (a kept
/// page's comes from the build cache).
///
/// Every file of the index is handed to the sink on every build: the disk writer keeps a file
/// whose bytes did not change (its modification time survives, rsync uploads nothing), and the
/// preview serves the fresh index from memory.
struct SearchStage: Sendable {
    let site: Site
    let sink: any OutputSink
    let now: NewsDate
    /// The theme's dates, when there is a theme.
    let contexts: PageContextBuilder?

    struct Written: Sendable {
        var files = 0
        var diagnostics: [Diagnostic] = []

        mutating func add(_ other: Written) {
            files += other.files
            diagnostics += other.diagnostics
        }
    }

    /// - Parameters:
    ///   - extras: what rendering learned of each page, by page index;
    ///   - bodyTerms: each page's body terms, by page index (nil for a page that failed);
    ///   - bodyTexts: each page's body text (`MarkdownRenderer.collectsSearchTerms`), by page index.
    func run(extras: [PageExtras], bodyTerms: [DocumentTerms?], bodyTexts: [String?]) async -> Written {
        guard site.config.search.enabled else { return Written() }
        let builder = SearchIndexBuilder(site: site, now: now)
        let results = await ConcurrentMap.map(site.languages.map(\.code), chunkSize: 1) { language -> Written in
            var index = builder.index(language: language, extras: extras, bodyTerms: bodyTerms, shownDate: shownDate)
            // `documents` lists the indexed pages in document order, as `index` numbers them:
            // drafts and future items get no text, as they get no document.
            for (number, page) in builder.documents(language: language).enumerated() {
                index.documents[number].text = bodyTexts[page] ?? ""
            }
            return write(index)
        }
        return results.reduce(into: Written()) { $0.add($1) }
    }

    private func write(_ index: SearchIndex) -> Written {
        var written = Written()
        do {
            try SearchIndexLayout.write(index) { path, bytes in
                try sink.write(bytes, to: path)
                written.files += 1
            }
        } catch {
            written.diagnostics.append(.error("the search index cannot be written: \(error)",
                                              path: SearchIndexLayout.folder(index.language)))
        }
        return written
    }

    private func shownDate(_ pageIndex: Int) -> ShownDate {
        if let contexts { return contexts.shownDate(pageIndex) }
        let item = site.pages[pageIndex].item
        return DateDisplay(pattern: site.language(item.language)?.dateFormat, words: [:], timeZone: site.config.timeZone).shown(item.date)
    }
}
