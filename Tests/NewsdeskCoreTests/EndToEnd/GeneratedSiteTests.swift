import Foundation
import Testing
@testable import NewsdeskCore

/// Builds generated sites with the real executable, as CI and editors run it.
@Suite("End to end", .serialized)
struct GeneratedSiteTests {
    /// A few hundred items over three sections, with drafts, same-day ties and bundles.
    static func generateSite(in directory: TemporaryDirectory, items: Int) throws -> (published: [String: [String]], drafts: Set<String>) {
        try directory.installDefaultTheme()
        try directory.write("content/site.yml", "title: Generated\nbase_url: https://example.edu.cn/gen/\ntime_zone: Asia/Shanghai\npaginate: 20\n")
        let sections = ["news", "cooperation", "campus"]
        var published: [String: [(date: String, slug: String)]] = [:]
        var drafts = Set<String>()
        for index in 0..<items {
            let section = sections[index % sections.count]
            // Dates repeat every 40 items so that ordering by slug is exercised.
            let day = (index * 7) % 40
            let date = String(format: "2023-%02d-%02d", 1 + day / 28, 1 + day % 28)
            let slug = String(format: "item-%04d", (index * 7919) % 10_000)
            let isDraft = index % 17 == 0
            var extra = "tags: [t\(index % 5)]\n"
            if isDraft { extra += "draft: true\n" }
            let body = "Paragraph \(index) with a [link](https://example.org/\(index)).\n\n## Part\n\nMore text."
            let text = TestSite.item(title: "Item \(index) in \(section)", date: date, extra: extra, body: body)
            if index % 11 == 0 {
                try directory.write("content/\(section)/\(date)-\(slug)/index.md", text)
                try directory.write("content/\(section)/\(date)-\(slug)/photo.txt", "bundle file \(index)")
            } else {
                try directory.write("content/\(section)/\(date)-\(slug).md", text)
            }
            if isDraft { drafts.insert(slug) } else { published[section, default: []].append((date, slug)) }
        }
        let expected = published.mapValues { entries in
            entries.sorted { $0.date != $1.date ? $0.date > $1.date : $0.slug < $1.slug }.map(\.slug)
        }
        return (expected, drafts)
    }

    static func relLink(_ rel: String, in html: String) -> String? {
        guard let range = html.range(of: "rel=\"\(rel)\" href=\"") else { return nil }
        let rest = html[range.upperBound...]
        return String(rest[..<rest.firstIndex(of: "\"")!])
    }

    @Test func followingNextFromTheNewestItemVisitsEveryPublishedItemInOrder() throws {
        let site = try TemporaryDirectory()
        let (expected, drafts) = try Self.generateSite(in: site, items: 300)
        let run = try NewsdeskBinary.run(["build", "--site", site.url.path])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("Built "))
        let output = site.url.appendingPathComponent("output")
        for (section, slugs) in expected {
            var visited: [String] = []
            var url: String? = "/gen/\(section)/\(slugs[0])/"
            var previous: String?
            while let current = url {
                let path = output.appendingPathComponent(String(current.dropFirst("/gen/".count))).appendingPathComponent("index.html")
                let html = try String(contentsOf: path, encoding: .utf8)
                visited.append(String(current.split(separator: "/").last!))
                #expect(Self.relLink("prev", in: html) == previous, "rel=prev of \(current)")
                previous = current
                url = Self.relLink("next", in: html)
                if visited.count > slugs.count { break }
            }
            #expect(visited == slugs, "chain of \(section)")
        }
        for slug in drafts {
            for section in expected.keys {
                #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("\(section)/\(slug)").path))
            }
        }
        let bundleFiles = try FileManager.default.subpathsOfDirectory(atPath: output.path).filter { $0.hasSuffix("photo.txt") }
        #expect(!bundleFiles.isEmpty)
    }

    @Test func sameInputGivesByteIdenticalOutput() throws {
        let site = try TemporaryDirectory()
        _ = try Self.generateSite(in: site, items: 120)
        #expect(try NewsdeskBinary.run(["build", "--site", site.url.path, "--output", site.url.appendingPathComponent("a").path]).status == 0)
        #expect(try NewsdeskBinary.run(["build", "--site", site.url.path, "--output", site.url.appendingPathComponent("b").path]).status == 0)
        let a = site.snapshot("a"), b = site.snapshot("b")
        #expect(a.count > 100)
        #expect(a == b)
    }

    @Test func aFailedBuildLeavesThePreviousOutputUntouched() throws {
        let site = try TemporaryDirectory()
        _ = try Self.generateSite(in: site, items: 30)
        #expect(try NewsdeskBinary.run(["build", "--site", site.url.path]).status == 0)
        let before = site.snapshot("output")
        let cache = site.url.appendingPathComponent(".newsdesk-cache")
        let cacheBefore = try Data(contentsOf: cache.appendingPathComponent("build-cache"))
        try site.write("content/news/broken.md", "---\ntitle: Broken\ndate: 2023-13-45\n---\n")
        let run = try NewsdeskBinary.run(["build", "--site", site.url.path])
        #expect(run.status == 1)
        #expect(run.standardError.contains("content/news/broken.md:3:7: error: the date '2023-13-45' is impossible"))
        #expect(site.snapshot("output") == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.url.path).filter { $0.contains("staging") }
        #expect(leftovers.isEmpty)
        // The cache describes the output it was saved with, so it stays as it was too.
        #expect(try Data(contentsOf: cache.appendingPathComponent("build-cache")) == cacheBefore)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".tmp") }.isEmpty)
    }

    @Test func deletedItemsDisappearFromTheOutput() throws {
        let site = try TemporaryDirectory()
        try site.installDefaultTheme()
        try site.write("content/news/a.md", TestSite.item(title: "A"))
        try site.write("content/news/b.md", TestSite.item(title: "B"))
        #expect(try NewsdeskBinary.run(["build", "--site", site.url.path]).status == 0)
        try FileManager.default.removeItem(at: site.url.appendingPathComponent("content/news/b.md"))
        #expect(try NewsdeskBinary.run(["build", "--site", site.url.path]).status == 0)
        #expect(FileManager.default.fileExists(atPath: site.url.appendingPathComponent("output/news/a/index.html").path))
        #expect(!FileManager.default.fileExists(atPath: site.url.appendingPathComponent("output/news/b").path))
    }
}
