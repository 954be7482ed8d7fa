import Testing
@testable import NewsdeskCore

/// The edges of the tokenizer's fast paths: ASCII words are handed out as slices of the input
/// and stemmed where they lie, everything else is spelled out scalar by scalar, so these pin
/// down where the two meet. The expected terms are those the scalar-by-scalar tokenizer gave,
/// which the search index files of existing sites were built with.
@Suite("Search tokenizer edges")
struct SearchTokenizerEdgeTests {
    @Test(arguments: [
        ("naïve café's Zürich résumé", ["naïve", "café", "s", "zürich", "résumé"]),
        ("abcé éabc ab\u{301}c x\u{300}", ["abcé", "éabc", "ab\u{301}c", "x\u{300}"]),
        ("CAFÉ ÀBC École", ["café", "àbc", "école"]),
        ("ａｂｃé Ａbc aＢｃ", ["abcé", "abc", "abc"]),
        ("ABC123 2023s x86_64 4ies", ["abc123", "2023s", "x86", "64", "4ies"]),
    ])
    func wordsThatCrossFromASCIIIntoOtherScalarsStayOneWord(text: String, terms: [String]) {
        #expect(SearchTokenizer.terms(text) == terms)
    }

    @Test func unicodeCaseFoldingIsLowerCasingScalarByScalar() {
        #expect(SearchTokenizer.terms("İstanbul ΣΟΦΙΑ ΟΔΟΣ Straße ǅemal") ==
                ["i\u{307}stanbul", "σοφια", "οδοσ", "straße", "ǆemal"])
    }

    @Test func fullWidthWordsAreLowerCasedAndStemmedAsASCII() {
        #expect(SearchTokenizer.terms("ＡＢＣｄｅｆ Ｃｌａｓｓｅｓ ＵＮＩＶＥＲＳＩＴＩＥＳ") == ["abcdef", "class", "university"])
        #expect(SearchTokenizer.terms("２０２３年 ａ，ｂ ｗｏｒｄ！") == ["2023", "年", "a", "b", "word"])
    }

    @Test func stemsThatChangeTheLastLetterAreMadeOutsideTheInput() {
        #expect(SearchTokenizer.terms("UNIVERSITIES Universities universities Planned PLANNING") ==
                ["university", "university", "university", "plan", "plan"])
        #expect(SearchTokenizer.terms("Agreed AGREEING caresses Classes") == ["agre", "agre", "caress", "class"])
    }

    /// Han ideographs of U+4000–U+9FFF are known by their three bytes without being decoded;
    /// every three-byte character around them must still follow the CJK rule, the Yijing
    /// hexagram symbols (U+4DC0–U+4DFF, amid the ideographs) not being CJK.
    @Test func everyCharacterAroundTheHanBlocksFollowsTheCJKRule() {
        for value in 0x3000...0xAFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let character = String(scalar)
            let terms = SearchTokenizer.terms("a" + character + character + "b")
            if SearchTokenizer.isCJK(scalar) {
                #expect(terms == ["a", character, character, character + character, "b"], "U+\(String(value, radix: 16))")
            } else {
                #expect(!terms.contains(character), "U+\(String(value, radix: 16))")
            }
        }
        #expect(SearchTokenizer.terms("䷀䷁ 一䷀丁") == ["一", "丁"])
    }

    @Test func kanaHangulAndHanRunsMakeCharactersAndPairs() {
        #expect(SearchTokenizer.terms("東京タワー・スカイツリー") ==
                ["東", "京", "東京", "タ", "京タ", "ワ", "タワ", "ー", "ワー",
                 "ス", "カ", "スカ", "イ", "カイ", "ツ", "イツ", "リ", "ツリ", "ー", "リー"])
        #expect(SearchTokenizer.terms("한국어 문장") == ["한", "국", "한국", "어", "국어", "문", "장", "문장"])
        #expect(SearchTokenizer.terms("网络abc安全 abc网 网2023 2023年10月") ==
                ["网", "络", "网络", "abc", "安", "全", "安全", "abc", "网", "网", "2023", "2023", "年", "10", "月"])
    }

    @Test func theLengthLimitCountsScalarsWhateverTheirBytes() {
        let fortyOne = String(repeating: "b", count: 41)
        #expect(SearchTokenizer.terms(String(repeating: "a", count: 40) + " " + fortyOne) == [String(repeating: "a", count: 40)])
        #expect(SearchTokenizer.terms(String(repeating: "Ab", count: 20) + " " + String(repeating: "Cd", count: 20) + "e") ==
                [String(repeating: "ab", count: 20)])
        #expect(SearchTokenizer.terms(String(repeating: "é", count: 40) + " " + String(repeating: "É", count: 41)) ==
                [String(repeating: "é", count: 40)])
        #expect(SearchTokenizer.terms(String(repeating: "ｘ", count: 40) + " " + String(repeating: "ｙ", count: 41)) ==
                [String(repeating: "x", count: 40)])
        // A word of 40 letters is stemmed (ies → y, made outside the input when it is
        // lower-case already); one of 41 is left out before stemming could shorten it.
        let stem = String(repeating: "ab", count: 18) + "ry"
        #expect(SearchTokenizer.terms(String(repeating: "ab", count: 18) + "ries " + String(repeating: "AB", count: 18) + "RIES " +
                                      String(repeating: "ab", count: 19) + "ies") == [stem, stem])
    }

    @Test(arguments: [
        ([0x61, 0x62, 0xFF, 0x63, 0x64], ["ab", "cd"]),
        // A sequence cut short by the end of the text.
        ([0x61, 0x62, 0xE7, 0xBD, 0x91, 0xE7, 0xBD], ["ab", "网"]),
        // A stray continuation byte between two Han characters: no pair spans it.
        ([0xE7, 0xBD, 0x91, 0x80, 0xE7, 0xBB, 0x9C], ["网", "络"]),
        // An encoded surrogate ends the word it interrupts.
        ([0x41, 0xC3, 0xA9, 0xED, 0xA0, 0x80, 0x42], ["aé", "b"]),
    ] as [([UInt8], [String])])
    func illFormedBytesSeparateTerms(bytes: [UInt8], terms: [String]) {
        var found: [String] = []
        bytes.withUnsafeBufferPointer { SearchTokenizer.forEachTerm(utf8: $0) { found.append(String(decoding: $0, as: UTF8.self)) } }
        #expect(found == terms)
    }

    @Test func documentTermsEncodeTermsInTheOrderFirstMet() {
        let text = "Planned PLANNING agreements, 网络安全 Ｈｕｓｔ２０２３ café CAFÉ " + String(repeating: "news ", count: 200)
        var counter = DocumentTerms.Counter()
        counter.add(text)
        let terms = counter.take()
        #expect(terms.length == 213)
        // Each term's number in the counter's lexicon, then its count; numbered as first met.
        #expect(terms.encoded == [0, 2, 1, 1, 2, 1, 3, 1, 4, 1, 5, 1, 6, 1, 7, 1, 8, 1, 9, 1, 10, 2, 11, 200, 1])
        #expect((0..<12).map { counter.lexicon.term($0) }
                == ["plan", "agreement", "网", "络", "网络", "安", "络安", "全", "安全", "hust2023", "café", "new"])
        #expect(CountedTerms(text).counts == terms.counts(in: counter.lexicon), "a counter of pieces counts as the whole text does")
    }


    @Test func aTableThatGrowsKeepsEveryTermAndItsNumber() {
        var table = TermTable(capacity: 1)
        let words = (0..<5000).map { Array("term\($0)".utf8) }
        for (number, word) in words.enumerated() {
            let (found, inserted) = word.withUnsafeBufferPointer { table.insert($0) }
            #expect(found == number && inserted)
        }
        for (number, word) in words.enumerated() {
            #expect(word.withUnsafeBufferPointer { table.find($0) } == number)
            let again = word.withUnsafeBufferPointer { table.insert($0) }
            #expect(again.number == number && !again.inserted)
            #expect(table.term(number) == String(decoding: word, as: UTF8.self))
        }
        #expect(Array("term5000".utf8).withUnsafeBufferPointer { table.find($0) } == nil)
        let empty = [UInt8]().withUnsafeBufferPointer { table.insert($0) }
        #expect(empty.number == 5000 && empty.inserted)
        #expect([UInt8]().withUnsafeBufferPointer { table.find($0) } == 5000)
    }
}
