import Foundation
import Testing
@testable import NewsdeskCore

@Suite("Site graph")
struct SiteGraphTests {
    func resolve(_ files: [String: String], drafts: Bool = false, future: Bool = false) async -> SiteBuilder.Resolution {
        let options = BuildOptions(includeDrafts: drafts, includeFuture: future, now: TestSite.now)
        return await SiteBuilder(source: TestSite.source(files), options: options).resolve()
    }

    @Test func foldersUnderContentAreSectionsListedNewestFirst() async {
        let resolution = await resolve([
            "content/news/2023-11-22-forum.md": TestSite.item(title: "Forum", date: "2023-11-22"),
            "content/news/2023-11-24-vsip.md": TestSite.item(title: "VSIP", date: "2023-11-24"),
            "content/news/2023-11-23-agreement.md": TestSite.item(title: "Agreement", date: "2023-11-23"),
            "content/cooperation/visit.md": TestSite.item(title: "Visit", date: "2023-09-18"),
            "content/images/a.png": "png",
        ])
        let site = resolution.site
        #expect(resolution.diagnostics.isEmpty, "\(resolution.diagnostics.summary)")
        #expect(site.sections.map(\.name) == ["cooperation", "news"])
        let news = site.sections[1]
        #expect(news.pages.map { site.pages[$0].item.title } == ["VSIP", "Agreement", "Forum"])
        let agreement = site.pages[news.pages[1]]
        #expect(agreement.sitePath == "news/agreement/")
        // "Previous" names the newer neighbour, as on the university's site.
        #expect(agreement.newer.map { site.pages[$0].item.title } == "VSIP")
        #expect(agreement.older.map { site.pages[$0].item.title } == "Forum")
        #expect(site.pages[news.pages[0]].newer == nil)
        #expect(site.pages[news.pages[2]].older == nil)
    }

    @Test func sameDayItemsAreOrderedBySlug() async {
        let resolution = await resolve([
            "content/news/b.md": TestSite.item(title: "B"),
            "content/news/a.md": TestSite.item(title: "A"),
            "content/news/c.md": TestSite.item(title: "C"),
        ])
        #expect(resolution.site.sections[0].pages.map { resolution.site.pages[$0].item.slug } == ["a", "b", "c"])
    }

    @Test func draftsAndFutureItemsAreLeftOutUnlessAsked() async {
        let files = [
            "content/news/published.md": TestSite.item(title: "Published"),
            "content/news/draft.md": TestSite.item(title: "Draft", extra: "draft: true\n"),
            "content/news/future.md": TestSite.item(title: "Future", date: "2099-01-01"),
        ]
        #expect(await resolve(files).site.pages.map(\.item.title) == ["Published"])
        #expect(Set(await resolve(files, drafts: true, future: true).site.pages.map(\.item.title)) == ["Published", "Draft", "Future"])
    }

    @Test func pageBundlesCopyTheirFilesNextToThePage() async {
        let resolution = await resolve([
            "content/news/visit/index.md": TestSite.item(title: "Visit", body: "![Lab](lab.png)"),
            "content/news/visit/lab.png": "png",
        ])
        let outputs = Set(resolution.site.outputs.map(\.path))
        #expect(outputs.contains("news/visit/index.html"))
        #expect(outputs.contains("news/visit/lab.png"))
    }

    @Test func permalinkPatternsAndBasePathShapeURLs() async {
        let resolution = await resolve([
            "content/site.yml": "base_url: https://www.example.edu.cn/news-site/\npermalinks:\n  news: /:section/:year/:month/:slug/\n",
            "content/news/2023-11-23-agreement.md": TestSite.item(title: "Agreement"),
        ])
        let site = resolution.site
        #expect(site.pages[0].sitePath == "news/2023/11/agreement/")
        #expect(site.urls.href(site.pages[0].sitePath) == "/news-site/news/2023/11/agreement/")
        #expect(site.urls.absolute(site.pages[0].sitePath) == "https://www.example.edu.cn/news-site/news/2023/11/agreement/")
    }

    @Test func twoItemsWithOneURLAreAnError() async {
        let resolution = await resolve([
            "content/news/a.md": TestSite.item(title: "A", extra: "slug: same\n"),
            "content/news/b.md": TestSite.item(title: "B", extra: "slug: same\n"),
        ])
        #expect(resolution.diagnostics.contains { $0.isError && $0.message.contains("written twice") && $0.path == "content/news/b.md" })
    }

    @Test func anItemOutsideAnySectionIsAnError() async {
        let resolution = await resolve(["content/loose.md": TestSite.item()])
        #expect(resolution.diagnostics.contains { $0.path == "content/loose.md" && $0.message.contains("no section") })
    }

    @Test func linksBetweenItemsResolveToTheirURLs() async {
        let resolution = await resolve([
            "content/site.yml": "base_url: https://example.edu.cn/sub/\n",
            "content/news/a.md": TestSite.item(title: "A"),
            "content/cooperation/b.md": TestSite.item(title: "B"),
            "content/images/p.jpg": "jpg",
        ])
        let links = SiteLinkResolver(site: resolution.site, allItems: resolution.items)
        let from = "content/news/a.md"
        #expect(links.resolve("../cooperation/b.md#part", from: from, kind: .link) == .rewritten("/sub/cooperation/b/#part"))
        #expect(links.resolve("/images/p.jpg", from: from, kind: .image) == .rewritten("/sub/images/p.jpg"))
        #expect(links.resolve("/cooperation/", from: from, kind: .link) == .rewritten("/sub/cooperation/"))
        #expect(links.resolve("/cooperation", from: from, kind: .link) == .rewritten("/sub/cooperation/"))
        #expect(links.resolve("https://example.org/x.md", from: from, kind: .link) == .unchanged)
        #expect(links.resolve("#top", from: from, kind: .link) == .unchanged)
        guard case .broken = links.resolve("missing.md", from: from, kind: .link) else { Issue.record("missing.md resolved"); return }
        guard case .broken = links.resolve("/nowhere/", from: from, kind: .link) else { Issue.record("/nowhere/ resolved"); return }
        guard case .broken = links.resolve("../../../etc/passwd", from: from, kind: .link) else { Issue.record("escaped"); return }
    }
}

/// Properties of the listing order and the previous/next chain, over random sections.
@Suite("Ordering properties")
struct OrderingPropertyTests {
    func randomItems(count: Int, using generator: inout SeededGenerator) -> [Item] {
        (0..<count).map { index in
            var frontMatter = FrontMatter()
            frontMatter.title = "Item \(index)"
            // Few distinct days, so that ties on date are common.
            frontMatter.date = NewsDate(secondsSinceEpoch: Int64.random(in: 0..<5, using: &generator) * 86_400)
            let slug = "s\(Int.random(in: 0..<1000, using: &generator))-\(index)"
            let file = ContentFile(path: "content/news/\(slug).md", kind: .item, section: "news", languageSuffix: nil,
                                   name: slug, bundleDirectory: nil, translationStem: "news/\(slug)")
            return Item(file: file, frontMatter: frontMatter, language: "en", slug: slug, translationKey: slug,
                        bodyFirstLine: 4, contentHash: 0)
        }
    }

    @Test(arguments: 0..<50)
    func orderIsTotalAndIndependentOfInputOrder(seed: Int) {
        var generator = SeededGenerator(state: UInt64(seed))
        let items = randomItems(count: Int.random(in: 0..<60, using: &generator), using: &generator)
        let ordered = PreviousNextLinker.order(items).map { items[$0].path }
        let shuffled = items.shuffled(using: &generator)
        #expect(PreviousNextLinker.order(shuffled).map { shuffled[$0].path } == ordered)
        for (a, b) in zip(ordered, ordered.dropFirst()) {
            let first = items.first { $0.path == a }!, second = items.first { $0.path == b }!
            #expect(first.date > second.date || (first.date == second.date && first.slug < second.slug))
        }
    }

    @Test(arguments: 0..<50)
    func followingOlderFromTheNewestVisitsEveryItemOnceAndNewerReturns(seed: Int) {
        var generator = SeededGenerator(state: UInt64(seed) + 1000)
        let count = Int.random(in: 0..<80, using: &generator)
        let listing = Array(0..<count).shuffled(using: &generator)
        let links = Dictionary(uniqueKeysWithValues: PreviousNextLinker.neighbours(in: listing).map { ($0.id, ($0.newer, $0.older)) })
        var visited: [Int] = []
        var current = listing.first
        while let id = current {
            visited.append(id)
            current = links[id]!.1
        }
        #expect(visited == listing)
        var back: [Int] = []
        current = listing.last
        while let id = current {
            back.append(id)
            current = links[id]!.0
        }
        #expect(back == listing.reversed())
    }

    @Test(arguments: [0, 1, 20, 21, 1000])
    func paginationCoversEveryItemExactlyOnce(count: Int) {
        for size in [1, 7, 20] {
            let total = Paginator.pageCount(count, size: size)
            let pages = (1...total).map { Paginator.page($0, of: Array(0..<count), size: size) }
            #expect(pages.flatMap { $0 } == Array(0..<count))
            #expect(pages.allSatisfy { $0.count <= size })
            #expect(pages.dropLast().allSatisfy { $0.count == size }, "only the last page may be short")
            #expect(total == max(1, (count + size - 1) / size))
            #expect(Paginator.page(total + 1, of: Array(0..<count), size: size).isEmpty)
        }
    }
}
