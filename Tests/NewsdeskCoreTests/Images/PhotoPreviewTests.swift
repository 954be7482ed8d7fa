import Foundation
import Testing
@testable import NewsdeskCore

/// `newsdesk serve` and photos: a replaced photo reaches the browser with new variants.
@Suite("Photos in the preview", .serialized, .timeLimit(.minutes(1)))
struct PhotoPreviewTests {
    @Test func aReplacedPhotoReloadsThePageWithItsNewVariants() async throws {
        try await PreviewHarness.with(prepare: { directory in
            try PreviewHarness.writeSite(in: directory)
            try directory.write("content/news/2023-11-20-first.md",
                                TestSite.item(title: "First item", date: "2023-11-20", body: "![A photo](/images/photo.png)"))
        }) { preview in
            let before = try await preview.get("/news/first/")
            let old = try #require(before.body.firstMatch(of: /\/images\/photo-4\.[0-9a-f]{10}\.jpg/)).0
            #expect(try await preview.get(String(old)).status == 200)
            var events = try await preview.events()
            let photo = preview.directory.url.appendingPathComponent("content/images/photo.png")
            let temporary = photo.deletingLastPathComponent().appendingPathComponent(".photo.png.swp")
            try Data(TestImages.png(width: 6, height: 3)).write(to: temporary)
            #expect(rename(temporary.path, photo.path) == 0)
            #expect(try await events.nextReload() == 2)
            let after = try await preview.get("/news/first/")
            let new = try #require(after.body.firstMatch(of: /\/images\/photo-6\.[0-9a-f]{10}\.jpg/)).0
            #expect(try await preview.get(String(new)).status == 200)
            #expect(try await preview.get(String(old)).status == 404)
        }
    }
}
