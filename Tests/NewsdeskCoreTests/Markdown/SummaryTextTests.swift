import Foundation
import Testing
@testable import NewsdeskCore

/// Pins the summary cut and the reading statistics against the straightforward versions they
/// replaced (kept here): characters collected in an array, a string made of every text node.
@Suite("Summary text")
struct SummaryTextTests {
    static func truncateByCharacterArray(_ text: String, limit: Int) -> String {
        var characters: [Character] = []
        var pendingSpace = false
        for character in text {
            if character.isWhitespace {
                pendingSpace = !characters.isEmpty
                continue
            }
            if pendingSpace { characters.append(" ") }
            pendingSpace = false
            characters.append(character)
            if characters.count > limit { break }
        }
        guard characters.count > limit else { return String(characters) }
        let room = limit - 1
        var cut = room
        while cut > 0 {
            let before = characters[cut - 1]
            let after = characters[cut]
            if after == " " || before == " " || before.isCJK || after.isCJK { break }
            cut -= 1
        }
        if cut == 0 { cut = room }
        var prefix = String(characters[..<cut])
        while let last = prefix.last, last == " " || (last.isPunctuation && last != ")" && last != "”") { prefix.removeLast() }
        return prefix + "…"
    }

    static func statisticsByScalars(_ text: String) -> ReadingStatistics {
        var result = ReadingStatistics()
        var inWord = false
        for scalar in text.unicodeScalars {
            if scalar.isCJK {
                result.cjkCharacters += 1
                inWord = false
            } else if scalar.properties.isWhitespace || scalar.isPunctuation {
                inWord = false
            } else if !inWord {
                result.words += 1
                inWord = true
            }
        }
        return result
    }

    static let pieces = ["word", "Words", " ", "  ", "\t", "\r\n", "\n", "\u{3000}", "中文", "标题。", "，", "e\u{301}", " \u{301}", "(x)",
                         "”", "...", "!", "👩‍👩‍👧", "🇨🇳", "한국어", "カタカナ", "\u{A0}", "-", "a-b", "\u{85}", "x\u{200D}", "\u{FFFD}"]

    static func randomTexts() -> [String] {
        var generator = SeededGenerator(state: 2023)
        return (0..<400).map { _ in
            (0..<Int.random(in: 0...80, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
        }
    }

    @Test func truncationAgreesWithTheCharacterArrayVersion() {
        for text in Self.randomTexts() {
            for limit in [1, 2, 5, 20, 200] {
                #expect(Array(SummaryText.truncate(text, limit: limit).utf8) == Array(Self.truncateByCharacterArray(text, limit: limit).utf8),
                        "\(text.debugDescription) limit \(limit)")
            }
        }
    }

    @Test func statisticsFromBytesAgreeWithStatisticsFromScalars() {
        for text in Self.randomTexts() + Self.pieces {
            var fromBytes = ReadingStatistics()
            fromBytes.add(text)
            #expect(fromBytes == Self.statisticsByScalars(text), "\(text.debugDescription)")
        }
        // Ill-formed bytes count as the U+FFFD that repairing them gives.
        var generator = SeededGenerator(state: 7)
        let awkward: [UInt8] = [0x20, 0x61, 0x2E, 0x80, 0xBF, 0xC2, 0xA0, 0xE4, 0xB8, 0xAD, 0xE0, 0xED, 0xA0, 0xF0, 0x90, 0xF4, 0x8F, 0xFF, 0xC0]
        for _ in 0..<500 {
            let bytes = (0..<Int.random(in: 0...12, using: &generator)).map { _ in awkward.randomElement(using: &generator)! }
            var repaired = ReadingStatistics()
            bytes.withUnsafeBufferPointer { repaired.add(utf8: $0) }
            #expect(repaired == Self.statisticsByScalars(String(decoding: bytes, as: UTF8.self)), "\(bytes)")
        }
    }

    @Test func asciiMasksMatchUnicodeProperties() {
        for value in 0..<128 {
            let scalar = Unicode.Scalar(UInt8(value))
            #expect(ReadingStatistics.isASCIISeparator(UInt8(value)) == (scalar.properties.isWhitespace || scalar.isPunctuation), "\(value)")
            #expect(SummaryText.isWhitespace(Character(scalar)) == Character(scalar).isWhitespace, "\(value)")
        }
        #expect(SummaryText.isWhitespace("\r\n") == Character("\r\n").isWhitespace)
    }

    /// An image's alt text counts when its literal is more than spaces and tabs, as Foundation
    /// trimming `.whitespaces` said before the check went to bytes.
    @Test func altTextCheckAgreesWithFoundationTrimming() {
        for text in ["", " ", "\t \t", "a", " \n ", "\u{3000}", "\u{A0}\u{2003}", " 中 ", "\u{3000}x", "\u{301}", "\u{FEFF}"] {
            var copy = text
            let hasText = copy.withUTF8 { CmarkDocument.hasText($0) }
            #expect(hasText == !text.trimmingCharacters(in: .whitespaces).isEmpty, "\(text.debugDescription)")
        }
    }

    /// A captioned image may share its paragraph with white space only, whatever the script.
    @Test func captionedImagesAllowOnlyWhiteSpaceBesideThem() {
        let renderer = MarkdownRenderer(options: SiteConfig.Markdown())
        // A space with a combining mark is one Character, and a white-space one.
        let cases = [("", true), ("   ", true), ("\u{3000}", true), ("\u{A0}", true), (" x", false), (" 中", false), (" \u{301}", true)]
        for (beside, isFigure) in cases {
            let html = renderer.render("![alt](a.jpg \"Caption\")\(beside)\n"[...], path: "content/news/a.md", bodyFirstLine: 1, links: UnchangedLinks()).html
            #expect(html.hasPrefix("<figure>") == isFigure, "\(beside.debugDescription): \(html)")
        }
    }
}
