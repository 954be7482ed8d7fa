import Foundation
import Testing
@testable import NewsdeskCore

@Suite("Feeds and sitemap")
struct FeedAndSitemapTests {
    static let files: [String: String] = {
        var files = [
            "content/site.yml": "base_url: https://www.example.edu.cn/news-site/\ntime_zone: Asia/Shanghai\nfeeds:\n  format: both\n",
            "content/news/draft.md": TestSite.item(title: "Draft", extra: "draft: true\n"),
            "content/news/a&b.md": TestSite.item(title: "Fish & <Chips> \\\"quoted\\\"", date: "2023-11-30", extra: "tags: [food]\n"),
        ]
        for index in 0..<25 {
            files["content/news/item-\(index).md"] = TestSite.item(title: "Item \(index)", date: String(format: "2023-10-%02d", index + 1))
        }
        files["content/cooperation/visit.md"] = TestSite.item(title: "Visit", date: "2023-09-01")
        return files
    }()

    static func isRFC3339(_ text: String) -> Bool {
        text.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)/) != nil
    }

    static func document(_ output: InMemoryOutput, _ path: String) throws -> XMLElementNode {
        let text = try #require(output.text(path), "\(path) was not written")
        return try #require(XMLElementNode.parse(text), "\(path) is not well-formed XML")
    }

    @Test func atomFeedHasTheLatestTwentyEntriesWithAbsoluteURLsAndRFC3339Dates() async throws {
        let (_, output) = await TestSite.build(Self.files)
        let feed = try Self.document(output, "atom.xml")
        #expect(feed.name == "feed")
        #expect(feed.attributes["xmlns"] == "http://www.w3.org/2005/Atom")
        #expect(feed.first("id")?.text.hasPrefix("https://www.example.edu.cn/news-site/") == true)
        #expect(feed.first("updated").map { Self.isRFC3339($0.text) } == true)
        #expect(feed.all("link").contains { $0.attributes["rel"] == "self" && $0.attributes["href"] == "https://www.example.edu.cn/news-site/atom.xml" })
        let entries = feed.all("entry")
        #expect(entries.count == 20)
        #expect(entries.first?.first("title")?.text == "Fish & <Chips> \"quoted\"")
        for entry in entries {
            #expect(entry.first("id")?.text.hasPrefix("https://www.example.edu.cn/news-site/") == true)
            #expect(entry.first("link")?.attributes["href"] == entry.first("id")?.text)
            #expect(entry.first("updated").map { Self.isRFC3339($0.text) } == true)
            #expect(entry.first("summary") != nil)
        }
        #expect(!entries.contains { $0.first("title")?.text == "Draft" })
    }

    @Test func sectionFeedsAndRSSAreWrittenWhenAsked() async throws {
        let (_, output) = await TestSite.build(Self.files)
        let rss = try Self.document(output, "rss.xml")
        #expect(rss.name == "rss" && rss.attributes["version"] == "2.0")
        let channel = try #require(rss.first("channel"))
        #expect(channel.all("item").count == 20)
        #expect(channel.all("item").allSatisfy { $0.first("guid")?.text.hasPrefix("https://") == true && $0.first("pubDate") != nil })
        let section = try Self.document(output, "cooperation/atom.xml")
        #expect(section.all("entry").map { $0.first("title")?.text } == ["Visit"])
    }

    @Test func feedsCarryTheFullArticleWhenConfigured() async throws {
        var files = Self.files
        files["content/site.yml"]! += "  full_content: true\n"
        files["content/news/a&b.md"] = TestSite.item(title: "Full", date: "2023-12-01", body: "Some *emphasis* & more.")
        let (_, output) = await TestSite.build(files)
        let feed = try Self.document(output, "atom.xml")
        let content = try #require(feed.all("entry").first?.first("content"))
        #expect(content.attributes["type"] == "html")
        #expect(content.text == "<p>Some <em>emphasis</em> &amp; more.</p>\n")
        let rss = try Self.document(output, "rss.xml")
        #expect(rss.first("channel")?.all("item").first?.first("description")?.text.contains("<em>emphasis</em>") == true)
    }

    /// An item about HTML: its summary is the text `<script>alert(1)</script>`, which a feed
    /// reader must show as text, never decode into an element.
    @Test func plainTextSummariesStayTextInHTMLFields() async throws {
        var files = Self.files
        files["content/news/a&b.md"] = TestSite.item(title: "About HTML", date: "2023-12-01", body: "&lt;script&gt;alert(1)&lt;/script&gt; & more")
        files["content/news/item-0.md"] = TestSite.item(title: "Own summary", date: "2023-11-30", extra: "summary: \"<b>bold</b> & co\"\n")
        let (_, output) = await TestSite.build(files)
        let rss = try Self.document(output, "rss.xml")
        let descriptions = try #require(rss.first("channel")?.all("item").prefix(2).compactMap { $0.first("description")?.text })
        // What the reader parses as HTML: escaped once more than the text, so it shows the text.
        #expect(descriptions == ["&lt;script&gt;alert(1)&lt;/script&gt; &amp; more", "&lt;b&gt;bold&lt;/b&gt; &amp; co"])
        let atom = try Self.document(output, "atom.xml")
        let summaries = atom.all("entry").prefix(2).compactMap { $0.first("summary") }
        #expect(summaries.map { $0.attributes["type"] } == ["text", "text"])
        #expect(summaries.map(\.text) == ["<script>alert(1)</script> & more", "<b>bold</b> & co"])
    }

    @Test(arguments: [
        ("plain https://example.edu.cn/news/2023/a-b/ 2023-11-23T09:30:00+08:00", "plain https://example.edu.cn/news/2023/a-b/ 2023-11-23T09:30:00+08:00"),
        ("Fish & \"chips\" <b>", "Fish &amp; &quot;chips&quot; &lt;b&gt;"),
        ("tab\tnew\nline\r kept, bell\u{7} dropped", "tab\tnew\nline\r kept, bell dropped"),
        ("non-characters \u{FFFE}\u{FFFF} dropped, BOM \u{FEFF} and 哈尔滨 kept", "non-characters  dropped, BOM \u{FEFF} and 哈尔滨 kept"),
    ])
    func xmlTextIsEscapedAndForbiddenCharactersDropped(_ input: String, _ expected: String) {
        #expect(XMLWriter.escape(input, quotes: true) == expected)
        #expect(XMLWriter.escape(input, quotes: false) == expected.replacingOccurrences(of: "&quot;", with: "\""))
    }

    @Test func sitemapListsEveryPublishedPageOnceAndNothingElse() async throws {
        let (result, output) = await TestSite.build(Self.files)
        let sitemap = try Self.document(output, "sitemap.xml")
        let locations = sitemap.all("url").compactMap { $0.first("loc")?.text }
        #expect(locations.count == Set(locations).count, "duplicates in the sitemap")
        let site = try #require(result.site)
        let listed = ItemListing(site: site).rows.map(\.url)
        #expect(Set(listed).isSubset(of: Set(locations)))
        #expect(locations.contains("https://www.example.edu.cn/news-site/"))
        #expect(locations.contains("https://www.example.edu.cn/news-site/news/page/2/"))
        #expect(!locations.contains { $0.contains("draft") || $0.hasSuffix(".xml") || $0.hasSuffix("404.html") })
        #expect(sitemap.all("url").allSatisfy { $0.first("lastmod").map { Self.isRFC3339($0.text) } == true })
        #expect(output.text("robots.txt") == "User-agent: *\nAllow: /\n\nSitemap: https://www.example.edu.cn/news-site/sitemap.xml\n")
    }

    @Test func listPrintsEveryItemAsJSONAndCSV() async throws {
        let (result, _) = await TestSite.build(Self.files)
        let listing = ItemListing(site: try #require(result.site))
        let rows = try JSONDecoder().decode([ItemListing.Row].self, from: Data(listing.render(.json).utf8))
        #expect(rows.count == 27)
        #expect(rows.contains { $0.source == "content/news/a&b.md" && $0.url == "https://www.example.edu.cn/news-site/news/a-b/" && !$0.draft })
        let csv = listing.render(.csv).split(separator: "\n")
        #expect(csv.first == "source,url,section,language,date,draft,title")
        #expect(csv.contains { $0.hasSuffix(",\"Fish & <Chips> \"\"quoted\"\"\"") })
    }
}
