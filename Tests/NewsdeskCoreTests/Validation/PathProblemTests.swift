import Foundation
import Testing
@testable import NewsdeskCore

extension ProblemSite {
    private static let forumPath = "content/news/2023-11-22-forum.md"

    private static func forumWith(_ field: String) -> [String: String?] {
        [forumPath: "---\ntitle: Forum\ndate: 2023-11-22\n\(field)\n---\nBody.\n"]
    }

    /// What `build` used to find only when writing (a raw Foundation error and no line), and
    /// URLs that percent-encoded dots would have led out of the site.
    static let paths: [ProblemSite] = [
        ProblemSite("tag longer than 255 bytes", forumWith("tags: [\(String(repeating: "t", count: 300))]"),
                    Expected(path: forumPath, line: 4, message: "a part of the path is longer than 255 bytes", hint: "shorter")),
        ProblemSite("slug longer than 255 bytes", forumWith("slug: \(String(repeating: "s", count: 300))"),
                    Expected(path: forumPath, line: 4, message: "a part of the path is longer than 255 bytes")),
        ProblemSite("alias longer than 255 bytes", forumWith("aliases: [/\(String(repeating: "a", count: 300))/]"),
                    Expected(path: forumPath, line: 4, message: "a part of the path is longer than 255 bytes")),
        ProblemSite("alias 2,100 folders deep", forumWith("aliases: [/\(String(repeating: "a/", count: 2_100))]"),
                    Expected(path: forumPath, line: 4, message: "the path is longer than 3000 bytes")),
        ProblemSite("asset named with backslashes", ["content/files/a\\..\\..\\x.pdf": "%PDF"],
                    Expected(path: "content/files/a\\..\\..\\x.pdf", message: "cannot contain '\\'")),
        ProblemSite("slug %2e%2e", forumWith("slug: \"%2e%2e\""),
                    Expected(path: forumPath, line: 4, column: 7, message: "'slug' cannot be '.' or '..', also when percent-encoded")),
        ProblemSite("permalink with %2e%2e segments", ["content/site.yml": "title: Problems\npermalinks:\n  news: /%2e%2e/%2E%2e/:slug/\n"],
                    Expected(path: "content/site.yml", line: 3, column: 9,
                             message: "cannot contain '.' or '..' segments, also not percent-encoded")),
    ]
}

/// Output paths the file system or a URL cannot take are caught by `check` as by `build`,
/// once, at the file and line to fix; `build` then fails and leaves the output as it was.
@Suite("Path problems")
struct PathProblemTests {
    @Test(arguments: ProblemSite.paths)
    func checkReportsEachOnceWhereItMustBeFixed(_ problem: ProblemSite) async {
        let source = InMemorySiteSource(bytes: problem.sourceFiles)
        let checked = await SiteBuilder(source: source, options: BuildOptions(now: TestSite.now)).check()
        #expect(checked.count == 1, "\(checked.summary)")
        #expect(checked.contains(where: problem.matches), "expected \(problem.expected), got:\n\(checked.summary)")
        let built = await SiteBuilder(source: source, options: BuildOptions(now: TestSite.now)).build(into: InMemoryOutput())
        #expect(built.diagnostics.sorted() == checked.sorted())
    }

    @Test(arguments: ProblemSite.paths)
    func theExecutableReportsItAndKeepsTheOutput(_ problem: ProblemSite) throws {
        let site = try TemporaryDirectory()
        try ProblemSite.writeValidSite(into: site)
        #expect(try NewsdeskBinary.run(["build", "--site", site.url.path]).status == 0)
        let before = site.snapshot("output")
        try problem.apply(to: site)

        let place = [problem.expected.path] + [problem.expected.line, problem.expected.column].compactMap { $0.map(String.init) }
        let status: Int32 = problem.expected.path == SiteConfigParser.path ? 2 : 1
        let check = try NewsdeskBinary.run(["check", "--site", site.url.path])
        #expect(check.status == status)
        #expect(check.standardOutput.hasPrefix("\(place.joined(separator: ":")): error: "), "\(check.standardOutput)")
        let build = try NewsdeskBinary.run(["build", "--site", site.url.path])
        #expect(build.status == status)
        #expect(build.standardError.hasPrefix("\(place.joined(separator: ":")): error: "), "\(build.standardError)")
        #expect(!build.standardError.contains("NSCocoaErrorDomain"))
        #expect(site.snapshot("output") == before)
    }
}
