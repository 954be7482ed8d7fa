/// Counts the terms of one body after another (`DocumentTerms.Counter`), remembering what it
/// learned of words from one body to the next.
///
/// Every term met is numbered once in `terms`, and every ASCII word spelling once in
/// `shortSpellings` (eight bytes or fewer), `mediumSpellings` (sixteen or fewer; both known by
/// one comparison of integers) or `longSpellings`, with the number of its term: a word is
/// lower-cased and stemmed the first time its spelling is met only, and a body's words are
/// counted by number in an array rather than looked up in a table of their own. CJK characters
/// and pairs (eight bytes or fewer, none ASCII) are known by their bytes in `shortSpellings`
/// too. Bodies of one site share most of their words. A term new to the counter is numbered in
/// the build's lexicon too (`SharedLexicon`), once, and a body's terms are taken as those
/// numbers.
///
/// Memory grows with the distinct terms and spellings met, not with the bodies counted; a
/// counter that has met more than `vocabularyLimit` terms (Chinese text makes many: every pair
/// of neighbouring characters is one) starts afresh after the body that took it past, so that
/// a task's counter stays under about ten megabytes whatever the archive.
struct TermCounter: SearchTokenizer.TermSink {
    // The tables start small, so that a counter for a few words costs little; they grow by
    // doubling.
    /// Every term met so far, numbered in the order first met.
    private var terms = TermTable(capacity: 64)
    private var shortSpellings = ShortSpellings(capacity: 64)
    private var mediumSpellings = MediumSpellings(capacity: 64)
    /// Longer spellings, numbered, and each one's term number by spelling number.
    private var longSpellings = TermTable(capacity: 16)
    private var longTerms: [Int32] = []
    /// Each term's number in the build's lexicon, by its number here.
    private var lexiconNumbers: [Int32] = []
    let lexicon: SharedLexicon

    /// The body being counted: `tally[n].count` is term n's count (zero for a term it does
    /// not hold), and `tally[k].firstMet` the number of the k-th distinct term met, for k below
    /// `distinct`. One array with one entry per term and a spare, so that counting an
    /// occurrence changes one array and records a first occurrence without a branch (every
    /// occurrence writes its number at `distinct`, which moves on only when the count was zero:
    /// half of a body's words are first occurrences, a branch no predictor guesses).
    private var tally: [Tally] = [Tally()]
    private var distinct = 0
    /// Every occurrence counted in the body, repeats included.
    private var total = 0
    /// Where `take` writes a body's terms before copying them out.
    private var encodingRoom: [UInt8] = []

    private struct Tally {
        var count: Int32 = 0
        var firstMet: Int32 = 0
    }

    /// How many terms a counter learns before it starts afresh: far more than the words of an
    /// English archive, so that only a large vocabulary of CJK pairs reaches it.
    static let vocabularyLimit = 1 << 17

    init(lexicon: SharedLexicon) { self.lexicon = lexicon }

    /// How many distinct terms the counter has learned.
    var vocabularySize: Int { terms.count }

    mutating func add(_ term: UnsafeBufferPointer<UInt8>) {
        count(number(ofTerm: term))
    }

    mutating func add(asciiWord word: UnsafeBufferPointer<UInt8>, packed: UInt128, scratch: UnsafeMutableBufferPointer<UInt8>) {
        if word.count <= 8 {
            let short = UInt64(truncatingIfNeeded: packed)
            let (found, slot) = shortSpellings.find(short)
            if let found { return count(found) }
            let term = number(ofTerm: SearchTokenizer.asciiTerm(of: word, scratch: scratch))
            shortSpellings.insert(short, entry: term, at: slot)
            count(term)
        } else if word.count <= 16 {
            let (found, slot) = mediumSpellings.find(packed)
            if let found { return count(found) }
            let term = number(ofTerm: SearchTokenizer.asciiTerm(of: word, scratch: scratch))
            mediumSpellings.insert(packed, entry: term, at: slot)
            count(term)
        } else {
            let (spelling, inserted) = longSpellings.insert(word)
            if inserted { longTerms.append(Int32(number(ofTerm: SearchTokenizer.asciiTerm(of: word, scratch: scratch)))) }
            count(Int(longTerms[spelling]))
        }
    }

    mutating func add(cjk term: UnsafeBufferPointer<UInt8>, packed: UInt64) {
        let (found, slot) = shortSpellings.find(packed)
        if let found { return count(found) }
        let number = number(ofTerm: term)
        shortSpellings.insert(packed, entry: number, at: slot)
        count(number)
    }

    /// The body's terms (`DocumentTerms.encoded`: each term's number in the build's lexicon
    /// and its count, as LEB128 varints, in the order first met); the counter is then ready for
    /// the next body.
    mutating func take() -> DocumentTerms {
        // Written in place into room for two varints of 32-bit numbers a term, kept from body
        // to body, then copied at their length: every body's terms stay in memory to the end.
        let room = distinct * 2 * LEB128.maximumLength32
        if encodingRoom.count < room { encodingRoom = [UInt8](repeating: 0, count: max(room, 2 * encodingRoom.count)) }
        let encoded = encodingRoom.withUnsafeMutableBufferPointer { buffer in
            var position = 0
            for index in 0..<distinct {
                let number = Int(tally[index].firstMet)
                LEB128.write(UInt32(lexiconNumbers[number]), into: buffer, at: &position)
                LEB128.write(UInt32(tally[number].count), into: buffer, at: &position)
            }
            return Array(buffer[..<position])
        }
        let taken = DocumentTerms(length: total, encoded: encoded)
        guard terms.count <= Self.vocabularyLimit else {
            self = TermCounter(lexicon: lexicon)
            return taken
        }
        for index in 0..<distinct { tally[Int(tally[index].firstMet)].count = 0 }
        distinct = 0
        total = 0
        return taken
    }

    private mutating func number(ofTerm term: UnsafeBufferPointer<UInt8>) -> Int {
        let (number, inserted) = terms.insert(term)
        if inserted {
            tally.append(Tally())
            lexiconNumbers.append(Int32(lexicon.number(of: term)))
        }
        return number
    }

    private mutating func count(_ number: Int) {
        total += 1
        // `distinct` is at most the number of terms, and `tally` has one entry more.
        tally.withUnsafeMutableBufferPointer { tally in
            let count = tally[number].count
            tally[number].count = count + 1
            tally[distinct].firstMet = Int32(truncatingIfNeeded: number)
            distinct += count == 0 ? 1 : 0
        }
    }

}
