import Foundation
import Testing
@testable import NewsdeskCore

/// Pins the front-matter parser's shortcuts against what they replaced: Foundation's trimming
/// and Foundation's `contains` in slug checks.
@Suite("Front matter shortcuts")
struct FrontMatterShortcutTests {
    static let texts = ["", " ", "\t\t", "title", "  中文标题  ", "\u{3000}全角空格\u{3000}", "\u{A0}x\u{A0}", "a\r\n", "\r\n a \r\n",
                        " \u{301}x ", "x\u{301} ", "\u{85}line\u{2028}", "\u{2003}em\u{202F}", " 2023-11-23 ", "\u{FEFF}bom "]

    @Test func trimmingAgreesWithFoundation() {
        for text in Self.texts {
            #expect(Array(text.trimmingSpaces().utf8) == Array(text.trimmingCharacters(in: .whitespaces).utf8), "\(text.debugDescription)")
            #expect(Array(text.trimmingSpacesAndNewlines().utf8) == Array(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8),
                    "\(text.debugDescription)")
        }
    }

    @Test func asciiSlugChecksAgreeWithCharacterChecks() {
        let slugs = ["vsip-2023", "a/b", "a\\b", ".hidden", "tab\there", "del\u{7F}", "cr\r\nlf", "x.", "-", "a b", "..x", "/", "\u{1}"]
        for slug in slugs {
            #expect(Slug.asciiProblem(with: slug) == Slug.characterProblem(with: slug), "\(slug.debugDescription)")
        }
    }

    /// Text of ASCII and CJK Unified Ideographs skips NFKC; everything else is normalized.
    @Test func slugsSkipNormalizationOnlyWhereItChangesNothing() {
        var generator = SeededGenerator(state: 11)
        let pieces = ["中文", "摘要", "一", "\u{9FFF}", "\u{4E00}", " ", "VSIP", "2023", ":", "-", "é", "e\u{301}", "\u{3000}", "：", "ﬁ", "Ａ",
                      "한국", "\u{F900}", "㈱", "①", "Straße"]
        var texts = pieces
        for _ in 0..<300 {
            texts.append((0..<Int.random(in: 1...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for text in texts {
            #expect(Slug.make(from: text) == Slug.make(fromNormalized: text.precomposedStringWithCompatibilityMapping), "\(text.debugDescription)")
        }
    }
}
