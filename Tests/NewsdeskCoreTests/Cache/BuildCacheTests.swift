import Foundation
import Testing
@testable import NewsdeskCore

/// A build given the previous build's cache and output must produce exactly what a clean build
/// produces, whatever changed in between; and it must reuse what did not change.
@Suite("Build cache")
struct BuildCacheTests {
    static let site: [String: String] = [
        "content/site.yml": "title: Cached\nbase_url: https://example.edu.cn/news/\npaginate: 2\nfeeds:\n  format: both\n",
        "content/news/_index.md": "---\ntitle: News\n---\nThe [latest](2023-11-02-second.md) first.\n",
        "content/news/2023-11-01-first.md": TestSite.item(title: "First", date: "2023-11-01", extra: "tags: [a, b]\n",
                                                          body: "Opening text.\n\nSee [the second](2023-11-02-second.md)."),
        "content/news/2023-11-02-second.md": TestSite.item(title: "Second", date: "2023-11-02", extra: "tags: [a]\nimage: /images/p.svg\nimage_alt: A photo\n",
                                                           body: "Second text with ![a picture](/images/p.svg)."),
        "content/news/2023-11-03-third.md": TestSite.item(title: "Third", date: "2023-11-03", extra: "tags: [b]\n", body: "Third text."),
        "content/news/2023-11-04-fourth.md": TestSite.item(title: "Fourth", date: "2023-11-04", body: "Fourth text, no tags."),
        "content/campus/2023-10-01-library.md": TestSite.item(title: "Library", date: "2023-10-01", extra: "tags: [a]\n",
                                                              body: "Links to [first](../news/2023-11-01-first.md)."),
        "content/images/p.svg": "not really a png",
    ]

    struct Built {
        var result: BuildResult
        var files: [String: [UInt8]]
    }

    static func build(_ files: [String: String], cache: BuildCache = BuildCache(), previous: [String: [UInt8]] = [:]) async -> Built {
        let output = InMemoryOutput(previous: previous)
        let result = await SiteBuilder(source: TestSite.source(files), options: BuildOptions(now: TestSite.now)).build(into: output, cache: cache)
        return Built(result: result, files: output.files)
    }

    /// Builds `before`, then `after` with and without the first build's cache.
    static func rebuild(from before: [String: String], to after: [String: String]) async -> (cached: Built, clean: Built) {
        let first = await build(before)
        let cached = await build(after, cache: first.result.cache, previous: first.files)
        let clean = await build(after)
        return (cached, clean)
    }

    static func expectSame(_ cached: Built, _ clean: Built, _ comment: Comment) {
        #expect(cached.files.keys.sorted() == clean.files.keys.sorted(), comment)
        for (path, bytes) in clean.files where cached.files[path] != bytes {
            Issue.record("\(path) differs from a clean build: \(comment)")
        }
        #expect(cached.result.diagnostics.sorted() == clean.result.diagnostics.sorted(), comment)
        // The next cache too: a cached build starts from the previous entries and must drop
        // those of deleted or renamed files.
        #expect(cached.result.cache.outputs == clean.result.cache.outputs, comment)
        #expect(cached.result.cache.markdown.keys.sorted() == clean.result.cache.markdown.keys.sorted(), comment)
        #expect(cached.result.cache.parsed.mapValues(\.item) == clean.result.cache.parsed.mapValues(\.item), comment)
        // The blocks' sums; their inputs digests read lexicon numbers, which a build without
        // the cache gives afresh.
        #expect(cached.result.cache.searchBlocks.mapValues { $0.blocks.map(\.sums) }
                == clean.result.cache.searchBlocks.mapValues { $0.blocks.map(\.sums) }, comment)
    }

    @Test func noChangeRebuildReusesEveryOutputAndReportsTheSameProblems() async {
        var files = Self.site
        files["content/news/2023-11-04-fourth.md"] = TestSite.item(title: "Fourth", date: "2023-11-04", body: "![](/images/p.svg)")
        let (cached, clean) = await Self.rebuild(from: files, to: files)
        Self.expectSame(cached, clean, "no change")
        #expect(!clean.result.diagnostics.isEmpty, "the image without alt text warns")
        #expect(cached.result.cacheUse.parsedReused == files.keys.count { $0.hasSuffix(".md") })
        #expect(cached.result.cacheUse.outputsReused == cached.result.cache.outputs.count)
        #expect(cached.result.cacheUse.outputsReused > cached.result.site!.pages.count)
    }

    static let edits: [(String, @Sendable ([String: String]) -> [String: String])] = [
        ("body edited", { var f = $0; f["content/news/2023-11-03-third.md"] = TestSite.item(title: "Third", date: "2023-11-03", extra: "tags: [b]\n", body: "New words."); return f }),
        ("body links another item", { var f = $0; f["content/news/2023-11-04-fourth.md"] = TestSite.item(title: "Fourth", date: "2023-11-04", body: "Now see [the third](2023-11-03-third.md) and [nothing](missing.md)."); return f }),
        ("title edited", { var f = $0; f["content/news/2023-11-02-second.md"] = f["content/news/2023-11-02-second.md"]!.replacingOccurrences(of: "title: \"Second\"", with: "title: \"Second, renamed\""); return f }),
        ("date moved", { var f = $0; f["content/news/2023-11-01-first.md"] = f["content/news/2023-11-01-first.md"]!.replacingOccurrences(of: "date: 2023-11-01", with: "date: 2023-11-05"); return f }),
        // The order stays; the sitemap's lastmod and the pages' <time> change.
        ("time of day added", { var f = $0; f["content/news/2023-11-03-third.md"] = f["content/news/2023-11-03-third.md"]!.replacingOccurrences(of: "date: 2023-11-03", with: "date: 2023-11-03T10:30:00+08:00"); return f }),
        ("tag added", { var f = $0; f["content/news/2023-11-04-fourth.md"] = TestSite.item(title: "Fourth", date: "2023-11-04", extra: "tags: [c]\n", body: "Fourth text, no tags."); return f }),
        ("item added", { var f = $0; f["content/news/2023-11-06-sixth.md"] = TestSite.item(title: "Sixth", date: "2023-11-06", extra: "tags: [a]\n"); return f }),
        // Every search document is renumbered while most pages are kept: a kept page whose
        // document file must change is rendered again for its text, which the cache does not hold.
        ("oldest item added", { var f = $0; f["content/news/2020-01-01-zeroth.md"] = TestSite.item(title: "Zeroth", date: "2020-01-01", body: "Old words."); return f }),
        ("item deleted", { var f = $0; f["content/news/2023-11-03-third.md"] = nil; return f }),
        ("item renamed", { var f = $0; f["content/news/2023-11-03-third-renamed.md"] = f.removeValue(forKey: "content/news/2023-11-03-third.md"); return f }),
        ("link target renamed", { var f = $0; f["content/news/2023-11-02-moved.md"] = f.removeValue(forKey: "content/news/2023-11-02-second.md"); return f }),
        ("item made a draft", { var f = $0; f["content/news/2023-11-04-fourth.md"] = TestSite.item(title: "Fourth", date: "2023-11-04", extra: "draft: true\n"); return f }),
        ("section intro edited", { var f = $0; f["content/news/_index.md"] = "---\ntitle: All the news\n---\nChanged intro.\n"; return f }),
        ("configuration changed", { var f = $0; f["content/site.yml"] = f["content/site.yml"]!.replacingOccurrences(of: "title: Cached", with: "title: Renamed"); return f }),
        ("template changed", { var f = $0; f["themes/default/templates/article.mustache"] = "{{<base}}{{$content}}<h1>{{page.title}}</h1>{{{page.content}}}{{/content}}{{/base}}\n"; return f }),
        ("theme words changed", { var f = $0; f["themes/default/i18n/en.yml"] = "minutes_read: minutes to read\ntags: Topics\n"; return f }),
    ]

    @Test(arguments: edits.map(\.0))
    func cachedBuildAfterAnEditEqualsACleanBuild(_ name: String) async {
        let edit = Self.edits.first { $0.0 == name }!.1
        let (cached, clean) = await Self.rebuild(from: Self.site, to: edit(Self.site))
        Self.expectSame(cached, clean, "\(name)")
        // The graph is reused exactly when nothing it is made of changed.
        let graphInputsSame = ["body edited", "body links another item", "title edited", "template changed", "theme words changed"].contains(name)
        #expect(cached.result.cacheUse.graphReused == graphInputsSame, "\(name)")
        #expect(!clean.result.cacheUse.graphReused)
    }

    /// The link fingerprint lets every item skip checking its links again; a date edit only
    /// reorders pages, so it must not change it, while renaming a page must.
    @Test func reorderingPagesKeepsTheLinkFingerprintAndRenamingOneChangesIt() async {
        func edited(_ name: String) -> [String: String] { Self.edits.first { $0.0 == name }!.1(Self.site) }
        let first = await Self.build(Self.site)
        let moved = await Self.build(edited("date moved"))
        let renamed = await Self.build(edited("item renamed"))
        func newsOrder(_ built: Built) -> [String] {
            let site = built.result.site!
            return site.sections.first { $0.name == "news" }!.pages.map { site.pages[$0].item.path }
        }
        #expect(newsOrder(moved) != newsOrder(first), "the date edit reorders the section")
        #expect(moved.result.cache.linkTargets == first.result.cache.linkTargets)
        #expect(renamed.result.cache.linkTargets != first.result.cache.linkTargets)
    }

    static let thirdWithSecondParagraph = TestSite.item(title: "Third", date: "2023-11-03", extra: "tags: [b]\n",
                                                        body: "Third text.\n\nA second paragraph.")

    @Test func oneItemEditReusesThePagesThatDoNotShowIt() async {
        var after = Self.site
        after["content/news/2023-11-03-third.md"] = Self.thirdWithSecondParagraph
        let first = await Self.build(Self.site)
        let cached = await Self.build(after, cache: first.result.cache, previous: first.files)
        let clean = await Self.build(after)
        let use = cached.result.cacheUse
        #expect(use.parsedReused == Self.site.keys.count { $0.hasSuffix(".md") } - 1)
        // Only the third item's page, its search document and the search shards holding its new
        // words change; its neighbours, listings, tags and feeds show its title and summary
        // (both unchanged).
        #expect(cached.files == clean.files)
        let changed = Set(clean.files.keys.filter { first.files[$0] != clean.files[$0] })
        #expect(changed.contains("news/third/index.html"))
        #expect(changed.subtracting(["news/third/index.html"]).allSatisfy { $0.hasPrefix("search/en/terms/") || $0.hasPrefix("search/en/docs/") })
        #expect(changed.count { $0.hasPrefix("search/en/docs/") } == 1)
        #expect(use.outputsReused == cached.result.cache.outputs.count - changed.count)
    }

    /// An item older than all others renumbers every search document. The pages that do not
    /// show it are kept all the same; their documents are made from their text alone.
    @Test func renumberedSearchDocumentsKeepThePagesThatDoNotShowTheNewItem() async throws {
        let edit = Self.edits.first { $0.0 == "oldest item added" }!.1
        let first = await Self.build(Self.site)
        let output = InMemoryOutput(previous: first.files)
        let result = await SiteBuilder(source: TestSite.source(edit(Self.site)), options: BuildOptions(now: TestSite.now))
            .build(into: output, cache: first.result.cache)
        let clean = await Self.build(edit(Self.site))
        Self.expectSame(Built(result: result, files: output.files), clean, "oldest item added")
        let documents = try SearchIndexTests.documents(output.files)
        #expect(documents.first?.title == "Zeroth")
        #expect(documents.dropFirst().map(\.url) == (try SearchIndexTests.documents(first.files)).map(\.url))
        // Neither shows the new item or a neighbour that changed: kept, not rendered again.
        #expect(output.keptPaths.isSuperset(of: ["news/fourth/index.html", "campus/library/index.html"]))
        #expect(!output.keptPaths.contains { $0.hasPrefix("search/en/docs/") })
    }

    /// More items than one block of the search index (`SearchIndexBuilder.blockLength`): an
    /// edit re-sums only the blocks whose inputs changed and keeps the others' sums.
    static let archive: [String: String] = {
        var files = ["content/site.yml": "title: Archive\nbase_url: https://example.edu.cn/\n"]
        for number in 0..<(2 * SearchIndexBuilder.blockLength + 40) {
            let day = String(format: "2023-%02d-%02d", 1 + number / 28 % 12, 1 + number % 28)
            let year = 2000 + number / 336
            files["content/news/\(year)\(day.dropFirst(4))-item-\(number).md"] = TestSite.item(
                title: "Item \(number)", date: "\(year)\(day.dropFirst(4))", extra: "tags: [t\(number % 7)]\n",
                body: "Words of item \(number): cooperation \(number % 13 == 0 ? "agreement" : "campus") news.")
        }
        return files
    }()

    @Test(arguments: ["a body in the second block", "a title in the first block", "the last item deleted", "an oldest item added"])
    func editsOfAnArchiveEqualCleanBuilds(_ edit: String) async {
        var after = Self.archive
        let paths = after.keys.filter { $0.hasSuffix(".md") }.sorted()
        switch edit {
        case "a body in the second block": after[paths[300]] = after[paths[300]]!.replacingOccurrences(of: "news.", with: "news and a new word.")
        case "a title in the first block": after[paths[20]] = after[paths[20]]!.replacingOccurrences(of: "title: \"Item", with: "title: \"Entry")
        case "the last item deleted": after[paths.last!] = nil
        default: after["content/news/1999-01-01-oldest.md"] = TestSite.item(title: "Oldest", date: "1999-01-01", body: "Old agreement.")
        }
        let (cached, clean) = await Self.rebuild(from: Self.archive, to: after)
        Self.expectSame(cached, clean, "\(edit)")
        #expect(clean.result.cache.searchBlocks["en"]?.blocks.count == 3)
    }

    /// A cached build numbers new words after the lexicon's, so the blocks it did not change
    /// digest their inputs as before and keep their sums; the edited block's digest changes.
    @Test func anEditChangesTheInputsDigestOfItsBlockOnly() async {
        var after = Self.archive
        let paths = after.keys.filter { $0.hasSuffix(".md") }.sorted()
        after[paths[300]] = after[paths[300]]!.replacingOccurrences(of: "news.", with: "news and a new word.")
        let first = await Self.build(Self.archive)
        let cached = await Self.build(after, cache: first.result.cache, previous: first.files)
        let before = try? #require(first.result.cache.searchBlocks["en"]?.blocks.map(\.inputs))
        let now = try? #require(cached.result.cache.searchBlocks["en"]?.blocks.map(\.inputs))
        #expect(before?.count == 3 && now?.count == 3)
        #expect(before?[0] == now?[0] && before?[2] == now?[2])
        #expect(before?[1] != now?[1])
    }

    @Test func aFileTheSinkNoLongerHoldsIsRenderedAgain() async {
        let first = await Self.build(Self.site)
        var previous = first.files
        previous["news/first/index.html"] = Array("edited by hand".utf8)
        previous["campus/library/index.html"] = nil
        let cached = await Self.build(Self.site, cache: first.result.cache, previous: previous)
        #expect(cached.files == first.files)
    }
}

/// The cache on disk: what is loaded is what was saved, and anything damaged loads as empty.
@Suite("Build cache store")
struct BuildCacheStoreTests {
    let directory: TemporaryDirectory
    let store: BuildCacheStore

    init() throws {
        directory = try TemporaryDirectory()
        store = BuildCacheStore(siteRoot: directory.url)
    }

    func saveCache(engine: UInt64) async throws -> BuildCache {
        let built = await BuildCacheTests.build(BuildCacheTests.site, cache: BuildCache(engine: engine))
        try store.save(built.result.cache)
        return built.result.cache
    }

    @Test func aSavedCacheLoadsWithTheSameEntries() async throws {
        let cache = try await saveCache(engine: 7)
        let loaded = await store.load(engine: 7)
        #expect(loaded.key == cache.key && loaded.parsed.count == cache.parsed.count)
        #expect(loaded.markdown.count == cache.markdown.count && loaded.outputs == cache.outputs)
        #expect(loaded.parsed.mapValues(\.item) == cache.parsed.mapValues(\.item))
        #expect(!loaded.searchBlocks.isEmpty && loaded.searchBlocks == cache.searchBlocks)
    }

    /// Megabytes of entries: written in pieces, counts filled in after the bytes went to disk.
    @Test func aCacheLargerThanTheWriteBufferRoundTrips() async throws {
        var cache = try await saveCache(engine: 7)
        let template = cache.parsed.values.first!
        for number in 0..<20_000 {
            cache.outputs["archive/\(number)/index.html"] = OutputRecord(signature: UInt64(number), stamp: UInt64(number) &* 31)
            cache.parsed["content/archive/item-\(number).md"] = template
        }
        try store.save(cache)
        #expect(try Data(contentsOf: store.file).count > 3 << 20)
        let loaded = await store.load(engine: 7)
        #expect(loaded.outputs == cache.outputs)
        #expect(loaded.parsed.mapValues(\.item) == cache.parsed.mapValues(\.item))
    }

    /// The store decodes the three entry tables on separate cores; they must be what a
    /// straight reading gives, and a bad table of offsets is damage, not a crash.
    @Test func tablesDecodedTogetherEqualAStraightReading() async throws {
        let cache = try await saveCache(engine: 7)
        var writer = CacheWriter()
        cache.store(in: &writer)
        let bytes = writer.bytes
        let together = try await BuildCache.decodeConcurrently([0x0A] + bytes, payloadStart: 1) { true }
        let straight = try bytes.withUnsafeBytes { buffer in
            var reader = CacheReader(buffer)
            return try BuildCache(from: &reader)
        }
        #expect(together.key == straight.key && together.linkTargets == straight.linkTargets && together.outputs == straight.outputs)
        #expect(together.parsed.mapValues(\.item) == straight.parsed.mapValues(\.item))
        #expect(together.markdown.keys.sorted() == straight.markdown.keys.sorted() && !together.markdown.isEmpty)
        for cut in [1, 8, 24, bytes.count / 2] {
            await #expect(throws: CacheReader.Damage.self) { try await BuildCache.decodeConcurrently(Array(bytes.dropLast(cut)), payloadStart: 0) { true } }
        }
        // A failed checksum is damage too, whatever the bytes.
        await #expect(throws: CacheReader.Damage.self) { try await BuildCache.decodeConcurrently(bytes, payloadStart: 0) { false } }
    }

    @Test func aCacheWrittenByAnotherProgramIsIgnored() async throws {
        _ = try await saveCache(engine: 7)
        #expect(await store.load(engine: 8).isEmpty)
    }

    @Test(arguments: ["flipped byte", "truncated", "empty", "garbage header"])
    func aDamagedCacheLoadsAsEmpty(_ damage: String) async throws {
        _ = try await saveCache(engine: 7)
        var bytes = Array(try Data(contentsOf: store.file))
        switch damage {
        case "flipped byte": bytes[bytes.count / 2] ^= 0x20
        case "truncated": bytes.removeLast(bytes.count / 3)
        case "empty": bytes = []
        default: bytes.replaceSubrange(0..<8, with: Array("garbage!".utf8))
        }
        try Data(bytes).write(to: store.file)
        #expect(await store.load(engine: 7).isEmpty)
    }
}
