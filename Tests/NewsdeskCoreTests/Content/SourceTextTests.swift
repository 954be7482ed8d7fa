import Testing
@testable import NewsdeskCore

/// Pins `SourceText`'s byte searches (memchr) against Swift's own, and what they feed.
@Suite("Source text")
struct SourceTextTests {
    @Test func memchrFindsWhatFirstIndexFinds() {
        let texts = ["", "\r", "a\r\nb", "中文\r\n标题", "\u{FEFF}x\ry", "no breaks at all", "\u{0}", "ab\u{0}c\u{0}"]
        for text in texts {
            let bytes = Array(text.utf8)
            for start in [0, min(1, bytes.count), min(3, bytes.count), bytes.count] {
                let slice = bytes[start...]
                for byte: UInt8 in [0x0D, 0x00, 0x0A] {
                    #expect(SourceText.firstIndex(of: byte, in: slice) == slice.firstIndex(of: byte), "\(text.debugDescription) from \(start)")
                }
            }
        }
    }

    @Test func lineBreaksBecomeNewlinesAndNULOffsetsCountTheByteOrderMark() throws {
        let decoded = try SourceText.decode(Array("\u{FEFF}---\r\ntitle: 中文\r\n---\rbody\r\n".utf8), path: "a.md").get()
        #expect(Array(decoded.utf8) == Array("---\ntitle: 中文\n---\nbody\n".utf8))
        guard case .failure(let problem) = SourceText.decode([0xEF, 0xBB, 0xBF, 0x61, 0x00], path: "a.md") else {
            Issue.record("a NUL byte was accepted")
            return
        }
        #expect(problem.kind == .binary)
        #expect(problem.diagnostic.message.hasSuffix("(NUL byte at offset 4)"))
    }

    /// Callers decide on the kind, never on the message an editor reads.
    @Test func problemsHaveKinds() {
        func kind(_ bytes: [UInt8]) -> SourceText.Problem.Kind? {
            guard case .failure(let problem) = SourceText.decode(bytes, path: "a.md") else { return nil }
            return problem.kind
        }
        #expect(kind(Array(" \r\n\t\n".utf8)) == .empty)
        #expect(kind([0xEF, 0xBB, 0xBF]) == .empty)
        #expect(kind([0x61, 0xFF]) == .notUTF8)
        #expect(kind(Array("a".utf8)) == nil)
    }

    /// Each CR is a line break, as cmark-gfm counts them: `\r\r\n` is a CR and a CRLF, so an
    /// empty line between two paragraphs.
    @Test func everyCarriageReturnEndsOneLine() throws {
        #expect(try SourceText.decode(Array("line1\r\r\nline2".utf8), path: "a.md").get() == "line1\n\nline2")
        #expect(try SourceText.decode(Array("a\r\n\r\nb\r\r\r\nc\n\rd".utf8), path: "a.md").get() == "a\n\nb\n\n\nc\n\nd")
        let text = try SourceText.decode(Array("line1\r\r\nline2\r\n".utf8), path: "a.md").get()
        let html = MarkdownRenderer(options: SiteConfig.Markdown())
            .render(text[...], path: "a.md", bodyFirstLine: 1, links: UnchangedLinks()).html
        #expect(html == "<p>line1</p>\n<p>line2</p>\n")
    }
}
