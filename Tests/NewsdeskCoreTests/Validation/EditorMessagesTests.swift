import Foundation
import Testing
@testable import NewsdeskCore

/// Issue 15: every message an editor meets says which file, which line and column, and what
/// to write instead. Each case below was seen on a real site.
@Suite("Messages that lead to the fix")
struct EditorMessagesTests {
    static let forum = "content/news/2023-11-22-forum.md"

    func diagnostics(_ files: [String: String], options: BuildOptions = BuildOptions(now: TestSite.now)) async -> [Diagnostic] {
        await TestSite.build(files, options: options).0.diagnostics
    }

    func only(_ diagnostics: [Diagnostic], at path: String) -> Diagnostic? {
        let found = diagnostics.filter { $0.path == path }
        return found.count == 1 ? found[0] : nil
    }

    @Test func aMisspelledRequiredFieldIsNamedAtItsLine() async throws {
        let found = await diagnostics([Self.forum: "---\ntitel: Forum\ndate: 2023-11-22\n---\nBody.\n"])
        let problem = try #require(only(found, at: Self.forum), "\(found.summary)")
        #expect(problem.isError)
        #expect(problem.line == 2 && problem.column == 1)
        #expect(problem.message.contains("'titel' looks like a misspelling"))
        #expect(problem.hint == "rename 'titel:' to 'title:'")
    }

    @Test func aMisspelledOptionalFieldIsAWarningWithTheNearestName() async throws {
        let found = await diagnostics([Self.forum: "---\ntitle: Forum\ndate: 2023-11-22\ntgas: [a]\n---\nBody.\n"])
        let problem = try #require(only(found, at: Self.forum), "\(found.summary)")
        #expect(!problem.isError)
        #expect(problem.line == 4 && problem.column == 1)
        #expect(problem.message == "unknown field 'tgas': did you mean 'tags'?")
        #expect(problem.hint?.hasPrefix("rename 'tgas:' to 'tags:'") == true)
    }

    @Test(arguments: ["23/11/2023", "2023/11/23", "2023年11月23日", "23 November 2023", "November 23, 2023", "2023.11.23"])
    func datesInLetterFormsGetTheExactFix(_ written: String) async throws {
        let found = await diagnostics([Self.forum: "---\ntitle: Forum\ndate: \(written)\n---\nBody.\n"])
        let problem = try #require(only(found, at: Self.forum), "\(found.summary)")
        #expect(problem.line == 3 && problem.column == 7)
        #expect(problem.message.contains("in a form newsdesk does not read"))
        #expect(problem.hint?.hasPrefix("write 2023-11-23 ") == true)
    }

    @Test func anAmbiguousDayAndMonthOffersBothReadings() {
        #expect(DateForms.hint(for: "03/04/2023") == "write 2023-04-03 if the day comes first, or 2023-03-04 if the month does (year-month-day)")
        #expect(DateForms.reading(of: "soon") == nil)
    }

    @Test func anUnclosedFrontMatterPointsWhereTheProseStarts() async throws {
        let text = "---\ntitle: Forum\ndate: 2023-11-22\ntags: [a]\n\nThe forum opened on Monday.\nMore text.\n"
        let problem = try #require(only(await diagnostics([Self.forum: text]), at: Self.forum))
        #expect(problem.line == 6 && problem.column == 1)
        #expect(problem.message.contains("never closed"))
        #expect(problem.hint == "add a line containing only --- above this line, after the last front-matter field")
    }

    @Test func anUnterminatedQuoteIsReportedWhereItOpens() async throws {
        let text = "---\ntitle: \"Forum on pragmatics\ndate: 2023-11-22\nauthor: News Center\n---\nBody.\n"
        let problem = try #require(only(await diagnostics([Self.forum: text]), at: Self.forum))
        #expect(problem.line == 2 && problem.column == 8)
        #expect(problem.message == "this quoted text is never closed: the closing quote mark is missing")
        #expect(problem.hint?.hasPrefix("end the value with the quote mark it starts with") == true)
    }

    @Test func tagsWrittenWithCommasWarnAndShowTheList() async throws {
        let (result, output) = await TestSite.build([Self.forum: "---\ntitle: Forum\ndate: 2023-11-22\ntags: a, b, c\n---\nBody.\n"])
        let problem = try #require(only(result.diagnostics, at: Self.forum))
        #expect(!problem.isError)
        #expect(problem.line == 4 && problem.column == 7)
        #expect(problem.hint == "write tags: [a, b, c]")
        #expect(output.text("tags/b/index.html") != nil)
    }

    @Test func aLinkToAnItemWithBadFrontMatterReportsOnlyTheRootCause() async {
        let found = await diagnostics([
            Self.forum: "---\ntitle: Forum\ndate: 23/11/2023\n---\nBody.\n",
            "content/news/2023-11-23-a.md": TestSite.item(title: "A", body: "See [the forum](2023-11-22-forum.md)."),
            "content/cooperation/2023-11-24-b.md": TestSite.item(title: "B", body: "See [it](../news/2023-11-22-forum.md)."),
        ])
        #expect(found.count == 1, "\(found.summary)")
        #expect(found.first?.path == Self.forum)
    }

    @Test func linkColumnsCountCharactersNotBytes() async throws {
        let path = "content/news/2023-11-23-a.md"
        let found = await diagnostics([path: TestSite.item(title: "A", body: "哈尔滨理工大学与网络安全公司签署合作协议，详见[协议](missing.md)。")])
        let problem = try #require(only(found, at: path))
        // 23 characters (69 bytes) before the link.
        #expect(problem.line == 5)
        #expect(problem.column == 24)
    }

    @Test func frontMatterColumnsCountCharactersToo() async throws {
        let problem = try #require(only(await diagnostics([Self.forum: "---\ntitle: 哈尔滨: 论坛\ndate: 2023-11-22\n---\nBody.\n"]), at: Self.forum))
        #expect(problem.line == 2 && problem.column == 11)
        #expect(problem.message == "this value contains ': ', which starts a new field in YAML")
        #expect(problem.hint == "a value containing ': ' must be quoted, like title: \"Forum: the results\"")
    }

    @Test func aMisspelledLinkSuggestsTheNearestFileAcrossSections() async throws {
        let path = "content/news/2023-11-23-a.md"
        let found = await diagnostics([
            path: TestSite.item(title: "A", body: "[one](2023-11-24-vsip-conferense.md)\n\n[two](2023-10-30-memorandum-st-petersberg.md)"),
            "content/news/2023-11-24-vsip-conference.md": TestSite.item(title: "VSIP"),
            "content/cooperation/2023-10-30-memorandum-st-petersburg.md": TestSite.item(title: "Memo"),
        ])
        let problems = found.filter { $0.path == path }.sorted()
        try #require(problems.count == 2, "\(found.summary)")
        #expect(problems[0].line == 5 && problems[0].column == 1)
        #expect(problems[0].hint == "did you mean '2023-11-24-vsip-conference.md'?")
        #expect(problems[1].line == 7 && problems[1].column == 1)
        #expect(problems[1].hint == "did you mean '../cooperation/2023-10-30-memorandum-st-petersburg.md'?")
    }

    @Test func aMisspelledBundleLinkSuggestsTheBundle() async throws {
        let path = "content/news/2023-11-23-a.md"
        let found = await diagnostics([
            path: TestSite.item(title: "A", body: "见[链接](../cooperation/2023-11-20-lab-vist/index.md)"),
            "content/cooperation/2023-11-20-lab-visit/index.md": TestSite.item(title: "Lab"),
        ])
        let problem = try #require(only(found, at: path), "\(found.summary)")
        #expect(problem.line == 5 && problem.column == 2)
        #expect(problem.hint == "did you mean '../cooperation/2023-11-20-lab-visit/index.md'?")
    }

    @Test func aQuoteThatEndsAValueEarlyIsNamed() async throws {
        let problem = try #require(only(await diagnostics([Self.forum: "---\ntitle: 'It's here'\ndate: 2023-11-22\n---\nBody.\n"]), at: Self.forum))
        #expect(problem.line == 2 && problem.column == 12)
        #expect(problem.message == "the text after the value on this line cannot be read; did a quote mark end the value early?")
        #expect(problem.hint == "a value holding a quote mark goes in the other kind of quotes (title: \"It's here\"), or doubles it ('It''s here')")
    }

    @Test func aTabOrAnIndentedEntryIsSaidInPlainWords() async throws {
        let tab = try #require(only(await diagnostics([Self.forum: "---\ntitle: A\n\tdate: 2023-11-22\n---\nBody.\n"]), at: Self.forum))
        #expect(tab.line == 3 && tab.column == 1)
        #expect(tab.message == "this line is indented with a tab; YAML needs spaces")
        #expect(tab.hint == "replace the tab at the start of the line with spaces")
        let list = "---\ntitle: A\ndate: 2023-11-22\ntags:\n  - a\n - b\n---\nBody.\n"
        let indented = try #require(only(await diagnostics([Self.forum: list]), at: Self.forum))
        #expect(indented.line == 6 && indented.column == 2)
        #expect(indented.message == "this line is indented differently from the fields around it")
        #expect(indented.hint?.hasPrefix("start each field at the same column") == true)
    }

    @Test func anUnknownSiteSettingSuggestsTheNearestOne() async throws {
        let found = await diagnostics(["content/site.yml": "title: News\npaginat: 5\n", Self.forum: TestSite.item()])
        let problem = try #require(only(found, at: "content/site.yml"))
        #expect(problem.line == 2 && problem.column == 1)
        #expect(problem.message == "unknown setting 'paginat' in site.yml: did you mean 'paginate'?")
        #expect(problem.hint == "rename 'paginat:' to 'paginate:'")
    }

    @Test func anUnknownPartialSuggestsTheNearestTemplate() async throws {
        var files = TestSite.defaultThemeFiles().mapValues { String(decoding: $0, as: UTF8.self) }
        files["themes/default/templates/404.mustache"] = "<p>\n  {{> partials/footr}}\n</p>\n"
        files[Self.forum] = TestSite.item()
        let found = await diagnostics(files)
        let problem = try #require(only(found, at: "themes/default/templates/404.mustache"), "\(found.summary)")
        #expect(problem.line == 2 && problem.column == 3)
        #expect(problem.message == "the partial 'partials/footr' does not exist: did you mean 'partials/footer'?")
        #expect(problem.hint == "write {{> partials/footer}}, or create templates/partials/footr.mustache")
    }

    @Test(arguments: ["x.MD", "x.Markdown", "x.md"])
    func markdownExtensionsInAnyCaseAreItemsAndNeverCopied(_ name: String) async {
        let path = "content/news/2023-11-22-\(name)"
        let (result, output) = await TestSite.build([path: TestSite.item(title: "Secret draft", extra: "draft: true\n")])
        #expect(result.succeeded)
        #expect(!output.files.keys.contains { $0.lowercased().hasSuffix(".md") || $0.lowercased().hasSuffix(".markdown") })
        #expect(!output.files.values.contains { String(decoding: $0, as: UTF8.self).contains("Secret draft") })
        #expect(result.leftOut == PublicationFilter.LeftOut(drafts: 1, scheduled: 0))
    }

    @Test func theSummaryCountsDraftsAndScheduledItemsLeftOut() async {
        let (result, _) = await TestSite.build([
            "content/news/2023-11-20-a.md": TestSite.item(title: "A", extra: "draft: true\n"),
            "content/news/2023-11-21-b.md": TestSite.item(title: "B", extra: "draft: true\n"),
            "content/news/2030-01-01-c.md": TestSite.item(title: "C", date: "2030-01-01"),
            "content/news/2023-11-22-d.md": TestSite.item(title: "D"),
        ])
        #expect(result.leftOut.sentence == "2 drafts and 1 scheduled item not published; --drafts/--future show them")
        #expect(PublicationFilter.LeftOut().sentence == nil)
        #expect(PublicationFilter.LeftOut(drafts: 0, scheduled: 1).sentence == "1 scheduled item not published; --future shows it")
    }

    @Test func linksToUnpublishedItemsCanBeWarningsThatKeepTheText() async throws {
        let path = "content/news/2023-11-23-a.md"
        let files = [
            "content/site.yml": "links: { unpublished: warn }\n",
            path: TestSite.item(title: "A", body: "Read [the plan](2030-01-01-plan.md) soon."),
            "content/news/2030-01-01-plan.md": TestSite.item(title: "Plan", date: "2030-01-01"),
        ]
        let (result, output) = await TestSite.build(files)
        #expect(result.succeeded)
        let problem = try #require(only(result.diagnostics, at: path))
        #expect(!problem.isError)
        #expect(problem.line == 5 && problem.column == 6)
        #expect(problem.hint == "publish that item, or remove the link")
        let page = try #require(output.text("news/a/index.html"))
        #expect(page.contains("<p>Read the plan soon.</p>"))

        // Once the plan's date has passed, the same files link to it.
        let later = BuildOptions(now: Date(timeIntervalSince1970: 1_900_000_000))
        let (published, laterOutput) = await TestSite.build(files, options: later)
        #expect(published.diagnostics.isEmpty, "\(published.diagnostics.summary)")
        let laterPage = laterOutput.text("news/a/index.html") ?? ""
        #expect(laterPage.contains("<p>Read <a href=\"/news/plan/\">the plan</a> soon.</p>"), "\(laterPage)")

        let strict = await diagnostics(files.merging(["content/site.yml": ""]) { $1 })
        #expect(strict.contains { $0.isError && $0.path == path })

        // A rebuild with the first build's cache, after the date passed, renders the page again.
        let source = TestSite.source(files)
        let first = InMemoryOutput()
        let early = await SiteBuilder(source: source, options: BuildOptions(now: TestSite.now)).build(into: first)
        let second = InMemoryOutput(previous: first.files, stamps: first.stamps)
        _ = await SiteBuilder(source: source, options: later).build(into: second, cache: early.cache)
        #expect(second.text("news/a/index.html")?.contains("<p>Read <a href=\"/news/plan/\">the plan</a> soon.</p>") == true)
    }

    @Test func theOverlaySpeaksThePageLanguageOneBlockPerProblem() throws {
        let overlay = ErrorOverlay(diagnostics: [
            .error("the date '2023-13-45' is impossible", path: "content/news/a.md", line: 3, column: 7, hint: "write 2023-12-31"),
            .warning("not shown", path: "content/news/b.md"),
        ])
        #expect(overlay.problems == [ErrorOverlay.Problem(place: "content/news/a.md:3:7", message: "the date '2023-13-45' is impossible",
                                                          hint: "write 2023-12-31")])
        #expect(overlay.words["zh"]?.title.contains("1 个错误") == true)
        #expect(LiveReloadScript.source.contains("document.documentElement.lang"))
        #expect(LiveReloadScript.source.contains("report.problems.forEach"))
    }
}
