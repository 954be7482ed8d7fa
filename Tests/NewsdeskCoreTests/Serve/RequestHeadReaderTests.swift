import Foundation
import Testing
@testable import NewsdeskPreviewServer

/// The preview reads request heads itself: bounded, and in time linear in the bytes received.
@Suite("Request heads")
struct RequestHeadReaderTests {
    @Test func aHeadArrivingInPiecesIsParsedOnceComplete() throws {
        var reader = RequestHeadReader()
        #expect(reader.receive(Array("GET /news/?page=2 HT".utf8)) == .needMore)
        #expect(reader.receive(Array("TP/1.1\r\nHost: x\r\nIf-None-Match: \"a\"\r\nif-none-match: \"b\"\r".utf8)) == .needMore)
        guard case .head(let head) = reader.receive(Array("\n\r\nGET /next".utf8)) else {
            Issue.record("no head")
            return
        }
        #expect(head.method == "GET")
        #expect(head.path == "/news/")
        #expect(head.query == "page=2")
        #expect(head.headers["if-none-match"] == "\"a\", \"b\"")
        #expect(head.keepsConnectionOpen)
        #expect(reader.buffer == Array("GET /next".utf8))
    }

    @Test func anOverlongRequestLineIsRefusedWithoutWaitingForItsEnd() {
        var reader = RequestHeadReader()
        let outcome = reader.receive(Array(("GET /" + String(repeating: "a", count: 9_000)).utf8))
        guard case .refused(let status, _) = outcome else {
            Issue.record("expected a refusal, got \(outcome)")
            return
        }
        #expect(status == 414)
    }

    @Test func overlongHeadersAreRefusedWithoutWaitingForTheirEnd() {
        var reader = RequestHeadReader()
        #expect(reader.receive(Array("GET / HTTP/1.1\r\nIf-None-Match: ".utf8)) == .needMore)
        let outcome = reader.receive(Array(String(repeating: "\"abc\", ", count: 5_000).utf8))
        guard case .refused(let status, _) = outcome else {
            Issue.record("expected a refusal, got \(outcome)")
            return
        }
        #expect(status == 431)
    }

    @Test(arguments: ["GET /\r\n\r\n", "GET / HTTP/1.1 extra\r\n\r\n", "GET / HTTP/1.1\r\nno colon\r\n\r\n", "GET /\u{7F} HTTP/1.1\r\n\r\n"])
    func malformedHeadsAreBadRequests(_ text: String) {
        var reader = RequestHeadReader()
        #expect(reader.receive(Array(text.utf8)) == .refused(status: 400, reason: "The request is malformed."))
    }

    /// A head just under the limit, sent one byte at a time, as a slow client would: a parser
    /// that looked at the whole buffer for every byte would do 500 million steps here.
    @Test func parsingTimeIsLinearInTheBytesReceived() {
        var reader = RequestHeadReader()
        let text = "GET / HTTP/1.1\r\n" + String(repeating: "X-Filler: " + String(repeating: "y", count: 90) + "\r\n", count: 300) + "\r\n"
        let clock = ContinuousClock()
        var outcome = RequestHeadReader.Outcome.needMore
        let elapsed = clock.measure {
            for byte in text.utf8 { outcome = reader.receive(CollectionOfOne(byte)) }
        }
        guard case .head(let head) = outcome else {
            Issue.record("no head: \(outcome)")
            return
        }
        #expect(head.headers["x-filler"]?.count ?? 0 > 90)
        #expect(elapsed < .seconds(2), "\(elapsed) for \(text.utf8.count) bytes")
    }

    @Test func http10AndConnectionCloseAndBodiesCloseTheConnection() {
        let heads = ["GET / HTTP/1.0\r\n\r\n", "GET / HTTP/1.1\r\nConnection: close\r\n\r\n", "POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n"]
        for text in heads {
            var reader = RequestHeadReader()
            guard case .head(let head) = reader.receive(Array(text.utf8)) else {
                Issue.record("no head for \(text)")
                continue
            }
            #expect(!head.keepsConnectionOpen, "\(text)")
        }
    }
}
