import Testing
@testable import NewsdeskCore

@Suite("Themes")
struct ThemeTests {
    @Test func aChildThemeOverridesOnlyWhatItRedefines() async throws {
        let (result, output) = await TestSite.build([
            "content/site.yml": "theme: campus\n",
            "content/news/a.md": TestSite.item(title: "A <b>"),
            "themes/campus/theme.yml": "parent: default\n",
            "themes/campus/templates/article.mustache": "<p class=\"campus\">{{page.title}}</p>\n",
            "themes/campus/static/css/style.css": "body { color: red; }\n",
            "themes/campus/i18n/en.yml": "tags: Keywords\n",
        ])
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.summary)")
        #expect(output.text("news/a/index.html") == "<p class=\"campus\">A &lt;b&gt;</p>\n")
        // Inherited from the parent: the listing template, its partials and its other words.
        let listing = try #require(output.text("news/index.html"))
        #expect(listing.contains("<a class=\"skip-link\" href=\"#main\">Skip to main content</a>"))
        #expect(listing.contains(">Keywords</a>"))
        #expect(output.text("css/style.css") == "body { color: red; }\n")
        #expect(output.text("css/print.css") != nil)
    }

    @Test func themesNamingEachOtherAsParentAreReported() async {
        let (result, _) = await TestSite.build([
            "content/site.yml": "theme: a\n",
            "content/news/x.md": TestSite.item(),
            "themes/a/theme.yml": "parent: b\n",
            "themes/a/templates/article.mustache": "a",
            "themes/b/theme.yml": "parent: a\n",
            "themes/b/templates/article.mustache": "b",
        ])
        #expect(result.diagnostics.contains { $0.isError && $0.message.contains("parent") })
    }
}
