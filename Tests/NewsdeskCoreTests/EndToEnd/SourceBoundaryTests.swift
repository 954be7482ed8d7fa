import Foundation
import Testing
@testable import NewsdeskCore

/// Only regular files inside `content/` (and the theme's folder) are published: links to the
/// git configuration, `site.yml` or the cache, and `content/` or a theme that is itself a
/// link leaving the site, are errors naming the link; the build writes only real folders.
@Suite("Source and output boundaries")
struct SourceBoundaryTests {
    static func builtSite() throws -> TemporaryDirectory {
        let site = try TemporaryDirectory()
        try ProblemSite.writeValidSite(into: site)
        #expect(try NewsdeskBinary.run(["build", "--site", site.url.path]).status == 0)
        return site
    }

    static func link(_ site: TemporaryDirectory, _ path: String, to destination: String) throws {
        let url = site.url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: destination)
    }

    @Test(arguments: [
        ("content/images/config.txt", "../../.git/config", "[remote \"origin\"] token"),
        ("content/images/settings.txt", "../site.yml", "title: Problems"),
        ("content/images/cache.txt", "../../.newsdesk-cache/build.lock", ""),
        ("content/images/elsewhere", "../../.git", "[remote \"origin\"] token"),
    ])
    func aLinkOutOfContentIsAnErrorAndNothingIsPublished(_ path: String, _ destination: String, _ secret: String) throws {
        let site = try Self.builtSite()
        try site.write(".git/config", "[remote \"origin\"] token\n")
        let before = site.snapshot("output")
        try Self.link(site, path, to: destination)

        let check = try NewsdeskBinary.run(["check", "--site", site.url.path])
        #expect(check.status == 1)
        #expect(check.standardOutput.hasPrefix("\(path): error: this symbolic link points outside content/, so it is not read\n"), "\(check.standardOutput)")
        let build = try NewsdeskBinary.run(["build", "--site", site.url.path])
        #expect(build.status == 1)
        #expect(site.snapshot("output") == before)
        if !secret.isEmpty { #expect(!site.snapshot("output").values.contains { String(decoding: $0, as: UTF8.self).contains(secret) }) }
    }

    @Test(arguments: ["content", "themes/default"])
    func aSourceFolderThatIsALinkOutOfTheSiteIsAnError(_ folder: String) throws {
        let site = try Self.builtSite()
        let before = site.snapshot("output")
        let outside = try TemporaryDirectory()
        try FileManager.default.moveItem(at: site.url.appendingPathComponent(folder), to: outside.url.appendingPathComponent("moved"))
        try Self.link(site, folder, to: outside.url.appendingPathComponent("moved").path)

        let build = try NewsdeskBinary.run(["build", "--site", site.url.path])
        #expect(build.status != 0)
        #expect(build.standardError.contains("\(folder): error: this folder is a symbolic link to a folder outside the site"), "\(build.standardError)")
        #expect(site.snapshot("output") == before)
    }

    @Test func aLinkWithinContentIsFollowed() throws {
        let site = try Self.builtSite()
        try Self.link(site, "content/images/copy.svg", to: "signing.svg")
        #expect(try NewsdeskBinary.run(["build", "--site", site.url.path]).status == 0)
        #expect(site.snapshot("output")["/images/copy.svg"] == site.snapshot("output")["/images/signing.svg"])
        #expect(site.snapshot("output")["/images/copy.svg"] != nil)
    }

    @Test(arguments: [("output", "the output folder"), (".output.staging", "the staging folder"), (".newsdesk-cache", "the build cache folder")])
    func aWrittenFolderThatIsALinkIsRefusedAndNothingIsWrittenThere(_ name: String, _ description: String) throws {
        let site = try TemporaryDirectory()
        try ProblemSite.writeValidSite(into: site)
        let outside = try TemporaryDirectory()
        try Self.link(site, name, to: outside.url.path)

        let build = try NewsdeskBinary.run(["build", "--site", site.url.path])
        #expect(build.status == 2)
        #expect(build.standardError.hasPrefix("error: \(description) \(site.url.appendingPathComponent(name).path) is a symbolic link"),
                "\(build.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.url.path).isEmpty)
    }

    /// A link to a file that does not exist: following it would create the file out there.
    @Test(arguments: ["build.lock", "build-cache.tmp", "manifest.tmp", "build-cache", "manifest"])
    func aFileLinkPlantedInTheCacheFolderIsNeverWrittenThrough(_ name: String) throws {
        let site = try Self.builtSite()
        let outside = try TemporaryDirectory()
        let planted = ".newsdesk-cache/" + name
        try? FileManager.default.removeItem(at: site.url.appendingPathComponent(planted))
        try Self.link(site, planted, to: outside.url.appendingPathComponent("target").path)
        try site.write(ProblemSite.agreement, ProblemSite.validFiles[ProblemSite.agreement, default: ""] + "\nEdited.\n")

        #expect(try NewsdeskBinary.run(["build", "--site", site.url.path]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.url.path).isEmpty)
    }

    /// The previous site, kept to become the next staging folder, planted as a link.
    @Test func aSpareSiteThatIsALinkIsNotWrittenThrough() throws {
        let site = try Self.builtSite()
        #expect(try NewsdeskBinary.run(["build", "--site", site.url.path, "--clean"]).status == 0)
        let outside = try TemporaryDirectory()
        try? FileManager.default.removeItem(at: site.url.appendingPathComponent(".newsdesk-cache/previous-site"))
        try Self.link(site, ".newsdesk-cache/previous-site", to: outside.url.path)
        try site.write(ProblemSite.agreement, ProblemSite.validFiles[ProblemSite.agreement, default: ""] + "\nEdited.\n")

        #expect(try NewsdeskBinary.run(["build", "--site", site.url.path]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.url.path).isEmpty)
        #expect(site.snapshot("output")["/index.html"] != nil)
    }

    @Test func theImageCacheFolderAsALinkIsRefused() throws {
        let site = try Self.builtSite()
        let outside = try TemporaryDirectory()
        try? FileManager.default.removeItem(at: site.url.appendingPathComponent(".newsdesk-cache/images"))
        try Self.link(site, ".newsdesk-cache/images", to: outside.url.path)

        let build = try NewsdeskBinary.run(["build", "--site", site.url.path, "--clean"])
        #expect(build.status == 2)
        #expect(build.standardError.contains("the image cache folder"), "\(build.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.url.path).isEmpty)
    }

    @Test func anImageCacheEntryThatIsALinkIsNotWrittenThrough() throws {
        let site = try TemporaryDirectory()
        let outside = try TemporaryDirectory()
        try Self.link(site, ".newsdesk-cache/images/0123456789abcdef", to: outside.url.path)
        let image = StoredImage(width: 1, height: 1, variants: [], thumbnails: [])
        #expect(throws: OutputWriteError.self) {
            try DiskImageStore(siteRoot: site.url).save("0123456789abcdef", image: image, files: ["a.jpg": [1, 2, 3]])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.url.path).isEmpty)
    }

    @Test func controlCharactersInFileNamesCannotForgeDiagnostics() throws {
        let site = try TemporaryDirectory()
        try ProblemSite.writeValidSite(into: site)
        let name = "content/news/x.md\ncontent/news/fake.md:1:1: error: \u{1B}[2Jforged.md"
        try site.write(name, "---\ntitle: Broken\n")

        let check = try NewsdeskBinary.run(["check", "--site", site.url.path])
        #expect(check.status == 1)
        let lines = check.standardOutput.split(separator: "\n")
        #expect(!lines.contains { $0.hasPrefix("content/news/fake.md") }, "\(check.standardOutput)")
        #expect(!check.standardOutput.contains("\u{1B}"))
        #expect(check.standardOutput.hasPrefix("content/news/x.md\\ncontent/news/fake.md:1:1: error: \\u{1B}[2Jforged.md:1:1: error: "),
                "\(check.standardOutput)")
    }
}
