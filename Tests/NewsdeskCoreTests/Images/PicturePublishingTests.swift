import Foundation
import Synchronization
import Testing
@testable import NewsdeskCore

/// Photos in a built site: the markup pages and listings get, what is published, and the cache.
@Suite("Publishing photos")
struct PicturePublishingTests {
    static let item = "content/news/2023-11-22-visit/index.md"

    /// A bundle item whose lead photo and body photo are PNGs, plus `site.yml` lines.
    static func site(settings: String = "", body: String = "") throws -> [String: [UInt8]] {
        let text = TestSite.item(title: "Visit", date: "2023-11-22",
                                 extra: "image: lead.png\nimage_alt: The delegation at the gate\n",
                                 body: "Opening.\n\n![Signing the agreement](signing.png)\n\nSee [the photo](signing.png).\n" + body)
        var files = TestSite.source([
            "content/site.yml": "title: Photos\nbase_url: https://www.example.edu.cn/news-site/\n" + settings,
            item: text,
        ]).contents
        files["content/news/2023-11-22-visit/lead.png"] = TestImages.png(width: 1200, height: 800)
        files["content/news/2023-11-22-visit/signing.png"] = TestImages.png(width: 1000, height: 500)
        return files
    }

    static func build(_ files: [String: [UInt8]]) async -> (BuildResult, InMemoryOutput) {
        let output = InMemoryOutput()
        let result = await SiteBuilder(source: InMemorySiteSource(bytes: files), options: BuildOptions(now: TestSite.now)).build(into: output)
        return (result, output)
    }

    @Test func markdownPhotosBecomeLazyPicturesWithIntrinsicSizes() async throws {
        let (result, output) = await Self.build(try Self.site())
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.summary)")
        let page = try #require(output.text("news/visit/index.html"))
        let body = try #require(page.firstMatch(of: /<picture><source type="image\/webp" srcset="([^"]+)"[^>]*><img src="([^"]+)" srcset="([^"]+)" sizes="[^"]+" width="(\d+)" height="(\d+)" alt="Signing the agreement" loading="lazy" decoding="async"><\/picture>/))
        #expect(body.1.hasSuffix("signing-1000.\(body.2.split(separator: ".")[1]).webp 1000w"))
        #expect(body.1.contains("/news-site/news/visit/signing-480.") && body.1.contains(" 480w, "))
        #expect(body.2.hasPrefix("/news-site/news/visit/signing-1000.") && body.2.hasSuffix(".jpg"))
        #expect(body.3.contains(".jpg 480w") && body.3.contains(".jpg 1000w"))
        #expect(body.4 == "1000" && body.5 == "500")
        // The lead photo is the page's largest paint: eager.
        #expect(page.contains(/<img src="\/news-site\/news\/visit\/lead-1200\.[0-9a-f]{10}\.jpg" srcset="[^"]+ 480w, [^"]+ 960w, [^"]+ 1200w" sizes="[^"]+" width="1200" height="800" alt="The delegation at the gate" loading="eager">/))
        // A link to the original photo gets its largest variant; the original is not published.
        #expect(page.contains(/<a href="\/news-site\/news\/visit\/signing-1000\.[0-9a-f]{10}\.jpg">the photo<\/a>/))
        #expect(output.files["news/visit/signing.png"] == nil && output.files["news/visit/lead.png"] == nil)
        // Every URL the page names is a published file.
        for match in page.matches(of: /\/news-site\/(news\/visit\/[^" ]+\.(?:webp|jpg))/) {
            #expect(output.files[String(match.1)] != nil, "\(match.1) is named but not published")
        }
    }

    @Test func listingsShowTheThumbnail() async throws {
        let (_, output) = await Self.build(try Self.site())
        for listing in ["news/index.html", "index.html"] {
            let html = try #require(output.text(listing))
            #expect(html.contains(#/<picture><source type="image\/webp" srcset="\/news-site\/news\/visit\/lead-240\.[0-9a-f]{10}\.webp"><img class="entry-thumb" src="\/news-site\/news\/visit\/lead-240\.[0-9a-f]{10}\.jpg" width="240" height="160" alt="The delegation at the gate" loading="lazy" decoding="async"><\/picture>/#),
                    "\(listing)")
        }
    }

    @Test func checkWarnsAboutPhotosNarrowerThanTheWidestVariant() async throws {
        // lead.png is 1200 and signing.png 1000 pixels wide; pages show photos up to 1600.
        let diagnostics = await SiteBuilder(source: InMemorySiteSource(bytes: try Self.site()),
                                            options: BuildOptions(now: TestSite.now)).check()
        #expect(diagnostics.map(\.severity) == [.warning, .warning], "\(diagnostics.summary)")
        #expect(diagnostics.contains { $0.path == Self.item && $0.line == 4
            && $0.message == "the photo 'lead.png' is 1200 pixels wide, less than the 1600 pixels pages show it at" })
        #expect(diagnostics.contains { $0.path == Self.item && $0.line == 9 && $0.column == 1
            && $0.message.hasPrefix("the photo 'signing.png' is 1000 pixels wide") && $0.hint?.contains("original file") == true })
        let wideEnough = await SiteBuilder(source: InMemorySiteSource(bytes: try Self.site(settings: "images: { widths: [480, 960] }\n")),
                                           options: BuildOptions(now: TestSite.now)).check()
        #expect(wideEnough.isEmpty, "\(wideEnough.summary)")
    }

    @Test func originalsArePublishedWhenTheSiteSaysSo() async throws {
        let (result, output) = await Self.build(try Self.site(settings: "images:\n  publish_originals: true\n  widths: [300]\n  formats: [jpeg]\n"))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.summary)")
        #expect(output.files["news/visit/signing.png"] == TestImages.png(width: 1000, height: 500))
        let page = try #require(output.text("news/visit/index.html"))
        #expect(page.contains("<a href=\"/news-site/news/visit/signing.png\">the photo</a>"))
        #expect(page.contains(#/<picture><img src="\/news-site\/news\/visit\/signing-300\.[0-9a-f]{10}\.jpg" srcset="[^" ]+ 240w, [^" ]+ 300w" /#))
    }

    @Test func theImageCacheEncodesOnlyNewOrChangedPhotos() async throws {
        let work = try TemporaryDirectory()
        for (path, bytes) in try Self.site() where !path.hasPrefix("themes/") {
            try FileManager.default.createDirectory(at: work.url.appendingPathComponent(path).deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try Data(bytes).write(to: work.url.appendingPathComponent(path))
        }
        try work.installDefaultTheme()
        func build() async -> BuildResult {
            var options = BuildOptions(now: TestSite.now)
            options.imageStore = DiskImageStore(siteRoot: work.url)
            return await SiteBuilder(source: DiskSiteSource(root: work.url), options: options).build(into: InMemoryOutput())
        }
        let first = await build()
        #expect(first.succeeded && first.imagesEncoded == 2)
        let second = await build()
        #expect(second.succeeded && second.imagesEncoded == 0)
        try Data(TestImages.png(width: 900, height: 500)).write(to: work.url.appendingPathComponent("content/news/2023-11-22-visit/signing.png"))
        let third = await build()
        #expect(third.succeeded && third.imagesEncoded == 1)
        let entries = try FileManager.default.contentsOfDirectory(atPath: work.url.appendingPathComponent(".newsdesk-cache/images").path)
        #expect(Set(entries).isSuperset(of: ["stamps.json", "facts.json"]))
        #expect(entries.filter { !$0.hasSuffix(".json") }.count == 3)
        // New settings make new variants of unchanged photos.
        try work.write("content/site.yml", "title: Photos\nbase_url: https://www.example.edu.cn/news-site/\nimages: { quality: 70 }\n")
        let fourth = await build()
        #expect(fourth.succeeded && fourth.imagesEncoded == 2)
    }
}

/// `BuildOptions.photoEncoding` brackets the encoding of photos, which the executable's
/// allocator tunes itself for.
@Suite("Telling the allocator about photo encoding")
struct PhotoEncodingNoticeTests {
    /// Records the notices and the photos saved (encoded) between them, in order.
    final class Log: Sendable {
        let events = Mutex<[String]>([])
        func add(_ event: String) { events.withLock { $0.append(event) } }
    }

    struct LoggingStore: ImageStore {
        let store = MemoryImageStore()
        let log: Log
        func load(_ key: String) -> StoredImage? { store.load(key) }
        func save(_ key: String, image: StoredImage, files: [String: [UInt8]]) throws {
            log.add("encoded")
            try store.save(key, image: image, files: files)
        }
        func publish(_ key: String, name: String, to path: String, into sink: any OutputSink) throws {
            try store.publish(key, name: name, to: path, into: sink)
        }
        func stamps() -> [String: ImageStamp] { store.stamps() }
        func saveStamps(_ stamps: [String: ImageStamp]) { store.saveStamps(stamps) }
        func facts() -> PictureFacts { store.facts() }
        func saveFacts(_ facts: PictureFacts) { store.saveFacts(facts) }
    }

    static func events(building files: [String: [UInt8]]) async -> [String] {
        let log = Log()
        var options = BuildOptions(now: TestSite.now)
        options.imageStore = LoggingStore(log: log)
        options.photoEncoding = { encoding in log.add(encoding ? "started" : "done") }
        let result = await SiteBuilder(source: InMemorySiteSource(bytes: files), options: options).build(into: InMemoryOutput())
        #expect(result.succeeded, "\(result.diagnostics.summary)")
        return log.events.withLock { $0 }
    }

    @Test func everyPhotoIsEncodedBetweenTheNotices() async throws {
        #expect(await Self.events(building: try PicturePublishingTests.site()) == ["started", "encoded", "encoded", "done"])
    }

    @Test func aSiteWithoutPicturesGetsNoNotice() async throws {
        let files = TestSite.source([
            "content/site.yml": "title: Text\nbase_url: https://www.example.edu.cn/\n",
            PicturePublishingTests.item: TestSite.item(title: "Visit", date: "2023-11-22", body: "No photos.\n"),
        ]).contents
        #expect(await Self.events(building: files) == [])
    }
}
