import Testing
@testable import NewsdeskCore

/// The terms a text is indexed under. `themes/default/static/js/search.js` splits queries by
/// the same rules (the browser test searches with them).
@Suite("Search tokenizer")
struct SearchTokenizerTests {
    @Test func englishWordsAreLowerCasedAndStemmedSoTheirFormsMeet() {
        #expect(SearchTokenizer.terms("Agreements signed; SIGNING the Agreement") == ["agreement", "sign", "sign", "the", "agreement"])
        #expect(SearchTokenizer.terms("agree agreed agreeing") == ["agre", "agre", "agre"])
        #expect(SearchTokenizer.terms("make making universities university") == ["mak", "mak", "university", "university"])
        #expect(SearchTokenizer.terms("planned planning plans") == ["plan", "plan", "plan"])
    }

    @Test func shortWordsAndWordsThatOnlyLookInflectedStayAsTheyAre() {
        #expect(SearchStemmer.stem("is") == "is")
        #expect(SearchStemmer.stem("this") == "this")
        #expect(SearchStemmer.stem("campus") == "campus")
        #expect(SearchStemmer.stem("class") == "class")
        #expect(SearchStemmer.stem("bring") == "bring")
        #expect(SearchStemmer.stem("called") == "call")
    }

    @Test func nonASCIIWordsAreLowerCasedButNotStemmed() {
        #expect(SearchTokenizer.terms("ÉCOLE Straße Ökonomie's") == ["école", "straße", "ökonomie", "s"])
    }

    @Test func chineseIsIndexedAsCharactersAndOverlappingPairs() {
        #expect(SearchTokenizer.terms("网络安全") == ["网", "络", "网络", "安", "络安", "全", "安全"])
        // Punctuation ends a run: no pair spans it.
        #expect(SearchTokenizer.terms("合作。协议") == ["合", "作", "合作", "协", "议", "协议"])
    }

    @Test func mixedTextSplitsWhereTheScriptChanges() {
        #expect(SearchTokenizer.terms("HUST 网络安全2023") == ["hust", "网", "络", "网络", "安", "络安", "全", "安全", "2023"])
        #expect(SearchTokenizer.terms("VSIP 2023年") == ["vsip", "2023", "年"])
    }

    @Test func punctuationSeparatesTerms() {
        #expect(SearchTokenizer.terms("cyber-security, “talent”; (2023)... e-mail@hust.edu.cn") ==
                ["cyber", "security", "talent", "2023", "e", "mail", "hust", "edu", "cn"])
        #expect(SearchTokenizer.terms("  \n\t!?  ").isEmpty)
    }

    @Test func fullWidthLettersAndDigitsReadAsASCII() {
        #expect(SearchTokenizer.terms("ＶＳＩＰ　２０２３，ＨＵＳＴ") == ["vsip", "2023", "hust"])
    }

    @Test func overlongTermsAreLeftOut() {
        let hash = String(repeating: "a1", count: 30)
        #expect(SearchTokenizer.terms("before \(hash) after") == ["befor", "after"])
    }

    @Test func documentTermsCountEachTermAndTheLength() {
        let counted = CountedTerms("Agreement, agreements and 网络")
        #expect(counted.terms.length == 6)
        #expect(counted.counts == ["agreement": 2, "and": 1, "网": 1, "络": 1, "网络": 1])
        var visited: [String: Int] = [:]
        counted.forEachTerm { term, count in visited[String(decoding: term, as: UTF8.self), default: 0] += count }
        #expect(visited == counted.counts, "each term is stored once")
        // Counts above 127 take two varint bytes.
        #expect(CountedTerms(String(repeating: "news ", count: 300)).counts == ["new": 300])
    }

}
