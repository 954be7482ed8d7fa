import Testing
@testable import NewsdeskCore

/// Pins the shortcuts taken on the way from a Markdown link to its resolution against the
/// straightforward computations they replace.
@Suite("Link resolution")
struct LinkResolutionTests {
    func resolve(_ files: [String: String]) async -> SiteBuilder.Resolution {
        let options = BuildOptions(includeDrafts: false, includeFuture: false, now: TestSite.now)
        return await SiteBuilder(source: TestSite.source(files), options: options).resolve()
    }

    static let body = """
        [b](../cooperation/b.md#part) [missing](missing.md) ![photo](/images/p.jpg) [web](https://example.org/)
        [top](#top) [draft](d.md) ![](../images/none.png) [root](/cooperation/) [far](../../../etc/passwd)
        [中文](../cooperation/b.md?x=中文) [escaped](%2E%2E/cooperation/b.md)
        """

    /// The renderer hashes each link's resolution as it rewrites it; the cache must get the
    /// number that resolving every link again gives.
    @Test func resolutionsGatheredWhileRenderingEqualResolvingAgain() async {
        let resolution = await resolve([
            "content/news/a.md": TestSite.item(title: "A"),
            "content/news/d.md": TestSite.item(title: "D", extra: "draft: true\n"),
            "content/cooperation/b.md": TestSite.item(title: "B"),
            "content/images/p.jpg": "jpg",
        ])
        let links = SiteLinkResolver(site: resolution.site, allItems: resolution.items)
        let path = "content/news/a.md"
        let rendered = MarkdownRenderer(options: SiteConfig.Markdown()).render(Self.body[...], path: path, bodyFirstLine: 5, links: links)
        #expect(rendered.links.count == 11)
        for image in [nil, "/images/p.jpg", "https://example.org/a.jpg", "missing.jpg"] as [String?] {
            let references = rendered.links + (image.map { [LinkReference(destination: $0, isImage: true)] } ?? [])
            #expect(rendered.resolutions(addingImage: image, from: path, resolver: links)
                    == MarkdownFacts.resolutions(of: references, from: path, resolver: links))
        }
    }
}
