import Foundation
import Testing
@testable import NewsdeskCore

/// The example site's pages, rendered in memory and compared byte for byte with the files under
/// Tests/Fixtures/golden. After an intended change, regenerate them with
/// `UPDATE_GOLDEN=1 swift test --filter GoldenPageTests` and review the diff.
@Suite("Golden pages of the example site")
struct GoldenPageTests {
    static let pages = [
        "news/2023/cybersecurity-cooperation-agreement/index.html",
        "zh/news/2023/cybersecurity-cooperation-agreement/index.html",
        "zh/index.html",
        "news/index.html",
        "index.html",
        "cooperation/harbin-electric-joint-research-center/index.html",
        "atom.xml",
        "zh/search/index.html",
    ]

    static func buildExampleSite() async -> (BuildResult, InMemoryOutput) {
        let output = InMemoryOutput()
        let source = DiskSiteSource(root: TestSite.repositoryRoot)
        let result = await SiteBuilder(source: source, options: BuildOptions(now: TestSite.now)).build(into: output)
        return (result, output)
    }

    @Test func exampleSiteBuildsWithoutProblems() async {
        let (result, _) = await Self.buildExampleSite()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.summary)")
    }

    @Test(arguments: pages)
    func pageMatchesItsGoldenFile(_ path: String) async throws {
        let (_, output) = await Self.buildExampleSite()
        let rendered = try #require(output.text(path), "\(path) was not produced")
        let golden = TestSite.fixtures.appendingPathComponent("golden/\(path)")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != nil {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try rendered.write(to: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(rendered == expected, "\(path) differs from \(golden.path); run UPDATE_GOLDEN=1 swift test to accept")
    }

    @Test func twoBuildsAreByteForByteIdentical() async {
        let (_, first) = await Self.buildExampleSite()
        let (_, second) = await Self.buildExampleSite()
        #expect(first.files == second.files)
    }
}
