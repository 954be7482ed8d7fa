import Foundation
import Testing
@testable import NewsdeskCore

/// Every problem an editor or designer can make, reported once, at the file and line to fix.
@Suite("What must be caught")
struct WhatMustBeCaughtTests {
    func check(_ files: [String: [UInt8]]) async -> [Diagnostic] {
        await SiteBuilder(source: InMemorySiteSource(bytes: files), options: BuildOptions(now: TestSite.now)).check()
    }

    @Test func theSiteEveryCaseStartsFromHasNoProblems() async {
        let diagnostics = await check(ProblemSite.validSourceFiles)
        #expect(diagnostics.isEmpty, "\(diagnostics.summary)")
    }

    @Test(arguments: ProblemSite.all)
    func eachProblemIsReportedOnceWhereItMustBeFixed(_ problem: ProblemSite) async {
        let diagnostics = await check(problem.sourceFiles)
        #expect(diagnostics.count == 1, "\(diagnostics.summary)")
        #expect(diagnostics.contains(where: problem.matches), "expected \(problem.expected), got:\n\(diagnostics.summary)")
    }

    /// `check` skips templates and writes nothing, yet must miss nothing a build reports.
    @Test(arguments: ProblemSite.all)
    func checkReportsExactlyWhatABuildReports(_ problem: ProblemSite) async {
        let source = InMemorySiteSource(bytes: problem.sourceFiles)
        let built = await SiteBuilder(source: source, options: BuildOptions(now: TestSite.now)).build(into: InMemoryOutput())
        let checked = await SiteBuilder(source: source, options: BuildOptions(now: TestSite.now)).check()
        #expect(built.diagnostics.sorted() == checked.sorted())
    }

    @Test func everyProblemOfARunIsReportedNotJustTheFirst() async {
        var files = ProblemSite.validSourceFiles
        var problemFiles = Set<String>()
        for (number, problem) in ProblemSite.all.enumerated() {
            guard problem.changes.count == 1, let (path, bytes) = problem.changes.first, path.hasPrefix("content/news/") else { continue }
            let renamed = path.replacingOccurrences(of: ".md", with: "-\(number).md")
            files[renamed] = bytes
            problemFiles.insert(renamed)
        }
        let diagnostics = await check(files)
        #expect(problemFiles.count > 15)
        #expect(Set(diagnostics.map(\.path)) == problemFiles, "\(diagnostics.summary)")
    }

    @Test func unknownFrontMatterFieldsAreFine() async {
        var files = ProblemSite.validSourceFiles
        files["content/news/2023-11-22-forum.md"] = Array(TestSite.item(extra: "featured: true\nspeaker: Prof. Li\nrooms: [A101, B202]\n").utf8)
        #expect(await check(files).isEmpty)
    }
}

/// Where YAML 1.1 would turn what an editor typed into a boolean, a date or a number, Newsdesk
/// keeps the text (YAML 1.2's reading): `title: no` is the headline "no". Only `draft:`, which
/// can only be true or false, also accepts yes/no/on/off.
@Suite("YAML 1.1 traps")
struct YAML11TrapTests {
    func parse(_ frontMatter: String) throws -> Item {
        let file = ContentClassifier(languageCodes: ["en"]).classify(["content/news/a.md"]).markdown[0]
        let parsed = ItemParser(config: SiteConfig()).parse(file, bytes: Array("---\n\(frontMatter)---\nBody\n".utf8))
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics.summary)")
        return try #require(parsed.item)
    }

    @Test(arguments: ["no", "yes", "off", "on", "2023-11-23", "1.10", "12:30", "0o14", "1e3", ".inf", "0x1F"])
    func everyTextFieldKeepsWhatTheEditorTyped(_ typed: String) throws {
        let item = try parse("title: \(typed)\ndate: 2023-11-23\nauthor: \(typed)\nsummary: \(typed)\ntags: [\(typed)]\nroom: \(typed)\n")
        #expect(item.title == typed)
        #expect(item.frontMatter.author == typed)
        #expect(item.frontMatter.summary == typed)
        #expect(item.frontMatter.tags == [typed])
        #expect(item.frontMatter.params["room"] == .string(typed))
    }

    @Test(arguments: [("no", false), ("yes", true), ("off", false), ("true", true), ("false", false)])
    func draftAcceptsTheWordsEditorsUseForTrueAndFalse(_ typed: String, _ draft: Bool) throws {
        #expect(try parse("title: T\ndate: 2023-11-23\ndraft: \(typed)\n").isDraft == draft)
    }
}
