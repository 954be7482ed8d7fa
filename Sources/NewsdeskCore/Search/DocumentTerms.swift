/// The terms of one text with how often each occurs, in no particular order: what the index
/// needs of an item's body (postings are made per document, so the order of one document's
/// terms never reaches the output). The build cache keeps it with the item's Markdown facts, so
/// that a rebuild indexes a kept page without reading its file again.
///
/// Stored as one byte string (each term's number in the build's lexicon, `SharedLexicon`, then
/// its count, both LEB128 varints) rather than as a dictionary: 10,000 bodies hold millions of
/// term occurrences, and one buffer per body keeps them a few kilobytes each (two or three
/// bytes a term) with no object per term. The terms' bytes are read through the lexicon
/// (`BuildCache.searchLexicon` keeps it with the facts).
public struct DocumentTerms: Sendable, Hashable {
    /// Terms counted, repeats included: the length BM25 normalizes by.
    public private(set) var length: Int
    public private(set) var encoded: [UInt8]

    public init() {
        length = 0
        encoded = []
    }

    init(length: Int, encoded: [UInt8]) {
        self.length = length
        self.encoded = encoded
    }

    /// Counts the terms of one text after another, each fed piece by piece (the text nodes of
    /// a Markdown body) and taken when it ends (`take`). One counter serves many texts: what it
    /// learns of a word's spelling the first time (its term) serves every later text
    /// (`TermCounter`), so a task counting many bodies keeps one.
    public struct Counter: Sendable {
        private var counter: TermCounter

        /// A counter numbering terms in a lexicon of its own (`lexicon`).
        public init() { counter = TermCounter(lexicon: SharedLexicon()) }

        /// A counter numbering terms in the build's lexicon, shared with the build's other counters.
        init(lexicon: SharedLexicon) { counter = TermCounter(lexicon: lexicon) }

        /// The terms numbered so far, for reading what `take` returned.
        var lexicon: TermTable { counter.lexicon.snapshot() }

        public mutating func add(_ text: String) {
            var text = text
            text.withUTF8 { add(utf8: $0) }
        }

        /// The same for UTF-8 bytes (a cmark text node's literal).
        public mutating func add(utf8 bytes: UnsafeBufferPointer<UInt8>) {
            SearchTokenizer.scan(utf8: bytes, into: &counter)
        }

        /// The terms of the text fed since the last `take`, which the counter then forgets.
        public mutating func take() -> DocumentTerms { counter.take() }

        /// How many distinct terms the counter has learned (`TermCounter.vocabularyLimit`).
        var vocabularySize: Int { counter.vocabularySize }
    }

    /// Each term's number in the lexicon it was counted in, with its count.
    func forEachNumber(_ body: (_ number: Int, _ count: Int) -> Void) {
        encoded.withUnsafeBufferPointer { bytes in
            var index = 0
            while index < bytes.count {
                let number = Int(truncatingIfNeeded: LEB128.read(bytes, at: &index))
                body(number, Int(truncatingIfNeeded: LEB128.read(bytes, at: &index)))
            }
        }
    }

    /// Each term with its count, read through the lexicon it was counted in.
    func counts(in lexicon: TermTable) -> [String: Int] {
        var counts: [String: Int] = [:]
        forEachNumber { number, count in counts[lexicon.term(number)] = count }
        return counts
    }
}
