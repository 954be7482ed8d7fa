import Foundation

/// One language's search index as values: what `SearchIndexLayout` writes as files.
///
/// Documents are numbered oldest first (date, then the listing order), so that publishing a
/// new item appends a number and an edit keeps every number: shards and chunks of items that
/// did not change keep their bytes. Ties in ranking go to the higher number, the newer item.
public struct SearchIndex: Sendable, Equatable {
    public var language: String
    /// By document number.
    public var documents: [SearchResultEntry]
    /// Term → its postings in ascending document order.
    public var postings: [String: PostingList]
    /// The length weights are normalized by (`SearchRanking.referenceLength`).
    public var referenceLength: Int

    public struct Posting: Sendable, Equatable {
        public var document: Int
        public var weight: Int
    }
}

/// A term's postings, each a document number and its `SearchRanking.weight` for the term, kept
/// in the form the shard files hold them: `difference,weight` pairs separated by commas, the
/// difference from the previous document number. Millions of postings are made per build;
/// as text they take about six bytes each and are written out as they are.
public struct PostingList: Sendable, Equatable {
    public private(set) var encoded: [UInt8] = []
    public private(set) var count = 0
    private var lastDocument = 0

    /// `document` must be greater than the last one appended.
    mutating func append(document: Int, weight: Int) {
        if count > 0 { encoded.append(UInt8(ascii: ",")) }
        Self.appendDecimal(document - lastDocument, to: &encoded)
        encoded.append(UInt8(ascii: ","))
        Self.appendDecimal(weight, to: &encoded)
        lastDocument = document
        count += 1
    }

    /// The postings read back.
    public var postings: [SearchIndex.Posting] {
        let numbers = encoded.split(separator: UInt8(ascii: ",")).map { Int(String(decoding: $0, as: UTF8.self)) ?? 0 }
        var document = 0
        return stride(from: 0, to: numbers.count - 1, by: 2).map { index in
            document += numbers[index]
            return SearchIndex.Posting(document: document, weight: numbers[index + 1])
        }
    }

    /// Digits straight into the buffer, without a string for each number.
    private static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}

/// What a result shows and the document's text: each document's file holds one, as JSON.
public struct SearchResultEntry: Sendable, Equatable, Codable {
    public var url: String
    public var title: String
    /// As the theme shows dates in this language, and as `<time datetime>` wants it.
    public var date: String
    public var datetime: String
    public var section: String
    public var summary: String
    public var image: String?
    public var alt: String?
    /// The body's plain text (`SearchFragment`), for phrases and snippets.
    public var text: String?
}

/// The BM25-style weight of a term in a document, computed at build time so that a query needs
/// only postings and the number of documents holding each term (its length): the client
/// multiplies each weight by the term's inverse document frequency and adds them up.
///
/// Two fields, each saturating on its own (as BM25F does): the text (body, plus tags, the
/// section, a written summary and the year, which count `labelBoost` times), normalized by
/// length; and the title, which adds up to `titleWeight` × the text's factor for one
/// occurrence, so that a title match outranks a body that merely repeats the word. Lengths are
/// normalized by a reference length per language, the average document length rounded to a
/// power of two rather than the exact average, which moves with every edit and would change
/// every posting of the index; and a document's own length counts in steps of about a fifth
/// (`steppedLength`), so that correcting a sentence leaves the weights of the document's other
/// terms, and the shards holding them, as they were.
public enum SearchRanking {
    public static let k1 = 1.2
    public static let b = 0.75
    public static let titleWeight = 2.0
    public static let labelBoost = 2
    /// Weights are stored as integers: `scale` × the factors, at least 1.
    public static let scale = 100.0

    public static func weight(frequency: Int, titleFrequency: Int = 0, length: Int, referenceLength: Int) -> Int {
        weight(frequency: frequency, titleFrequency: titleFrequency, norm: norm(length: length, referenceLength: referenceLength))
    }

    /// BM25's length factor of a document, made once per document rather than per term.
    public static func norm(length: Int, referenceLength: Int) -> Double {
        1 - b + b * steppedLength(length) / Double(max(referenceLength, 1))
    }

    public static func weight(frequency: Int, titleFrequency: Int, norm: Double) -> Int {
        let tf = Double(frequency)
        let text = tf * (k1 + 1) / (tf + k1 * norm)
        let inTitle = Double(titleFrequency)
        let title = titleWeight * inTitle * (k1 + 1) / (inTitle + k1)
        return max(1, Int((scale * (text + title)).rounded()))
    }

    /// `length` rounded to a power of 2^(1/4): 100 and 110 count the same, 100 and 125 do not.
    public static func steppedLength(_ length: Int) -> Double {
        exp2((4 * log2(Double(max(length, 1)))).rounded() / 4)
    }

    public static func referenceLength(averageOf lengths: [Int]) -> Int {
        guard !lengths.isEmpty else { return 16 }
        let average = Double(lengths.reduce(0, +)) / Double(lengths.count)
        return 1 << Int(log2(max(average, 16)).rounded())
    }
}

/// Makes the index of one language from the site graph and what rendering learned of each page.
struct SearchIndexBuilder: Sendable {
    let site: Site
    /// Items at or after this instant are not published yet, even when the build shows them.
    let now: NewsDate

    /// A page the index may hold: published in the output, no draft, not in the future.
    func isIndexed(_ pageIndex: Int) -> Bool {
        let item = site.pages[pageIndex].item
        return !item.isDraft && item.date <= now
    }

    /// The language's indexed pages, oldest first: document numbers.
    func documents(language: String) -> [Int] {
        (site.language(language)?.pages ?? []).reversed().filter(isIndexed)
    }

    /// - Parameters:
    ///   - extras: what rendering learned of each page (summary, thumbnail), by page index;
    ///   - bodyTerms: each page's body terms, by page index;
    ///   - shownDate: a page's date as the theme shows it.
    func index(language: String, extras: [PageExtras], bodyTerms: [DocumentTerms?], shownDate: (Int) -> ShownDate) -> SearchIndex {
        let pages = documents(language: language)
        // Lengths first: weights need the reference length, and the frequencies of one page at
        // a time are then turned into postings instead of all being held at once.
        let lengths = pages.map { (bodyTerms[$0]?.length ?? 0) + SearchTokenizer.terms(site.pages[$0].item.title).count }
        let referenceLength = SearchRanking.referenceLength(averageOf: lengths)
        var terms = TermTable(capacity: 1 << 16)
        var lists: [PostingList] = []
        var entries: [SearchResultEntry] = []
        entries.reserveCapacity(pages.count)
        for (document, pageIndex) in pages.enumerated() {
            let norm = SearchRanking.norm(length: lengths[document], referenceLength: referenceLength)
            func add(_ term: UnsafeBufferPointer<UInt8>, _ text: Int, _ title: Int) {
                let weight = SearchRanking.weight(frequency: text, titleFrequency: title, norm: norm)
                let (number, inserted) = terms.insert(term)
                if inserted { lists.append(PostingList()) }
                lists[number].append(document: document, weight: weight)
            }
            // The body's terms are read in place; the few of the title and labels are merged in.
            let fields = fieldFrequencies(pageIndex)
            var merged = [Bool](repeating: false, count: fields.frequencies.count)
            bodyTerms[pageIndex]?.forEachTerm { term, count in
                guard let field = fields.terms.find(term) else { return add(term, count, 0) }
                merged[field] = true
                add(term, count + fields.frequencies[field].text, fields.frequencies[field].title)
            }
            for field in fields.frequencies.indices where !merged[field] {
                fields.terms.withTerm(field) { add($0, fields.frequencies[field].text, fields.frequencies[field].title) }
            }
            entries.append(entry(pageIndex, extras: extras[pageIndex], date: shownDate(pageIndex)))
        }
        var postings: [String: PostingList] = [:]
        postings.reserveCapacity(lists.count)
        for number in lists.indices { postings[terms.term(number)] = lists[number] }
        return SearchIndex(language: language, documents: entries, postings: postings, referenceLength: referenceLength)
    }

    /// The frequency of each term of the page's title, and of its tags, section, written
    /// summary and year (which count `labelBoost` times as text), numbered as in `terms`.
    func fieldFrequencies(_ pageIndex: Int) -> (terms: TermTable, frequencies: [(text: Int, title: Int)]) {
        let page = site.pages[pageIndex]
        let item = page.item
        var terms = TermTable(capacity: 32)
        var frequencies: [(text: Int, title: Int)] = []
        func add(_ text: String, title: Int, label: Int) {
            var text = text
            text.withUTF8 { utf8 in
                SearchTokenizer.forEachTerm(utf8: utf8) { term in
                    let (number, inserted) = terms.insert(term)
                    if inserted { frequencies.append((0, 0)) }
                    frequencies[number].title += title
                    frequencies[number].text += label
                }
            }
        }
        add(item.title, title: 1, label: 0)
        var labels = page.tags.map { site.tags[$0].name }
        labels.append(site.sections[page.section].title)
        if let summary = item.frontMatter.summary { labels.append(summary) }
        labels.append(String(item.date.components(in: site.config.timeZone).year))
        for label in labels { add(label, title: 0, label: SearchRanking.labelBoost) }
        return (terms, frequencies)
    }

    func entry(_ pageIndex: Int, extras: PageExtras, date: ShownDate) -> SearchResultEntry {
        let page = site.pages[pageIndex]
        let item = page.item
        return SearchResultEntry(url: site.urls.href(page.sitePath), title: item.title, date: date.display, datetime: date.iso,
                                 section: site.sections[page.section].title, summary: item.frontMatter.summary ?? extras.summary,
                                 image: extras.thumbnail?.url, alt: extras.thumbnail.map(\.alt))
    }
}
