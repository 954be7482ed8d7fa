import Foundation

/// One language's indexed documents and the length their weights are normalized by: what
/// every shard and document chunk of its index is made from, with the items' body terms.
struct SearchCorpus: Sendable {
    let language: String
    /// Page indices by document number, oldest first.
    let pages: [Int]
    /// Each document's length in terms (body and title), by document number.
    let lengths: [Int]
    /// The terms of each document's title and labels, by document number: made once, read by
    /// every pass over the postings.
    let fields: [FieldTerms]
    let referenceLength: Int
    /// The number of term shards (`SearchIndexLayout.shardCount`).
    var shardCount: Int { SearchIndexLayout.shardCount(documents: pages.count) }
}

/// Makes the index of one language from the site graph and what rendering learned of each
/// page: its postings shard by shard, so that a build makes only the shards whose contents
/// changed (`signatures`), and its result entries.
struct SearchIndexBuilder: Sendable {
    let site: Site
    /// Items at or after this instant are not published yet, even when the build shows them.
    let now: NewsDate
    /// The build's lexicon, which body terms are numbered in (`SharedLexicon`).
    let lexicon: TermTable
    /// Each lexicon term's fingerprint, by number: what digests of body terms are made of, so
    /// that they do not depend on how a build's lineage numbered the terms.
    let termFingerprints: [UInt64]
    /// Each lexicon term's two bits of a title's filter (`FieldTerms.filterBits`), by number:
    /// every posting of a body term asks its document's filter.
    let termFilterBits: [(UInt8, UInt8)]

    init(site: Site, now: NewsDate, lexicon: TermTable = TermTable()) {
        (self.site, self.now, self.lexicon) = (site, now, lexicon)
        var fingerprints: [UInt64] = []
        var filterBits: [(UInt8, UInt8)] = []
        fingerprints.reserveCapacity(lexicon.count)
        filterBits.reserveCapacity(lexicon.count)
        lexicon.forEachTerm { _, term in
            fingerprints.append(StableHasher.fingerprint(UnsafeRawBufferPointer(term)))
            let (first, second) = FieldTerms.filterBits(term)
            filterBits.append((UInt8(first), UInt8(second)))
        }
        termFingerprints = fingerprints
        termFilterBits = filterBits
    }

    /// A page the index may hold: published in the output, no draft, not in the future.
    func isIndexed(_ pageIndex: Int) -> Bool {
        let item = site.pages[pageIndex].item
        return !item.isDraft && item.date <= now
    }

    /// The language's indexed pages, oldest first: document numbers.
    func documents(language: String) -> [Int] {
        (site.language(language)?.pages ?? []).reversed().filter(isIndexed)
    }

    /// - Parameter bodyTerms: each page's body terms, by page index (nil for a page that failed).
    func corpus(language: String, bodyTerms: [DocumentTerms?]) async -> SearchCorpus {
        let pages = documents(language: language)
        let fields = await ConcurrentMap.map(pages, chunkSize: 256) { fieldFrequencies($0) }
        let lengths = zip(pages, fields).map { page, fields in (bodyTerms[page]?.length ?? 0) + fields.titleLength }
        return SearchCorpus(language: language, pages: pages, lengths: lengths, fields: fields,
                            referenceLength: SearchRanking.referenceLength(averageOf: lengths))
    }

    /// Every posting of the corpus's `documents`, document by document in ascending order: the
    /// term's number in the lexicon (-1 for a title or label term the document's body does not
    /// hold, which may be in no lexicon), its UTF-8 bytes (valid during the call) and its weight.
    /// With `keeping`, only the postings of the terms it keeps. The body's terms are read in
    /// place, their bytes through the lexicon; the few of the title and labels are merged in.
    func forEachPosting(_ corpus: SearchCorpus, bodyTerms: [DocumentTerms?], documents: Range<Int>,
                        keeping keeps: ((_ term: UnsafeBufferPointer<UInt8>) -> Bool)? = nil,
                        _ body: (_ document: Int, _ number: Int, _ term: UnsafeBufferPointer<UInt8>, _ weight: Int) -> Void) {
        lexicon.withStorage { arena, bounds in termFilterBits.withUnsafeBufferPointer { filterBits in
            for document in documents {
                let pageIndex = corpus.pages[document]
                var weights = BodyWeights(norm: SearchRanking.norm(length: corpus.lengths[document], referenceLength: corpus.referenceLength))
                let fields = corpus.fields[document]
                var merged = [Bool](repeating: false, count: fields.frequencies.count)
                bodyTerms[pageIndex]?.forEachNumber { number, count in
                    let term = UnsafeBufferPointer(rebasing: arena[bounds[number]..<bounds[number + 1]])
                    // A field term left out is not needed either, merged or not.
                    if let keeps, !keeps(term) { return }
                    let bits = filterBits[number]
                    if fields.mayHold(filterBits: (Int(bits.0), Int(bits.1))), let field = fields.terms.find(term) {
                        merged[field] = true
                        let frequency = fields.frequencies[field]
                        body(document, number, term, weights.norm.weight(text: count + frequency.text, title: frequency.title))
                    } else {
                        body(document, number, term, weights.weight(count))
                    }
                }
                for field in fields.frequencies.indices where !merged[field] {
                    fields.terms.withTerm(field) { term in
                        if let keeps, !keeps(term) { return }
                        let frequency = fields.frequencies[field]
                        body(document, -1, term, weights.norm.weight(text: frequency.text, title: frequency.title))
                    }
                }
            }
        } }
    }

    /// What the index holds of a run of consecutive documents: each shard's sum of posting
    /// digests (`signatures(summing:)`), and, when made, the postings.
    struct Run: Sendable {
        /// Each shard's sum, block by block (`blockLength`) of the run's documents.
        var blockSums: [[UInt64]]
        var postings: ShardedPostings?
    }

    /// Documents are indexed in blocks of this many consecutive ones, the same on every
    /// machine: a block whose inputs did not change keeps the sums the previous build made of
    /// it (`SearchBlockSums`), so a one-item edit sums the postings of one block.
    static let blockLength = 256

    /// The corpus's blocks (`blockLength`) in document order.
    static func blocks(_ corpus: SearchCorpus) -> [Range<Int>] {
        stride(from: 0, to: corpus.pages.count, by: blockLength).map { $0..<min($0 + blockLength, corpus.pages.count) }
    }

    /// The documents of the corpus's blocks in at most `parts` runs of whole blocks, as even as
    /// can be: postings are made a run at a time, and fewer runs hold fewer copies of the terms.
    static func runs(_ corpus: SearchCorpus, parts: Int) -> [Range<Int>] {
        let blocks = blocks(corpus)
        let parts = max(1, min(parts, blocks.count))
        return (0..<parts).compactMap { part in
            let first = blocks.count * part / parts
            let last = blocks.count * (part + 1) / parts
            return first < last ? blocks[first].lowerBound..<blocks[last - 1].upperBound : nil
        }
    }

    /// A digest of everything `forEachPosting` reads for `documents`, and so of the postings it
    /// hands out: the shard count, the reference length, and each document's number, length,
    /// title and label terms and body terms. Whatever `forEachPosting` comes to read must be
    /// part of it, or an unchanged digest would keep sums that changed.
    ///
    /// Body terms are digested as they are stored, by their numbers in the lexicon: it is kept
    /// in the build cache with the block sums and each build's starts from it and only grows
    /// (`SharedLexicon`), so a number means the same term for every build that reads these
    /// digests. A build without the cache numbers terms afresh and has no sums to keep.
    func inputsDigest(_ corpus: SearchCorpus, bodyTerms: [DocumentTerms?], documents: Range<Int>) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(corpus.shardCount)
        hasher.combine(corpus.referenceLength)
        for document in documents {
            hasher.combine(document)
            hasher.combine(corpus.lengths[document])
            corpus.fields[document].combine(into: &hasher)
            let terms = bodyTerms[corpus.pages[document]]
            hasher.combine(terms != nil)
            if let terms {
                hasher.combine(terms.length)
                hasher.combine(StableHasher.wideFingerprint(terms.encoded))
            }
        }
        return hasher.value
    }

    /// The sums of one block's postings, for deciding which shards to make.
    func sums(_ corpus: SearchCorpus, bodyTerms: [DocumentTerms?], block: Range<Int>) -> [UInt64] {
        var sums = [UInt64](repeating: 0, count: corpus.shardCount)
        forEachPosting(corpus, bodyTerms: bodyTerms, documents: block) { document, number, term, weight in
            let shard = SearchIndexLayout.shard(ofUTF8: term, count: corpus.shardCount)
            sums[shard] &+= Self.digest(fingerprint(number: number, term: term), document: document, weight: weight)
        }
        return sums
    }

    /// The postings of a run of whole blocks (`runs`) in the shards marked in `needed` (every
    /// shard when nil), with the sums of those shards block by block. A term's shard and
    /// fingerprint are worked out once, when the run first meets it.
    func postings(_ corpus: SearchCorpus, bodyTerms: [DocumentTerms?], documents: Range<Int>, needed: [Bool]?) -> Run {
        let firstBlock = documents.lowerBound / Self.blockLength
        let blockCount = (documents.count + Self.blockLength - 1) / Self.blockLength
        let shardCount = corpus.shardCount
        // Block by block, each block's shards side by side: one array to change per posting.
        var sums = [UInt64](repeating: 0, count: blockCount * shardCount)
        var postings = ShardedPostings(shardCount: shardCount)
        // Each term's shard and fingerprint, by its number in `postings`.
        var placed: [(shard: Int, fingerprint: UInt64)] = []
        let keeps = needed.map { needed in
            { (term: UnsafeBufferPointer<UInt8>) in needed[SearchIndexLayout.shard(ofUTF8: term, count: shardCount)] }
        }
        // Each lexicon term's number in this run's postings (-1: not met yet).
        var runNumbers = [Int32](repeating: -1, count: lexicon.count)
        sums.withUnsafeMutableBufferPointer { sums in
            forEachPosting(corpus, bodyTerms: bodyTerms, documents: documents, keeping: keeps) { document, global, term, weight in
                let number: Int
                let inserted: Bool
                if global >= 0, runNumbers[global] >= 0 {
                    (number, inserted) = (Int(runNumbers[global]), false)
                } else {
                    (number, inserted) = postings.number(of: term)
                    if global >= 0 { runNumbers[global] = Int32(number) }
                }
                if inserted {
                    placed.append((SearchIndexLayout.shard(ofUTF8: term, count: shardCount), fingerprint(number: global, term: term)))
                }
                let (shard, fingerprint) = placed[number]
                postings.append(number, shard: shard, document: document, weight: weight)
                sums[(document / Self.blockLength - firstBlock) * shardCount + shard] &+= Self.digest(fingerprint, document: document, weight: weight)
            }
        }
        let blockSums = (0..<blockCount).map { Array(sums[($0 * shardCount)..<(($0 + 1) * shardCount)]) }
        return Run(blockSums: blockSums, postings: postings)
    }

    /// The fingerprint of a posting's term: the lexicon's, or, for a title or label term no
    /// body holds (`number` -1), made from its bytes.
    private func fingerprint(number: Int, term: UnsafeBufferPointer<UInt8>) -> UInt64 {
        number >= 0 ? termFingerprints[number] : StableHasher.fingerprint(UnsafeRawBufferPointer(term))
    }

    /// A posting's part of its shard's sum: its term's fingerprint, document and weight mixed.
    /// Sums of these stand for sets of postings (`signatures`), so each posting's must differ:
    /// document numbers and weights (a few thousand at most) each fit in 32 bits, so one term's
    /// postings mix distinct inputs, and the mix is a bijection. Postings of two terms mix the
    /// same input only if their fingerprints differ by exactly the difference (exclusive or)
    /// of their documents and weights: as unlikely as for any 64-bit digest of the two. One
    /// mix per posting; every posting of the index passes here.
    private static func digest(_ termFingerprint: UInt64, document: Int, weight: Int) -> UInt64 {
        StableHasher.mix(termFingerprint ^ (UInt64(truncatingIfNeeded: document) << 32 ^ UInt64(truncatingIfNeeded: weight)))
    }

    /// Each shard's signature from the sums of blocks covering every document: a digest of the
    /// set of postings the shard holds, summed posting by posting, so that runs add up in any
    /// grouping. A shard's bytes are a function of that set alone (`SearchIndexLayout`), so an
    /// equal signature stands for equal bytes, and an edit changes the signatures of exactly
    /// the shards holding a term whose postings it changed.
    func signatures(_ corpus: SearchCorpus, summing blockSums: [[UInt64]]) -> [UInt64] {
        var totals = [UInt64](repeating: 0, count: corpus.shardCount)
        for sums in blockSums {
            for shard in totals.indices { totals[shard] &+= sums[shard] }
        }
        return totals.map { total in
            var hasher = StableHasher()
            hasher.combine(SearchIndexLayout.format)
            hasher.combine(SearchIndexLayout.keyLength)
            hasher.combine(corpus.shardCount)
            hasher.combine(total)
            return hasher.value
        }
    }

    /// The frequency of each term of the page's title, and of its tags, section, written
    /// summary and year (which count `labelBoost` times as text).
    func fieldFrequencies(_ pageIndex: Int) -> FieldTerms {
        let page = site.pages[pageIndex]
        let item = page.item
        var fields = FieldTerms()
        fields.add(item.title, title: 1, label: 0)
        var labels = page.tags.map { site.tags[$0].name }
        labels.append(site.sections[page.section].title)
        if let summary = item.frontMatter.summary { labels.append(summary) }
        labels.append(String(item.date.components(in: site.config.timeZone).year))
        for label in labels { fields.add(label, title: 0, label: SearchRanking.labelBoost) }
        return fields
    }

    /// What a result shows of the page (its text aside).
    /// - Parameters:
    ///   - extras: what rendering learned of the page (summary, thumbnail);
    ///   - date: its date as the theme shows it.
    func entry(_ pageIndex: Int, extras: PageExtras, date: ShownDate) -> SearchResultEntry {
        let page = site.pages[pageIndex]
        let item = page.item
        return SearchResultEntry(url: site.urls.href(page.sitePath), title: item.title, date: date.display, datetime: date.iso,
                                 section: site.sections[page.section].title, summary: item.frontMatter.summary ?? extras.summary,
                                 image: extras.thumbnail?.url, alt: extras.thumbnail.map(\.alt))
    }
}
