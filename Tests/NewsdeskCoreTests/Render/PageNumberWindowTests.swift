import Testing
@testable import NewsdeskCore

@Suite("Page numbers on listing pages")
struct PageNumberWindowTests {
    static let everyPosition = (1...40).flatMap { total in (1...total).map { (current: $0, total: total) } }

    static func numbers(_ slots: [PageNumberSlot]) -> [Int] {
        slots.compactMap { if case .page(let number) = $0 { number } else { nil } }
    }

    @Test func theWindowShowsTheFirstLastAndCurrentPagesWithTwoNeighboursInOrder() {
        for (current, total) in Self.everyPosition {
            let numbers = Self.numbers(PageNumberWindow.slots(current: current, total: total))
            let position = "page \(current) of \(total)"
            #expect(numbers.first == 1, "\(position)")
            #expect(numbers.last == total, "\(position)")
            #expect(zip(numbers, numbers.dropFirst()).allSatisfy { $0 < $1 }, "\(position): \(numbers)")
            let neighbourhood = max(1, current - 2)...min(total, current + 2)
            #expect(neighbourhood.allSatisfy(numbers.contains), "\(position): \(numbers)")
        }
    }

    @Test func aGapStandsForTwoOrMoreSkippedPagesAndNothingElseIsSkipped() {
        for (current, total) in Self.everyPosition {
            let slots = PageNumberWindow.slots(current: current, total: total)
            let position = "page \(current) of \(total): \(slots)"
            #expect(slots.count <= 9, "\(position)")
            // Each pair of successive numbers, and whether a gap sits between them.
            var previous: Int?
            var gapBefore = false
            for slot in slots {
                guard case .page(let number) = slot else {
                    #expect(previous != nil && !gapBefore, "\(position): a gap first or two gaps in a row")
                    gapBefore = true
                    continue
                }
                if let previous {
                    let hidden = number - previous - 1
                    #expect(gapBefore ? hidden >= 2 : hidden == 0, "\(position): \(hidden) pages hidden before \(number)")
                }
                previous = number
                gapBefore = false
            }
            #expect(!gapBefore, "\(position): ends in a gap")
        }
    }

    @Test func longListingsShowAWindowAndShortOnesEveryPage() {
        #expect(PageNumberWindow.slots(current: 1, total: 1) == [.page(1)])
        #expect(PageNumberWindow.slots(current: 2, total: 5) == (1...5).map(PageNumberSlot.page))
        #expect(PageNumberWindow.slots(current: 1, total: 40) == [.page(1), .page(2), .page(3), .gap, .page(40)])
        #expect(PageNumberWindow.slots(current: 5, total: 40) == (1...7).map(PageNumberSlot.page) + [.gap, .page(40)])
        #expect(PageNumberWindow.slots(current: 20, total: 40)
            == [.page(1), .gap] + (18...22).map(PageNumberSlot.page) + [.gap, .page(40)])
    }

    /// The page numbers a listing's pagination links, without its `rel="prev"`/`rel="next"`
    /// links (which are written `<a rel=… href=…>`).
    static func pageNumberLinks(in html: String, base: String) throws -> [Int] {
        let start = try #require(html.range(of: "<nav class=\"pagination\""))
        let end = try #require(html.range(of: "</nav>", range: start.upperBound..<html.endIndex))
        return try html[start.upperBound..<end.lowerBound].components(separatedBy: "<a href=\"").dropFirst().map { link in
            let href = String(link[..<link.firstIndex(of: "\"")!])
            if href == base { return 1 }
            let number = href.dropFirst(base.count + "page/".count).dropLast()
            return try #require(Int(number), "\(href) is not a page of \(base)")
        }
    }

    @Test func aMiddlePageOfALongSectionLinksOnlyItsWindow() async throws {
        let (result, output) = await TestSite.build(ListingTests.site(items: 200, paginate: 5))
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.summary)")
        #expect(output.text("news/page/40/index.html") != nil)
        let html = try #require(output.text("news/page/20/index.html"))
        #expect(try Self.pageNumberLinks(in: html, base: "/sub/news/") == [1, 18, 19, 20, 21, 22, 40])
        #expect(html.contains("<a href=\"/sub/news/page/20/\" aria-current=\"page\">20</a>"))
        #expect(html.components(separatedBy: "<li class=\"gap\" aria-hidden=\"true\">…</li>").count - 1 == 2)
        #expect(ListingTests.rel("prev", in: html) == "/sub/news/page/19/")
        #expect(ListingTests.rel("next", in: html) == "/sub/news/page/21/")
    }
}
