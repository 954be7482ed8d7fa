import Foundation
import Testing
@testable import NewsdeskCore

/// `newsdesk build` run twice on an unchanged site, as CI and editors run it: the second run
/// says it is up to date, prints the same problems and exit status, and touches nothing.
@Suite("Up-to-date newsdesk build")
struct UpToDateCommandTests {
    @Test func aSecondBuildSaysUpToDateWithTheSameWarningsAndExitStatus() throws {
        let site = try TemporaryDirectory()
        try ProblemSite.writeValidSite(into: site)
        try site.write("content/news/2023-11-24-photo.md", TestSite.item(title: "Photo", date: "2023-11-24", body: "![](/images/missing-alt.svg)"))
        try site.write("content/images/missing-alt.svg", "a picture")
        // Sources younger than 100 ms are not trusted by their stamps.
        Thread.sleep(forTimeInterval: 0.2)

        let first = try NewsdeskBinary.run(["build", "--site", site.url.path])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(!first.standardOutput.contains("up to date"))
        #expect(first.standardError.contains("has no alt text"))
        let before = site.snapshot("output")

        let second = try NewsdeskBinary.run(["build", "--site", site.url.path])
        #expect(second.status == 0)
        #expect(second.standardOutput.contains("(up to date: no source or output file changed since the last build)"))
        #expect(second.standardError == first.standardError)
        #expect(site.snapshot("output") == before)

        let strict = try NewsdeskBinary.run(["build", "--site", site.url.path, "--strict", "--format", "json"])
        #expect(strict.status == 1)
        #expect(strict.standardError.contains("\"error\""))
        #expect(site.snapshot("output") == before)

        try site.write("content/news/2023-11-24-photo.md", TestSite.item(title: "Photo", date: "2023-11-24", body: "![A lab](/images/missing-alt.svg)"))
        Thread.sleep(forTimeInterval: 0.2)
        let edited = try NewsdeskBinary.run(["build", "--site", site.url.path])
        #expect(edited.status == 0)
        #expect(!edited.standardOutput.contains("up to date") && !edited.standardError.contains("has no alt text"))
    }
}
