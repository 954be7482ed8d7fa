/// The search stage: writes each language's static search index (`SearchIndexLayout`) from
/// what the build already holds, after the item pages, whose rendering counted each body's
/// terms (`MarkdownRenderer.collectsSearchTerms`; a kept page's come from the build cache).
///
/// Shards and document files are outputs with signatures, like pages (`OutputSignature`): a
/// shard's is the digest of the postings it holds, a document file's that of its entry,
/// text included (`SearchFragment`, which rendering kept; a kept page's comes from the build
/// cache). A file whose signature matches the previous build's record is kept without being
/// made; only the others are made and handed to the sink. A one-item edit so makes the few
/// shards holding the item's terms and its document file; a clean build makes them all.
struct SearchStage: Sendable {
    let site: Site
    let sink: any OutputSink
    let reuse: OutputReuse
    let now: NewsDate
    /// The theme's dates, when there is a theme.
    let contexts: PageContextBuilder?

    struct Written: Sendable {
        var files = 0
        var kept = 0
        /// What the next build needs to know of each shard and document file.
        var records: [String: OutputRecord] = [:]
        var diagnostics: [Diagnostic] = []

        mutating func add(_ other: Written) {
            files += other.files
            kept += other.kept
            records.merge(other.records) { first, _ in first }
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
            let corpus = builder.corpus(language: language, bodyTerms: bodyTerms)
            do {
                var written = try writeShards(corpus, builder: builder, bodyTerms: bodyTerms)
                var entries = builder.entries(corpus, extras: extras, shownDate: shownDate)
                // `corpus.pages` lists the indexed pages in document order: drafts and future
                // items get no text, as they get no document.
                for (number, page) in corpus.pages.enumerated() { entries[number].text = bodyTexts[page] ?? "" }
                written.add(try writeDocuments(corpus, entries: entries))
                try sink.write(try SearchIndexLayout.manifest(corpus), to: SearchIndexLayout.manifestPath(language))
                written.files += 1
                return written
            } catch {
                return Written(diagnostics: [.error("the search index cannot be written: \(error)", path: SearchIndexLayout.folder(language))])
            }
        }
        return results.reduce(into: Written()) { $0.add($1) }
    }

    /// Keeps every shard whose signature is unchanged and makes the postings of the others.
    private func writeShards(_ corpus: SearchCorpus, builder: SearchIndexBuilder, bodyTerms: [DocumentTerms?]) throws -> Written {
        let signatures = builder.signatures(corpus, bodyTerms: bodyTerms)
        var written = Written()
        var needed = [Bool](repeating: false, count: signatures.count)
        for (shard, signature) in signatures.enumerated() {
            if reuse.keep(SearchIndexLayout.shardPath(corpus.language, shard), signature: signature) {
                written.kept += 1
            } else {
                needed[shard] = true
            }
        }
        let postings = builder.postings(corpus, bodyTerms: bodyTerms, needed: written.kept == 0 ? nil : needed)
        for shard in needed.indices where needed[shard] {
            let path = SearchIndexLayout.shardPath(corpus.language, shard)
            try sink.write(postings.shardBytes(shard), to: path)
        }
        for (shard, signature) in signatures.enumerated() {
            let path = SearchIndexLayout.shardPath(corpus.language, shard)
            if let record = reuse.record(path, signature: signature) { written.records[path] = record }
        }
        written.files += signatures.count
        return written
    }

    /// Keeps every document file whose entry is unchanged and encodes the others.
    private func writeDocuments(_ corpus: SearchCorpus, entries: [SearchResultEntry]) throws -> Written {
        var written = Written()
        for (number, entry) in entries.enumerated() {
            let path = SearchIndexLayout.documentPath(corpus.language, number)
            let signature = SearchIndexLayout.documentSignature(entry)
            if reuse.keep(path, signature: signature) {
                written.kept += 1
            } else {
                try sink.write(try SearchIndexLayout.document(entry), to: path)
            }
            if let record = reuse.record(path, signature: signature) { written.records[path] = record }
            written.files += 1
        }
        return written
    }

    private func shownDate(_ pageIndex: Int) -> ShownDate {
        if let contexts { return contexts.shownDate(pageIndex) }
        let item = site.pages[pageIndex].item
        return DateDisplay(pattern: site.language(item.language)?.dateFormat, words: [:], timeZone: site.config.timeZone).shown(item.date)
    }
}
