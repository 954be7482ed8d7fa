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
                index = Self.zeroByte(in: bytes, from: index)
                let term = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                body(term, Int(truncatingIfNeeded: LEB128.read(bytes, at: &index)))
            }
        }
    }

    /// The index of the first zero byte from `start` on (the end of a term), or the end:
    /// eight bytes at a time, as every posting of every build is read here.
    private static func zeroByte(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        if let base = bytes.baseAddress {
            let (low, high): (UInt64, UInt64) = (0x7F7F_7F7F_7F7F_7F7F, 0x8080_8080_8080_8080)
            while index + 8 <= bytes.count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: index, as: UInt64.self))
                // Bit 7 set in exactly the zero bytes (no addition carries into the next byte).
                let zeros = ~(((word & low) &+ low) | word) & high
                if zeros != 0 { return index + zeros.trailingZeroBitCount >> 3 }
                index += 8
            }
        }
        while index < bytes.count, bytes[index] != 0 { index += 1 }
        return index
    }

    public var counts: [String: Int] {
        var counts: [String: Int] = [:]
        forEach { counts[$0] = $1 }
        return counts
    }
}
