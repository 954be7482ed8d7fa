import Foundation
import Testing
@testable import NewsdeskCore

/// `newsdesk build` with nothing changed only compares stamps (`BuildManifest`); any change to
/// an input, to the output, to the options or to the date runs the build, whose output must
/// then be what a clean build gives.
@Suite("Up-to-date builds", .serialized)
struct BuildManifestTests {
    let site: TemporaryDirectory

    init() throws {
        site = try TemporaryDirectory()
        try site.installDefaultTheme()
        for (path, text) in BuildCacheTests.site { try site.write(path, text) }
        // A warning the replayed result must carry.
        try site.write("content/news/2023-11-05-fifth.md", TestSite.item(title: "Fifth", date: "2023-11-05", body: "![](/images/p.svg)"))
    }

    /// Sources are trusted at once (the settling time is tested below); every edit these tests
    /// make replaces the file, so its inode changes whatever the clock says.
    func publish(_ options: BuildOptions = BuildOptions(now: TestSite.now), clean: Bool = false, strict: Bool = false,
                 settling: Duration = .zero, output: String = "output") async throws -> SitePublisher.Outcome {
        try await SitePublisher(siteRoot: site.url, outputDirectory: site.url.appendingPathComponent(output), options: options,
                                strict: strict, useCache: !clean, sourceSettlingTime: settling).publish()
    }

    var manifest: URL { site.url.appendingPathComponent(".newsdesk-cache/manifest") }

    @Test func aBuildWithNothingChangedReportsTheLastResultAndTouchesNothing() async throws {
        let first = try await publish()
        #expect(!first.upToDate && first.result.succeeded)
        let before = site.snapshot("output")
        let inode = try inodeOfOutput()
        let second = try await publish()
        #expect(second.upToDate)
        #expect(second.filesWritten == 0 && second.filesUnchanged == first.result.filesProduced)
        #expect(second.result.pagesRendered == first.result.pagesRendered)
        #expect(second.result.diagnostics == first.result.diagnostics)
        #expect(second.result.diagnostics.contains { $0.message.contains("no alt text") })
        #expect(site.snapshot("output") == before)
        #expect(try inodeOfOutput() == inode)
    }

    /// Each change, made after a first build: the next build is not up to date, its output is
    /// a clean build's, and the build after it is up to date again.
    static let changes: [(name: String, change: @Sendable (TemporaryDirectory) throws -> Void)] = [
        ("item edited", { try $0.write("content/news/2023-11-03-third.md", BuildCacheTests.thirdWithSecondParagraph) }),
        ("item rewritten with the same bytes", { try $0.write("content/news/2023-11-04-fourth.md", BuildCacheTests.site["content/news/2023-11-04-fourth.md"]!) }),
        ("item added", { try $0.write("content/news/2023-11-06-sixth.md", TestSite.item(title: "Sixth", date: "2023-11-06")) }),
        ("item deleted", { try FileManager.default.removeItem(at: $0.url.appendingPathComponent("content/news/2023-11-04-fourth.md")) }),
        ("new section folder", { try $0.write("content/research/2023-09-01-lab.md", TestSite.item(title: "Lab", date: "2023-09-01")) }),
        ("hidden file added", { try $0.write("content/news/.notes", "an editor's notes") }),
        ("picture replaced", { try $0.write("content/images/p.svg", "another picture") }),
        ("site.yml edited", { try $0.write("content/site.yml", "title: Renamed\nbase_url: https://example.edu.cn/news/\npaginate: 2\n") }),
        ("template edited", { site in
            let path = "themes/default/templates/article.mustache"
            try site.write(path, try String(contentsOf: site.url.appendingPathComponent(path), encoding: .utf8) + "<!-- edited -->\n")
        }),
        ("theme file added", { try $0.write("themes/default/static/extra.css", "body { margin: 0 }") }),
        ("output page edited by hand", { try $0.write("output/news/first/index.html", "edited by hand") }),
        ("output page deleted", { try FileManager.default.removeItem(at: $0.url.appendingPathComponent("output/tags/index.html")) }),
        ("stray file in the output", { try $0.write("output/news/stray.html", "not from this site") }),
        ("output folder deleted", { try FileManager.default.removeItem(at: $0.url.appendingPathComponent("output")) }),
    ]

    @Test(arguments: changes.indices)
    func anyChangeToAnInputOrTheOutputRunsTheBuild(_ index: Int) async throws {
        let (name, change) = Self.changes[index]
        _ = try await publish()
        #expect(try await publish().upToDate, "\(name): the unchanged rebuild")
        try change(site)
        let rebuilt = try await publish()
        #expect(!rebuilt.upToDate, "\(name) went unseen")
        #expect(rebuilt.result.succeeded)
        #expect(try await publish().upToDate, "\(name): the rebuild after")
        // The manifest is one per site: this build into another folder replaces it.
        _ = try await publish(clean: true, output: "clean")
        #expect(site.snapshot("output") == site.snapshot("clean"), "\(name): the output differs from a clean build's")
    }

    /// Two builds of one site at once (two CI jobs, say) take turns: otherwise the one that
    /// finishes last could record the other's output as its own.
    @Test func buildsStartedTogetherTakeTurns() async throws {
        try site.write("content/news/2023-11-07-draft.md", TestSite.item(title: "Draft", date: "2023-11-07", extra: "draft: true\n"))
        let root = site.url
        func publisher(_ options: BuildOptions) -> SitePublisher {
            SitePublisher(siteRoot: root, outputDirectory: root.appendingPathComponent("output"), options: options, sourceSettlingTime: .zero)
        }
        let (withoutDrafts, withDrafts) = (publisher(BuildOptions(now: TestSite.now)), publisher(BuildOptions(includeDrafts: true, now: TestSite.now)))
        async let plain = withoutDrafts.publish()
        async let drafts = withDrafts.publish()
        let (first, second) = try await (plain, drafts)
        #expect(first.result.succeeded && second.result.succeeded)
        let last = try await publish()
        #expect(last.result.succeeded)
        _ = try await publish(clean: true, output: "clean")
        #expect(site.snapshot("output") == site.snapshot("clean"))
    }

    @Test func theClockSetBackIsAnotherBuild() async throws {
        _ = try await publish()
        #expect(try await !publish(BuildOptions(now: TestSite.now.addingTimeInterval(-86_400))).upToDate)
    }

    @Test func sourcesChangedWithinTheSettlingTimeLeaveNoManifest() async throws {
        _ = try await publish()
        #expect(FileManager.default.fileExists(atPath: manifest.path))
        try site.write("content/news/2023-11-03-third.md", BuildCacheTests.thirdWithSecondParagraph)
        let outcome = try await publish(settling: .seconds(600))
        #expect(!outcome.upToDate && outcome.result.succeeded)
        #expect(!FileManager.default.fileExists(atPath: manifest.path))
        #expect(try await !publish(settling: .seconds(600)).upToDate)
    }

    @Test func anItemWhoseDateArrivesIsPublishedThoughNoFileChanged() async throws {
        try site.write("content/news/2026-03-01-spring.md", TestSite.item(title: "Spring", date: "2026-03-01"))
        _ = try await publish()
        #expect(try await publish().upToDate)
        #expect(!FileManager.default.fileExists(atPath: site.url.appendingPathComponent("output/news/spring/index.html").path))
        let later = BuildOptions(now: TestSite.now.addingTimeInterval(90 * 86_400))
        let outcome = try await publish(later)
        #expect(!outcome.upToDate)
        #expect(FileManager.default.fileExists(atPath: site.url.appendingPathComponent("output/news/spring/index.html").path))
        #expect(try await publish(later).upToDate)
    }

    @Test func otherOptionsAreAnotherBuild() async throws {
        try site.write("content/news/2023-11-07-draft.md", TestSite.item(title: "Draft", date: "2023-11-07", extra: "draft: true\n"))
        _ = try await publish()
        #expect(try await !publish(BuildOptions(includeDrafts: true, now: TestSite.now)).upToDate)
        #expect(try await !publish(BuildOptions(baseURL: "https://other.example.edu.cn/", now: TestSite.now)).upToDate)
        #expect(try await !publish().upToDate)
        #expect(try await !publish(clean: true).upToDate)
        #expect(try await publish().upToDate)
    }

    @Test func strictTurnsTheReplayedWarningsIntoErrorsAndLeavesTheOutput() async throws {
        _ = try await publish()
        let before = site.snapshot("output")
        let strict = try await publish(strict: true)
        #expect(strict.upToDate && !strict.result.succeeded)
        #expect(strict.result.diagnostics.hasErrors)
        #expect(site.snapshot("output") == before)
    }

    @Test func aDamagedManifestMeansABuild() async throws {
        _ = try await publish()
        var bytes = try Data(contentsOf: manifest)
        bytes[bytes.count - 3] ^= 0xFF
        try bytes.write(to: manifest)
        #expect(try await !publish().upToDate)
        try Data("newsdesk-manifest 1 short".utf8).write(to: manifest)
        #expect(try await !publish().upToDate)
        #expect(try await publish().upToDate)
    }

    @Test func aSymbolicLinkAmongTheSourcesLeavesNoManifest() async throws {
        // A link inside content/ is followed; when its target changes, no folder's stamp does.
        try site.write("content/shared/linked.txt", TestSite.item(title: "Linked", date: "2023-11-08"))
        try FileManager.default.createSymbolicLink(atPath: site.url.appendingPathComponent("content/news/2023-11-08-linked.md").path,
                                                   withDestinationPath: site.url.appendingPathComponent("content/shared/linked.txt").path)
        let first = try await publish()
        #expect(first.result.succeeded)
        #expect(!FileManager.default.fileExists(atPath: manifest.path))
        #expect(try await !publish().upToDate)
    }

    /// The manifest records every input the build looked at, whichever stage asked.
    @Test func theRecordedInputsAreWhatTheBuildLookedAt() async throws {
        let source = ObservedSiteSource(DiskSiteSource(root: site.url, settlingTime: .zero))
        let output = InMemoryOutput()
        _ = await SiteBuilder(source: source, options: BuildOptions(now: TestSite.now)).build(into: output)
        let inputs = try #require(source.inputs)
        for path in ["content", "content/news", "content/site.yml", "content/news/2023-11-01-first.md", "content/images/p.svg",
                     "themes/default/templates/article.mustache", "themes/default/static"] {
            #expect(inputs[path] != nil && inputs[path] != .absent, "\(path) was not recorded")
        }
        #expect(inputs.values.allSatisfy { $0 != .unsettled })
    }

    func inodeOfOutput() throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: site.url.appendingPathComponent("output").path)[.systemFileNumber] as? Int
    }
}
