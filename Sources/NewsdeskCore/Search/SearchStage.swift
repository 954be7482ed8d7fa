/// The search stage: writes each language's term shards and manifest (`SearchIndexLayout`)
/// from the body terms the item pages counted (`MarkdownRenderer.collectsSearchTerms`; a kept
/// page's come from the build cache). The document chunks are written with the item pages
/// (`SearchChunkWriter`).
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
    /// The previous build's block sums by language (`BuildCache.searchBlocks`).
    let previousBlocks: [String: SearchBlocks]

    struct Written: Sendable {
        var files = 0
        var kept = 0
        /// What the next build needs to know of each shard.
        var records: [String: OutputRecord] = [:]
        var diagnostics: [Diagnostic] = []
        /// Each language's block sums, for the next build.
        var blocks: [String: SearchBlocks] = [:]

        mutating func add(_ other: Written) {
            files += other.files
            kept += other.kept
            records.merge(other.records) { first, _ in first }
            diagnostics += other.diagnostics
            blocks.merge(other.blocks) { first, _ in first }
        }
    }

    /// What the shards are made from: each language's corpus and the digest of each of its
    /// blocks' inputs (`SearchIndexBuilder.inputsDigest`), with the builder that made them.
    struct Corpora: Sendable {
        let builder: SearchIndexBuilder
        let languages: [(corpus: SearchCorpus, inputs: [UInt64])]
    }

    /// Each language's corpus (its documents' title and label terms and lengths) and its
    /// blocks' inputs digests; nil when the site builds no index. They need only the item
    /// pages' body terms, so the build makes them while the listings are made.
    /// - Parameter bodyTerms: each page's body terms, by page index (nil for a page that failed).
    func corpora(bodyTerms: [DocumentTerms?], lexicon: TermTable) async -> Corpora? {
        guard site.config.search.enabled else { return nil }
        let builder = SearchIndexBuilder(site: site, now: now, lexicon: lexicon)
        var languages: [(corpus: SearchCorpus, inputs: [UInt64])] = []
        for language in site.languages.map(\.code) {
            let corpus = await builder.corpus(language: language, bodyTerms: bodyTerms)
            let inputs = await ConcurrentMap.map(SearchIndexBuilder.blocks(corpus), chunkSize: 4) {
                builder.inputsDigest(corpus, bodyTerms: bodyTerms, documents: $0)
            }
            languages.append((corpus, inputs))
        }
        return Corpora(builder: builder, languages: languages)
    }

    /// Writes (or keeps) each language's shards and manifest from its corpus (`corpora`);
    /// nothing when the site builds no index.
    /// - Parameter bodyTerms: each page's body terms, by page index (nil for a page that failed).
    func run(_ prepared: Corpora?, bodyTerms: [DocumentTerms?]) async -> Written {
        guard let prepared else { return Written() }
        // One language after the other: each one's work is spread over every core.
        var written = Written()
        for (corpus, inputs) in prepared.languages {
            do {
                written.add(try await writeShards(corpus, inputs: inputs, builder: prepared.builder, bodyTerms: bodyTerms))
                try sink.write(try SearchIndexLayout.manifest(corpus), to: SearchIndexLayout.manifestPath(corpus.language))
                written.files += 1
            } catch {
                written.diagnostics.append(.error("the search index cannot be written: \(error)", path: SearchIndexLayout.folder(corpus.language)))
            }
        }
        return written
    }

    /// Keeps every shard whose signature is unchanged and makes the postings of the others.
    ///
    /// Postings are made in runs of whole blocks on every core, and the shards made from the
    /// runs on every core again. A build with no shard of the previous one to keep (a clean
    /// build) makes the postings in the same pass as the block sums; any other sums only the
    /// blocks whose inputs changed, then makes the postings of the shards whose signatures changed.
    private func writeShards(_ corpus: SearchCorpus, inputs: [UInt64], builder: SearchIndexBuilder,
                             bodyTerms: [DocumentTerms?]) async throws -> Written {
        let blocks = SearchIndexBuilder.blocks(corpus)
        let runs = SearchIndexBuilder.runs(corpus, parts: 2 * WorkerPool.shared.threadCount)
        let fresh = !reuse.hasRecord(SearchIndexLayout.shardPath(corpus.language, 0))
        func index(postingsOf needed: [Bool]?) async -> [SearchIndexBuilder.Run] {
            await ConcurrentMap.map(runs, chunkSize: 1) { documents in
                builder.postings(corpus, bodyTerms: bodyTerms, documents: documents, needed: needed)
            }
        }
        var indexed: [SearchIndexBuilder.Run] = []
        let blockSums: [[UInt64]]
        if fresh {
            indexed = await index(postingsOf: nil)
            blockSums = indexed.flatMap(\.blockSums)
        } else {
            let previous = previousBlocks[corpus.language] ?? SearchBlocks()
            blockSums = await ConcurrentMap.map(Array(blocks.indices), chunkSize: 1) { block in
                previous.sums(ofBlock: block, inputs: inputs[block], shardCount: corpus.shardCount)
                    ?? builder.sums(corpus, bodyTerms: bodyTerms, block: blocks[block])
            }
        }
        let signatures = builder.signatures(corpus, summing: blockSums)
        var written = Written(files: signatures.count)
        written.blocks[corpus.language] = SearchBlocks(blocks: zip(inputs, blockSums).map { SearchBlockSums(inputs: $0, sums: $1) })
        var needed = [Bool](repeating: true, count: signatures.count)
        for (shard, signature) in signatures.enumerated() where !fresh {
            if reuse.keep(SearchIndexLayout.shardPath(corpus.language, shard), signature: signature) {
                needed[shard] = false
                written.kept += 1
            }
        }
        if !fresh, written.kept < signatures.count { indexed = await index(postingsOf: needed) }
        try await write(needed.indices.filter { needed[$0] }, of: corpus, from: indexed.compactMap(\.postings))
        for (shard, signature) in signatures.enumerated() {
            let path = SearchIndexLayout.shardPath(corpus.language, shard)
            if let record = reuse.record(path, signature: signature) { written.records[path] = record }
        }
        return written
    }

    /// Writes the shards from the runs' postings, on every core.
    private func write(_ shards: [Int], of corpus: SearchCorpus, from postings: [ShardedPostings]) async throws {
        let failures = await ConcurrentMap.map(shards, chunkSize: 32) { shard -> String? in
            do {
                try sink.write(ShardedPostings.shardBytes(postings, shard: shard), to: SearchIndexLayout.shardPath(corpus.language, shard))
                return nil
            } catch {
                return "\(error)"
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw SearchIndexError(reason: failure) }
    }

}

/// A shard file could not be written; the reason is the sink's.
struct SearchIndexError: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}
