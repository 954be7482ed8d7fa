import Foundation
import Testing
@testable import NewsdeskCore

@Suite("Front matter")
struct FrontMatterTests {
    let config = SiteConfig()

    func parse(_ text: String, path: String = "content/news/a.md") -> ItemParser.Parsed {
        let file = ContentClassifier(languageCodes: ["en"]).classify([path]).markdown[0]
        return ItemParser(config: config).parse(file, bytes: Array(text.utf8))
    }

    /// `image: ""` is no image (not an empty `<img src="">`), `summary: " "` no summary, and a
    /// parameter written as the number zero hides a section as `false` does.
    @Test func emptyTextAndZeroAreAbsentOrFalse() throws {
        let parsed = parse("---\ntitle: T\ndate: 2023-11-24\nimage: \"\"\nimage_alt: ' '\nsummary: \" \"\nauthor: ''\n"
                           + "featured: 0\nquoted: \"0\"\nempty: \"\"\ncount: 3\n---\nBody\n")
        let fm = try #require(parsed.item, "\(parsed.diagnostics.summary)").frontMatter
        #expect(fm.image == nil && fm.imageAlt == nil && fm.summary == nil && fm.author == nil)
        let params = fm.params.mapValues(\.templateData)
        #expect(params["featured"] == "0" && params["featured"]?.isTruthy == false)
        #expect(params["quoted"]?.isTruthy == false && params["empty"]?.isTruthy == false)
        #expect(params["count"]?.isTruthy == true)
    }

    @Test func anEmptyImageShowsNoPictureOnThePageOrInListings() async throws {
        let (result, output) = await TestSite.build(["content/news/a.md": TestSite.item(extra: "image: \"\"\nsummary: \"\"\n", body: "First words.")])
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.summary)")
        let page = try #require(output.files.first { $0.key.hasSuffix("/a/index.html") }?.value)
        // The header's logo is the only picture on either page.
        func pictures(_ html: String) -> Int { html.components(separatedBy: "<img").count - 1 }
        #expect(pictures(String(decoding: page, as: UTF8.self)) == 1)
        let listing = try #require(output.text("news/index.html"))
        #expect(pictures(listing) == 1 && listing.contains("<img class=\"site-logo\"") && listing.contains("First words."))
    }

    @Test func readsEveryKnownField() throws {
        let parsed = parse("""
            ---
            title: "HUST Holds VSIP 2023"
            date: 2023-11-24T16:30:00+08:00
            slug: vsip-2023
            summary: Short.
            author: News Center
            tags: [conference, international]
            image: photo.jpg
            image_alt: People at a banner
            image_caption: Opening ceremony
            draft: false
            aliases: [/info/1/2.htm]
            featured: true
            ---
            Body
            """)
        let item = try #require(parsed.item, "\(parsed.diagnostics.summary)")
        let fm = item.frontMatter
        #expect(fm.title == "HUST Holds VSIP 2023")
        #expect(fm.date == NewsDate(secondsSinceEpoch: 1_700_814_600))
        #expect(item.slug == "vsip-2023")
        #expect(fm.tags == ["conference", "international"])
        #expect(fm.imageAlt == "People at a banner")
        #expect(fm.aliases == ["/info/1/2.htm"])
        #expect(fm.params["featured"] == .bool(true))
        #expect(item.bodyFirstLine == 15)
    }

    @Test func acceptsByteOrderMarkAndWindowsLineEndings() throws {
        let text = "\u{FEFF}---\r\ntitle: Windows\r\ndate: 2023-11-23\r\n---\r\nBody\r\n"
        let parsed = parse(text)
        let item = try #require(parsed.item, "\(parsed.diagnostics.summary)")
        #expect(item.title == "Windows")
        #expect(item.bodyFirstLine == 5)
    }

    @Test func keepsTheTextEditorsWroteForYAML11Traps() throws {
        let parsed = parse("---\ntitle: no\ndate: 2023-11-23\nauthor: 2023-11-23\n---\n")
        let item = try #require(parsed.item)
        #expect(item.title == "no")
        #expect(item.frontMatter.author == "2023-11-23")
    }

    @Test func reportsAnUnclosedFrontMatterWhereTheProseStarts() {
        let parsed = parse("---\ntitle: x\ndate: 2023-11-23\nBody without a fence\n")
        #expect(parsed.item == nil)
        #expect(parsed.diagnostics.first?.line == 4)
        #expect(parsed.diagnostics.first?.message.contains("never closed") == true)
    }

    @Test func reportsYAMLSyntaxErrorsAtTheLineInTheFile() {
        // Line 3 of the file holds the unquoted colon.
        let parsed = parse("---\ntitle: ok\nsummary: Forum: results: more\ndate: 2023-11-23\n---\n")
        let diagnostic = parsed.diagnostics.first
        #expect(diagnostic?.line == 3)
        #expect(diagnostic?.column != nil)
        #expect(diagnostic?.hint?.contains("quoted") == true)
    }

    @Test func reportsMissingTitleAndDateTogether() {
        let parsed = parse("---\nauthor: x\n---\nBody\n")
        let messages = parsed.diagnostics.map(\.message)
        #expect(messages.contains { $0.contains("'title' is missing") })
        #expect(messages.contains { $0.contains("'date' is missing") })
        #expect(parsed.diagnostics.allSatisfy { $0.line == 3 })
    }

    @Test(arguments: ["2023-13-45", "2023-02-29", "2023-11-31", "2023-11-23T25:00"])
    func rejectsImpossibleDates(_ date: String) {
        let parsed = parse("---\ntitle: x\ndate: \(date)\n---\n")
        #expect(parsed.item == nil)
        #expect(parsed.diagnostics.first?.line == 3)
        #expect(parsed.diagnostics.first?.message.contains("impossible") == true)
    }

    @Test func rejectsWrongTypesWithTheirLines() {
        let parsed = parse("---\ntitle: x\ndate: 2023-11-23\ntags: 5\ndraft: \"maybe\"\n---\n")
        #expect(parsed.diagnostics.map(\.line) == [4, 5])
    }

    @Test func rejectsDuplicateKeys() {
        let parsed = parse("---\ntitle: a\ntitle: b\ndate: 2023-11-23\n---\n")
        #expect(parsed.diagnostics.first?.message.contains("more than once") == true)
    }

    @Test func reportsFilesThatAreNotUTF8ByByteOffset() {
        var bytes = Array("---\ntitle: caf".utf8)
        bytes.append(0xE9)
        bytes += Array("\ndate: 2023-11-23\n---\n".utf8)
        let file = ContentClassifier(languageCodes: ["en"]).classify(["content/news/a.md"]).markdown[0]
        let parsed = ItemParser(config: config).parse(file, bytes: bytes)
        #expect(parsed.diagnostics.first?.message.contains("offset 14") == true)
        #expect(parsed.diagnostics.first?.line == 2)
    }

    @Test func reportsEmptyAndBinaryFiles() {
        #expect(parse("").diagnostics.first?.message == "the file is empty")
        #expect(parse("\u{0}\u{1}PNG").diagnostics.first?.message.contains("binary") == true)
    }
}

@Suite("Dates")
struct DateTests {
    let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    @Test func dateWithoutOffsetIsMidnightInTheSiteTimeZone() throws {
        let date = try NewsDate.parse("2023-11-23", timeZone: shanghai)
        #expect(date.rfc3339(in: shanghai) == "2023-11-23T00:00:00+08:00")
        #expect(date.rfc3339(in: TimeZone(identifier: "UTC")!) == "2023-11-22T16:00:00Z")
    }

    @Test(arguments: [
        ("2023-11-23T09:30:00+08:00", "2023-11-23T09:30:00+08:00"),
        ("2023-11-23T01:30:00Z", "2023-11-23T09:30:00+08:00"),
        ("2023-11-23 09:30", "2023-11-23T09:30:00+08:00"),
        ("2023-11-23T09:30:00.250+0800", "2023-11-23T09:30:00+08:00"),
    ])
    func acceptsTheFormsEditorsWrite(_ input: String, _ expected: String) throws {
        #expect(try NewsDate.parse(input, timeZone: shanghai).rfc3339(in: shanghai) == expected)
    }

    @Test func civilCalendarRoundTripsEveryDayFor400Years() {
        for days in stride(from: -146_097, to: 146_097, by: 1) {
            let (y, m, d) = CivilCalendar.civilFromDays(days)
            #expect(CivilCalendar.daysFromCivil(year: y, month: m, day: d) == days)
        }
    }

    @Test func rssDatesUseRFC822() throws {
        let date = try NewsDate.parse("2023-11-23T10:00:00+08:00", timeZone: shanghai)
        #expect(FeedWriter.rfc822(date, zone: shanghai) == "Thu, 23 Nov 2023 10:00:00 +0800")
    }
}

@Suite("Slugs")
struct SlugTests {
    @Test(arguments: [
        ("2023-11-23-cybersecurity-cooperation-agreement", "cybersecurity-cooperation-agreement"),
        ("My Report 2023", "my-report-2023"),
        ("2023-11-21 Our Visit to Harbin!", "our-visit-to-harbin"),
        ("VSIP 2023: Conference!", "vsip-2023-conference"),
        ("网络安全 合作", "网络安全-合作"),
        ("Ｆｕｌｌ－ｗｉｄｔｈ", "full-width"),
        ("--", ""),
    ])
    func fileNamesBecomeURLSafeSlugs(_ name: String, _ slug: String) {
        #expect(Slug.fromFileName(name) == slug)
    }

    @Test func rejectsSlugsThatWouldLeaveTheirFolder() {
        #expect(Slug.problem(with: "../etc") != nil)
        #expect(Slug.problem(with: "a/b") != nil)
        #expect(Slug.problem(with: "fine-slug") == nil)
    }
}
