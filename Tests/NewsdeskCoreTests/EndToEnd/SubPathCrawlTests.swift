import Foundation
import Testing
@testable import NewsdeskCore

/// The example site, built for a sub-path and served by nginx exactly there: every internal
/// link, stylesheet, image, pagination link, feed and sitemap URL must answer 200, in both
/// languages, including root-relative links editors wrote in Markdown.
@Suite("Sub-path publishing", .serialized)
struct SubPathCrawlTests {
    @Test func everyLinkResolvesWhenServedUnderASubPath() async throws {
        let work = try TemporaryDirectory()
        let (server, base, build) = try NginxServer.servingExampleSite(in: work)
        let output = work.url.appendingPathComponent("output")
        #expect(build.status == 0, "\(build.standardError)")

        let crawler = LinkCrawler(origin: server.baseURL)
        let report = try await crawler.crawl(from: [base, base + "sitemap.xml", base + "robots.txt", base + "zh/"])
        #expect(report.broken.isEmpty, "broken: \(report.broken.map { "\($0) (\(report.status[$0]!)) on \(report.foundOn[$0] ?? "?")" })")

        // Every published item was reached by browsing, in both languages.
        let list = try NewsdeskBinary.run(["list", "--site", TestSite.repositoryRoot.path, "--format", "json"])
        let rows = try JSONDecoder().decode([ItemListing.Row].self, from: Data(list.standardOutput.utf8))
        let reached = Set(report.status.keys)
        let prefix = "https://www.example.edu.cn/news-site/"
        for row in rows {
            let local = base + row.url.dropFirst(prefix.count)
            #expect(reached.contains(local), "\(row.source) was not reachable by following links")
        }
        #expect(rows.contains { $0.language == "zh" })
        // The sitemap names every listed item (its URLs use the base URL the build was given).
        let sitemap = try String(contentsOf: output.appendingPathComponent("sitemap.xml"), encoding: .utf8)
        let locations = Set(sitemap.matches(of: /<loc>([^<]+)<\/loc>/).map { String($0.1) })
        for row in rows { #expect(locations.contains(base + row.url.dropFirst(prefix.count)), "\(row.url) missing from sitemap.xml") }
        #expect(report.status.keys.contains { $0.contains("/zh/tags/%E") }, "Chinese tag pages were crawled")
        // Every photo variant the build published is named by some src or srcset and answers 200,
        // and no original camera file is published.
        let published = try FileManager.default.subpathsOfDirectory(atPath: output.path)
        let variants = published.filter { $0.contains(/-\d+\.[0-9a-f]{10}\.(webp|jpg|png)$/) }
        #expect(variants.count >= 3 * 8, "the example photos' variants: \(variants.count)")
        for variant in variants { #expect(report.status[base + variant] == 200, "\(variant) is not reached by any src or srcset") }
        #expect(!published.contains { $0.hasSuffix("ice-sculptures.jpg") }, "the original photo (with its GPS position) is not published")
        #expect(report.status.count > 60)
    }

    @Test func feedsParseWithARealFeedParser() throws {
        let work = try TemporaryDirectory()
        let output = work.url.appendingPathComponent("output")
        #expect(try NewsdeskBinary.run(["build", "--site", TestSite.repositoryRoot.path, "--output", output.path]).status == 0)
        let feeds = try FileManager.default.subpathsOfDirectory(atPath: output.path).filter { $0.hasSuffix("atom.xml") || $0.hasSuffix("rss.xml") }
        #expect(feeds.count >= 8)
        // feedparser (PyPI) flags malformed feeds as "bozo"; make test installs it.
        let script = """
            import sys, feedparser
            bad = []
            for path in sys.argv[1:]:
                feed = feedparser.parse(path)
                version = feed.get('version', '')
                if feed.bozo or not version or not feed.entries or any(not e.get('link') or not e.get('title') for e in feed.entries):
                    bad.append(f"{path}: version={version!r} bozo={feed.bozo} {feed.get('bozo_exception', '')}")
            print("\\n".join(bad))
            sys.exit(1 if bad else 0)
            """
        let (status, text) = try ExternalTool.run(["python3", "-c", script] + feeds.map { output.appendingPathComponent($0).path })
        #expect(status == 0, "\(text)")
    }
}
