import Testing
@testable import NewsdeskCore

/// `DocumentTerms.Counter` counts words as they are spelled, learns each spelling's term once
/// and keeps what it learned from one text to the next; these tests hold its values to those of
/// counting `SearchTokenizer`'s terms one by one, over generated texts that mix every kind of
/// word, fed whole and in pieces, to a new counter and to one that counted every text before.
@Suite("Document terms against counting the tokenizer's terms")
struct DocumentTermsDifferentialTests {
    @Test(arguments: 0..<8)
    func generatedTextsCountAsTheirTermsDo(batch: Int) {
        var random = SeededGenerator(state: UInt64(batch) &* 0x1000_0001 &+ 17)
        var seasoned = DocumentTerms.Counter()
        for _ in 0..<250 {
            let text = Self.text(using: &random)
            let pieces = Self.pieces(of: text, using: &random)
            let expected = Self.counted(pieces)
            var fresh = DocumentTerms.Counter()
            for piece in pieces {
                fresh.add(piece)
                seasoned.add(piece)
            }
            for (terms, counter) in [(fresh.take(), fresh), (seasoned.take(), seasoned)] {
                #expect(terms.length == expected.length, "\(pieces)")
                #expect(Self.read(terms, through: counter) == expected.terms, "\(pieces)")
            }
            let whole = CountedTerms(text)
            #expect(Self.read(whole.terms, in: whole.lexicon) == Self.counted([text]).terms, "\(text)")
        }
    }

    @Test func manyDistinctWordsOfOneTermAddUpWhereTheFirstWasMet() {
        let words = (0..<3000).flatMap { ["Word\($0)s", "sign\($0)", "SIGNS", "agreement\($0)", "Agreements", "网\($0)"] }
        let text = words.joined(separator: " ") + " \u{212A}ings kings KING k \u{212A} ＫＩＮＧＳ"
        var counter = DocumentTerms.Counter()
        counter.add(text)
        #expect(Self.read(counter.take(), through: counter) == Self.counted([text]).terms)
        counter.add("kings " + text)
        #expect(Self.read(counter.take(), through: counter) == Self.counted(["kings " + text]).terms,
                "a counter that grew counts the next text alike")
    }

    @Test func aCounterPastItsVocabularyLimitStartsAfreshAndCountsAlike() {
        let characters = (0x4E00..<0x4E00 + 400).compactMap { Unicode.Scalar($0).map(Character.init) }
        // Every pair of 400 characters once: about 160,000 distinct terms, past the limit.
        var pairs = ""
        for first in characters { for second in characters { pairs.append(first); pairs.append(second); pairs.append(" ") } }
        var counter = DocumentTerms.Counter()
        counter.add(pairs)
        #expect(Self.read(counter.take(), through: counter).count > TermCounter.vocabularyLimit)
        #expect(counter.vocabularySize == 0, "a counter past the limit forgets what it learned")
        counter.add("Signing agreements 网络安全")
        #expect(Self.read(counter.take(), through: counter) == Self.counted(["Signing agreements 网络安全"]).terms,
                "its terms keep their numbers in the lexicon, which does not start afresh")
        #expect(counter.vocabularySize == 9)
    }

    @Test func aTextCountsNothingOfTheTextBeforeIt() {
        var counter = DocumentTerms.Counter()
        counter.add("Signing agreements, signed 网络 ")
        _ = counter.take()
        counter.add("agreement 络")
        #expect(Self.read(counter.take(), through: counter) == Self.counted(["agreement 络"]).terms)
    }

    @Test func emptyPiecesAndPiecesWithoutTermsCountNothing() {
        var counter = DocumentTerms.Counter()
        for piece in ["", " ", "—", "", "!?", "\u{3000}"] { counter.add(piece) }
        let terms = counter.take()
        #expect(terms == DocumentTerms())
        #expect(terms.encoded.isEmpty && terms.length == 0)
    }

    /// A term as its bytes with its count, in the order a body first met it.
    struct Counted: Equatable {
        let term: [UInt8]
        let count: Int
    }

    /// The reference: each piece's terms in order, counted under their bytes (not as strings,
    /// which would take canonically equivalent spellings for one).
    static func counted(_ pieces: [String]) -> (length: Int, terms: [Counted]) {
        var order: [[UInt8]] = []
        var counts: [[UInt8]: Int] = [:]
        var length = 0
        for piece in pieces {
            for term in SearchTokenizer.terms(piece) {
                let bytes = Array(term.utf8)
                length += 1
                if counts[bytes] == nil { order.append(bytes) }
                counts[bytes, default: 0] += 1
            }
        }
        return (length, order.map { Counted(term: $0, count: counts[$0] ?? 0) })
    }

    /// A counter's terms read back through its lexicon, in their stored order.
    static func read(_ terms: DocumentTerms, in lexicon: TermTable) -> [Counted] {
        var read: [Counted] = []
        terms.forEachNumber { number, count in lexicon.withTerm(number) { read.append(Counted(term: Array($0), count: count)) } }
        return read
    }

    static func read(_ terms: DocumentTerms, through counter: DocumentTerms.Counter) -> [Counted] {
        read(terms, in: counter.lexicon)
    }

    static let fragments: [[String]] = [
        ["The", "the", "THE", "sign", "signs", "Signed", "SIGNING", "agreement", "Agreements", "agreed", "agreeing", "agree",
         "universities", "University", "planned", "PLANNING", "plans", "class", "Classes", "caresses", "make", "making",
         "is", "this", "campus", "news", "a", "I", "called", "kings", "king", "k", "ies", "ied", "eed", "sses", "ss", "s"],
        ["2023", "x86", "4ies", "abc123", "10th", "0", "99signs", "Signs99"],
        [",", ".", "!", "'", "-", "_", "(", ")", "\u{2014}", "\u{2026}", "#", "*", "\u{FFFD}", "\u{00A0}", "\u{3001}", "\u{3002}"],
        ["网络安全", "東京タワー・スカイツリー", "한국어", "年", "月", "\u{2000B}", "ー", "文", "中文摘要", "䷀一䷁", "㐀䶵一丁",
         "鿿\u{20000}\u{2A6DF}"],
        ["Ｈｕｓｔ２０２３", "ＣＬＡＳＳＥＳ", "ａｂｃ", "，", "２０２３", "ＳＩＧＮＩＮＧ", "ｋｉｎｇｓ"],
        ["café", "CAFÉ", "cafe\u{301}", "naïve", "Zürich", "résumé", "İstanbul", "ΣΟΦΙΑ", "Straße", "\u{212A}ings", "\u{212A}",
         "\u{212A}ING", "ǅemal", "x\u{300}", "École", "ÀBC", "Ökonomie's", "١٢٣", "Ⅻ", "²"],
        [String(repeating: "a", count: 40), String(repeating: "b", count: 41), String(repeating: "ab", count: 18) + "ries",
         String(repeating: "AB", count: 18) + "RIES", String(repeating: "é", count: 40), String(repeating: "É", count: 41),
         String(repeating: "ｘ", count: 41), String(repeating: "Sign", count: 10), String(repeating: "网", count: 60)],
    ]

    static let separators = [" ", " ", " ", "", "\n", ", ", "\u{3000}", "-"]

    static func text(using random: inout SeededGenerator) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...60, using: &random) {
            var word: String
            if Int.random(in: 0..<8, using: &random) == 0 {
                let letters = Array("abcdefghijklmnopqrstuvwxyzAEIOUS0123456789")
                word = String((0..<Int.random(in: 1...44, using: &random)).map { _ in letters.randomElement(using: &random) ?? "a" })
            } else {
                let kind = fragments.randomElement(using: &random) ?? []
                word = kind.randomElement(using: &random) ?? ""
            }
            if Bool.random(using: &random) { word = Bool.random(using: &random) ? word.uppercased() : word.capitalized }
            text += word + (separators.randomElement(using: &random) ?? " ")
        }
        return text
    }

    /// `text` cut between characters at a few random places, empty pieces included.
    static func pieces(of text: String, using random: inout SeededGenerator) -> [String] {
        let characters = Array(text)
        var cuts = (0..<Int.random(in: 0...4, using: &random)).map { _ in Int.random(in: 0...characters.count, using: &random) }
        cuts.sort()
        var pieces: [String] = []
        var start = 0
        for cut in cuts + [characters.count] {
            pieces.append(String(characters[start..<cut]))
            start = cut
        }
        return pieces
    }
}
