import Synchronization

/// Writes the search index's document chunks (`SearchIndexLayout.chunkPath`) from the item page
/// stage: each page reports its document as the page is rendered or kept, and the report that
/// completes a chunk writes or keeps it. The stage works through each language's pages in
/// date order (`ArticlePageStage.workOrder`) and a chunk holds documents of consecutive dates,
/// so a chunk's texts wait in memory only while its pages are being worked on; the build cache
/// holds a digest of each text, not the text.
///
/// A chunk's signature is a digest of its documents' signatures (`SearchIndexLayout`). A chunk
/// whose documents all came with a text digest, and whose signature is the previous build's,
/// is kept. Otherwise it is written, and the documents whose text is not at hand (kept pages:
/// an older item added or removed renumbered them, or a field their entry shows changed) have
/// their Markdown parsed again for the text alone (`TextMaker`).
///
/// A class: every page's report reaches the one writer, which a struct of its size would be
/// copied for.
final class SearchChunkWriter: Sendable {
    let builder: SearchIndexBuilder
    let sink: any OutputSink
    let reuse: OutputReuse
    /// Every page's date as the theme shows it (`PageContextBuilder.dateTable`), when there is
    /// a theme; kept alone rather than with its builder, which every read would copy.
    let dates: [PageContextBuilder.PageDate]?
    let chunks: [Chunk]
    /// Each page's chunk and slot in it, by page index; nil for a page the index does not hold.
    let places: [Place?]
    private let assembly: Assembly

    struct Chunk: Sendable {
        let language: String
        let path: String
        /// The chunk's documents' pages, in document order.
        let pages: [Int]
    }

    struct Place: Sendable {
        let chunk: Int
        let slot: Int
    }

    /// A page's document as the item page stage has it.
    struct Document: Sendable {
        var extras: PageExtras
        /// `SearchIndexLayout.textDigest` of the body's text; nil when the cache did not keep it.
        var textDigest: UInt64?
        /// The body's text (`SearchFragment`) as UTF-8; nil for a kept page, whose text is not at hand.
        var text: [UInt8]?
    }

    /// What happened to one chunk file.
    struct Outcome: Sendable {
        let path: String
        var kept = false
        /// What the next build needs to know of a file written now.
        var record: OutputRecord?
    }

    /// The text of a page's body made again from its Markdown, with the problems of reading it.
    typealias TextMaker = (_ pageIndex: Int) -> (text: [UInt8], diagnostics: [Diagnostic])

    init(site: Site, now: NewsDate, sink: any OutputSink, reuse: OutputReuse, dates: [PageContextBuilder.PageDate]?) {
        let builder = SearchIndexBuilder(site: site, now: now)
        self.builder = builder
        (self.sink, self.reuse, self.dates) = (sink, reuse, dates)
        var chunks: [Chunk] = []
        var places = [Place?](repeating: nil, count: site.pages.count)
        for language in site.languages.map(\.code) {
            let documents = builder.documents(language: language)
            for (number, start) in stride(from: 0, to: documents.count, by: SearchIndexLayout.documentsPerChunk).enumerated() {
                let pages = Array(documents[start..<min(start + SearchIndexLayout.documentsPerChunk, documents.count)])
                for (slot, page) in pages.enumerated() { places[page] = Place(chunk: chunks.count, slot: slot) }
                chunks.append(Chunk(language: language, path: SearchIndexLayout.chunkPath(language, number), pages: pages))
            }
        }
        (self.chunks, self.places) = (chunks, places)
        assembly = Assembly(chunks: chunks)
    }

    /// Notes a page's document; when it is the last of its chunk, keeps or writes the chunk.
    /// Pages the index does not hold are ignored.
    func report(_ pageIndex: Int, _ document: Document, textOf makeText: TextMaker) {
        guard let place = places[pageIndex], let complete = assembly.add(document, at: place) else { return }
        finish(place.chunk, complete, textOf: makeText)
    }

    /// What happened to every chunk, once every page was reported. A chunk that some page was
    /// never reported for would be missing from the site: the build fails instead.
    func finished() -> (outcomes: [Outcome], diagnostics: [Diagnostic]) {
        var (outcomes, diagnostics, unfinished) = assembly.results()
        outcomes.sort { $0.path < $1.path }
        for chunk in unfinished {
            diagnostics.append(.error("the search index is missing documents of \(chunks[chunk].path) (a fault in Newsdesk: please report it)",
                                      path: SearchIndexLayout.folder(chunks[chunk].language)))
        }
        return (outcomes, diagnostics)
    }

    private func finish(_ chunkIndex: Int, _ reported: [Document], textOf makeText: TextMaker) {
        let chunk = chunks[chunkIndex]
        var documents = reported
        let entries = zip(chunk.pages, documents).map { page, document in entry(page, extras: document.extras) }
        // Known when every document came with its text's digest; only then may the chunk be kept.
        let reportedSignature = documents.allSatisfy { $0.textDigest != nil } ? signature(entries, documents) : nil
        if let reportedSignature, reuse.keep(chunk.path, signature: reportedSignature) {
            return assembly.finished(Outcome(path: chunk.path, kept: true), problems: [])
        }
        var problems: [Diagnostic] = []
        var madeAgain = false
        for slot in documents.indices where documents[slot].text == nil {
            madeAgain = true
            let made = makeText(chunk.pages[slot])
            problems += made.diagnostics
            documents[slot].text = made.text
            documents[slot].textDigest = SearchIndexLayout.textDigest(utf8: made.text)
        }
        let pieces = SearchIndexLayout.chunkPieces(zip(entries, documents).map { entry, document in (entry, document.text) })
        do {
            try sink.write(pieces: pieces, to: chunk.path)
        } catch {
            problems.append(.error("the search index cannot be written: \(error)", path: SearchIndexLayout.folder(chunk.language)))
            return assembly.finished(nil, problems: problems)
        }
        // The signature of what was written: texts made again are hashed again.
        let written = (madeAgain ? nil : reportedSignature) ?? signature(entries, documents)
        let record = reuse.record(chunk.path, signature: written)
        assembly.finished(Outcome(path: chunk.path, record: record), problems: problems)
    }

    /// Every document's text digest must be known.
    private func signature(_ entries: [SearchResultEntry], _ documents: [Document]) -> UInt64 {
        SearchIndexLayout.chunkSignature(zip(entries, documents).map { entry, document in
            SearchIndexLayout.documentSignature(entry, textDigest: document.textDigest ?? 0)
        })
    }

    private func entry(_ pageIndex: Int, extras: PageExtras) -> SearchResultEntry {
        builder.entry(pageIndex, extras: extras, date: shownDate(pageIndex))
    }

    private func shownDate(_ pageIndex: Int) -> ShownDate {
        if let dates { return dates[pageIndex].shown }
        let site = builder.site
        let item = site.pages[pageIndex].item
        return DateDisplay(pattern: site.language(item.language)?.dateFormat, words: [:], timeZone: site.config.timeZone).shown(item.date)
    }
}

extension SearchChunkWriter {
    /// The documents reported so far, chunk by chunk, shared by the page stage's tasks.
    private final class Assembly: Sendable {
        private struct State {
            var documents: [[Document?]]
            var missing: [Int]
            var outcomes: [Outcome] = []
            var problems: [Diagnostic] = []
        }

        private let state: Mutex<State>

        init(chunks: [Chunk]) {
            state = Mutex(State(documents: chunks.map { [Document?](repeating: nil, count: $0.pages.count) },
                                missing: chunks.map(\.pages.count)))
        }

        /// The chunk's documents when `document` was the last one missing; they are let go here.
        func add(_ document: Document, at place: Place) -> [Document]? {
            state.withLock { state in
                guard state.documents[place.chunk][place.slot] == nil else { return nil }
                state.documents[place.chunk][place.slot] = document
                state.missing[place.chunk] -= 1
                guard state.missing[place.chunk] == 0 else { return nil }
                defer { state.documents[place.chunk] = [] }
                return state.documents[place.chunk].compactMap { $0 }
            }
        }

        func finished(_ outcome: Outcome?, problems: [Diagnostic]) {
            state.withLock { state in
                if let outcome { state.outcomes.append(outcome) }
                state.problems += problems
            }
        }

        func results() -> (outcomes: [Outcome], problems: [Diagnostic], unfinished: [Int]) {
            state.withLock { state in
                (state.outcomes, state.problems, state.missing.indices.filter { state.missing[$0] > 0 })
            }
        }
    }
}
