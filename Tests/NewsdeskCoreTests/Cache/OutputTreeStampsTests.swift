import Foundation
import Testing
@testable import NewsdeskCore

/// The output's stamps are what an up-to-date check trusts, so they must cover every file and
/// folder and must not be taken while an edit could still leave them as they are.
@Suite("Output folder stamps")
struct OutputTreeStampsTests {
    let folder: TemporaryDirectory

    init() throws {
        folder = try TemporaryDirectory()
        for path in ["index.html", "news/index.html", "news/first/index.html", "news/second/index.html", "tags/a/index.html", "css/style.css"] {
            try folder.write(path, "<p>\(path)</p>")
        }
    }

    @Test func everyFileAndFolderBelowTheTopIsStampedOnce() async throws {
        let tree = try #require(await OutputTreeStamps.stamps(in: folder.url.path))
        let paths = tree.entries.map(\.path)
        #expect(Set(paths) == ["index.html", "news", "news/index.html", "news/first", "news/first/index.html", "news/second",
                               "news/second/index.html", "tags", "tags/a", "tags/a/index.html", "css", "css/style.css"])
        #expect(paths.count == Set(paths).count)
        // The top folder's own stamp changes when a build is swapped in: its names stand for it.
        #expect(tree.topNames == ["css", "index.html", "news", "tags"])
    }

    @Test func anEditChangesAStampAndTheRestStay() async throws {
        let before = try #require(await OutputTreeStamps.stamps(in: folder.url.path))
        try folder.write("news/first/index.html", "<p>edited</p>")
        let after = try #require(await OutputTreeStamps.stamps(in: folder.url.path))
        let old = Dictionary(uniqueKeysWithValues: before.entries.map { ($0.path, $0.stamp) })
        let new = Dictionary(uniqueKeysWithValues: after.entries.map { ($0.path, $0.stamp) })
        // The file is replaced by a rename, which also changes its folder.
        #expect(Set(new.keys.filter { new[$0] != old[$0] }) == ["news/first/index.html", "news/first"])
    }

    @Test func stampsTakenWithinAClockTickOfTheNewestChangeAreRacy() async throws {
        let tree = try #require(await OutputTreeStamps.stamps(in: folder.url.path))
        #expect(tree.isRacy(at: tree.newestChange + OutputTreeStamps.clockTick / 2))
        #expect(!tree.isRacy(at: tree.newestChange + OutputTreeStamps.clockTick + 1))
        var coarse = tree
        coarse.wholeSeconds = true
        #expect(coarse.isRacy(at: tree.newestChange + 1_000_000_000))
    }

    @Test func aLinkInTheOutputMeansNoStamps() async throws {
        try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent("news/link.html").path,
                                                   withDestinationPath: "/etc/hostname")
        #expect(await OutputTreeStamps.stamps(in: folder.url.path) == nil)
        #expect(await OutputTreeStamps.stamps(in: folder.url.appendingPathComponent("missing").path) == nil)
    }
}
