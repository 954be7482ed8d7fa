/// The terms of a document's title and labels, numbered as in `terms`, with their frequencies.
struct FieldTerms: Sendable {
    var terms = TermTable(capacity: 16)
    var frequencies: [(text: Int, title: Int)] = []
    /// Two bits of 256 for each term, chosen by its length and its first, middle and last bytes
    /// (a Bloom filter): a body term with either bit clear is no field term, which most body
    /// terms are, and is not looked up (`FieldTermsTests` holds the share that passes wrongly
    /// under a tenth for a title and labels of about twenty terms).
    private var filter: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// Every term with its frequencies, in number order (`SearchIndexBuilder.inputsDigest`).
    func combine(into hasher: inout StableHasher) {
        hasher.combine(frequencies.count)
        terms.forEachTerm { number, term in
            hasher.combine(StableHasher.fingerprint(UnsafeRawBufferPointer(term)))
            hasher.combine(frequencies[number].text)
            hasher.combine(frequencies[number].title)
        }
    }

    mutating func add(_ text: String, title: Int, label: Int) {
        var text = text
        text.withUTF8 { utf8 in
            SearchTokenizer.forEachTerm(utf8: utf8) { term in
                let (number, inserted) = terms.insert(term)
                if inserted {
                    frequencies.append((0, 0))
                    let (first, second) = Self.filterBits(term)
                    withUnsafeMutableBytes(of: &filter) { words in
                        func set(_ bit: Int) {
                            let offset = (bit >> 6) * 8
                            words.storeBytes(of: words.load(fromByteOffset: offset, as: UInt64.self) | 1 << UInt64(bit & 63),
                                             toByteOffset: offset, as: UInt64.self)
                        }
                        set(first)
                        set(second)
                    }
                }
                frequencies[number].title += title
                frequencies[number].text += label
            }
        }
    }

    @inline(__always)
    func mayHold(_ term: UnsafeBufferPointer<UInt8>) -> Bool {
        mayHold(filterBits: Self.filterBits(term))
    }

    /// The same for a term whose `filterBits` are known.
    @inline(__always)
    func mayHold(filterBits bits: (Int, Int)) -> Bool {
        let (first, second) = bits
        return withUnsafeBytes(of: filter) { words in
            words.load(fromByteOffset: (first >> 6) * 8, as: UInt64.self) >> UInt64(first & 63)
                & words.load(fromByteOffset: (second >> 6) * 8, as: UInt64.self) >> UInt64(second & 63) & 1 != 0
        }
    }

    /// The number of the title's terms, repeats included.
    var titleLength: Int { frequencies.reduce(0) { $0 + $1.title } }

    /// The term's two bits of the filter: its length and first, middle and last bytes mixed.
    @inline(__always)
    static func filterBits(_ term: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        guard let first = term.first, let last = term.last else { return (0, 1) }
        let key = UInt64(first) | UInt64(last) << 8 | UInt64(term[term.count >> 1]) << 16 | UInt64(term.count) << 24
        let mixed = key &* 0x9E37_79B9_7F4A_7C15
        return (Int(mixed >> 56), Int(mixed >> 48 & 0xFF))
    }
}

/// A document's weights for body terms outside its title and labels, which depend only on
/// how often the term occurs: most occur a few times, so each frequency's weight is worked
/// out once per document.
struct BodyWeights {
    let norm: SearchRanking.Norm
    private var known = [Int](repeating: 0, count: 16)

    init(norm: Double) { self.norm = SearchRanking.Norm(value: norm) }

    @inline(__always)
    mutating func weight(_ frequency: Int) -> Int {
        guard frequency < known.count else { return norm.weight(text: frequency, title: 0) }
        if known[frequency] == 0 { known[frequency] = norm.weight(text: frequency, title: 0) }
        return known[frequency]
    }
}
