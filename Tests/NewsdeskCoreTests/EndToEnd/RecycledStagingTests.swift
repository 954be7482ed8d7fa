import Foundation
import Testing
@testable import NewsdeskCore

/// The site a build swaps out is kept (`.newsdesk-cache/previous-site`) and becomes the next
/// build's staging folder. Whatever that spare holds, the output a build leaves is exactly its
/// files: the same tree a fresh staging folder gives, unchanged files still the previous
/// output's own (same inode, same modification time).
@Suite("Recycled staging folder")
struct RecycledStagingTests {
    let folder: TemporaryDirectory
    var output: URL { folder.url.appendingPathComponent("site/output") }
    var spare: URL { folder.url.appendingPathComponent("site/.newsdesk-cache/previous-site") }

    init() throws { folder = try TemporaryDirectory() }

    /// Writes every file of a build (the writer keeps those whose bytes did not change) and commits.
    func publish(_ files: [String: String]) async throws {
        let writer = try StagedOutputWriter(outputDirectory: output, spareDirectory: spare)
        for (path, text) in files.sorted(by: { $0.key < $1.key }) { try writer.write(Array(text.utf8), to: path) }
        try await writer.commit()
    }

    /// Every entry below `root`: folders, links and files with their text, by relative path.
    static func tree(_ root: URL) -> [String: String] {
        var entries: [String: String] = [:]
        func walk(_ relative: String) {
            let path = relative.isEmpty ? root.path : root.path + "/" + relative
            for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
                let child = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard lstat(root.path + "/" + child, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: entries[child] = "folder"; walk(child)
                case S_IFLNK: entries[child] = "link"
                default: entries[child] = (try? String(contentsOfFile: root.path + "/" + child, encoding: .utf8)) ?? "?"
                }
            }
        }
        walk("")
        return entries
    }

    static func inode(_ url: URL) -> UInt {
        var info = stat()
        return stat(url.path, &info) == 0 ? UInt(info.st_ino) : 0
    }

    static func expectedTree(_ files: [String: String]) -> [String: String] {
        var entries = files
        for path in files.keys {
            var parts = path.split(separator: "/").dropLast()
            while !parts.isEmpty {
                entries[parts.joined(separator: "/")] = "folder"
                parts = parts.dropLast()
            }
        }
        return entries
    }

    static let first = ["index.html": "home", "news/a/index.html": "a", "news/b/index.html": "b", "campus/index.html": "campus"]

    @Test func theSwappedOutSiteIsKeptAndBecomesTheNextStagingFolder() async throws {
        try await publish(Self.first)
        #expect(!FileManager.default.fileExists(atPath: spare.path), "a first build swaps nothing out")
        var second = Self.first
        second["news/b/index.html"] = "b, corrected"
        try await publish(second)
        #expect(Self.tree(spare) == Self.expectedTree(Self.first))
        var third = second
        third["news/c/index.html"] = "c"
        third["news/a/index.html"] = nil
        third["campus/index.html"] = "campus, corrected"
        try await publish(third)
        #expect(Self.tree(output) == Self.expectedTree(third))
        #expect(Self.tree(spare) == Self.expectedTree(second))
        // The spare still holds the removed page; added back with other bytes, it is written anew.
        let fourth = third.merging(["news/a/index.html": "a, back"]) { $1 }
        try await publish(fourth)
        #expect(Self.tree(output) == Self.expectedTree(fourth))
        let staging = folder.url.appendingPathComponent("site/.output.staging")
        #expect(!FileManager.default.fileExists(atPath: staging.path))
    }

    @Test func unchangedFilesStayTheOutputsOwnThroughRecycledBuilds() async throws {
        try await publish(Self.first)
        let home = Self.inode(output.appendingPathComponent("index.html"))
        for round in 1...4 {
            var files = Self.first
            files["news/b/index.html"] = "b, round \(round)"
            try await publish(files)
            #expect(Self.tree(output) == Self.expectedTree(files))
            #expect(Self.inode(output.appendingPathComponent("index.html")) == home, "round \(round)")
        }
    }

    /// A spare left in any state: a stale copy of a kept file, a stray file, empty folders, a
    /// folder where a file goes, a file where a folder goes, a placeholder the output lacks.
    @Test func aSpareOfAnyShapeEndsAsExactlyTheBuildsFiles() async throws {
        try await publish(Self.first)
        try folder.write("site/.newsdesk-cache/previous-site/index.html", "stale home")
        try folder.write("site/.newsdesk-cache/previous-site/stray.html", "stray")
        try folder.write("site/.newsdesk-cache/previous-site/old/deep/er/page.html", "old")
        try FileManager.default.createDirectory(at: spare.appendingPathComponent("empty/inner"), withIntermediateDirectories: true)
        try folder.write("site/.newsdesk-cache/previous-site/feed.xml/index.html", "a folder where a file goes")
        try folder.write("site/.newsdesk-cache/previous-site/tags", "a file where a folder goes")
        try folder.write("site/.newsdesk-cache/previous-site/.gitkeep", "")
        let homeInode = Self.inode(output.appendingPathComponent("index.html"))
        var files = Self.first
        files["feed.xml"] = "<feed/>"
        files["tags/index.html"] = "tags"
        try await publish(files)
        #expect(Self.tree(output) == Self.expectedTree(files))
        #expect(Self.inode(output.appendingPathComponent("index.html")) == homeInode)
    }

    @Test func aSpareHoldingALinkIsRemovedAndTheLinkNeverFollowed() async throws {
        try folder.write("outside/keep.txt", "keep")
        try await publish(Self.first)
        try FileManager.default.createDirectory(at: spare, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: spare.appendingPathComponent("news"), withDestinationURL: folder.url.appendingPathComponent("outside"))
        var files = Self.first
        files["news/d/index.html"] = "d"
        try await publish(files)
        #expect(Self.tree(output) == Self.expectedTree(files))
        #expect(Self.tree(folder.url.appendingPathComponent("outside")) == ["keep.txt": "keep"])
    }

    @Test func aSpareThatIsALinkIsRemovedNotFollowed() async throws {
        try folder.write("outside/keep.txt", "keep")
        try await publish(Self.first)
        try FileManager.default.createDirectory(at: spare.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: spare, withDestinationURL: folder.url.appendingPathComponent("outside"))
        var files = Self.first
        files["news/a/index.html"] = "a, corrected"
        try await publish(files)
        #expect(Self.tree(output) == Self.expectedTree(files))
        #expect(Self.tree(folder.url.appendingPathComponent("outside")) == ["keep.txt": "keep"])
        #expect(Self.tree(spare) == Self.expectedTree(Self.first), "the swapped-out site took the link's place")
    }

    @Test func twoOutputsAtOnePathStillCollideInARecycledFolder() async throws {
        try await publish(Self.first)
        try await publish(Self.first.merging(["index.html": "home 2"]) { $1 })
        let writer = try StagedOutputWriter(outputDirectory: output, spareDirectory: spare)
        try writer.write(Array("one".utf8), to: "news/a/index.html")
        #expect(throws: OutputWriteError.self) { try writer.write(Array("two".utf8), to: "news/a/index.html") }
        writer.abort()
    }
}
