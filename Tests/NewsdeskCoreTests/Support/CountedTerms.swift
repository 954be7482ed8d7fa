@testable import NewsdeskCore

/// A text's body terms counted alone, with the lexicon that reads their numbers back.
struct CountedTerms {
    let terms: DocumentTerms
    let lexicon: TermTable

    init(_ text: String) {
        var counter = DocumentTerms.Counter()
        counter.add(text)
        terms = counter.take()
        lexicon = counter.lexicon
    }

    var counts: [String: Int] { terms.counts(in: lexicon) }

    /// Each term's bytes (valid during the call) with its count.
    func forEachTerm(_ body: (UnsafeBufferPointer<UInt8>, Int) -> Void) {
        terms.forEachNumber { number, count in lexicon.withTerm(number) { body($0, count) } }
    }
}
