import Foundation
import Testing
@testable import NewsdeskCore

@Suite("Translations")
struct TranslationTests {
    static let config = """
        base_url: https://www.example.edu.cn/news-site/
        default_language: en
        time_zone: Asia/Shanghai
        languages:
          en: { title: "HUST News" }
          zh: { title: "哈尔滨理工大学新闻网" }

        """

    static let files: [String: String] = [
        "content/site.yml": config,
        "content/news/2023-11-23-agreement.md": TestSite.item(title: "Agreement", date: "2023-11-23"),
        "content/news/2023-11-23-agreement.zh.md": TestSite.item(title: "协议", date: "2023-11-23"),
        "content/news/2023-11-24-vsip.md": TestSite.item(title: "VSIP", date: "2023-11-24", extra: "translation_key: vsip\n"),
        "content/news/2023-11-24-vsip-cn.md": TestSite.item(title: "会议", date: "2023-11-24", extra: "lang: zh\ntranslation_key: vsip\n"),
        "content/news/2023-11-22-forum.md": TestSite.item(title: "Forum", date: "2023-11-22", extra: "translation_key: vsip-other\n"),
        "content/news/2023-11-26-sports.zh.md": TestSite.item(title: "运动会", date: "2023-11-26", extra: "slug: sports\n"),
        "content/news/bundle/index.md": TestSite.item(title: "Bundle", date: "2023-11-01", body: "![Lab](lab.svg)"),
        "content/news/bundle/index.zh.md": TestSite.item(title: "资源包", date: "2023-11-01", body: "![实验室](lab.svg)"),
        "content/news/bundle/lab.svg": "png",
    ]

    @Test func defaultLanguageLivesAtTheRootAndOthersUnderTheirCode() async throws {
        let (result, output) = await TestSite.build(Self.files)
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.summary)")
        #expect(output.text("news/agreement/index.html")?.contains("<html lang=\"en\">") == true)
        #expect(output.text("zh/news/agreement/index.html")?.contains("<html lang=\"zh\">") == true)
        #expect(output.text("zh/news/sports/index.html") != nil)
        #expect(output.text("zh/index.html")?.contains("哈尔滨理工大学新闻网") == true)
        #expect(output.text("zh/atom.xml") != nil && output.text("zh/tags/index.html") != nil)
        // A bundle's files are copied next to every language's page, and its images resolve there.
        #expect(output.files["news/bundle/lab.svg"] != nil && output.files["zh/news/bundle/lab.svg"] != nil)
        #expect(output.text("zh/news/bundle/index.html")?.contains("src=\"/news-site/zh/news/bundle/lab.svg\"") == true)
    }

    @Test func neighboursStayWithinOneLanguage() async throws {
        let (result, _) = await TestSite.build(Self.files)
        let site = try #require(result.site)
        for language in ["en", "zh"] {
            let section = try #require(site.sections.first { $0.language == language && $0.name == "news" })
            let titles = section.pages.map { site.pages[$0].item.title }
            #expect(section.pages.allSatisfy { site.pages[$0].item.language == language })
            var chain: [String] = []
            var current = section.pages.first
            while let page = current { chain.append(site.pages[page].item.title); current = site.pages[page].older }
            #expect(chain == titles)
        }
        let zh = site.sections.first { $0.language == "zh" }!
        #expect(zh.pages.map { site.pages[$0].item.title } == ["运动会", "会议", "协议", "资源包"])
    }

    @Test func hreflangAlternatesAreSymmetricAndIncludeXDefault() async throws {
        let (result, output) = await TestSite.build(Self.files)
        let site = try #require(result.site)
        for page in site.pages where !page.translations.isEmpty {
            let html = try #require(output.text(page.outputPath))
            let alternates = Set(html.matches(of: /<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/).map { "\($0.1) \($0.2)" })
            #expect(alternates.contains { $0.hasPrefix("x-default https://www.example.edu.cn/news-site/news/") }, "\(page.outputPath)")
            for other in page.translations {
                let otherHTML = try #require(output.text(site.pages[other].outputPath))
                let otherAlternates = Set(otherHTML.matches(of: /<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/).map { "\($0.1) \($0.2)" })
                #expect(alternates == otherAlternates, "\(page.outputPath) and \(site.pages[other].outputPath)")
            }
        }
        let vsip = try #require(output.text("zh/news/vsip-cn/index.html"))
        #expect(vsip.contains("hreflang=\"en\" href=\"https://www.example.edu.cn/news-site/news/vsip/\""))
        let forum = try #require(output.text("news/forum/index.html"))
        #expect(!forum.contains("<link rel=\"alternate\" hreflang="), "an item without translations has no alternates")
    }

    @Test func languageSwitcherLinksTheTranslationOrElseThatLanguagesHome() async throws {
        let (_, output) = await TestSite.build(Self.files)
        let agreement = try #require(output.text("news/agreement/index.html"))
        #expect(agreement.contains("<a href=\"/news-site/zh/news/agreement/\" hreflang=\"zh\" lang=\"zh\">中文</a>"))
        let forum = try #require(output.text("news/forum/index.html"))
        #expect(forum.contains("<a href=\"/news-site/zh/\" hreflang=\"zh\" lang=\"zh\">中文</a>"))
    }

    @Test func sitemapListsAlternatesForTranslatedPages() async throws {
        let (_, output) = await TestSite.build(Self.files)
        let text = try #require(output.text("sitemap.xml"))
        let sitemap = try #require(XMLElementNode.parse(text))
        let agreement = try #require(sitemap.all("url").first { $0.first("loc")?.text == "https://www.example.edu.cn/news-site/news/agreement/" })
        let links = agreement.all("xhtml:link").map { "\($0.attributes["hreflang"]!) \($0.attributes["href"]!)" }
        #expect(links == [
            "en https://www.example.edu.cn/news-site/news/agreement/",
            "zh https://www.example.edu.cn/news-site/zh/news/agreement/",
            "x-default https://www.example.edu.cn/news-site/news/agreement/",
        ])
    }

    @Test func datesAreFormattedPerLanguageInTheSiteTimeZone() async throws {
        let (_, output) = await TestSite.build(Self.files)
        #expect(output.text("news/agreement/index.html")?.contains("<time datetime=\"2023-11-23T00:00:00+08:00\">23 November 2023</time>") == true)
        #expect(output.text("zh/news/agreement/index.html")?.contains("<time datetime=\"2023-11-23T00:00:00+08:00\">2023年11月23日</time>") == true)
    }

    @Test func missingThemeWordsFallBackAndAreWarnedAbout() async throws {
        var files = Self.files
        files["content/site.yml"] = Self.config + "  fr: { title: \"Actualités\" }\n"
        files["content/news/2023-11-23-agreement.fr.md"] = TestSite.item(title: "Accord")
        let (result, output) = await TestSite.build(files)
        #expect(result.diagnostics.contains { $0.severity == .warning && $0.path == "themes/default/i18n/fr.yml" })
        #expect(output.text("fr/news/agreement/index.html")?.contains("Skip to main content") == true)
    }

    @Test func twoVersionsInOneLanguageAreReported() async {
        var files = Self.files
        files["content/news/other.md"] = TestSite.item(title: "Other", extra: "lang: zh\ntranslation_key: vsip\n")
        let (result, _) = await TestSite.build(files)
        #expect(result.diagnostics.contains { $0.isError && $0.message.contains("'zh' version") })
    }

    @Test func aChineseFileNameGivesAStableSlugAndASuggestion() async throws {
        var files = Self.files
        files["content/news/冰雪 运动会.zh.md"] = TestSite.item(title: "冰雪运动会")
        let (result, output) = await TestSite.build(files)
        #expect(output.text("zh/news/冰雪-运动会/index.html") != nil)
        #expect(result.diagnostics.contains { $0.severity == .warning && $0.path == "content/news/冰雪 运动会.zh.md" && $0.hint?.contains("slug:") == true })
        #expect(output.text("zh/news/index.html")?.contains("href=\"/news-site/zh/news/%E5%86%B0%E9%9B%AA-%E8%BF%90%E5%8A%A8%E4%BC%9A/\"") == true)
    }
}
