import Testing
@testable import NewsdeskCore

/// Body terms are numbers into the build's lexicon, which the cache keeps: a rebuild starts from
/// it, so a kept page's cached terms mean what they meant, and new terms come after the old ones.
@Suite("The build's lexicon")
struct SharedLexiconTests {
    @Test func aRebuildKeepsEveryTermsNumberAndNumbersNewTermsAfterThem() async {
        let first = await BuildCacheTests.build(BuildCacheTests.site)
        let before = first.result.cache.searchLexicon
        #expect(before.count > 0)
        var edited = BuildCacheTests.site
        edited["content/news/2023-11-03-third.md"] = TestSite.item(title: "Third", date: "2023-11-03", extra: "tags: [b]\n",
                                                                   body: "Third text about a quokka.")
        let second = await BuildCacheTests.build(edited, cache: first.result.cache, previous: first.files)
        let after = second.result.cache.searchLexicon
        #expect((0..<before.count).allSatisfy { after.term($0) == before.term($0) })
        #expect((before.count..<after.count).map { after.term($0) } == ["about", "quokka"])
        #expect(second.result.cacheUse.pagesReused > 0, "kept pages' cached terms are read through the same numbers")
    }

    @Test func countersOfOneBuildShareTheirNumbers() {
        let lexicon = SharedLexicon()
        var first = DocumentTerms.Counter(lexicon: lexicon)
        var second = DocumentTerms.Counter(lexicon: lexicon)
        first.add("cooperation agreement")
        second.add("agreement on cooperation")
        let (a, b) = (first.take(), second.take())
        let table = lexicon.snapshot()
        #expect(a.counts(in: table) == ["cooperation": 1, "agreement": 1])
        #expect(b.counts(in: table) == ["agreement": 1, "on": 1, "cooperation": 1])
        #expect(table.count == 3, "each term numbered once, whichever counter met it first")
    }

    @Test func theLexiconRoundTripsThroughTheCache() throws {
        let counted = CountedTerms("Agreement, agreements and 网络安全 Ｈｕｓｔ２０２３")
        let read = try CacheRecordsTests.roundTrip(counted.lexicon)
        #expect(read.count == counted.lexicon.count)
        #expect((0..<read.count).allSatisfy { read.term($0) == counted.lexicon.term($0) })
        #expect(counted.terms.counts(in: read) == counted.counts)
    }
}
