import Foundation
import Testing
@testable import NewsdeskCore

/// The example site's Open Graph and JSON-LD as a real parser reads them (PyPI's extruct):
/// every page has the fields link previews need, and every article's `NewsArticle` says what
/// its front matter says (Tests/Scripts/check_share_metadata.py).
@Suite("Sharing metadata, read by extruct")
struct ShareMetadataEndToEndTests {
    @Test func everyPageOfTheExampleSiteSharesWellAndEveryArticleDescribesItsFrontMatter() throws {
        let work = try TemporaryDirectory()
        let output = work.url.appendingPathComponent("output")
        let site = TestSite.repositoryRoot.path
        let build = try NewsdeskBinary.run(["build", "--site", site, "--output", output.path])
        #expect(build.status == 0, "\(build.standardError)")
        let list = try NewsdeskBinary.run(["list", "--site", site, "--format", "json"])
        #expect(list.status == 0, "\(list.standardError)")
        let listing = work.url.appendingPathComponent("items.json")
        try Data(list.standardOutput.utf8).write(to: listing)
        let script = TestSite.repositoryRoot.appendingPathComponent("Tests/Scripts/check_share_metadata.py").path
        let (status, report) = try ExternalTool.run(["python3", script, output.path, site, listing.path,
                                                     "https://www.example.edu.cn/news-site/"])
        #expect(status == 0, "\(report)")
        #expect(report.contains(" articles checked, 0 problems"), "\(report)")
    }
}
