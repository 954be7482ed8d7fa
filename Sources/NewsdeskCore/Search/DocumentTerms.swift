/// The terms of one text with how often each occurs, in no particular order: what the index
/// needs of an item's body (postings are made per document, so the order of one document's
/// terms never reaches the output). The build cache keeps it with the item's Markdown facts, so that a rebuild
/// indexes a kept page without reading its file again.
///
/// Stored as one byte string (each term's UTF-8, a zero byte, its count as a LEB128 varint)
/// rather than as a dictionary: 10,000 bodies hold millions of term occurrences, and one
/// buffer per body keeps them a few kilobytes each with no object per term.
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

    /// The terms of `text` (`SearchTokenizer`).
    public init(_ text: String) {
        var counter = Counter()
        counter.add(text)
        self = counter.take()
    }

    /// Counts the terms of one text after another, each fed piece by piece (the text nodes of
    /// a Markdown body) and taken when it ends (`take`). One counter serves many texts: what it
    /// learns of a word's spelling the first time (its term) serves every later text
    /// (`TermCounter`), so a task counting many bodies keeps one.
    public struct Counter: Sendable {
        private var counter = TermCounter()

        public init() {}

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

    /// Each term with its count.
    public func forEach(_ body: (_ term: String, _ count: Int) -> Void) {
        forEachTerm { term, count in body(String(decoding: term, as: UTF8.self), count) }
    }

    /// Each term's UTF-8 bytes (valid during the call) with its count.
    func forEachTerm(_ body: (_ term: UnsafeBufferPointer<UInt8>, _ count: Int) -> Void) {
        encoded.withUnsafeBufferPointer { bytes in
            var index = 0
            while index < bytes.count {
                let start = index
                // Eight bytes at a time: every posting of every build is read here.
                index = ByteWord.firstMarked(in: bytes, from: index, to: bytes.count, marks: ByteWord.zeroBytes) { $0 == 0 }
                let term = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                body(term, Int(truncatingIfNeeded: LEB128.read(bytes, at: &index)))
            }
        }
    }

    public var counts: [String: Int] {
        var counts: [String: Int] = [:]
        forEach { counts[$0] = $1 }
        return counts
    }
}
