import Foundation
import Testing
@testable import NewsdeskCore

@Suite("Listings, tags and redirects")
struct ListingTests {
    static func site(items count: Int, paginate: Int = 20, extraConfig: String = "") -> [String: String] {
        var files = ["content/site.yml": "base_url: https://example.edu.cn/sub/\npaginate: \(paginate)\n\(extraConfig)"]
        for index in 0..<count {
            files["content/news/item-\(String(format: "%04d", index)).md"] = TestSite.item(
                title: "Item \(index)", date: String(format: "2023-%02d-%02d", 1 + index % 12, 1 + index % 28))
        }
        return files
    }

    /// The `href` of the first link with `rel`, as written.
    static func rel(_ rel: String, in html: String) -> String? {
        guard let range = html.range(of: "rel=\"\(rel)\" href=\"") else { return nil }
        let rest = html[range.upperBound...]
        return String(rest[..<rest.firstIndex(of: "\"")!])
    }

    static func entryLinks(in html: String) -> [String] {
        html.components(separatedBy: "<h2 class=\"entry-title\"><a href=\"").dropFirst().map { String($0[..<$0.firstIndex(of: "\"")!]) }
    }

    @Test(arguments: [0, 1, 20, 21, 1000])
    func followingTheListingPagesShowsEveryItemExactlyOnceNewestFirst(count: Int) async throws {
        let (result, output) = await TestSite.build(Self.site(items: count))
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.summary)")
        guard count > 0 else {
            #expect(output.text("news/index.html") == nil, "a folder without items is not a section")
            return
        }
        var seen: [String] = []
        var page: String? = "/sub/news/"
        var pages = 0
        var previous: String?
        while let current = page, pages <= count {
            let html = try #require(output.text(String(current.dropFirst("/sub/".count)) + "index.html"), "\(current) missing")
            #expect(Self.rel("prev", in: html) == previous)
            seen += Self.entryLinks(in: html)
            previous = current
            page = Self.rel("next", in: html)
            pages += 1
        }
        let site = result.site!
        let expected = site.sections[0].pages.map { site.urls.href(site.pages[$0].sitePath) }
        #expect(seen == expected)
        #expect(Set(seen).count == count)
        #expect(pages == (count + 19) / 20)
    }

    @Test func tagsWithChineseNamesGetURLSafePathsAndCounts() async throws {
        let (result, output) = await TestSite.build([
            "content/site.yml": "tag_slugs:\n  人工智能: ai\n",
            "content/news/a.md": TestSite.item(title: "A", extra: "tags: [网络安全, 人工智能]\n"),
            "content/news/b.md": TestSite.item(title: "B", extra: "tags: [网络安全]\n"),
        ])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.summary)")
        #expect(output.text("tags/网络安全/index.html") != nil)
        #expect(output.text("tags/ai/index.html") != nil)
        let index = try #require(output.text("tags/index.html"))
        #expect(index.contains("href=\"/tags/%E7%BD%91%E7%BB%9C%E5%AE%89%E5%85%A8/\">网络安全</a> <span class=\"count\">(2)</span>"))
        #expect(index.contains("href=\"/tags/ai/\">人工智能</a>"))
    }

    @Test func aliasesRedirectToTheirItem() async throws {
        let (_, output) = await TestSite.build([
            "content/site.yml": "base_url: https://www.example.edu.cn/news-site/\n",
            "content/news/agreement.md": TestSite.item(title: "Agreement", extra: "aliases: [/info/1011/5678.htm, /old/agreement/]\n"),
        ])
        let redirect = try #require(output.text("info/1011/5678.htm"))
        #expect(redirect.contains("<meta http-equiv=\"refresh\" content=\"0; url=/news-site/news/agreement/\">"))
        #expect(redirect.contains("<link rel=\"canonical\" href=\"https://www.example.edu.cn/news-site/news/agreement/\">"))
        #expect(output.text("old/agreement/index.html") != nil)
    }

    @Test func anAliasCollidingWithAPageIsAnError() async {
        let (result, _) = await TestSite.build([
            "content/news/a.md": TestSite.item(title: "A"),
            "content/news/b.md": TestSite.item(title: "B", extra: "aliases: [/news/a/]\n"),
        ])
        #expect(result.diagnostics.contains { $0.isError && $0.path == "content/news/b.md" && $0.message.contains("written twice") })
    }

    @Test func homeShowsTheConfiguredNumberOfLatestItemsPerSection() async throws {
        var files = Self.site(items: 9, extraConfig: "home_items_per_section: 3\n")
        files["content/cooperation/visit.md"] = TestSite.item(title: "Visit")
        let (_, output) = await TestSite.build(files)
        let home = try #require(output.text("index.html"))
        #expect(home.components(separatedBy: "/sub/news/item-").count - 1 == 3)
        #expect(home.contains("href=\"/sub/cooperation/\""))
        #expect(home.contains("href=\"/sub/news/\""))
    }

    @Test func yearArchivesListTheirYearOnly() async throws {
        let (_, output) = await TestSite.build([
            "content/news/old.md": TestSite.item(title: "Old", date: "2022-05-01"),
            "content/news/new.md": TestSite.item(title: "New", date: "2023-05-01"),
        ])
        let archive = try #require(output.text("news/2022/index.html"))
        #expect(Self.entryLinks(in: archive) == ["/news/old/"])
    }


    @Test(arguments: [1, 5, 6, 23])
    func followingAYearArchivesPagesShowsEveryItemOfTheYearOnceNewestFirst(count: Int) async throws {
        var files = Self.site(items: count, paginate: 5)
        files["content/news/other-year.md"] = TestSite.item(title: "Other", date: "2021-06-01")
        let (result, output) = await TestSite.build(files)
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.summary)")
        var seen: [String] = []
        var path: String? = "/sub/news/2023/"
        var pageCount = 0
        while let current = path {
            let file = String(current.dropFirst("/sub/".count)) + "index.html"
            let html = try #require(output.text(file), "\(file) is missing")
            let entries = Self.entryLinks(in: html)
            #expect((1...5).contains(entries.count))
            seen += entries
            pageCount += 1
            path = Self.rel("next", in: html)
            if let next = path { #expect(Self.rel("prev", in: output.text(String(next.dropFirst("/sub/".count)) + "index.html")!) == current) }
        }
        #expect(pageCount == (count + 4) / 5)
        #expect(output.text("news/2023/page/\(pageCount + 1)/index.html") == nil)
        #expect(!seen.contains("/sub/news/other-year/"))
        #expect(seen.count == count && Set(seen).count == count)
        // The section's own order (tested above) without the other year's item.
        let site = try #require(result.site)
        let expected = site.sections[0].pages.map { site.urls.href(site.pages[$0].sitePath) }.filter { $0 != "/sub/news/other-year/" }
        #expect(seen == expected)
    }
    @Test func everyPageLinksTheFeedAndTheThemeRendersA404() async throws {
        let (_, output) = await TestSite.build(Self.site(items: 3))
        let html = output.files.keys.filter { $0.hasSuffix(".html") }
        #expect(html.count > 5)
        for path in html where !(output.text(path)!.contains("http-equiv=\"refresh\"")) {
            #expect(output.text(path)!.contains("<link rel=\"alternate\" type=\"application/atom+xml\""), "\(path)")
        }
        #expect(output.text("404.html")?.contains("Page not found") == true)
    }

    @Test func everythingTemplatesPrintIsEscaped() async throws {
        let (_, output) = await TestSite.build([
            "content/news/x.md": TestSite.item(title: "<script>alert(1)</script> & \\\"quotes\\\"",
                                               extra: "author: \"<b>Bob</b>\"\ntags: [\"<i>t</i>\"]\n", body: "Body."),
        ])
        for (path, bytes) in output.files where path.hasSuffix(".html") || path.hasSuffix(".xml") {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!text.contains("<script>alert"), "\(path)")
            #expect(!text.contains("<b>Bob"), "\(path)")
            #expect(!text.contains("<i>t</i>"), "\(path)")
        }
    }
}

@Suite("Unsafe input")
struct UnsafeInputTests {
    @Test func frontMatterImagesMustBeWebAddressesOrSiteFiles() async {
        let (result, _) = await TestSite.build(["content/news/x.md": TestSite.item(extra: "image: javascript:alert(1)\nimage_alt: x\n")])
        #expect(result.diagnostics.contains { $0.isError && $0.line == 4 && $0.message.contains("not a web address") })
    }

    @Test func configuredTagSlugsCannotLeaveTheirFolder() async {
        let (result, output) = await TestSite.build([
            "content/site.yml": "tag_slugs:\n  evil: ../../escape\n",
            "content/news/x.md": TestSite.item(extra: "tags: [evil]\n"),
        ])
        #expect(result.diagnostics.contains { $0.isError && $0.path == "content/site.yml" && $0.line == 2 })
        #expect(output.files.keys.allSatisfy { !$0.contains("..") })
    }
}
