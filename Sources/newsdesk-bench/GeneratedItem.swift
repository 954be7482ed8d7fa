import Foundation

/// One generated news item: everything is derived from its index (and the corpus size, which
/// spreads the dates), so any item can name another one's file for a link.
struct GeneratedItem {
    let index: Int
    let total: Int

    var section: String { CorpusGenerator.sections[index % CorpusGenerator.sections.count] }

    /// Days since 2016-01-01, spread evenly over ten years, and the hour of publication.
    private var dayAndHour: (day: Int, hour: Int) {
        (index * 3650 / max(total, 1), 8 + index % 10)
    }

    var date: (year: Int, month: Int, day: Int) {
        let instant = Date(timeIntervalSince1970: Double(Self.start2016 + dayAndHour.day * 86_400))
        let parts = Self.utcCalendar.dateComponents([.year, .month, .day], from: instant)
        return (parts.year!, parts.month!, parts.day!)
    }

    /// 2016-01-01T00:00:00Z. Dates are computed in UTC, which needs no time-zone database.
    private static let start2016 = 1_451_606_400
    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    var title: String {
        var random = SplitMix64(seed: UInt64(index) &* 0x9E37_79B9 &+ 1)
        return "\(random.pick(Words.organisations)) \(random.pick(Words.verbs)) \(random.pick(Words.events).capitalized) on \(random.pick(Words.topics))"
    }

    var slug: String {
        let words = title.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        return words.prefix(6).joined(separator: "-") + "-\(index)"
    }

    var fileName: String { String(format: "%04d-%02d-%02d-", date.year, date.month, date.day) + slug + ".md" }
    var relativePath: String { "\(section)/\(fileName)" }

    /// The Markdown link target from this item to `other`.
    func link(to other: GeneratedItem) -> String {
        other.section == section ? other.fileName : "../\(other.section)/\(other.fileName)"
    }

    var text: String {
        var random = SplitMix64(seed: UInt64(index) &* 0x2545_F491_4F6C_DD1D &+ 7)
        var out = frontMatter(&random)
        out.reserveCapacity(7000)
        let related = GeneratedItem(index: (index * 7 + 13) % total, total: total)
        let elsewhere = GeneratedItem(index: (index * 31 + 101) % total, total: total)
        out += paragraph(&random, sentences: 3)
        out += " See also [\(related.title)](\(link(to: related))) and the [conference website](https://conference.example.org/\(index)/).\n\n"
        out += "## Background\n\n" + paragraph(&random, sentences: 4) + "[^1]\n\n"
        out += "### Key points\n\n"
        for _ in 0..<4 { out += "- **\(random.pick(Words.topics).capitalized)**: " + sentence(&random) + "\n" }
        out += "\n## Programme\n\n| Time | Session | Speaker |\n|:-----|:--------|--------:|\n"
        for slot in 0..<5 {
            out += "| \(9 + slot):00 | \(random.pick(Words.events).capitalized) on \(random.pick(Words.topics)) | \(random.pick(Words.people)) |\n"
        }
        out += "\n"
        if index % 2 == 0 {
            let photo = random.next() % UInt64(CorpusGenerator.imageCount)
            out += "![Participants at the \(random.pick(Words.events))](/images/photo-\(photo).png \"\(random.pick(Words.organisations)) at the \(random.pick(Words.events))\")\n\n"
        }
        out += "## 中文摘要\n\n" + chinese(&random, sentences: 4) + "\n\n" + chinese(&random, sentences: 3) + "\n\n"
        out += "## Outcomes\n\n"
        for number in 1...4 { out += "\(number). " + sentence(&random) + "\n" }
        out += "\n" + paragraph(&random, sentences: 3)
        out += " The partners also pointed to [\(elsewhere.title)](\(link(to: elsewhere))), which covered related work.\n\n"
        out += "> " + sentence(&random) + " " + sentence(&random) + "\n>\n> — \(random.pick(Words.people))\n\n"
        out += "## Next steps\n\n" + paragraph(&random, sentences: 4) + "[^2]\n\n"
        out += "[^1]: " + sentence(&random) + "\n[^2]: See the minutes of the \(random.pick(Words.events)), item \(index % 40 + 1).\n"
        return out
    }

    private func frontMatter(_ random: inout SplitMix64) -> String {
        let (year, month, day) = date
        var out = "---\ntitle: \"\(title)\"\n"
        out += String(format: "date: %04d-%02d-%02dT%02d:%02d:00+08:00\n", year, month, day, dayAndHour.hour, index % 60)
        out += "slug: \(slug)\n"
        if index % 2 == 1 { out += "summary: \"\(sentence(&random))\"\n" }
        out += "author: \(random.pick(Words.people))\n"
        var tags: [String] = []
        for _ in 0..<(1 + index % 4) {
            let tag = random.pick(Words.tags)
            if !tags.contains(tag) { tags.append(tag) }
        }
        out += "tags: [\(tags.map { "\"\($0)\"" }.joined(separator: ", "))]\n"
        out += "image: /images/photo-\(index % CorpusGenerator.imageCount).png\n"
        out += "image_alt: \(random.pick(Words.organisations)) members at the \(random.pick(Words.events))\n---\n"
        return out
    }

    private func sentence(_ random: inout SplitMix64) -> String {
        "\(random.pick(Words.people)) \(random.pick(Words.predicates)) \(random.pick(Words.objects)) with \(random.pick(Words.organisations)), focusing on \(random.pick(Words.topics)) and \(random.pick(Words.topics))."
    }

    private func paragraph(_ random: inout SplitMix64, sentences: Int) -> String {
        (0..<sentences).map { _ in sentence(&random) }.joined(separator: " ")
    }

    private func chinese(_ random: inout SplitMix64, sentences: Int) -> String {
        (0..<sentences).map { _ in random.pick(Words.chinese) }.joined()
    }
}

/// A small, fast, seedable generator: the corpus must not depend on the platform's randomness.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func pick<T>(_ choices: [T]) -> T { choices[Int(next() % UInt64(choices.count))] }
}
