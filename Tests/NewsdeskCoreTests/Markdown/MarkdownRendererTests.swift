import Foundation
import Testing
@testable import NewsdeskCore

@Suite("Markdown")
struct MarkdownRendererTests {
    let renderer = MarkdownRenderer(options: SiteConfig.Markdown())

    func render(_ markdown: String, unsafe: Bool = false, links: any LinkResolving = UnchangedLinks()) -> RenderedMarkdown {
        var options = SiteConfig.Markdown()
        options.unsafe = unsafe
        return MarkdownRenderer(options: options).render(markdown[...], path: "content/news/a.md", bodyFirstLine: 5, links: links)
    }

    @Test func captionedImageAloneInAParagraphBecomesAFigure() {
        let html = render("![Three parties signing](a.jpg \"Photo of the three parties signing the agreement\")\n").html
        #expect(html == """
            <figure>
            <img src="a.jpg" alt="Three parties signing" />
            <figcaption>Photo of the three parties signing the agreement</figcaption></figure>

            """)
    }

    @Test func imageWithoutTitleOrWithTextStaysInline() {
        #expect(render("![alt](a.jpg)\n").html == "<p><img src=\"a.jpg\" alt=\"alt\" /></p>\n")
        #expect(!render("Look: ![alt](a.jpg \"t\")\n").html.contains("<figure>"))
    }

    @Test func captionsAreEscaped() {
        #expect(render("![x](a.jpg \"<script>alert(1)</script>\")\n").html.contains("<figcaption>&lt;script&gt;alert(1)&lt;/script&gt;</figcaption>"))
    }

    @Test func headingsGetStableUniqueIdsAndATableOfContents() {
        let result = render("## Keynotes\n\n## Keynotes\n\n### Sessions & *papers*\n\n## 会议 日程\n")
        #expect(result.html.contains("<h2 id=\"keynotes\">Keynotes</h2>"))
        #expect(result.html.contains("<h2 id=\"keynotes-1\">Keynotes</h2>"))
        #expect(result.html.contains("<h3 id=\"sessions-papers\">Sessions &amp; <em>papers</em></h3>"))
        #expect(result.toc.map(\.id) == ["keynotes", "keynotes-1", "sessions-papers", "会议-日程"])
        #expect(result.toc.map(\.level) == [2, 2, 3, 2])
    }

    @Test func headingIdsKeepClearOfTheThemesAndTheFootnotesIds() {
        var renderer = MarkdownRenderer(options: SiteConfig.Markdown())
        renderer.reservedIDs = ReservedIDs.footnotesAndIDs(in: ["<main id=\"main\">\n<section\tid='home-{{name}}'>", "<p data-id=\"x\" id=\"{{slug}}\">"])
        #expect(renderer.reservedIDs == ReservedIDs(ids: ["main"], prefixes: ["fn-", "fnref-", "home-"]))
        let markdown = "# Main\n\n# fn-1\n\n# fn\n\n# fn\n\n# fnref-1-2\n\n# Home news\n\n# x\n\nText[^1].\n\n[^1]: A note.\n"
        let result = renderer.render(markdown[...], path: "a.md", bodyFirstLine: 1, links: UnchangedLinks())
        #expect(result.toc.map(\.id) == ["main-1", "heading-fn-1", "heading-fn", "heading-fn-2", "heading-fnref-1-2", "heading-home-news", "x"])
        #expect(result.html.contains("id=\"fn-1\"") && result.html.contains("id=\"fnref-1\""))
    }

    /// The Nu checker reports a page whose ids repeat; the default theme's `<main id="main">`
    /// and the footnotes' ids are the ones a heading could take.
    @Test func everyIdOnABuiltPageIsUnique() async throws {
        let body = "# Main\n\n## fn-1\n\n## Table of contents\n\nText[^1] and more[^1].\n\n[^1]: A note.\n"
        let (result, output) = await TestSite.build(["content/news/ids.md": TestSite.item(title: "Ids", body: body)])
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.summary)")
        let page = try #require(output.files.first { $0.key.hasSuffix("ids/index.html") }.map { String(decoding: $0.value, as: UTF8.self) })
        let ids = page.matches(of: /\sid="([^"]*)"/).map { String($0.output.1) }
        #expect(ids.contains("main") && ids.contains("main-1") && ids.contains("fn-1") && ids.contains("heading-fn-1"))
        #expect(Set(ids).count == ids.count, "repeated ids: \(ids)")
    }

    @Test func rawHTMLIsDroppedUnlessTheSiteOptsIn() {
        let markdown = "<script>alert(1)</script>\n\nText <b>bold</b>\n"
        let safe = render(markdown).html
        #expect(!safe.contains("<script>"))
        #expect(!safe.contains("<b>"))
        let unsafe = render(markdown, unsafe: true).html
        #expect(unsafe.contains("<b>bold</b>"))
        // The tagfilter extension still neutralises <script> even when raw HTML is allowed.
        #expect(!unsafe.contains("<script>"))
    }

    @Test func javascriptLinksLoseTheirTarget() {
        #expect(!render("[x](javascript:alert(1))\n").html.contains("javascript:"))
    }

    @Test func gfmExtensionsFootnotesAndSmartPunctuationAreOn() {
        let html = render("""
            | a | b |
            |:-:|---|
            | 1 | 2 |

            ~~old~~ www.example.com "quoted"

            - [x] done

            Note.[^1]

            [^1]: The footnote.
            """).html
        #expect(html.contains("<table>"))
        #expect(html.contains("style=\"text-align: center\""))
        #expect(!html.contains("align=\""))
        #expect(html.contains("<del>old</del>"))
        #expect(html.contains("<a href=\"http://www.example.com\">www.example.com</a>"))
        #expect(html.contains("“quoted”"))
        #expect(html.contains("type=\"checkbox\""))
        #expect(html.contains("footnote"))
    }

    @Test func summaryIsThePlainTextOfTheFirstParagraph() {
        let result = render("# Title\n\n![photo](a.jpg)\n\nFirst *real* paragraph with a [link](x.md).\n\nSecond.\n")
        #expect(result.summary == "First real paragraph with a link.")
    }

    @Test func brokenLinksAreReportedAtTheirLineInTheFile() {
        struct Broken: LinkResolving {
            func resolve(_ destination: String, from sourcePath: String, kind: LinkKind) -> LinkResolution {
                destination == "missing.md" ? .broken(message: "missing", hint: nil) : .unchanged
            }
        }
        let result = render("Intro.\n\nSee [this](missing.md).\n", links: Broken())
        // Body line 3 is file line 7 when the body starts on line 5.
        #expect(result.diagnostics.map(\.line) == [7])
    }

    @Test func imagesWithoutAltTextAreWarnedAbout() {
        let result = render("![](photo.jpg)\n")
        #expect(result.diagnostics.map(\.severity) == [.warning])
    }

    @Test func concurrentRenderingMatchesSerialRendering() async {
        // Debian's cmark-gfm corrupts autolinks when documents are parsed on several threads
        // at once; the parse lock must make concurrent output identical to serial output.
        let documents = (0..<400).map { index in
            "Visit www.example\(index).com and https://example.org/\(index) ~~struck~~ text.\n\n| a | b |\n|---|---|\n| \(index) | x |\n"
        }
        let serial = documents.map { render($0).html }
        let concurrent = await ConcurrentMap.map(documents, chunkSize: 1) { document in
            MarkdownRenderer(options: SiteConfig.Markdown()).render(document[...], path: "a.md", bodyFirstLine: 1, links: UnchangedLinks()).html
        }
        #expect(concurrent == serial)
    }

    @Test func documentsParsedWithoutWaitingMatchSerialRendering() async {
        // A build's page tasks try cmark's lock and do other work when it is taken; whichever
        // way each document got parsed, its HTML is the serial one.
        let documents = (0..<400).map { index in
            "# Title \(index)\n\nSee www.example\(index).com, ~~old~~ and a footnote[^1].\n\n[^1]: Note \(index).\n"
        }
        let renderer = MarkdownRenderer(options: SiteConfig.Markdown())
        let serial = documents.map { render($0).html }
        let concurrent = await ConcurrentMap.map(documents, chunkSize: 1) { document -> String in
            let parsed = renderer.parse(document[...], waiting: false) ?? renderer.parse(document[...], waiting: true)
            guard let parsed else { return "not parsed" }
            return renderer.render(parsed, path: "a.md", bodyFirstLine: 1, links: UnchangedLinks()).html
        }
        #expect(concurrent == serial)
    }
}

@Suite("Summaries")
struct SummaryTests {
    @Test func shortTextIsKeptWhole() {
        #expect(SummaryText.truncate("Short text.", limit: 200) == "Short text.")
    }

    @Test func longTextIsCutAtAWordBoundary() {
        let text = String(repeating: "word ", count: 100)
        let summary = SummaryText.truncate(text, limit: 200)
        #expect(summary.count <= 200)
        #expect(summary.hasSuffix("word…"))
    }

    @Test func chineseTextIsCutBetweenCharacters() {
        let text = String(repeating: "哈尔滨理工大学新闻", count: 40)
        let summary = SummaryText.truncate(text, limit: 200)
        #expect(summary.count == 200)
        #expect(summary.hasSuffix("…"))
    }

    @Test func readingTimeCountsChineseCharacters() {
        var statistics = ReadingStatistics()
        statistics.add(String(repeating: "字", count: 1200))
        #expect(statistics.minutes == 3)
    }
}
