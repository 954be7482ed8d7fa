import Foundation
import Testing
@testable import NewsdeskCore

/// Saving a file reaches the browser: the event stream says what to do, the next GET shows it.
@Suite("Live reload", .serialized, .timeLimit(.minutes(1)))
struct LiveReloadTests {
    static let first = "content/news/2023-11-20-first.md"

    @Test func anEditedItemReloadsTheBrowserWithTheNewText() async throws {
        try await PreviewHarness.with { preview in
            var events = try await preview.events()
            try preview.save(Self.first, TestSite.item(title: "First item", date: "2023-11-20", body: "Rewritten body."))
            #expect(try await events.nextReload() == 2)
            let page = try await preview.get("/news/first/")
            #expect(page.body.contains("Rewritten body."))
            #expect(page.body.contains("data-generation=\"2\""))
        }
    }

    @Test func aBrokenEditShowsTheOverlayAndKeepsTheLastGoodSiteUntilFixed() async throws {
        try await PreviewHarness.with { preview in
            var events = try await preview.events()
            try preview.save(Self.first, "---\ntitle: First item\ndate: 2023-13-45\n---\nBroken body.\n")
            let failure = try await events.next("failed")
            let overlay = try JSONDecoder().decode(ErrorOverlay.self, from: Data(failure.data.utf8))
            #expect(overlay.lines.contains { $0.hasPrefix("content/news/2023-11-20-first.md:3:7: error: the date '2023-13-45' is impossible") })
            let stillGood = try await preview.get("/news/first/")
            #expect(stillGood.status == 200)
            #expect(stillGood.body.contains("Original body."))
            // A browser that connects while the site is broken is shown the overlay at once.
            var late = try await preview.events()
            #expect(try await late.next("failed").data == failure.data)

            try preview.save(Self.first, TestSite.item(title: "First item", date: "2023-11-20", body: "Fixed body."))
            #expect(try await events.nextReload() == 2)
            #expect(try await preview.get("/news/first/").body.contains("Fixed body."))
            #expect(preview.server.site.status == .ready)
        }
    }

    @Test func aStylesheetChangeRefreshesStylesheetsWithoutAReload() async throws {
        try await PreviewHarness.with { preview in
            var events = try await preview.events()
            let css = "themes/default/static/css/style.css"
            let original = try String(contentsOf: preview.directory.url.appendingPathComponent(css), encoding: .utf8)
            // Saved through a visible temporary file, as `sed -i` does: it comes and goes unseen.
            try preview.save(css, original + "\n.added-by-test { color: red }\n", temporaryName: "sedX1b2c3")
            #expect(try await events.next("stylesheets").data == "{\"generation\":2}")
            #expect(try await preview.get("/css/style.css").body.contains(".added-by-test"))
        }
    }

    @Test func aFolderCreatedAfterStartIsWatched() async throws {
        try await PreviewHarness.with { preview in
            var events = try await preview.events()
            try preview.save("content/campus/2023-12-01-new-bundle/index.md",
                             TestSite.item(title: "New bundle", date: "2023-12-01", body: "Bundle body."))
            _ = try await events.nextReload()
            #expect(try await preview.get("/campus/new-bundle/").body.contains("Bundle body."))
            // And a file saved later inside that new folder.
            try preview.save("content/campus/2023-12-01-new-bundle/index.md",
                             TestSite.item(title: "New bundle", date: "2023-12-01", body: "Bundle edited."))
            _ = try await events.nextReload()
            #expect(try await preview.get("/campus/new-bundle/").body.contains("Bundle edited."))
        }
    }

    @Test func pollingFindsEditsWhereInotifyIsMissing() async throws {
        try await PreviewHarness.with(mechanism: .polling(interval: .milliseconds(100))) { preview in
            #expect(preview.server.watchMechanism == .polling(interval: .milliseconds(100)))
            var events = try await preview.events()
            try preview.save(Self.first, TestSite.item(title: "First item", date: "2023-11-20", body: "Polled body, longer."))
            let reload = try await events.nextReload()
            let page = try await preview.get("/news/first/")
            #expect(page.body.contains("Polled body, longer."), "\(reload) \(page.body)")
        }
    }
}
