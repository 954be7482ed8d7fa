import Foundation
import Testing
@testable import NewsdeskCore

@Suite("Related items")
struct RelatedItemsTests {
    /// Items with zero to six of twelve tags (a few with many more), several on one day, in
    /// two sections: ties in shared tags and in date are common.
    static func randomSite(seed: UInt64, items: Int) async -> Site {
        var generator = SeededGenerator(state: seed)
        let tags = (0..<12).map { "tag\($0)" }
        var files: [String: String] = [:]
        for number in 0..<items {
            let count = Int.random(in: 0...20, using: &generator) == 0 ? 10 : Int.random(in: 0...6, using: &generator)
            let chosen = tags.shuffled(using: &generator).prefix(count)
            let day = 1 + Int.random(in: 0..<20, using: &generator)
            let section = number % 3 == 0 ? "campus" : "news"
            files["content/\(section)/item-\(number).md"] = TestSite.item(
                title: "Item \(number)", date: String(format: "2023-05-%02d", day),
                extra: chosen.isEmpty ? "" : "tags: [\(chosen.joined(separator: ", "))]\n")
        }
        let options = BuildOptions(now: TestSite.now)
        return await SiteBuilder(source: TestSite.source(files), options: options).resolve().site
    }

    /// The definition itself: every other page of the language, by shared tags, then newest.
    static func reference(_ pageIndex: Int, in site: Site, limit: Int) -> [Int] {
        let tags = Set(site.pages[pageIndex].tags)
        guard !tags.isEmpty else { return [] }
        let edition = site.languages.first { $0.pages.contains(pageIndex) }!
        let scored = edition.pages.enumerated().compactMap { rank, page -> (page: Int, shared: Int, rank: Int)? in
            let shared = site.pages[page].tags.filter(tags.contains).count
            return page == pageIndex || shared == 0 ? nil : (page, shared, rank)
        }
        return scored.sorted { $0.shared != $1.shared ? $0.shared > $1.shared : $0.rank < $1.rank }.prefix(limit).map(\.page)
    }

    @Test(arguments: [1 as UInt64, 2, 3])
    func theTableChoosesWhatTheDefinitionDoes(seed: UInt64) async {
        let site = await Self.randomSite(seed: seed, items: 240)
        let table = await RelatedItems(site: site).withTable()
        let single = RelatedItems(site: site)
        for page in site.pages.indices {
            let expected = Self.reference(page, in: site, limit: RelatedItems.defaultLimit)
            #expect(table.of(page) == expected, "page \(page)")
            #expect(single.of(page) == expected, "page \(page)")
        }
    }

    @Test func tagPairsAndMergingAgreeForEveryLimit() async throws {
        let site = await Self.randomSite(seed: 9, items: 160)
        var indexed = RelatedItems.Finder(site: site)
        let pairs: TagPairs = try #require(TagPairs(site: site))
        indexed.pairs = pairs
        let merging = RelatedItems.Finder(site: site)
        for page in site.pages.indices {
            for limit in [1, 2, 5, 40] {
                let expected = Self.reference(page, in: site, limit: limit)
                #expect(indexed.find(page, limit: limit) == expected, "page \(page), limit \(limit)")
                #expect(merging.find(page, limit: limit) == expected, "page \(page), limit \(limit)")
            }
        }
    }

    @Test func aSiteWhosePagesCarryVeryManyTagsHasNoPairIndex() async {
        var files: [String: String] = [:]
        let tags = (0..<40).map { "tag\($0)" }.joined(separator: ", ")
        for number in 0..<4 { files["content/news/item-\(number).md"] = TestSite.item(title: "Item \(number)", extra: "tags: [\(tags)]\n") }
        let site = await SiteBuilder(source: TestSite.source(files), options: BuildOptions(now: TestSite.now)).resolve().site
        #expect(TagPairs(site: site) == nil)
        let table = await RelatedItems(site: site).withTable()
        #expect(site.pages.indices.allSatisfy { table.of($0) == Self.reference($0, in: site, limit: RelatedItems.defaultLimit) })
    }
}
