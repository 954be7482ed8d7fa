import Foundation
import Testing
@testable import NewsdeskCore

/// The index a build writes: what it holds, how it ranks, how it is split into files, and that
/// an edit rewrites only the files whose contents it changes.
@Suite("Search index")
struct SearchIndexTests {

    /// `count` items with distinct words, each older than the next.
    static func archive(_ count: Int) -> [String: String] {
        var files = ["content/site.yml": "title: Search\nbase_url: https://example.edu.cn/news-site/\n"]
        for number in 0..<count {
            let day = String(format: "2023-%02d-%02d", number / 28 + 1, number % 28 + 1)
            files["content/news/\(day)-item-\(number).md"] = TestSite.item(
                title: "Item \(number)", date: day,
                body: "Opening paragraph of item \(number).\n\nWords word\(number) common hello campus library students.")
        }
        return files
    }

    /// A shard file read back: term → (document, weight) pairs.
    static func postings(_ shard: [UInt8]) -> [String: [SearchIndex.Posting]] {
        var result: [String: [SearchIndex.Posting]] = [:]
        for line in String(decoding: shard, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "\t")
            let numbers = ShardText.numbers(parts[1])
            var document = 0
            result[String(parts[0])] = stride(from: 0, to: numbers.count, by: 2).map { index in
                document += numbers[index]
                return SearchIndex.Posting(document: document, weight: numbers[index + 1])
            }
        }
        return result
    }

    static func allPostings(_ files: [String: [UInt8]], language: String = "en") -> [String: [SearchIndex.Posting]] {
        files.filter { $0.key.hasPrefix("search/\(language)/terms/") }.values.reduce(into: [:]) { $0.merge(postings($1)) { a, _ in a } }
    }

    /// The documents read back from their chunks, by document number.
    static func documents(_ files: [String: [UInt8]], language: String = "en") throws -> [SearchResultEntry] {
        let folder = "search/\(language)/docs/"
        let count = files.keys.count { $0.hasPrefix(folder) }
        return try (0..<count).flatMap { chunk in
            try chunkDocuments(try #require(files["\(folder)\(chunk).bin"])).map(entry(fromDocument:))
        }
    }

    /// A document read as the client reads it: the entry's JSON up to the first line break,
    /// then the text, as it is.
    static func entry(fromDocument bytes: [UInt8]) throws -> SearchResultEntry {
        let lineEnd = bytes.firstIndex(of: UInt8(ascii: "\n"))
        var entry = try JSONDecoder().decode(SearchResultEntry.self, from: Data(bytes[..<(lineEnd ?? bytes.endIndex)]))
        #expect(entry.text == nil, "the text is not in the JSON")
        entry.text = lineEnd.map { String(decoding: bytes[($0 + 1)...], as: UTF8.self) }
        return entry
    }

    /// A chunk's documents, read as the client reads them: the offsets from the header, then
    /// each document between its offset and the next.
    static func chunkDocuments(_ chunk: [UInt8]) throws -> [[UInt8]] {
        let digits = SearchIndexLayout.offsetDigits
        func offset(_ index: Int) throws -> Int {
            try #require(Int(String(decoding: chunk[index * digits..<(index + 1) * digits], as: UTF8.self), radix: 16))
        }
        let headerEnd = try offset(0)
        #expect(headerEnd % digits == 0 && headerEnd >= digits)
        let offsets = try (0..<headerEnd / digits).map(offset)
        #expect(offsets.last == chunk.count, "the last offset is the chunk's end")
        return zip(offsets, offsets.dropFirst()).map { Array(chunk[$0..<$1]) }
    }

    @Test func titleMatchesOutweighBodyMatchesAndEqualDocumentsTieByNumber() async throws {
        let (result, output) = await TestSite.build([
            "content/site.yml": "title: Search\nbase_url: https://example.edu.cn/news-site/\n",
            "content/news/2023-01-01-old.md": TestSite.item(title: "Campus news", date: "2023-01-01", body: "The agreement was signed today."),
            "content/news/2023-02-01-title.md": TestSite.item(title: "Agreement signed", date: "2023-02-01", body: "The parties met today."),
            "content/news/2023-03-01-twin.md": TestSite.item(title: "Campus news", date: "2023-03-01", body: "The agreement was signed today."),
        ])
        #expect(result.succeeded, "\(result.diagnostics.summary)")
        let files = output.files
        let documents = try Self.documents(files)
        // Oldest first: the newer of two equal documents has the higher number.
        #expect(documents.map(\.url) == ["/news-site/news/old/", "/news-site/news/title/", "/news-site/news/twin/"])
        let agreement = try #require(Self.allPostings(files)["agreement"])
        #expect(agreement.map(\.document) == [0, 1, 2])
        #expect(agreement[1].weight > agreement[0].weight, "a title match weighs more than a body match")
        #expect(agreement[0].weight == agreement[2].weight, "equal documents weigh the same; the client ranks the newer first")
        #expect(Self.allPostings(files)["sign"]?.count == 3, "signed is indexed under its stem")
    }

    @Test func weightsGrowWithFrequencyAndShrinkWithLength() {
        let short = SearchRanking.weight(frequency: 1, length: 50, referenceLength: 128)
        let long = SearchRanking.weight(frequency: 1, length: 500, referenceLength: 128)
        let often = SearchRanking.weight(frequency: 4, length: 50, referenceLength: 128)
        #expect(long < short && short < often)
        #expect(often < Int(SearchRanking.scale * (SearchRanking.k1 + 1)), "a term's weight saturates")
        let inTitle = SearchRanking.weight(frequency: 1, titleFrequency: 1, length: 500, referenceLength: 128)
        let repeated = SearchRanking.weight(frequency: 20, length: 50, referenceLength: 128)
        #expect(inTitle > repeated, "a title match outranks a short body that repeats the word")
        #expect(SearchRanking.steppedLength(100) == SearchRanking.steppedLength(104))
        #expect(SearchRanking.steppedLength(100) != SearchRanking.steppedLength(125))
        #expect(SearchRanking.referenceLength(averageOf: [90, 110]) == 128)
    }

    @Test func draftsAndFutureItemsAreNeverIndexed() async throws {
        let (_, output) = await TestSite.build([
            "content/site.yml": "title: Search\n",
            "content/news/2023-01-01-public.md": TestSite.item(title: "Public", date: "2023-01-01", body: "Visible words."),
            "content/news/2023-01-02-draft.md": TestSite.item(title: "Draft", date: "2023-01-02", extra: "draft: true\n", body: "Zanzibarian secret."),
            "content/news/2099-01-01-later.md": TestSite.item(title: "Later", date: "2099-01-01", body: "Quixotical plans."),
        ], options: BuildOptions(includeDrafts: true, includeFuture: true, now: TestSite.now))
        let files = output.files
        let postings = Self.allPostings(files)
        #expect(postings["visibl"] != nil)
        #expect(postings["zanzibarian"] == nil && postings["secret"] == nil && postings["quixotical"] == nil)
        #expect(try Self.documents(files).map(\.title) == ["Public"])
        #expect(files.keys.filter { $0.hasPrefix("search/en/docs/") } == ["search/en/docs/0.bin"], "only the published item is in a chunk")
        let everything = files.filter { $0.key.hasPrefix("search/") }.values.map { String(decoding: $0, as: UTF8.self) }.joined()
        #expect(!everything.contains("Zanzibarian") && !everything.contains("Quixotical") && !everything.contains("Draft"))
    }

    @Test func postingListsHoldDocumentDifferencesAndWeights() {
        var list = PostingList()
        list.append(document: 3, weight: 120)
        list.append(document: 10, weight: 7)
        list.append(document: 1000, weight: 220)
        list.append(document: 21000, weight: 1000)
        list.append(document: 21001, weight: 0)
        #expect(String(decoding: list.text, as: UTF8.self) == ShardText.text([3, 120, 7, 7, 990, 220, 20000, 1000, 1, 0]))
        #expect(list.count == 5)
        #expect(list.postings == [.init(document: 3, weight: 120), .init(document: 10, weight: 7), .init(document: 1000, weight: 220),
                                  .init(document: 21000, weight: 1000), .init(document: 21001, weight: 0)])
    }

    @Test func shardsGrowWithTheArchiveInPowersOfTwo() {
        #expect(SearchIndexLayout.shardCount(documents: 0) == 1)
        #expect(SearchIndexLayout.shardCount(documents: 16) == 1)
        #expect(SearchIndexLayout.shardCount(documents: 17) == 2)
        #expect(SearchIndexLayout.shardCount(documents: 10_000) == 1024)
        #expect(SearchIndexLayout.shardCount(documents: 10_000_000) == SearchIndexLayout.maximumShards)
        // Terms that begin alike share a shard, so a word typed so far finds them all in one file.
        let count = 1024
        #expect(SearchIndexLayout.shard(of: "agreement", count: count) == SearchIndexLayout.shard(of: "agre", count: count))
        #expect(SearchIndexLayout.shard(of: "international", count: count) == SearchIndexLayout.shard(of: "internet", count: count))
        #expect(SearchIndexLayout.shard(of: "网络", count: count) != SearchIndexLayout.shard(of: "安全", count: count))
    }

    /// A document file is kept when its signature is unchanged, so every field its JSON holds
    /// must change the signature: the fields come from the entry's own encoding, so that a new
    /// field is covered without being listed here.
    @Test(arguments: [
        SearchResultEntry(url: "/news/a/", title: "Title \"quoted\" </script>", date: "6 December 2026", datetime: "2026-12-06",
                          section: "News & Events", summary: "Line\u{2028}separator, tab\t, back\\slash", image: "/a.jpg", alt: "网络安全",
                          text: "Agreement signed.\n网络安全 \u{1F600}"),
        SearchResultEntry(url: "https://example.edu.cn/b/", title: "", date: "", datetime: "", section: "", summary: "",
                          image: nil, alt: nil, text: nil),
    ])
    func aDocumentFileReadsBackAsItsEntry(_ entry: SearchResultEntry) throws {
        let bytes = SearchIndexLayout.document(entry)
        #expect(try Self.entry(fromDocument: bytes) == entry)
        // The same members as the entry's own `Codable` form (the text after the JSON), so a
        // field added to the entry but not to the file is caught here.
        let json = bytes.prefix { $0 != UInt8(ascii: "\n") }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any])
        let codable = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(entry)) as? [String: Any])
        #expect((object.keys.sorted() + (entry.text == nil ? [] : ["text"])).sorted() == codable.keys.sorted())
    }

    @Test func everyFieldOfADocumentFileChangesItsSignature() throws {
        let entry = SearchResultEntry(url: "/a/", title: "A", date: "1 May 2023", datetime: "2023-05-01", section: "News",
                                      summary: "Sum.", image: "/a.jpg", alt: "Alt", text: "Text.")
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(entry)) as? [String: String])
        #expect(object.count == Mirror(reflecting: entry).children.count, "every field is set, so every field is encoded")
        for field in object.keys.sorted() {
            var edited = object
            edited[field] = object[field]! + " edited"
            let changed = try JSONDecoder().decode(SearchResultEntry.self, from: JSONSerialization.data(withJSONObject: edited))
            #expect(SearchIndexLayout.documentSignature(changed) != SearchIndexLayout.documentSignature(entry), "\(field)")
        }
    }

    @Test func theLayoutHoldsEveryShardAndDocumentAndReadsBackAsTheIndex() async throws {
        let (result, output) = await TestSite.build(Self.archive(40))
        #expect(result.succeeded, "\(result.diagnostics.summary)")
        let files = output.files
        let manifest = try JSONDecoder().decode(SearchIndexLayout.Manifest.self, from: Data(try #require(files["search/en/index.json"])))
        #expect(manifest == SearchIndexLayout.Manifest(format: 5, documents: 40, shards: 4, key: 4, length: manifest.length, chunk: 64, offset: 8))
        let search = Set(files.keys.filter { $0.hasPrefix("search/en/") })
        #expect(search == Set(["search/en/index.json"] + (0..<4).map { "search/en/terms/\($0).txt" } + ["search/en/docs/0.bin"]))
        #expect(files["search/index.html"] != nil)
        for (path, bytes) in files where path.hasPrefix("search/en/terms/") {
            let number = Int(path.dropFirst("search/en/terms/".count).dropLast(4))!
            for term in Self.postings(bytes).keys { #expect(SearchIndexLayout.shard(of: term, count: 4) == number, "\(term) in \(path)") }
        }
        let postings = Self.allPostings(files)
        #expect(postings["word7"]?.map(\.document) == [7])
        #expect(postings["common"]?.count == 40)
        #expect(try Self.documents(files).map(\.title) == (0..<40).map { "Item \($0)" })
        // Deterministic: a second clean build gives the same bytes.
        let (_, again) = await TestSite.build(Self.archive(40))
        #expect(again.files.filter { $0.key.hasPrefix("search/") } == files.filter { $0.key.hasPrefix("search/") })
    }

    @Test func aOneWordEditRewritesOnlyTheShardsOfTheWordsItChangedAndTheItemsChunk() async throws {
        let before = Self.archive(40)
        let first = await BuildCacheTests.build(before)
        var after = before
        let edited = "content/news/2023-01-06-item-5.md"
        after[edited] = try #require(before[edited]).replacingOccurrences(of: "hello", with: "quokka")
        let cached = await BuildCacheTests.build(after, cache: first.result.cache, previous: first.files)
        let clean = await BuildCacheTests.build(after)
        BuildCacheTests.expectSame(cached, clean, "one word of one body")
        let changed = Set(clean.files.keys.filter { $0.hasPrefix("search/") && first.files[$0] != clean.files[$0] })
        let shards = Set(["hello", "quokka"].map { "search/en/terms/\(SearchIndexLayout.shard(of: $0, count: 4)).txt" })
        #expect(changed == shards.union(["search/en/docs/0.bin"]), "the edited item's chunk, no other")
        #expect(try Self.documents(clean.files)[5].text?.contains("quokka") == true)
        #expect(Self.allPostings(cached.files)["quokka"]?.map(\.document) == [5])
    }

    /// Documents go in chunks of `documentsPerChunk`, each read with the offsets at its head;
    /// an edit rewrites the edited document's chunk and no other.
    @Test func documentsAreChunkedAndAnEditRewritesOneChunk() async throws {
        let perChunk = SearchIndexLayout.documentsPerChunk
        let count = 2 * perChunk + 3
        let before = Self.archive(count)
        let first = await BuildCacheTests.build(before)
        let chunks = first.files.keys.filter { $0.hasPrefix("search/en/docs/") }.sorted()
        #expect(chunks == ["search/en/docs/0.bin", "search/en/docs/1.bin", "search/en/docs/2.bin"])
        #expect(try Self.chunkDocuments(try #require(first.files["search/en/docs/2.bin"])).count == 3)
        #expect(try Self.documents(first.files).map(\.title) == (0..<count).map { "Item \($0)" })
        var after = before
        let edited = try #require(before.keys.first { $0.hasSuffix("-item-\(perChunk + 1).md") })
        after[edited] = try #require(before[edited]).replacingOccurrences(of: "Opening", with: "Closing")
        let cached = await BuildCacheTests.build(after, cache: first.result.cache, previous: first.files)
        BuildCacheTests.expectSame(cached, await BuildCacheTests.build(after), "one document of the second chunk")
        let changed = Set(cached.files.keys.filter { $0.hasPrefix("search/en/docs/") && first.files[$0] != cached.files[$0] })
        #expect(changed == ["search/en/docs/1.bin"])
        #expect(try Self.documents(cached.files)[perChunk + 1].text?.hasPrefix("Closing paragraph") == true)
    }

    @Test func theChunkHeaderGivesEachDocumentsOffsetAndTheEnd() throws {
        let entry = SearchResultEntry(url: "/news/a/", title: "A <b>", date: "1 May 2024", datetime: "2024-05-01", section: "News",
                                      summary: "", image: nil, alt: nil, text: nil)
        let texts: [[UInt8]?] = [Array("网络 \"quoted\"\nline".utf8), nil, []]
        // The file is the pieces the chunk writer hands to the sink, back to back.
        let chunk = Array(SearchIndexLayout.chunkPieces(texts.map { (entry, $0) }).joined())
        // Each document is the entry's JSON, then the text as it is, as `document` writes it.
        let documents = texts.map { text in
            var withText = entry
            withText.text = text.map { String(decoding: $0, as: UTF8.self) }
            return SearchIndexLayout.document(withText)
        }
        let headerLength = 4 * SearchIndexLayout.offsetDigits
        var offsets = [headerLength]
        for document in documents { offsets.append(offsets.last! + document.count) }
        #expect(String(decoding: chunk.prefix(headerLength), as: UTF8.self) == offsets.map { String(format: "%08x", $0) }.joined())
        #expect(try Self.chunkDocuments(chunk) == documents)
        let decoded = try documents.map(Self.entry(fromDocument:))
        #expect(decoded.map(\.text) == ["网络 \"quoted\"\nline", nil, ""])
        #expect(decoded.allSatisfy { $0.title == "A <b>" && $0.url == "/news/a/" })
    }

    @Test func searchCanBeTurnedOff() async {
        let (result, output) = await TestSite.build([
            "content/site.yml": "title: Search\nsearch:\n  enabled: false\n",
            "content/news/2023-01-01-public.md": TestSite.item(title: "Public", date: "2023-01-01"),
        ])
        #expect(result.succeeded && result.diagnostics.isEmpty, "\(result.diagnostics.summary)")
        #expect(!output.files.keys.contains { $0.hasPrefix("search/") })
        #expect(output.text("index.html")?.contains("role=\"search\"") == false)
    }

    @Test func everyPageLinksTheSearchPageOfItsLanguage() async throws {
        let (_, output) = await TestSite.build([
            "content/site.yml": "title: Search\nbase_url: https://example.edu.cn/news-site/\nlanguages:\n  en: {}\n  zh: {}\n",
            "content/news/2023-01-01-public.md": TestSite.item(title: "Public", date: "2023-01-01"),
            "content/news/2023-01-01-public.zh.md": TestSite.item(title: "公开", date: "2023-01-01"),
        ])
        let english = try #require(output.text("news/public/index.html"))
        let chinese = try #require(output.text("zh/news/public/index.html"))
        #expect(english.contains("action=\"/news-site/search/\""))
        #expect(chinese.contains("action=\"/news-site/zh/search/\""))
        let page = try #require(output.text("zh/search/index.html"))
        #expect(page.contains("data-search-index=\"/news-site/search/zh/\""))
        #expect(page.contains("<script src=\"/news-site/js/search.js\" defer></script>"))
        #expect(page.contains("<noscript>"))
        #expect(output.files["search/zh/index.json"] != nil && output.files["js/search.js"] != nil)
    }

    /// The default theme's client reads the format the index is written in, and says so when
    /// it meets another (a theme copied before the format changed).
    @Test func theDefaultThemesClientReadsTheIndexFormat() throws {
        let script = try String(contentsOf: TestSite.repositoryRoot.appendingPathComponent("themes/default/static/js/search.js"), encoding: .utf8)
        #expect(script.contains("var FORMAT = \(SearchIndexLayout.format);"))
        #expect(script.contains("m.format !== FORMAT"))
    }
}
