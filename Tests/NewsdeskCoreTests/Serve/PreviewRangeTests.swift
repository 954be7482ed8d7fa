import Testing
@testable import NewsdeskCore

/// Byte ranges as nginx serves a static file (RFC 9110 §14): the search client fetches one
/// document out of a larger file, and the preview must answer it as the web host does.
@Suite("Preview byte ranges")
struct PreviewRangeTests {
    /// 26 bytes, so every range's slice can be read off the alphabet.
    let generation = SiteGeneration(number: 3, files: [
        "search/docs.txt": Array("abcdefghijklmnopqrstuvwxyz".utf8),
        "empty.txt": [],
        "index.html": Array("<html><body>Home</body></html>".utf8),
    ])

    func respond(_ range: String?, path: String = "/search/docs.txt", method: String = "GET",
                 ifNoneMatch: String? = nil, ifRange: String? = nil) -> PreviewResponse {
        let request = PreviewResponder.Request(method: method, rawPath: path, ifNoneMatch: ifNoneMatch, range: range, ifRange: ifRange)
        return PreviewResponder().respond(to: request, from: generation)
    }

    var full: PreviewResponse { respond(nil) }

    func text(_ response: PreviewResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    @Test func aWholeFileAdvertisesRanges() {
        #expect(full.status == 200)
        #expect(full.header("Accept-Ranges") == "bytes")
        #expect(full.header("Content-Range") == nil)
    }

    @Test func firstToLastSendsThoseBytesInclusive() {
        let partial = respond("bytes=2-4")
        #expect(partial.status == 206)
        #expect(text(partial) == "cde")
        #expect(partial.header("Content-Range") == "bytes 2-4/26")
        #expect(partial.header("Content-Length") == "3")
    }

    @Test func aPartKeepsTheTypeAndETagOfTheWholeFile() {
        let partial = respond("bytes=2-4")
        #expect(partial.header("Content-Type") == full.header("Content-Type"))
        #expect(partial.header("ETag") == full.header("ETag"))
        #expect(partial.header("ETag") != nil)
    }

    @Test func anOpenEndedRangeRunsToTheEnd() {
        let partial = respond("bytes=20-")
        #expect(partial.status == 206)
        #expect(text(partial) == "uvwxyz")
        #expect(partial.header("Content-Range") == "bytes 20-25/26")
    }

    @Test func aSuffixIsTheLastBytes() {
        #expect(text(respond("bytes=-3")) == "xyz")
        #expect(respond("bytes=-3").header("Content-Range") == "bytes 23-25/26")
        // A suffix longer than the file is the whole file, still as a part.
        #expect(respond("bytes=-100").status == 206)
        #expect(respond("bytes=-100").header("Content-Range") == "bytes 0-25/26")
    }

    @Test func aLastBytePastTheEndIsCutAtTheEnd() {
        let partial = respond("bytes=24-1000")
        #expect(partial.status == 206)
        #expect(text(partial) == "yz")
        #expect(partial.header("Content-Range") == "bytes 24-25/26")
        #expect(respond("bytes=0-99999999999999999999999").header("Content-Range") == "bytes 0-25/26")
    }

    @Test func spacesAndTheUnitsCaseDoNotMatter() {
        #expect(text(respond(" Bytes = 2 - 4 ")) == "cde")
        #expect(text(respond("BYTES=-2")) == "yz")
    }

    @Test(arguments: ["bytes=26-", "bytes=26-30", "bytes=-0", "bytes=99999999999999999999999-"])
    func aRangeStartingPastTheEndIsNotSatisfiable(range: String) {
        let refused = respond(range)
        #expect(refused.status == 416)
        #expect(refused.header("Content-Range") == "bytes */26")
        #expect(refused.header("Content-Length") == String(refused.body.count))
    }

    @Test func severalRangesGetTheWholeFile() {
        #expect(respond("bytes=0-1, 4-5") == full)
        #expect(respond("bytes=0-1,-2") == full)
    }

    @Test(arguments: ["bytes=4-2", "bytes=a-b", "bytes=-", "bytes=1", "bytes=", "bytes 0-5", "items=0-5", "bytes=+1-2", "bytes=0-0x5"])
    func aMalformedRangeOrAnotherUnitIsIgnored(range: String) {
        #expect(respond(range) == full)
    }

    @Test func ifRangeSendsThePartOnlyForTheCurrentETag() throws {
        let tag = try #require(full.header("ETag"))
        #expect(respond("bytes=2-4", ifRange: tag).status == 206)
        #expect(respond("bytes=2-4", ifRange: "\"stale-tag\"") == full)
        // Weak tags never match If-Range, and dates cannot: the preview sends no Last-Modified.
        #expect(respond("bytes=2-4", ifRange: "W/" + tag) == full)
        #expect(respond("bytes=2-4", ifRange: "Sun, 06 Dec 2026 10:00:00 GMT") == full)
    }

    @Test func aMatchingIfNoneMatchStillGetsNotModified() throws {
        let tag = try #require(full.header("ETag"))
        let revalidated = respond("bytes=2-4", ifNoneMatch: tag)
        #expect(revalidated.status == 304)
        #expect(revalidated.body.isEmpty)
    }

    @Test func htmlPagesAreAlwaysSentWholeAndDoNotOfferRanges() {
        let page = respond("bytes=0-5", path: "/")
        #expect(page.status == 200)
        #expect(text(page).contains("live-reload.js"))
        #expect(page.header("Accept-Ranges") == nil)
        #expect(page.header("Content-Range") == nil)
    }

    @Test func headGetsTheHeadersOfTheSameGetWithoutABody() {
        let get = respond("bytes=2-4")
        let head = respond("bytes=2-4", method: "HEAD")
        #expect(head.status == 206)
        #expect(head.body.isEmpty)
        #expect(head.headers.map(\.name) == get.headers.map(\.name))
        #expect(head.header("Content-Range") == "bytes 2-4/26")
        #expect(head.header("Content-Length") == "3")
        #expect(respond(nil, method: "HEAD").header("Accept-Ranges") == "bytes")
    }

    @Test func anEmptyFileIsSentWholeAsNginxDoes() {
        let empty = respond("bytes=-5", path: "/empty.txt")
        #expect(empty.status == 200)
        #expect(empty.body.isEmpty)
    }

    @Test func otherResponsesIgnoreRange() {
        #expect(respond("bytes=0-1", path: "/missing.txt").status == 404)
        #expect(respond("bytes=0-1", path: "/missing.txt").header("Content-Range") == nil)
        #expect(respond("bytes=0-1", method: "POST").status == 405)
    }
}
