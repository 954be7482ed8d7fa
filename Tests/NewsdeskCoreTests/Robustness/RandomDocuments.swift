import Foundation

/// Markdown files as a careless or hostile editor might write them: random front matter and
/// bodies built from the pieces that trip parsers, and byte-level mutations of real items.
struct RandomDocuments {
    var generator: SeededGenerator

    init(seed: UInt64) { generator = SeededGenerator(state: seed) }

    mutating func pick<T>(_ choices: [T]) -> T { choices.randomElement(using: &generator)! }
    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &generator) < percent }
    mutating func number(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }

    // MARK: Whole documents

    mutating func document() -> [UInt8] {
        var text = chance(90) ? "---\n" + frontMatter() + (chance(95) ? "---\n" : "") : ""
        for _ in 0..<number(0...12) { text += block() }
        return Array(text.utf8)
    }

    mutating func frontMatter() -> String {
        let keys = ["title", "date", "slug", "summary", "author", "tags", "image", "image_alt", "image_caption",
                    "draft", "aliases", "lang", "translation_key", "weight", "featured", "params", "日期", "? key", "- item"]
        // Mostly a usable title and date, so that many files get as far as rendering.
        var lines = chance(70) ? ["title: \(pick(["News", "\"Quoted: title\"", "网络安全合作", "no"]))", "date: 2023-11-\(number(10...28))"] : []
        for _ in 0..<number(0...7) {
            let key = pick(keys)
            lines.append(chance(8) ? key : "\(pick(["", "", " ", "\t"]))\(key):\(chance(90) ? " " : "")\(value(depth: 0))")
        }
        return lines.map { $0 + "\n" }.joined()
    }

    mutating func value(depth: Int) -> String {
        let scalars = [
            "Our University Signed an Agreement", "\"quoted: with colon\"", "'single ''quoted'''", "no", "yes", "~", "null", "",
            "2023-11-23", "2023-11-24T16:30:00+08:00", "2023-13-45", "2023-02-29", "23/11/2023", "5", "1.10", "0x1F", "12:30",
            "true", "maybe", "\"maybe\"", "[a, b, c]", "[]", "{}", "{a: 1, b: [x]}", "网络安全 合作", "emoji 🎓👩‍🎓", "עברית",
            "/images/a.png", "../x.md", "/info/1234/5678.htm", "Forum: results", "@handle", "`tick`", "%percent", "a #comment",
            "&anchor value", "*alias", "!tag value", "|\n  literal\n  block", ">\n  folded\n  block", "\"unclosed", "'unclosed",
            "\"\\u0000 escaped NUL\"", "\"\\xFF\"", "[unclosed, list", "{unclosed: map", "- not a list here",
        ]
        if depth < 3, chance(15) {
            return (0..<number(1...3)).map { _ in "\n\(String(repeating: "  ", count: depth + 1))- \(value(depth: depth + 1))" }.joined()
        }
        if depth < 3, chance(10) {
            return (0..<number(1...3)).map { n in "\n\(String(repeating: "  ", count: depth + 1))k\(n): \(value(depth: depth + 1))" }.joined()
        }
        return pick(scalars)
    }

    mutating func block() -> String {
        let blocks = [
            "Paragraph with *emphasis*, **strong**, `code` and ~~strike~~.", "# Heading", "## Heading {#id}", "### 会议 日程",
            "- item\n  - nested\n    - deeper", "1. one\n2. two", "> quote\n> > nested quote", "```swift\nlet x = 1\n```",
            "```\nunclosed fence", "| a | b |\n|---|:-:|\n| 1 | 2 |", "Footnote[^1].\n\n[^1]: The note.",
            "[link](other.md) [broken](missing.md) [root](/news/) [ext](https://example.org) [frag](#top)",
            "![alt](/images/signing.svg) ![](no-alt.png) ![cap](photo.jpg \"Caption\")", "<script>alert(1)</script>",
            "<div onclick=\"x()\">html</div>", "[javascript](javascript:alert(1))", "<https://example.org/auto>",
            "www.example.org autolink", "- [ ] task\n- [x] done", "&amp; &copy; &#x1F393; &bogus;", "***", "---",
            "Line with trailing spaces  \nand a hard break", "\\*escaped\\*", "[ref][r]\n\n[r]: /news/ \"Title\"",
            String(repeating: "long words ", count: 50), "Tab\tseparated\tcolumns", "Mixed 中文 and English 和 日本語",
        ]
        return pick(blocks) + pick(["\n\n", "\n", "\r\n\r\n"])
    }

    // MARK: Mutations

    /// Pieces that change how YAML and Markdown read what follows them.
    static let tokens: [[UInt8]] = [
        "---\n", "...\n", ":", ": ", "- ", "#", "\"", "'", "[", "]", "{", "}", "&a ", "*a", "!", "|", ">", "\t", "\r", "\r\n",
        "\n", "\\", "`", "```", "![", "](", "<", "-->", "<!--", "*", "_", "~~", "|---|", "[^", "&#", "\u{FEFF}", "\u{2028}",
    ].map { Array($0.utf8) } + [[0], [0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF]]

    mutating func mutate(_ original: [UInt8], others: [[UInt8]]) -> [UInt8] {
        var bytes = original
        for _ in 0..<number(1...4) {
            let position = bytes.isEmpty ? 0 : number(0...bytes.count)
            switch number(0...6) {
            case 0 where !bytes.isEmpty:
                bytes[min(position, bytes.count - 1)] ^= UInt8(1 << number(0...7))
            case 1:
                bytes.insert(contentsOf: pick(Self.tokens), at: position)
            case 2 where !bytes.isEmpty:
                bytes.removeSubrange(position..<min(bytes.count, position + number(1...40)))
            case 3 where !bytes.isEmpty:
                let end = min(bytes.count, position + number(1...200))
                bytes.insert(contentsOf: Array(bytes[position..<end]), at: position)
            case 4:
                bytes = Array(bytes[..<position])
            case 5:
                let other = pick(others)
                bytes = Array(bytes[..<position]) + other[min(other.count, position)...]
            default:
                bytes.insert(UInt8.random(in: 0...255, using: &generator), at: position)
            }
        }
        return bytes
    }
}
