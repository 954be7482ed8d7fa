import Foundation
import Testing
@testable import NewsdeskCore

/// `newsdesk serve` keeps the build cache in memory between rebuilds.
@Suite("Preview rebuilds with the build cache")
struct PreviewRebuildTests {
    @Test func aRebuildAfterAnEditServesWhatAFullBuildWouldAndRendersOnlyWhatChanged() async throws {
        let site = try TemporaryDirectory()
        try site.installDefaultTheme()
        for (path, text) in BuildCacheTests.site { try site.write(path, text) }
        let options = PreviewBuilder.options(baseURL: "http://127.0.0.1:8000/", includeDrafts: true, now: TestSite.now)
        let builder = PreviewBuilder(source: DiskSiteSource(root: site.url), options: options, site: PreviewSite(), channel: LiveReloadChannel())
        _ = await builder.rebuild(changedPaths: [])
        func searchShard() -> String { String(decoding: builder.site.current?.files["search/en/terms/0.txt"] ?? [], as: UTF8.self) }
        #expect(!searchShard().contains("paragraph\t"))
        try site.write("content/news/2023-11-03-third.md", BuildCacheTests.thirdWithSecondParagraph)
        let report = await builder.rebuild(changedPaths: ["content/news/2023-11-03-third.md"])

        let full = InMemoryOutput()
        _ = await SiteBuilder(source: DiskSiteSource(root: site.url), options: options).build(into: full)
        #expect(builder.site.current?.files == full.files)
        #expect(searchShard().contains("paragraph\t"), "the preview serves the fresh search index")
        // The page, its search document and the one shard holding the new words are made again.
        #expect(report.result.cacheUse.outputsReused == report.result.cache.outputs.count - 3)
        #expect(report.result.cacheUse.graphReused, "only a body changed")
    }
}
