import Foundation
import Testing
@testable import NewsdeskCore

/// `newsdesk build` with `.newsdesk-cache/` on disk: what deploys and editors rely on.
@Suite("Cached builds on disk", .serialized)
struct CachedPublishTests {
    let site: TemporaryDirectory

    init() throws {
        site = try TemporaryDirectory()
        try site.installDefaultTheme()
        for (path, text) in BuildCacheTests.site { try site.write(path, text) }
    }

    func publish(clean: Bool = false, output: String = "output") async throws -> SitePublisher.Outcome {
        let publisher = SitePublisher(siteRoot: site.url, outputDirectory: site.url.appendingPathComponent(output),
                                      options: BuildOptions(now: TestSite.now), useCache: !clean)
        return try await publisher.publish()
    }

    /// Inode and modification time of every output file.
    func identities(_ output: String = "output") throws -> [String: String] {
        let root = site.url.appendingPathComponent(output).path
        var result: [String: String] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: root) {
            var info = stat()
            guard stat(root + "/" + path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            result[path] = "\(info.st_ino) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        }
        return result
    }

    @Test func aOneItemEditRewritesOnlyTheFilesWhoseBytesChange() async throws {
        _ = try await publish()
        let before = site.snapshot("output")
        let identitiesBefore = try identities()
        // A paragraph added after the first: the summary listings show stays the same.
        try site.write("content/news/2023-11-03-third.md", BuildCacheTests.thirdWithSecondParagraph)
        let outcome = try await publish()
        #expect(outcome.result.succeeded)
        #expect(outcome.result.cacheUse.outputsReused > 0)
        let after = site.snapshot("output")
        let identitiesAfter = try identities()
        let changed = Set(after.keys.filter { after[$0] != before[$0] }.map { String($0.dropFirst()) })
        // The page, the search index's one chunk of documents (the item's text is in it) and its
        // one shard, which holds the new paragraph's words.
        #expect(changed == ["news/third/index.html", "search/en/docs/0.bin", "search/en/terms/0.txt"])
        for (path, identity) in identitiesAfter where !changed.contains(path) {
            #expect(identitiesBefore[path] == identity, "\(path) was rewritten though its bytes did not change")
        }
        _ = try await publish(clean: true, output: "clean")
        #expect(site.snapshot("clean") == after)
    }

    @Test func anOutputFileEditedByHandIsRestored() async throws {
        _ = try await publish()
        let expected = site.snapshot("output")
        try site.write("output/news/first/index.html", "edited by hand, same length or not")
        try FileManager.default.removeItem(at: site.url.appendingPathComponent("output/tags/index.html"))
        _ = try await publish()
        #expect(site.snapshot("output") == expected)
    }

    @Test func aNoChangeRebuildLeavesTheOutputFolderInPlace() async throws {
        _ = try await publish()
        let before = try FileManager.default.attributesOfItem(atPath: site.url.appendingPathComponent("output").path)[.systemFileNumber] as? Int
        let outcome = try await publish()
        let after = try FileManager.default.attributesOfItem(atPath: site.url.appendingPathComponent("output").path)[.systemFileNumber] as? Int
        #expect(outcome.filesWritten == 0 && before == after)
    }

    @Test func aFileAddedToTheOutputByHandIsRemovedByTheNextBuild() async throws {
        _ = try await publish()
        let expected = site.snapshot("output")
        try site.write("output/news/stray.html", "not from this site")
        _ = try await publish()
        #expect(site.snapshot("output") == expected)
    }

    @Test func cleanIgnoresTheCache() async throws {
        _ = try await publish()
        let outcome = try await publish(clean: true)
        #expect(outcome.result.cacheUse.outputsReused == 0 && outcome.result.cacheUse.parsedReused == 0)
        #expect(FileManager.default.fileExists(atPath: site.url.appendingPathComponent(".newsdesk-cache").path))
    }
}
