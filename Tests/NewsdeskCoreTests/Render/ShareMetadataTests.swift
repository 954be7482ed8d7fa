import Foundation
import Testing
@testable import NewsdeskCore

/// Open Graph, Twitter cards, JSON-LD, breadcrumbs, "Updated", related news and the pages
/// around them, as the default theme prints them.
@Suite("Sharing metadata and the default theme's pages")
struct ShareMetadataTests {
    static let siteYML = """
        title: HUST News
        base_url: https://www.example.edu.cn/news-site/
        default_language: en
        languages:
          en: { title: "HUST News" }
          zh: { title: "哈尔滨理工大学新闻网" }
        time_zone: Asia/Shanghai
        organization: { name: "Harbin University of Science and Technology", url: "https://www.hrbust.edu.cn/" }
        contact: "news@hrbust.edu.cn"
        copyright: "2023 Harbin University of Science and Technology"
        """

    static func site(_ extra: [String: String] = [:]) -> [String: String] {
        var files = [
            "content/site.yml": siteYML,
            "content/news/2023-11-23-agreement.md": TestSite.item(
                title: "Cybersecurity agreement signed", date: "2023-11-23T10:00:00+08:00",
                extra: "author: News Center\ntags: [cybersecurity, cooperation]\nlastmod: 2023-12-05\nsummary: \"Three parties sign.\"\n"),
            "content/news/2023-11-23-agreement.zh.md": TestSite.item(title: "网络安全合作协议签署", date: "2023-11-23T10:00:00+08:00",
                                                                     extra: "tags: [网络安全, 合作, 比赛]\n"),
            "content/news/2023-11-20-older.md": TestSite.item(title: "Older cooperation news", date: "2023-11-20",
                                                              extra: "tags: [cooperation]\n"),
            "content/news/2023-11-21-both.md": TestSite.item(title: "Both tags", date: "2023-11-21",
                                                             extra: "tags: [cooperation, cybersecurity]\n"),
            "content/news/2023-11-22-unrelated.md": TestSite.item(title: "Unrelated", date: "2023-11-22", extra: "tags: [sports]\n"),
            "content/news/2023-11-24-newest.md": TestSite.item(title: "Newest cooperation", date: "2023-11-24", extra: "tags: [cooperation]\n"),
        ]
        files.merge(extra) { _, new in new }
        return files
    }

    static func page(_ output: InMemoryOutput, _ path: String) throws -> String {
        String(decoding: try #require(output.files[path], "\(path) was not written"), as: UTF8.self)
    }

    /// The JSON inside the page's `<script type="application/ld+json">`, decoded.
    static func structuredData(_ html: String) throws -> [[String: Any]] {
        let start = try #require(html.range(of: "<script type=\"application/ld+json\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let json = Data(html[start.upperBound..<end.lowerBound].utf8)
        return try #require(try JSONSerialization.jsonObject(with: json) as? [[String: Any]])
    }

    @Test func anArticleCarriesOpenGraphTwitterAndNewsArticleFieldsFromItsFrontMatter() async throws {
        let (result, output) = await TestSite.build(Self.site())
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.summary)")
        let html = try Self.page(output, "news/agreement/index.html")
        #expect(html.contains(#"<meta property="og:type" content="article">"#))
        #expect(html.contains(#"<meta property="og:title" content="Cybersecurity agreement signed">"#))
        #expect(html.contains(#"<meta property="og:description" content="Three parties sign.">"#))
        #expect(html.contains(#"<meta property="og:url" content="https://www.example.edu.cn/news-site/news/agreement/">"#))
        #expect(html.contains(#"<meta property="og:locale" content="en_US">"#))
        #expect(html.contains(#"<meta property="og:locale:alternate" content="zh_CN">"#))
        #expect(html.contains(#"<meta property="og:image" content="https://www.example.edu.cn/news-site/brand/share.png">"#))
        #expect(html.contains(#"<meta property="article:published_time" content="2023-11-23T10:00:00+08:00">"#))
        #expect(html.contains(#"<meta property="article:modified_time" content="2023-12-05T00:00:00+08:00">"#))
        #expect(html.contains(#"<meta property="article:tag" content="cybersecurity">"#))
        #expect(html.contains(#"<meta name="twitter:card" content="summary_large_image">"#))
        let entities = try Self.structuredData(html)
        let article = try #require(entities.first { $0["@type"] as? String == "NewsArticle" })
        #expect(article["headline"] as? String == "Cybersecurity agreement signed")
        #expect(article["datePublished"] as? String == "2023-11-23T10:00:00+08:00")
        #expect(article["dateModified"] as? String == "2023-12-05T00:00:00+08:00")
        #expect(article["inLanguage"] as? String == "en")
        #expect(article["mainEntityOfPage"] as? String == "https://www.example.edu.cn/news-site/news/agreement/")
        #expect((article["author"] as? [[String: Any]])?.first?["name"] as? String == "News Center")
        let publisher = try #require(article["publisher"] as? [String: Any])
        #expect(publisher["name"] as? String == "Harbin University of Science and Technology")
        #expect((publisher["logo"] as? [String: Any])?["url"] as? String == "https://www.example.edu.cn/news-site/brand/logo.svg")
        let crumbs = try #require(entities.first { $0["@type"] as? String == "BreadcrumbList" }?["itemListElement"] as? [[String: Any]])
        #expect(crumbs.map { $0["name"] as? String } == ["Home", "News", "2023", "Cybersecurity agreement signed"])
    }

    @Test func aTitleThatClosesTheScriptStaysInertInJSONLDAndMetaTags() async throws {
        let title = "</script><script>alert(1)</script> & \\\"quoted\\\""
        let (_, output) = await TestSite.build(Self.site(["content/news/2023-11-25-xss.md": TestSite.item(title: title, date: "2023-11-25")]))
        let html = try Self.page(output, "news/xss/index.html")
        #expect(!html.contains("<script>alert(1)"))
        #expect(html.components(separatedBy: "</script>").count == 2, "only the JSON-LD element's own end tag")
        #expect(html.contains(#"content="&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot;""#))
        let article = try #require(try Self.structuredData(html).first)
        #expect(article["headline"] as? String == "</script><script>alert(1)</script> & \"quoted\"")
    }

    @Test func lastmodIsShownAndUsedByTheSitemapAndTheFeeds() async throws {
        let (_, output) = await TestSite.build(Self.site())
        #expect(try Self.page(output, "news/agreement/index.html").contains(#"Updated <time datetime="2023-12-05T00:00:00+08:00">5 December 2023</time>"#))
        let sitemap = try Self.page(output, "sitemap.xml")
        #expect(sitemap.contains("<loc>https://www.example.edu.cn/news-site/news/agreement/</loc>\n    <lastmod>2023-12-05T00:00:00+08:00</lastmod>"))
        let atom = try Self.page(output, "atom.xml")
        #expect(atom.contains("<updated>2023-12-05T00:00:00+08:00</updated>"))
        #expect(atom.contains("<published>2023-11-23T10:00:00+08:00</published>"))
    }

    @Test func anUpdateBeforePublicationIsAnErrorAtItsLine() async {
        let (result, _) = await TestSite.build(Self.site(["content/news/2023-11-25-early.md":
            "---\ntitle: Early\ndate: 2023-11-25\nupdated: 2023-11-01\n---\nBody.\n"]))
        let problem = result.diagnostics.first { $0.path == "content/news/2023-11-25-early.md" }
        #expect(problem?.line == 4)
        #expect(problem?.message == "'updated' is earlier than 'date'")
    }

    @Test func relatedNewsSharesTheMostTagsWithNewerItemsFirstOnTies() async throws {
        let (result, output) = await TestSite.build(Self.site())
        let site = try #require(result.site)
        let agreement = try #require(site.pageBySourcePath["content/news/2023-11-23-agreement.md"])
        let related = RelatedItems(site: site).of(agreement).map { site.pages[$0].item.title }
        #expect(related == ["Both tags", "Newest cooperation", "Older cooperation news"])
        let html = try Self.page(output, "news/agreement/index.html")
        let start = try #require(html.range(of: #"<section class="related""#))
        let end = try #require(html.range(of: "</section>", range: start.upperBound..<html.endIndex))
        let section = html[start.lowerBound..<end.upperBound]
        #expect(section.contains(#"<h2 id="related-title">Related news</h2>"#))
        #expect(section.contains(">Both tags</a>"))
        #expect(!section.contains(">Unrelated</a>"), "an item sharing no tag is never related")
    }

    @Test func breadcrumbsLeadFromHomeThroughSectionAndYear() async throws {
        let (_, output) = await TestSite.build(Self.site())
        let html = try Self.page(output, "zh/news/agreement/index.html")
        #expect(html.contains(#"<nav class="breadcrumbs wrap" aria-label="当前位置">"#))
        #expect(html.contains(#"<li><a href="/news-site/zh/">首页</a></li>"#))
        #expect(html.contains(#"<li><a href="/news-site/zh/news/2023/">2023</a></li>"#))
        #expect(html.contains(#"<li><a href="/news-site/zh/news/agreement/" aria-current="page">网络安全合作协议签署</a></li>"#))
        #expect(html.contains(#"<meta property="og:locale" content="zh_CN">"#))
    }

    @Test func everyLanguageHasItsOwn404PageWithItsLatestItems() async throws {
        let (_, output) = await TestSite.build(Self.site())
        let chinese = try Self.page(output, "zh/404.html")
        #expect(chinese.contains(#"<html lang="zh">"#))
        #expect(chinese.contains("页面不存在"))
        #expect(chinese.contains("网络安全合作协议签署"))
        #expect(try Self.page(output, "404.html").contains("Page not found"))
    }

    @Test func theHomePageCarriesWebSiteDataAndTheFooterTheOrganisation() async throws {
        let (_, output) = await TestSite.build(Self.site())
        let html = try Self.page(output, "index.html")
        let website = try #require(try Self.structuredData(html).first)
        #expect(website["@type"] as? String == "WebSite")
        #expect(website["url"] as? String == "https://www.example.edu.cn/news-site/")
        #expect(html.contains(#"<meta property="og:type" content="website">"#))
        // The theme's own share picture, with its size read from the file.
        #expect(html.contains(#"<meta property="og:image" content="https://www.example.edu.cn/news-site/brand/share.png">"#))
        #expect(html.contains(#"<meta property="og:image:width" content="1200">"#))
        #expect(html.contains(#"<meta property="og:image:height" content="630">"#))
        #expect(html.contains("news@hrbust.edu.cn"))
        #expect(html.contains("© 2023 Harbin University of Science and Technology"))
        #expect(html.contains(#"<link rel="manifest" href="/news-site/site.webmanifest">"#))
        let manifest = try JSONSerialization.jsonObject(with: Data(try #require(output.files["site.webmanifest"]))) as? [String: Any]
        #expect(manifest?["start_url"] as? String == "/news-site/")
        #expect((manifest?["icons"] as? [[String: Any]])?.count == 2)
    }

    @Test func chineseTagsAreListedInPinyinOrder() async throws {
        let (_, output) = await TestSite.build(Self.site())
        let html = try Self.page(output, "zh/tags/index.html")
        let positions = ["比赛", "合作", "网络安全"].map { html.range(of: ">\($0)<")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "bǐsài, hézuò, wǎngluò ānquán")
    }

    @Test func aBrandingFileThatDoesNotExistIsAnErrorInSiteYML() async {
        let (result, _) = await TestSite.build(Self.site(["content/site.yml": Self.siteYML + "\nlogo: images/crest.png\n"]))
        let problem = result.diagnostics.first { $0.path == "content/site.yml" }
        #expect(problem?.message == "logo 'images/crest.png' is not a file under content/")
        #expect(problem?.line == 11)
    }
}

/// site.yml's `favicon`, `logo` and `share_image` as pictures of any size under `content/`.
@Suite("Site icons and branding pictures")
struct SiteIconTests {
    static func build(_ site: String) async -> (BuildResult, InMemoryOutput) {
        var files = TestSite.defaultThemeFiles()
        files["content/site.yml"] = Array((ShareMetadataTests.siteYML + site).utf8)
        files["content/news/2023-11-23-agreement.md"] = Array(TestSite.item(title: "Agreement", date: "2023-11-23").utf8)
        files["content/images/crest.png"] = TestImages.png(width: 600, height: 400)
        files["content/images/campus.png"] = TestImages.png(width: 1400, height: 700)
        let output = InMemoryOutput()
        let result = await SiteBuilder(source: InMemorySiteSource(bytes: files), options: BuildOptions(now: TestSite.now)).build(into: output)
        return (result, output)
    }

    @Test func aFaviconOfAnySizeBecomesTheUsualSquareIcons() async throws {
        let (result, output) = await Self.build("\nfavicon: images/crest.png\n")
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.summary)")
        for size in SiteIcons.sizes {
            let icon = try #require(output.files["icons/icon-\(size).png"], "icon \(size) was not written")
            let header = try VipsCodec.header(of: icon)
            #expect(header.width == size && header.height == size)
            #expect(header.loader.hasPrefix("pngload"))
        }
        let html = String(decoding: try #require(output.files["index.html"]), as: UTF8.self)
        #expect(html.contains(#"<link rel="icon" href="/news-site/icons/icon-32.png" sizes="any">"#))
        #expect(html.contains(#"<link rel="apple-touch-icon" href="/news-site/icons/icon-180.png">"#))
        let manifestBytes = try #require(output.files["site.webmanifest"])
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(manifestBytes)) as? [String: Any])
        let icons = try #require(manifest["icons"] as? [[String: Any]])
        #expect(icons.map { $0["src"] as? String } == ["/news-site/icons/icon-192.png", "/news-site/icons/icon-512.png"])
        #expect(icons.map { $0["sizes"] as? String } == ["192x192", "512x512"])
    }

    @Test func aFaviconThatIsNotAPictureIsAnError() async {
        var files = TestSite.defaultThemeFiles()
        files["content/site.yml"] = Array((ShareMetadataTests.siteYML + "\nfavicon: images/crest.png\n").utf8)
        files["content/images/crest.png"] = Array("not a picture".utf8)
        let result = await SiteBuilder(source: InMemorySiteSource(bytes: files), options: BuildOptions(now: TestSite.now)).build(into: InMemoryOutput())
        let problem = result.diagnostics.first { $0.path == "content/site.yml" && $0.message.contains("favicon") }
        #expect(problem?.isError == true, "\(result.diagnostics.summary)")
    }

    @Test func aPhotoLogoAndShareImageArePublishedAsTheirVariants() async throws {
        let (result, output) = await Self.build("\nlogo: images/crest.png\nshare_image: /images/campus.png\n")
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.summary)")
        let html = String(decoding: try #require(output.files["index.html"]), as: UTF8.self)
        let logo = try #require(html.firstMatch(of: /class="site-logo" src="([^"]+)"/)?.1)
        #expect(output.files[String(logo.dropFirst("/news-site/".count))] != nil, "the logo \(logo) is published")
        let shared = try #require(html.firstMatch(of: /property="og:image" content="([^"]+)"/)?.1)
        #expect(output.files[String(shared.dropFirst("https://www.example.edu.cn/news-site/".count))] != nil, "\(shared) is published")
        #expect(html.contains(#"<meta property="og:image:width" content="1400">"#))
        #expect(html.contains(#"<meta property="og:image:height" content="700">"#))
    }
}
