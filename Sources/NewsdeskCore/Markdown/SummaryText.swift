/// Cuts text for summaries and counts it for reading time, treating Chinese, Japanese and
/// Korean characters as words of their own (they have no spaces between words).
public enum SummaryText {
    /// At most `limit` characters: cut at the last word or CJK-character boundary that fits,
    /// then an ellipsis.
    public static func truncate(_ text: String, limit: Int) -> String {
        // Whitespace runs collapse to one space, but only as far as the summary reaches: a
        // paragraph can be megabytes long, and its summary never needs more than limit + 1.
        var characters: [Character] = []
        characters.reserveCapacity(limit + 1)
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
}

/// Words and CJK characters in a body, for a reading-time estimate.
public struct ReadingStatistics: Sendable, Hashable {
    public var words = 0
    public var cjkCharacters = 0

    public init() {}

    /// Scalar by scalar rather than character by character: the same counts for text, and
    /// several times faster on the megabyte-long lines a pasted document can bring. ASCII is
    /// classified by a table: this runs over every word of every body.
    mutating func add(_ text: String) {
        var inWord = false
        for scalar in text.unicodeScalars {
            let isSeparator: Bool
            if scalar.value < 0x80 {
                isSeparator = Self.asciiSeparators[Int(scalar.value)]
            } else if scalar.isCJK {
                cjkCharacters += 1
                inWord = false
                continue
            } else {
                isSeparator = scalar.properties.isWhitespace || scalar.isPunctuation
            }
            if isSeparator {
                inWord = false
            } else if !inWord {
                words += 1
                inWord = true
            }
        }
    }

    /// ASCII whitespace and punctuation, as `add` classifies every other scalar.
    private static let asciiSeparators: [Bool] = (0..<128).map { value in
        let scalar = Unicode.Scalar(UInt8(value))
        return scalar.properties.isWhitespace || scalar.isPunctuation
    }

    /// Whole minutes, at least one: 220 words or 400 CJK characters a minute.
    public var minutes: Int {
        max(1, Int((Double(words) / 220 + Double(cjkCharacters) / 400).rounded()))
    }
}

extension Character {
    /// Han, Hiragana, Katakana, Hangul and CJK punctuation.
    var isCJK: Bool { unicodeScalars.first?.isCJK ?? false }
}

extension Unicode.Scalar {
    /// What `Character.isPunctuation` asks of a character's first scalar.
    var isPunctuation: Bool {
        switch properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    var isCJK: Bool {
        switch value {
        case 0x3000...0x303F, 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF,
             0xF900...0xFAFF, 0xFF00...0xFFEF, 0x20000...0x2FA1F:
            return true
        default:
            return false
        }
    }
}
