/// The search stage: writes each language's term shards and manifest (`SearchIndexLayout`)
/// from the body terms the item pages counted (`MarkdownRenderer.collectsSearchTerms`; a kept
/// page's come from the build cache). The document files are written with the item pages
/// (`SearchDocumentWriter`).
///
/// Shards are outputs with signatures, like pages (`OutputSignature`): a shard's is the digest
/// of the postings it holds. A shard whose signature matches the previous build's record is
/// kept without being made; only the others are made and handed to the sink. A one-item edit
/// so makes the few shards holding the item's terms; a clean build makes them all.
struct SearchStage: Sendable {
    let site: Site
    let sink: any OutputSink
    let reuse: OutputReuse
    let now: NewsDate

    struct Written: Sendable {
        var files = 0
        var kept = 0
        /// What the next build needs to know of each shard.
        var records: [String: OutputRecord] = [:]
        var diagnostics: [Diagnostic] = []

        mutating func add(_ other: Written) {
            files += other.files
            kept += other.kept
            records.merge(other.records) { first, _ in first }
            diagnostics += other.diagnostics
        }
    }

    /// - Parameter bodyTerms: each page's body terms, by page index (nil for a page that failed).
    func run(bodyTerms: [DocumentTerms?]) async -> Written {
        guard site.config.search.enabled else { return Written() }
        let builder = SearchIndexBuilder(site: site, now: now)
        let results = await ConcurrentMap.map(site.languages.map(\.code), chunkSize: 1) { language -> Written in
            let corpus = builder.corpus(language: language, bodyTerms: bodyTerms)
            do {
                var written = try writeShards(corpus, builder: builder, bodyTerms: bodyTerms)
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
}
