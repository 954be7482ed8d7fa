import Foundation
import Testing
@testable import NewsdeskCore

/// An article is built again on a later build only when something its context read changed
/// (`ContextReads`, `ContextReadKey`). That holds only if the recorded reads are all the
/// context depends on; these tests check it on built sites by changing everything else.
@Suite("What an article's context read")
struct ContextReadKeyTests {
    static let now = NewsDate(TestSite.now)

    /// The builder an item page stage uses: dates, links and related items made up front.
    static func contexts(_ site: Site, _ theme: Theme) async -> PageContextBuilder {
        var builder = await PageContextBuilder(site: site, theme: theme, extras: [], mode: .publish).withDateTable()
        builder.related = await RelatedItems(site: site).withTable()
        builder.readKey = await ContextReadKey(contexts: builder)
        return builder
    }

    static func resolved(_ files: [String: String] = FieldEditTests.site) async throws -> (Site, Theme) {
        let resolution = await SiteBuilder(source: TestSite.source(files), options: BuildOptions(now: TestSite.now)).resolve()
        return (resolution.site, try #require(resolution.theme))
    }

    static let extras = PageExtras(summary: "A summary", readingMinutes: 2)

    static func article(_ index: Int, _ contexts: PageContextBuilder) -> (context: TemplateData, reads: [ContextRead]) {
        let (context, reads) = ContextReads.recording { contexts.article(index, extra: extras, now: now) }
        return (context, reads)
    }

    /// An article's own part of the key, for Markdown of `contentHash`.
    static func markdown(_ contentHash: UInt64) -> UInt64 {
        ContextReadKey.own(MarkdownInputs(MarkdownFacts(contentHash: contentHash, links: [], resolutions: 2, extras: extras, diagnostics: [],
                                                        searchTerms: nil, searchTextDigest: nil)))
    }

    /// Page `index` with another title, author, summary, address and content hash: what a
    /// context that did not read it cannot notice.
    static func garbled(_ page: Page) -> Page {
        let fields = page.item.fields
        var frontMatter = fields.frontMatter
        frontMatter.title = "Garbled ✗"
        frontMatter.author = "Someone else"
        frontMatter.summary = "Another summary"
        var changed = page
        changed.item = Item(file: fields.file, frontMatter: frontMatter, language: fields.language, slug: fields.slug,
                            translationKey: fields.translationKey, bodyFirstLine: fields.bodyFirstLine, contentHash: fields.contentHash &+ 1)
        changed.sitePath += "garbled/"
        return changed
    }

    /// The builder the listings use: every page's extras, entries made up front.
    static func listings(_ site: Site, _ theme: Theme, extras: [PageExtras]) async -> ListingRenderer {
        var builder = await PageContextBuilder(site: site, theme: theme, extras: extras, mode: .publish).withDateTable()
        builder.related = await RelatedItems(site: site).withTable()
        builder = await builder.withEntryTable()
        builder.readKey = await ContextReadKey(contexts: builder, inputs: 0)
        return ListingRenderer(contexts: builder, intros: [:], now: now)
    }

    static func readPages(_ reads: [ContextRead]) -> Set<Int> {
        Set(reads.compactMap { if case .page(let index) = $0 { index } else { nil } })
    }

    @Test func anArticleReadsNoPageBesidesThoseItsReadsName() async throws {
        let (site, theme) = try await Self.resolved()
        let contexts = await Self.contexts(site, theme)
        #expect(site.pages.count >= 5)
        for index in site.pages.indices {
            let (context, reads) = Self.article(index, contexts)
            let read = Self.readPages(reads)
            #expect(read.contains(index))
            #expect(read.count < site.pages.count, "page \(index) read every page")
            var other = site
            for unread in site.pages.indices where !read.contains(unread) { other.pages[unread] = Self.garbled(site.pages[unread]) }
            let otherContexts = await Self.contexts(other, theme)
            #expect(Self.article(index, otherContexts).context == context, "page \(index) read a page its reads do not name")
            let markdown = Self.markdown(1)
            #expect(otherContexts.readKey?.key(reads, own: markdown, contexts: otherContexts, now: Self.now)
                        == contexts.readKey?.key(reads, own: markdown, contexts: contexts, now: Self.now))
        }
    }

    @Test func aListingReadsNoPageBesidesThoseItsReadsName() async throws {
        let (site, theme) = try await Self.resolved()
        let extras = site.pages.indices.map { PageExtras(summary: "Summary \($0)", readingMinutes: $0 + 1) }
        let listings = await Self.listings(site, theme, extras: extras)
        var checked = 0
        for output in site.outputs {
            guard let signed = listings.signedPage(output), let recorded = signed.reads else { continue }
            checked += 1
            let read = Self.readPages(recorded.reads)
            var other = site
            var otherExtras = extras
            for unread in site.pages.indices where !read.contains(unread) {
                other.pages[unread] = Self.garbled(site.pages[unread])
                otherExtras[unread].summary = "Garbled summary"
            }
            let otherListings = await Self.listings(other, theme, extras: otherExtras)
            #expect(otherListings.page(output)?.context == signed.page.context, "\(output.path) read a page its reads do not name")
            #expect(otherListings.unchangedSignature(output, record: OutputRecord(signature: signed.signature, stamp: 0, contextReads: recorded))
                        == signed.signature, "\(output.path)")
        }
        #expect(checked >= 5)
        // An entry's extras are part of what a listing read.
        let home = try #require(site.outputs.first { if case .home = $0.kind { true } else { false } })
        let signed = try #require(listings.signedPage(home))
        let homeReads = try #require(signed.reads)
        let shown = try #require(Self.readPages(homeReads.reads).first { $0 != 0 })
        var otherExtras = extras
        otherExtras[shown].summary = "Another summary"
        let otherListings = await Self.listings(site, theme, extras: otherExtras)
        #expect(otherListings.unchangedSignature(home, record: OutputRecord(signature: signed.signature, stamp: 0, contextReads: signed.reads)) == nil)
    }

    @Test func aChangeToAPageThatWasReadChangesTheKey() async throws {
        let (site, theme) = try await Self.resolved()
        let contexts = await Self.contexts(site, theme)
        let markdown = Self.markdown(1)
        let index = try #require(site.pages.indices.first { site.pages[$0].newer != nil })
        let (_, reads) = Self.article(index, contexts)
        let neighbour = try #require(site.pages[index].newer)
        #expect(Self.readPages(reads).contains(neighbour))
        var other = site
        other.pages[neighbour] = Self.garbled(site.pages[neighbour])
        let otherContexts = await Self.contexts(other, theme)
        let key = contexts.readKey?.key(reads, own: markdown, contexts: contexts, now: Self.now)
        #expect(key != nil)
        #expect(otherContexts.readKey?.key(reads, own: markdown, contexts: otherContexts, now: Self.now) != key)
        #expect(contexts.readKey?.key(reads, own: Self.markdown(3), contexts: contexts, now: Self.now) != key)
    }

    @Test func aChangeToWhatEveryPageSharesChangesTheKey() async throws {
        let (site, theme) = try await Self.resolved()
        let contexts = await Self.contexts(site, theme)
        var other = site
        other.sections[0].title += " (renamed)"
        #expect(await Self.contexts(other, theme).readKey?.shared != contexts.readKey?.shared)
        var otherTheme = theme
        otherTheme.strings["en", default: [:]]["home"] = .string("Front page")
        #expect(await Self.contexts(site, otherTheme).readKey?.shared != contexts.readKey?.shared)
        #expect(await Self.contexts(site, theme).readKey?.shared == contexts.readKey?.shared)
    }

    @Test func readsNamingAPageTheSiteNoLongerHasHaveNoKey() async throws {
        let (site, theme) = try await Self.resolved()
        let contexts = await Self.contexts(site, theme)
        let markdown = Self.markdown(1)
        for read in [ContextRead.page(site.pages.count), .related(site.pages.count + 3), .future(-1)] {
            #expect(contexts.readKey?.key([.page(0), read], own: markdown, contexts: contexts, now: Self.now) == nil)
        }
    }

    /// `ContextReadKey.digest(of:)` combines these by hand: a property added to `Page` fails
    /// here until it is combined there too.
    @Test func everyPropertyOfAPageIsDigested() async throws {
        let (site, _) = try await Self.resolved()
        let labels = Mirror(reflecting: site.pages[0]).children.compactMap(\.label)
        #expect(labels == ["item", "sitePath", "outputPath", "section", "newer", "older", "translations", "tags"])
        #expect(Mirror(reflecting: PageExtras()).children.compactMap(\.label) == ["summary", "readingMinutes", "imageURL", "thumbnail", "contentHTML"])
        let extras = PageExtras(summary: "S", readingMinutes: 2, imageURL: "/a.png", thumbnail: ("/t.png", "alt"), contentHTML: "<p>")
        var changedExtras = extras
        changedExtras.thumbnail = ("/t.png", "other alt")
        #expect(ContextReadKey.digest(of: site.pages[0], extras: changedExtras) != ContextReadKey.digest(of: site.pages[0], extras: extras))
        var page = site.pages[0]
        let digest = ContextReadKey.digest(of: page)
        page.outputPath += "x"
        #expect(ContextReadKey.digest(of: page) != digest)
        page = site.pages[0]
        page.tags.append(7)
        #expect(ContextReadKey.digest(of: page) != digest)
    }

    @Test func aKeptFilesRecordIsWrittenAgainOnlyForOtherReads() {
        let reads = ContextReadRecord(key: 5, reads: [.page(0), .page(1)])
        let record = OutputRecord(signature: 1, stamp: 2, contextReads: reads)
        #expect(record.holding(reads) == nil)
        let other = ContextReadRecord(key: 6, reads: [.page(0), .page(2)])
        #expect(record.holding(other) == OutputRecord(signature: 1, stamp: 2, contextReads: other))
        #expect(OutputRecord(signature: 1, stamp: 2).holding(reads) == record)
    }

    @Test func theStoredRecordRoundTrips() throws {
        let record = OutputRecord(signature: 1, stamp: 2, contextReads: ContextReadRecord(key: .max, reads: [.page(0), .related(12_345), .future(7)]))
        #expect(try CacheRecordsTests.roundTrip(record) == record)
        #expect(try CacheRecordsTests.roundTrip(OutputRecord(signature: 3, stamp: 4)) == OutputRecord(signature: 3, stamp: 4))
    }
}

/// The same value gives the same digest in every process, whatever order its dictionaries
/// and sets are in, and every stored property counts.
@Suite("Digests by reflection")
struct ReflectedDigestTests {
    struct Sample {
        var name: String
        var counts: [String: Int]
        var seen: Set<String>
        var zone: TimeZone
        var next: Int?
        var kind: RenderMode
    }

    static let sample = Sample(name: "a", counts: ["x": 1, "y": 2, "z": 3, "w": 4], seen: ["p", "q", "r"],
                               zone: TimeZone(identifier: "Asia/Shanghai")!, next: nil, kind: .publish)

    @Test func dictionariesAndSetsCountWhatTheyHoldNotTheirOrder() {
        var reordered = [String: Int](minimumCapacity: 64)
        for key in ["w", "z", "y", "x"] { reordered[key] = Self.sample.counts[key] }
        var other = Self.sample
        other.counts = reordered
        other.seen = Set(["r", "q", "p"])
        #expect(ReflectedDigest.of(other) == ReflectedDigest.of(Self.sample))
        // Pinned: a digest that followed hash order would differ between processes, which
        // seed their hashing at random, and this value would not hold from run to run.
        #expect(ReflectedDigest.of(["one": 1, "two": 2, "three": 3, "four": 4, "five": 5]) == 6_067_395_587_232_633_273)
    }

    @Test func everyPropertyCounts() {
        let digest = ReflectedDigest.of(Self.sample)
        var changes: [Sample] = []
        for change in 0..<6 {
            var other = Self.sample
            switch change {
            case 0: other.name = "b"
            case 1: other.counts["x"] = 9
            case 2: other.seen.insert("s")
            case 3: other.zone = TimeZone(identifier: "Europe/Paris")!
            case 4: other.next = 0
            default: other.kind = .preview
            }
            changes.append(other)
        }
        for other in changes { #expect(ReflectedDigest.of(other) != digest) }
    }
}
