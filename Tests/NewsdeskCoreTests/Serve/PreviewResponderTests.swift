import Testing
@testable import NewsdeskCore

@Suite("Preview responses")
struct PreviewResponderTests {
    let generation = SiteGeneration(number: 7, files: [
        "index.html": Array("<!DOCTYPE html><html><body><p>Home</p></BODY></html>".utf8),
        "news/index.html": Array("<html><body>News</body></html>".utf8),
        "css/style.css": Array("body { color: black }".utf8),
        "images/photo.png": [0x89, 0x50, 0x4E, 0x47],
        "atom.xml": Array("<feed/>".utf8),
        "404.html": Array("<html><body>Not here</body></html>".utf8),
    ])

    func respond(_ path: String, method: String = "GET", query: String = "", ifNoneMatch: String? = nil) -> PreviewResponse {
        PreviewResponder().respond(to: .init(method: method, rawPath: path, rawQuery: query, ifNoneMatch: ifNoneMatch), from: generation)
    }

    @Test func htmlGetsTheLiveReloadScriptBeforeTheClosingBodyTag() {
        let response = respond("/")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "text/html; charset=utf-8")
        let html = String(decoding: response.body, as: UTF8.self)
        #expect(html == "<!DOCTYPE html><html><body><p>Home</p><script src=\"/__newsdesk/live-reload.js\" data-generation=\"7\"></script>\n</BODY></html>")
        #expect(response.header("Content-Length") == String(response.body.count))
    }

    @Test func otherFilesAreServedUnchangedWithTheirType() {
        #expect(respond("/css/style.css").header("Content-Type") == "text/css; charset=utf-8")
        #expect(respond("/css/style.css").body == generation.files["css/style.css"])
        #expect(respond("/images/photo.png").header("Content-Type") == "image/png")
        #expect(respond("/images/photo.png").body == generation.files["images/photo.png"])
        #expect(respond("/atom.xml").header("Content-Type") == "application/xml; charset=utf-8")
    }

    @Test func headSendsTheHeadersOfGetWithoutABody() {
        let get = respond("/css/style.css")
        let head = respond("/css/style.css", method: "HEAD")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(head.header("Content-Length") == get.header("Content-Length"))
        #expect(head.header("ETag") == get.header("ETag"))
    }

    @Test func aMatchingETagGetsNotModified() throws {
        let tag = try #require(respond("/css/style.css").header("ETag"))
        let revalidated = respond("/css/style.css", ifNoneMatch: "\"other\", \(tag)")
        #expect(revalidated.status == 304)
        #expect(revalidated.body.isEmpty)
        #expect(respond("/css/style.css", ifNoneMatch: "W/\(tag)").status == 304)
        #expect(respond("/css/style.css", ifNoneMatch: "\"stale\"").status == 200)
    }

    @Test func theSameBytesKeepTheirETagInTheNextGeneration() {
        let next = SiteGeneration(number: 8, files: generation.files)
        let before = respond("/css/style.css").header("ETag")
        let after = PreviewResponder().respond(to: .init(method: "GET", rawPath: "/css/style.css"), from: next).header("ETag")
        #expect(before == after)
        #expect(EntityTag.of(Array("a".utf8)) != EntityTag.of(Array("b".utf8)))
    }

    @Test func unknownPathsGetTheThemes404PageWithStatus404() {
        let response = respond("/missing/")
        #expect(response.status == 404)
        #expect(String(decoding: response.body, as: UTF8.self).contains("Not here"))
        #expect(String(decoding: response.body, as: UTF8.self).contains("live-reload.js"))
    }

    @Test func aFolderWithoutItsSlashIsRedirectedKeepingTheQuery() {
        let response = respond("/news", query: "a=1")
        #expect(response.status == 301)
        #expect(response.header("Location") == "/news/?a=1")
    }

    @Test func traversalIsABadRequestAndOtherMethodsAreRefused() {
        #expect(respond("/%2e%2e/etc/passwd").status == 400)
        #expect(respond("/", method: "POST").status == 405)
        #expect(respond("/", method: "POST").header("Allow") == "GET, HEAD")
    }

    @Test func eventsAreOneFrameWithOneLineOfData() {
        #expect(LiveReloadEvent.reload(generation: 3).frame == "event: reload\ndata: {\"generation\":3}\n\n")
        let overlay = ErrorOverlay(diagnostics: [.error("the date '2023-13-45' is impossible\nreally", path: "content/news/a.md", line: 3, column: 7)])
        let frame = LiveReloadEvent.failed(overlay).frame
        #expect(frame.hasPrefix("event: failed\ndata: {"))
        #expect(frame.dropLast(2).split(separator: "\n").count == 2)
        // The overlay shows what the terminal prints: control characters escaped (DiagnosticFormatter).
        #expect(overlay.lines == ["content/news/a.md:3:7: error: the date '2023-13-45' is impossible\\nreally"])
    }
}
