import Foundation
import Testing
@testable import NewsdeskCore

/// `init`, `new` and `theme copy` as values: the files they would write, built in memory.
@Suite("Scaffolding")
struct ScaffoldTests {
    static let scaffold = SiteScaffold(title: "HUST News", languages: ["en", "zh"], baseURL: "https://www.example.edu.cn/news/",
                                       timeZone: "Asia/Shanghai", today: "2023-11-23")

    static func sourceFiles(_ files: [ScaffoldFile]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.text) })
    }

    static func site(_ files: [String: String], today: String = "2023-11-24") -> NewItemSite {
        let (config, _) = SiteConfigParser.parse(files[SiteConfigParser.path])
        return NewItemSite(config: config, contentPaths: files.keys.filter { $0.hasPrefix("content/") }.sorted(),
                           archetypes: files.filter { $0.key.hasPrefix("archetypes/") }, today: today)
    }

    @Test func aNewSiteBuildsWithTheBuiltInThemeAlone() async throws {
        let files = Self.sourceFiles(Self.scaffold.files())
        #expect(files.keys.sorted() == [
            ".gitignore", "archetypes/default.md", "content/_index.md", "content/_index.zh.md",
            "content/cooperation/_index.md", "content/cooperation/_index.zh.md", "content/news/2023-11-23-welcome.md",
            "content/news/_index.md", "content/news/_index.zh.md", "content/site.yml",
        ])
        #expect(files[".gitignore"]?.contains("output/\n.newsdesk-cache/\n") == true)
        let output = InMemoryOutput()
        let result = await SiteBuilder(source: InMemorySiteSource(files), options: BuildOptions(now: TestSite.now)).build(into: output)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.summary)")
        #expect(output.text("news/index.html")?.contains("Welcome to HUST News") == true)
        #expect(output.text("zh/index.html") != nil)
        #expect(output.files["css/style.css"] == BuiltInTheme.files["themes/default/static/css/style.css"])
    }

    @Test func initNamesThreeNextCommands() {
        #expect(SiteScaffold.nextSteps(folder: "hust-news") == ["cd hust-news", "newsdesk new news \"Our First Article\"", "newsdesk serve"])
        #expect(SiteScaffold.nextSteps(folder: "my site").first == "cd 'my site'")
        #expect(SiteScaffold.nextSteps(folder: ".") == ["newsdesk new news \"Our First Article\"", "newsdesk serve", "newsdesk build"])
    }

    @Test func initRefusesBadSettings() {
        #expect(SiteScaffold(title: "T", languages: ["en", "chinese"], baseURL: "http://x/", timeZone: "UTC", today: "2023-11-23").problem()
                == ScaffoldProblem("'chinese' is not a language code", hint: "use codes such as en, zh or zh-Hant: --languages en,zh"))
        #expect(SiteScaffold(title: "T", languages: ["en"], baseURL: "example.edu.cn", timeZone: "UTC", today: "2023-11-23").problem()?
                .message == "--base-url must be an absolute http(s) address, not 'example.edu.cn'")
        #expect(Self.scaffold.problem() == nil)
    }

    @Test func newWritesADatedFileFromTheBuiltInArchetype() throws {
        let site = Self.site(Self.sourceFiles(Self.scaffold.files()).filter { !$0.key.hasPrefix("archetypes/") })
        let plan = try NewItemPlanner.plan(NewItemRequest(section: "news", title: "VSIP 2023: \"Smart\" Conference"), site: site).get()
        #expect(plan.file.path == "content/news/2023-11-24-vsip-2023-smart-conference.md")
        #expect(plan.file.text.hasPrefix("---\ntitle: \"VSIP 2023: \\\"Smart\\\" Conference\"\ndate: 2023-11-24\n# author:"))
        #expect(plan.notes.isEmpty)
        let bundle = try NewItemPlanner.plan(NewItemRequest(section: "news", title: "Lab visit", bundle: true, date: "2023-11-20T09:30:00+08:00"), site: site).get()
        #expect(bundle.file.path == "content/news/2023-11-20-lab-visit/index.md")
        #expect(bundle.file.text.contains("date: 2023-11-20T09:30:00+08:00\n"))
    }

    @Test func aChineseTitleGetsAStableLatinSlugAndANote() throws {
        let site = Self.site(Self.sourceFiles(Self.scaffold.files()))
        let request = NewItemRequest(section: "news", title: "哈尔滨理工大学召开 VSIP 会议", language: "zh")
        let plan = try NewItemPlanner.plan(request, site: site).get()
        #expect(plan.file.path.hasPrefix("content/news/2023-11-24-vsip-"))
        #expect(plan.file.path.hasSuffix(".zh.md"))
        let isLatin = plan.file.path.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(isLatin)
        #expect(try NewItemPlanner.plan(request, site: site).get().file.path == plan.file.path)
        #expect(plan.notes.count == 1 && plan.notes[0].contains("--slug"))
    }

    @Test func aSectionArchetypeIsPreferred() throws {
        var files = Self.sourceFiles(Self.scaffold.files())
        files["archetypes/news.md"] = "---\ntitle: {{{title}}}\ndate: {{date}}\nauthor: News Center\n---\n{{section}} {{lang}} {{slug}}\n"
        let plan = try NewItemPlanner.plan(NewItemRequest(section: "news", title: "Visit"), site: Self.site(files)).get()
        #expect(plan.file.text == "---\ntitle: \"Visit\"\ndate: 2023-11-24\nauthor: News Center\n---\nnews en visit\n")
    }

    @Test func anArchetypeWithTwoBracesAroundTheTitleIsRefusedWithTheFix() {
        var files = Self.sourceFiles(Self.scaffold.files())
        files["archetypes/news.md"] = "---\ntitle: \"{{title}}\"\ndate: {{date}}\n---\n"
        #expect(throws: ScaffoldProblem("archetypes/news.md:2:9: {{title}} would write &quot; instead of quote marks",
                                        hint: "write {{{title}}}: the value is already a quoted YAML string, such as \"Our Visit\"")) {
            try NewItemPlanner.plan(NewItemRequest(section: "news", title: "Visit"), site: Self.site(files)).get()
        }
    }

    @Test func aTranslationSitsBesideItsOriginalWithItsKey() throws {
        var files = Self.sourceFiles(Self.scaffold.files())
        let original = "content/news/2023-11-23-agreement.md"
        files[original] = "---\ntitle: Agreement\ndate: 2023-11-23T10:00:00+08:00\ntranslation_key: agreement-2023\n---\nText.\n"
        var site = Self.site(files)
        site.originalText = files[original]
        let plan = try NewItemPlanner.plan(NewItemRequest(section: "news", title: "合作协议", language: "zh", translationOf: original), site: site).get()
        #expect(plan.file.path == "content/news/2023-11-23-agreement.zh.md")
        #expect(plan.file.text.hasPrefix("---\ntitle: \"合作协议\"\ndate: 2023-11-23T10:00:00+08:00\ntranslation_key: \"agreement-2023\"\n"))
        #expect(plan.notes.isEmpty)

        // An English version of a Chinese-only item is the file without a suffix.
        let chinese = "content/news/2023-11-26-games.zh.md"
        files[chinese] = "---\ntitle: 冬季运动会\ndate: 2023-11-26\n---\n正文。\n"
        site = Self.site(files)
        site.originalText = files[chinese]
        let english = try NewItemPlanner.plan(NewItemRequest(section: "news", title: "Winter Games", language: "en", translationOf: chinese), site: site).get()
        #expect(english.file.path == "content/news/2023-11-26-games.md")
        #expect(english.file.text.hasPrefix("---\ntitle: \"Winter Games\"\ndate: 2023-11-26\n# author"))
    }

    @Test func newRefusesAnUnknownSectionWithTheNearestOne() {
        let site = Self.site(Self.sourceFiles(Self.scaffold.files()))
        guard case .failure(let problem) = NewItemPlanner.plan(NewItemRequest(section: "nwes", title: "X"), site: site) else {
            Issue.record("an unknown section was accepted")
            return
        }
        #expect(problem.message == "there is no section 'nwes' (sections: cooperation, news)")
        #expect(problem.hint == "did you mean 'news'? a section is a folder under content/; create content/nwes/_index.md to start a new one")
    }

    @Test func newNeverReplacesAFileAndNamesTheDateFix() {
        var files = Self.sourceFiles(Self.scaffold.files())
        files["content/news/2023-11-24-visit.md"] = "taken"
        let site = Self.site(files)
        #expect(throws: ScaffoldProblem("content/news/2023-11-24-visit.md already exists; it was left as it is", hint: "choose another title or --slug")) {
            try NewItemPlanner.plan(NewItemRequest(section: "news", title: "Visit"), site: site).get()
        }
        #expect(throws: ScaffoldProblem("'24/11/2023' is not a date newsdesk reads",
                                        hint: "write 2023-11-24 (year-month-day), or 2023-11-24T09:30:00+08:00 with a time")) {
            try NewItemPlanner.plan(NewItemRequest(section: "news", title: "Visit", date: "24/11/2023"), site: site).get()
        }
    }

    @Test func theEmbeddedThemeIsTheRepositorysThemeByteForByte() {
        #expect(BuiltInTheme.files == TestSite.defaultThemeFiles())
        guard case .success(let copy) = BuiltInTheme.copy(named: "campus") else {
            Issue.record("theme copy failed")
            return
        }
        #expect(copy.map(\.path) == BuiltInTheme.relativePaths.map { "themes/campus/\($0)" })
    }

    @Test func aSiteThemeNamingTheBuiltInParentOverridesOneTemplate() async {
        let files = [
            "content/site.yml": "theme: campus\n",
            "themes/campus/theme.yml": "parent: default\n",
            "themes/campus/templates/404.mustache": "<p>Campus not found</p>\n",
            "content/news/2023-11-22-a.md": TestSite.item(),
        ]
        let output = InMemoryOutput()
        let result = await SiteBuilder(source: InMemorySiteSource(files), options: BuildOptions(now: TestSite.now)).build(into: output)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.summary)")
        #expect(output.text("404.html") == "<p>Campus not found</p>\n")
        #expect(output.text("news/index.html") != nil)
    }

    @Test func nearestNamesReachGrowsWithTheName() {
        #expect(NearestNames.nearest(to: "titel", among: ["date", "title", "tags"]) == "title")
        #expect(NearestNames.nearest(to: "tag", among: ["date"]) == nil)
        #expect(NearestNames.didYouMean("nwes", among: ["news", "cooperation"]) == "did you mean 'news'?")
    }
}
