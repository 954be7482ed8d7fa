import Testing
@testable import NewsdeskCore

/// A search chunk holds 64 documents of consecutive dates, from every section. The item page
/// stage keeps a chunk's texts until its last page is done, so the order it works in decides
/// how many texts wait in memory at once.
@Suite("Search chunks and the page stage's order")
struct SearchChunkOrderTests {
    /// Three sections whose items alternate by date: in page order (section by section), each
    /// chunk needs pages from all three.
    static func interleavedSite(items: Int) -> [String: String] {
        var files = ["content/site.yml": "title: Chunks\nbase_url: https://example.edu.cn/\n"]
        let sections = ["news", "campus", "research"]
        for number in 0..<items {
            let day = String(format: "2023-%02d-%02d", number / 28 + 1, number % 28 + 1)
            files["content/\(sections[number % 3])/\(day)-item-\(number).md"] = TestSite.item(title: "Item \(number)", date: day)
        }
        return files
    }

    /// The most chunks that have some but not all of their documents at any point of `order`.
    static func mostChunksOpen(_ site: Site, order: [Int]) -> Int {
        let builder = SearchIndexBuilder(site: site, now: NewsDate(TestSite.now))
        var chunkOf: [Int: (language: String, chunk: Int)] = [:]
        var sizes: [String: [Int]] = [:]
        for language in site.languages.map(\.code) {
            let documents = builder.documents(language: language)
            for (number, page) in documents.enumerated() { chunkOf[page] = (language, number / SearchIndexLayout.documentsPerChunk) }
            sizes[language] = stride(from: 0, to: documents.count, by: SearchIndexLayout.documentsPerChunk).map {
                min(SearchIndexLayout.documentsPerChunk, documents.count - $0)
            }
        }
        var reported: [String: [Int: Int]] = [:]
        var open = 0, most = 0
        for page in order {
            guard let (language, chunk) = chunkOf[page] else { continue }
            let count = reported[language, default: [:]][chunk, default: 0] + 1
            reported[language, default: [:]][chunk] = count
            if count == 1 { open += 1 }
            if count == sizes[language]![chunk] { open -= 1 }
            most = max(most, open)
        }
        return most
    }

    @Test func pagesAreWorkedOnSoThatChunksCompleteOneAfterAnother() async throws {
        let (result, _) = await TestSite.build(Self.interleavedSite(items: 6 * SearchIndexLayout.documentsPerChunk))
        let site = try #require(result.site)
        let order = ArticlePageStage.workOrder(site)
        #expect(order.sorted() == Array(site.pages.indices), "every page once")
        #expect(Self.mostChunksOpen(site, order: order) <= 2)
        // What the order prevents: section by section, every chunk is open by the last section.
        #expect(Self.mostChunksOpen(site, order: Array(site.pages.indices)) == 6)
    }
}
