import Foundation
import Synchronization
import Testing
@testable import NewsdeskCore

/// A rebuild skips reading files whose stamp (inode, size, change times) is unchanged; the
/// stamp must change with every edit a tool can make, and a fresh edit gets none at all.
@Suite("Source file stamps")
struct SourceStampTests {
    let folder: TemporaryDirectory

    init() throws {
        folder = try TemporaryDirectory()
        try folder.write("content/a.md", "one")
    }

    func setModificationTime(_ path: String, seconds: Int) {
        var times = [timespec(tv_sec: seconds, tv_nsec: 0), timespec(tv_sec: seconds, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, folder.url.appendingPathComponent(path).path, &times, 0) == 0)
    }

    @Test func aFileChangedWithinTheSettlingTimeHasNoStamp() {
        #expect(DiskSiteSource(root: folder.url, settlingTime: .seconds(600)).stamp(of: "content/a.md") == nil)
        #expect(DiskSiteSource(root: folder.url, settlingTime: .zero).stamp(of: "content/a.md") != nil)
    }

    /// Same size, same modification time, different bytes: only the change time tells.
    @Test func anEditThatKeepsSizeAndModificationTimeChangesTheStamp() throws {
        let source = DiskSiteSource(root: folder.url, settlingTime: .zero)
        setModificationTime("content/a.md", seconds: 1_700_000_000)
        let before = try #require(source.stamp(of: "content/a.md"))
        #expect(source.stamp(of: "content/a.md") == before)
        Thread.sleep(forTimeInterval: 0.02)
        let handle = try FileHandle(forWritingTo: folder.url.appendingPathComponent("content/a.md"))
        try handle.write(contentsOf: Array("two".utf8))
        try handle.close()
        setModificationTime("content/a.md", seconds: 1_700_000_000)
        #expect(source.stamp(of: "content/a.md") != before)
        #expect(source.stamp(of: "content/missing.md") == nil)
    }

    /// A source whose reads are counted and whose stamps the test sets.
    final class StampedSource: SiteSource {
        let files: InMemorySiteSource
        let stamps: [String: UInt64]
        private let reads = Mutex<Set<String>>([])

        init(_ files: [String: String], stamps: [String: UInt64]) {
            self.files = TestSite.source(files)
            self.stamps = stamps
        }

        var read: Set<String> { reads.withLock { $0 } }
        func files(under directory: String) -> (paths: [String], diagnostics: [Diagnostic]) { files.files(under: directory) }
        func exists(_ path: String) -> Bool { files.exists(path) }
        func stamp(of path: String) -> UInt64? { stamps[path] }
        func read(_ path: String) throws -> [UInt8] {
            reads.withLock { _ = $0.insert(path) }
            return try files.read(path)
        }
    }

    @Test func aRebuildReadsOnlyTheFilesWhoseStampChanged() async {
        let site = BuildCacheTests.site
        let items = site.keys.filter { $0.hasSuffix(".md") }.sorted()
        let stamps = Dictionary(uniqueKeysWithValues: items.enumerated().map { ($1, UInt64($0 + 1)) })
        let firstOutput = InMemoryOutput()
        let first = await SiteBuilder(source: StampedSource(site, stamps: stamps), options: BuildOptions(now: TestSite.now))
            .build(into: firstOutput, cache: BuildCache())
        var touched = stamps
        touched[items[0]] = 999
        let source = StampedSource(site, stamps: touched)
        let second = await SiteBuilder(source: source, options: BuildOptions(now: TestSite.now))
            .build(into: InMemoryOutput(previous: firstOutput.files), cache: first.cache)
        // `_index.md` bodies are read for the listings' intros in every build.
        #expect(source.read.filter { $0.hasSuffix(".md") && !$0.hasSuffix("_index.md") } == [items[0]])
        // Same bytes under a new stamp: nothing is parsed again, and the new stamp is kept.
        #expect(second.cache.parsed[items[0]]?.stamp == 999)
        #expect(second.cache.parsed.mapValues(\.item) == first.cache.parsed.mapValues(\.item))
    }
}
