import AsyncHTTPClient
import Foundation
import Testing
@testable import NewsdeskCore
@testable import NewsdeskPreviewServer

/// The preview over real HTTP on loopback: a real server, a real client, a free port.
@Suite("Preview server", .serialized, .timeLimit(.minutes(1)))
struct PreviewServerTests {
    @Test func pagesAndAssetsAreServedWithTheirTypes() async throws {
        try await PreviewHarness.with { preview in
            let home = try await preview.get("/")
            #expect(home.status == 200)
            #expect(home.headers["content-type"] == "text/html; charset=utf-8")
            #expect(home.body.contains("Preview Test"))
            #expect(home.body.contains("<script src=\"/__newsdesk/live-reload.js\""))
            let article = try await preview.get("/news/first/")
            #expect(article.body.contains("Original body."))
            // Drafts are shown, with the banner; links use the preview's own address.
            let draft = try await preview.get("/news/unfinished/")
            #expect(draft.status == 200)
            #expect(draft.body.contains("draft-banner"))
            #expect(!article.body.contains("example.edu.cn"))
            let css = try await preview.get("/css/style.css")
            #expect(css.headers["content-type"] == "text/css; charset=utf-8")
            #expect(!css.body.contains("live-reload"))
            let image = try await preview.get("/images/photo.png")
            #expect(image.headers["content-type"] == "image/png")
            #expect(image.bytes.prefix(4) == [0x89, 0x50, 0x4E, 0x47])
            let feed = try await preview.get("/atom.xml")
            #expect(feed.headers["content-type"] == "application/xml; charset=utf-8")
            let script = try await preview.get(LiveReloadScript.scriptPath)
            #expect(script.headers["content-type"] == "text/javascript; charset=utf-8")
            #expect(script.body.contains("EventSource"))
        }
    }

    @Test func noDraftsLeavesDraftsOutAsThePublishedSiteDoes() async throws {
        try await PreviewHarness.with(includeDrafts: false) { preview in
            let draft = try await preview.get("/news/unfinished/")
            let published = try await preview.get("/news/first/")
            #expect(draft.status == 404)
            #expect(published.status == 200)
        }
    }

    @Test func httpDetailsFollowTheStandard() async throws {
        try await PreviewHarness.with { preview in
            let css = try await preview.get("/css/style.css")
            let tag = try #require(css.headers["etag"])
            let revalidated = try await preview.get("/css/style.css", headers: [("If-None-Match", tag)])
            #expect(revalidated.status == 304)
            #expect(revalidated.bytes.isEmpty)
            let head = try await preview.get("/news/first/", head: true)
            #expect(head.status == 200)
            #expect(head.bytes.isEmpty)
            let full = try await preview.get("/news/first/")
            #expect(head.headers["content-length"] == String(full.bytes.count))
            let missing = try await preview.get("/no/such/page/")
            #expect(missing.status == 404)
            #expect(missing.headers["content-type"] == "text/html; charset=utf-8")
            #expect(missing.body.contains("class=\"not-found\""))
            let folder = try await preview.get("/news")
            #expect(folder.status == 301)
            #expect(folder.headers["location"] == "/news/")
        }
    }

    /// As the search client fetches one document out of a larger file.
    @Test func aRangeRequestGetsExactlyThoseBytes() async throws {
        try await PreviewHarness.with { preview in
            let whole = try await preview.get("/images/photo.png")
            #expect(whole.headers["accept-ranges"] == "bytes")
            let part = try await preview.get("/images/photo.png", headers: [("Range", "bytes=1-3")])
            #expect(part.status == 206)
            #expect(part.bytes == Array(whole.bytes[1...3]))
            #expect(part.headers["content-range"] == "bytes 1-3/\(whole.bytes.count)")
            #expect(part.headers["etag"] == whole.headers["etag"])
            let tail = try await preview.get("/images/photo.png", headers: [("Range", "bytes=-10")])
            #expect(tail.bytes == Array(whole.bytes.suffix(10)))
            let past = try await preview.get("/images/photo.png", headers: [("Range", "bytes=\(whole.bytes.count)-")])
            #expect(past.status == 416)
            #expect(past.headers["content-range"] == "bytes */\(whole.bytes.count)")
        }
    }

    /// Sent byte for byte over a socket: HTTP clients would clean most of these up first.
    @Test func everyTraversalFormIsRefused() async throws {
        let targets = [
            "/../../../../etc/passwd", "/news/../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            "/..%2f..%2f..%2fetc%2fpasswd", "/news%2f..%2f..%2fetc%2fpasswd", "/..\\..\\..\\etc\\passwd",
            "/%5c..%5c..%5cetc%5cpasswd", "/index.html%00.png", "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
            "/%c0%af..%c0%af..%c0%afetc%c0%afpasswd", "/%e0%80%ae%e0%80%ae/etc/passwd",
        ]
        try await PreviewHarness.with { preview in
            let status = try rawStatus(host: preview.address.host, port: preview.address.port, target: "/news/first/")
            #expect(status == 200)
            for target in targets {
                let status = try rawStatus(host: preview.address.host, port: preview.address.port, target: target)
                #expect(status == 400 || status == 404, "\(target) answered \(status)")
            }
        }
    }

    @Test func aSymlinkLeavingTheSiteIsNeverServed() async throws {
        try await PreviewHarness.with { preview in
            let outside = try TemporaryDirectory()
            try outside.write("secret.txt", "top secret")
            var events = try await preview.events()
            try FileManager.default.createSymbolicLink(atPath: preview.directory.url.appendingPathComponent("content/news/leak.txt").path,
                                                       withDestinationPath: outside.url.appendingPathComponent("secret.txt").path)
            let failure = try await events.next("failed")
            #expect(failure.data.contains("content/news/leak.txt"))
            let response = try await preview.get("/news/leak.txt")
            #expect(response.status == 404)
            #expect(!response.body.contains("top secret"))
        }
    }

    @Test func theServerBindsOnlyTheRequestedAddress() async throws {
        try await PreviewHarness.with { preview in
            #expect(preview.address.host == "127.0.0.1")
            let status = try rawStatus(host: "127.0.0.1", port: preview.address.port, target: "/")
            #expect(status == 200)
            // Every 127.x address reaches this machine, but only 127.0.0.1 was asked for.
            #expect(throws: WatchError.self) { try rawStatus(host: "127.0.0.2", port: preview.address.port, target: "/") }
        }
    }

    @Test func aBusyPortIsReportedInOneSentence() async throws {
        try await PreviewHarness.with { preview in
            let second = PreviewServer(.init(siteRoot: preview.directory.url, address: preview.address))
            let expected = PreviewServer.StartFailure.addressInUse(
                "port \(preview.address.port) on 127.0.0.1 is already in use; stop the other server or pass --port")
            await #expect(throws: expected) { _ = try await second.start() }
        }
    }

    @Test func servingNeverTouchesTheOutputFolder() async throws {
        let prepare: (TemporaryDirectory) throws -> Void = { directory in
            try PreviewHarness.writeSite(in: directory)
            try directory.write("output/index.html", "published by CI")
        }
        try await PreviewHarness.with(prepare: prepare) { preview in
            var events = try await preview.events()
            try preview.save("content/news/2023-11-20-first.md", TestSite.item(title: "First item", date: "2023-11-20", body: "Edited."))
            _ = try await events.nextReload()
            #expect(preview.directory.snapshot("output") == ["/index.html": Data("published by CI".utf8)])
            let entries = try FileManager.default.contentsOfDirectory(atPath: preview.directory.url.path).sorted()
            #expect(entries == ["content", "output", "themes"])
        }
    }
}
