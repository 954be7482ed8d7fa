import Foundation
import Testing
@testable import NewsdeskCore

/// A `.shared` value is the value it holds to every reader: templates, equality and a page's
/// signature, which changes whenever anything inside a shared value does.
@Suite("Shared template data")
struct SharedTemplateDataTests {
    static let data: TemplateData = [
        "site": ["title": "News & Views", "sections": [["name": "campus", "is_current": true], ["name": "news", "is_current": false]]],
        "entries": [["title": "First", "tags": [["name": "a"]]], ["title": "Second", "tags": []]],
        "content": .html(Array("<p>Body</p>".utf8)), "empty": [], "count": 2,
    ]

    /// `data` with every list and object below the root shared, at every depth.
    static func sharingEverything(_ data: TemplateData) -> TemplateData {
        switch data {
        case .list(let values): return .sharing(.list(values.map(sharingEverything)))
        case .object(let fields): return .sharing(.object(fields.mapValues(sharingEverything)))
        default: return data
        }
    }

    func render(_ template: String, _ data: TemplateData) throws -> String {
        var library = TemplateLibrary()
        library.register(try TemplateParser.parse(template).get(), named: "page")
        return String(decoding: try #require(library.renderBytes(data, template: "page")), as: UTF8.self)
    }

    @Test func templatesReadASharedValueAsTheValueItHolds() throws {
        guard case .object(let fields) = Self.data else { return }
        let shared = TemplateData.object(fields.mapValues(Self.sharingEverything))
        let template = "{{site.title}}|{{#site.sections}}{{name}}{{#is_current}}*{{/is_current}},{{/site.sections}}|"
            + "{{#entries}}{{title}}:{{#tags}}{{name}}{{/tags}}{{^tags}}none{{/tags}};{{/entries}}|{{{content}}}|{{content}}|"
            + "{{^empty}}empty{{/empty}}|{{#site}}{{title}}{{/site}}|{{#count}}{{.}}{{/count}}"
        #expect(try render(template, shared) == render(template, Self.data))
        #expect(try render("{{#.}}{{site.title}}{{/.}}", .sharing(Self.data)) == "News &amp; Views")
    }

    @Test func aSharedValueEqualsAndDigestsAsTheValueItHolds() {
        let shared = Self.sharingEverything(Self.data)
        #expect(shared == Self.data)
        #expect(Self.data == shared)
        #expect(shared.digest == Self.data.digest)
        #expect(TemplateData.sharing(shared).digest == Self.data.digest)
        #expect(shared.isTruthy && shared["site"]?["title"] == "News & Views")
    }

    @Test func aSignatureChangesWhenAnythingInASharedValueChanges() {
        func signature(_ context: TemplateData) -> UInt64 { OutputSignature.page("page", context: context, program: 1) }
        let base = signature(Self.sharingEverything(Self.data))
        #expect(base == signature(Self.data))
        let edits: [(String, TemplateData)] = [
            ("a nested list's object", ["site": ["title": "News & Views", "sections": [["name": "campus", "is_current": false],
                                                                                       ["name": "news", "is_current": false]]]]),
            ("a title", ["site": ["title": "News", "sections": [["name": "campus", "is_current": true], ["name": "news", "is_current": false]]]]),
            ("an entry's tag", ["entries": [["title": "First", "tags": [["name": "b"]]], ["title": "Second", "tags": []]]]),
            ("an entry's order", ["entries": [["title": "Second", "tags": []], ["title": "First", "tags": [["name": "a"]]]]]),
        ]
        guard case .object(let fields) = Self.data else { return }
        for (name, edit) in edits {
            guard case .object(let changed) = edit else { continue }
            let edited = TemplateData.object(fields.merging(changed) { _, new in new })
            #expect(signature(Self.sharingEverything(edited)) != base, "\(name)")
            #expect(signature(Self.sharingEverything(edited)) == signature(edited), "\(name)")
        }
    }

    /// The tables a build makes once (dates, links, entries) hold the values each page would
    /// make for itself: the same contexts, the same signatures.
    @Test func aBuildsTablesGiveTheContextsEachPageWouldMake() async throws {
        let files = [
            "content/news/2023-11-22-forum.md": TestSite.item(title: "Forum", date: "2023-11-22", extra: "tags: [a, b]\n"),
            "content/news/2023-11-23-agreement.md": TestSite.item(title: "Agreement", date: "2023-11-23", extra: "tags: [a]\n"),
            "content/news/2023-11-24-visit.md": TestSite.item(title: "Visit", date: "2023-11-24", extra: "tags: [b]\n"),
        ]
        let resolution = await SiteBuilder(source: TestSite.source(files), options: BuildOptions(now: TestSite.now)).resolve()
        let theme = try #require(resolution.theme)
        let site = resolution.site
        let plain = PageContextBuilder(site: site, theme: theme, extras: site.pages.map { _ in PageExtras() }, mode: .publish)
        var tabled = await plain.withDateTable().withEntryTable()
        tabled.related = await RelatedItems(site: site).withTable()
        let now = NewsDate(TestSite.now)
        for page in site.pages.indices {
            let article = plain.article(page, extra: PageExtras(), now: now)
            #expect(tabled.article(page, extra: PageExtras(), now: now) == article)
            #expect(tabled.article(page, extra: PageExtras(), now: now).digest == article.digest)
            #expect(tabled.entry(page) == plain.entry(page) && tabled.entry(page).digest == plain.entry(page).digest)
        }
        let section = try #require(site.sections.indices.first)
        #expect(tabled.sectionListing(section, page: 1, intro: nil).digest == plain.sectionListing(section, page: 1, intro: nil).digest)
    }
}
