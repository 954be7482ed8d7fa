import Foundation
import Testing
@testable import NewsdeskCore

/// The documents' text the search client reads for phrases and snippets.
@Suite("Search fragments")
struct SearchFragmentTests {

    static func collected(_ text: String) -> String {
        var collector = SearchFragment.Collector()
        var text = text
        text.withUTF8 { collector.add(utf8: $0) }
        return collector.text
    }

    @Test func aDocumentsTextHoldsItsBodyWithBlocksOnLinesOfTheirOwn() async throws {
        let body = "# Heading\n\nFirst line\nsecond line with *emphasis*.\n\n- one\n- two `code`\n\n![A photo](https://example.org/p.png)\n\n网络安全合作"
        let (result, output) = await TestSite.build([
            "content/site.yml": "title: Search\n",
            "content/news/2023-01-01-public.md": TestSite.item(title: "Public", date: "2023-01-01", body: body),
        ])
        #expect(result.succeeded, "\(result.diagnostics.summary)")
        let entry = try #require(try SearchIndexTests.documents(output.files).first)
        #expect(entry.text == "Heading\nFirst line second line with emphasis.\none\ntwo code\nA photo\n网络安全合作")
    }

    @Test func onlyPublishedItemsHaveText() async throws {
        let (_, output) = await TestSite.build([
            "content/site.yml": "title: Search\nlanguages:\n  en: {}\n  zh: {}\n",
            "content/news/2023-01-01-public.md": TestSite.item(title: "Public", date: "2023-01-01", body: "Visible words."),
            "content/news/2023-01-01-public.zh.md": TestSite.item(title: "公开", date: "2023-01-01", body: "网络安全"),
            "content/news/2023-01-02-draft.md": TestSite.item(title: "Draft", date: "2023-01-02", extra: "draft: true\n", body: "Zanzibarian secret."),
            "content/news/2099-01-01-later.md": TestSite.item(title: "Later", date: "2099-01-01", body: "Quixotical plans."),
        ], options: BuildOptions(includeDrafts: true, includeFuture: true, now: TestSite.now))
        #expect(try SearchIndexTests.documents(output.files).map(\.text) == ["Visible words."])
        #expect(try SearchIndexTests.documents(output.files, language: "zh").map(\.text) == ["网络安全"])
        #expect(output.files.keys.filter { $0.hasPrefix("search/") && $0.contains("/docs/") }.count == 2)
    }

    @Test func theCollectorCutsLongTextBetweenWordsOrCharacters() {
        let english = Self.collected(String(repeating: "agreement ", count: 2000))
        #expect(english.utf8.count <= SearchFragment.byteLimit && english.utf8.count > SearchFragment.byteLimit - 64)
        #expect(english.hasSuffix("agreement"), "no word is cut in half")
        let chinese = Self.collected(String(repeating: "网络安全", count: 1000))
        #expect(chinese.utf8.count <= SearchFragment.byteLimit && chinese.utf8.count % 3 == 0)
        #expect(!chinese.unicodeScalars.contains("\u{FFFD}"), "no character is cut in half")
        #expect(Self.collected("short") == "short")
    }

    @Test func aKeptPagesTextComesFromTheCache() async throws {
        let files = SearchIndexTests.archive(20)
        let first = await BuildCacheTests.build(files)
        let again = await BuildCacheTests.build(files, cache: first.result.cache, previous: first.files)
        let documents = first.files.filter { $0.key.hasPrefix("search/en/docs/") }
        #expect(documents.count == 1, "twenty documents make one chunk")
        #expect(again.files.filter { $0.key.hasPrefix("search/en/docs/") } == documents)
        #expect(try SearchIndexTests.documents(again.files)[7].text == "Opening paragraph of item 7.\nWords word7 common hello campus library students.")
    }

    /// A kept page whose document is renumbered gets its text from the Markdown alone: the same
    /// text rendering the whole page collects.
    @Test func theTextAloneIsTheTextRenderingCollects() {
        var renderer = MarkdownRenderer(options: SiteConfig.Markdown())
        renderer.collectsSearchTerms = true
        let body = "# Agreement *signed*\n\nFirst line\nsecond line  \nhard break, `code` and [a link](b.md).\n\n"
            + "- one\n- two\n\n> quoted 网络安全\n\n| a | b |\n|---|---|\n| cell | 合作 |\n\n![A photo](p.png)\n\n"
            + "```\nblock code\n```\n\nNote[^1].\n\n[^1]: The footnote.\n"
        let rendered = renderer.render(body[...], path: "content/news/a.md", bodyFirstLine: 1, links: UnchangedLinks())
        let alone = renderer.searchText(of: CmarkDocument(markdown: body[...], options: renderer.parseOptions))
        #expect(rendered.searchText == alone)
        #expect(String(decoding: alone, as: UTF8.self).contains("Agreement signed\nFirst line second line hard break, code and a link."))
    }

    /// A document's signature is made from its text's digest, taken from the UTF-8 the page
    /// stage holds (and the build cache keeps) or from the entry's `String`: both must agree.
    @Test(arguments: ["", "a", "Agreement signed", "网络安全 cooperation\nline", String(repeating: "长文本 text ", count: 300)])
    func theTextDigestOfBytesIsTheTextDigestOfTheirString(_ text: String) {
        #expect(SearchIndexLayout.textDigest(utf8: Array(text.utf8)) == SearchIndexLayout.textDigest(text))
        #expect(SearchIndexLayout.textDigest(utf8: Array(text.utf8)) != SearchIndexLayout.textDigest(nil))
    }
}
