/// Cuts text for summaries and counts it for reading time, treating Chinese, Japanese and
/// Korean characters as words of their own (they have no spaces between words).
public enum SummaryText {
    /// At most `limit` characters: cut at the last word or CJK-character boundary that fits,
    /// then an ellipsis.
    public static func truncate(_ text: String, limit: Int) -> String {
        let (collapsed, kept) = text.utf8.withContiguousStorageIfAvailable { collapse(text, $0, limit: limit) }
            ?? Array(text.utf8).withUnsafeBufferPointer { collapse(text, $0, limit: limit) }
        guard kept.count > limit else { return String(decoding: collapsed, as: UTF8.self) }
        let room = limit - 1
        var cut = room
        while cut > 0 {
            let before = kept[cut - 1].kind
            let after = kept[cut].kind
            if after != .other || before != .other { break }
            cut -= 1
        }
        if cut == 0 { cut = room }
        var prefix = String(decoding: collapsed[..<kept[cut].start], as: UTF8.self)
        while let last = prefix.last, last == " " || (last.isPunctuation && last != ")" && last != "”") { prefix.removeLast() }
        return prefix + "…"
    }

    /// Whitespace runs collapse to one space, but only as far as the summary reaches: a
    /// paragraph can be megabytes long, and its summary never needs more than limit + 1
    /// characters. Returns the kept characters' bytes, with where each starts and what the
    /// cut asks of it: collecting `Character`s and joining them cost more than reading them.
    /// `bytes` are `text`'s UTF-8.
    private static func collapse(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>, limit: Int)
        -> (bytes: [UInt8], kept: [(start: Int, kind: Kind)]) {
        var collapsed: [UInt8] = []
        collapsed.reserveCapacity(min(bytes.count, 4 * (limit + 2)))
        var kept: [(start: Int, kind: Kind)] = []
        kept.reserveCapacity(limit + 2)
        var pendingSpace = false
        var offset = 0
        while offset < bytes.count {
            // An ASCII byte followed by another (CR LF aside) is a character of its own: nothing
            // joins two ASCII characters into one. Anything else is asked of the string, from a
            // character boundary.
            let byte = bytes[offset]
            var character: Character?
            let isSpace: Bool
            if byte < 0x80, offset + 1 == bytes.count || (bytes[offset + 1] < 0x80 && !(byte == 0x0D && bytes[offset + 1] == 0x0A)) {
                offset += 1
                isSpace = byte == 0x20 || (0x09...0x0D).contains(byte)
            } else {
                let start = text.utf8.index(text.startIndex, offsetBy: offset)
                let found = text[start]
                offset += text.utf8.distance(from: start, to: text.index(after: start))
                character = found
                isSpace = isWhitespace(found)
            }
            if isSpace {
                pendingSpace = !kept.isEmpty
                continue
            }
            if pendingSpace {
                kept.append((collapsed.count, .space))
                collapsed.append(UInt8(ascii: " "))
            }
            pendingSpace = false
            kept.append((collapsed.count, character?.isCJK == true ? .cjk : .other))
            if let character { collapsed.append(contentsOf: character.utf8) } else { collapsed.append(byte) }
            if kept.count > limit { break }
        }
        return (collapsed, kept)
    }

    /// What the cut asks of each kept character: a collapsed space, a CJK character, other.
    private enum Kind { case space, cjk, other }

    /// `Character.isWhitespace`, answered from the byte for ASCII (most characters of most
    /// summaries). A character with an ASCII value is one scalar, or CR LF.
    static func isWhitespace(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return character.isWhitespace }
        return ascii == 0x20 || (0x09...0x0D).contains(ascii)
    }
}

/// Words and CJK characters in a body, for a reading-time estimate.
public struct ReadingStatistics: Sendable, Hashable {
    public var words = 0
    public var cjkCharacters = 0

    public init() {}

    /// Scalar by scalar rather than character by character: the same counts for text, without
    /// finding grapheme boundaries in the megabyte-long lines a pasted document can bring. ASCII is
    /// classified by two bit masks: this runs over every word of every body.
    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(utf8: $0) }
    }

    /// The same for UTF-8 bytes as cmark holds them, so that no string is made of each text
    /// node. ASCII bytes are classified where they stand; an ill-formed sequence counts as
    /// U+FFFD (a symbol: part of a word), as `String(cString:)` would repair it.
    mutating func add(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        var inWord = false
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let isSeparator: Bool
            if lead < 0x80 {
                index += 1
                isSeparator = Self.isASCIISeparator(lead)
            } else {
                let (decoded, length) = UTF8Scalar.decode(bytes, at: index)
                index += length
                if let scalar = decoded, scalar.isCJK {
                    cjkCharacters += 1
                    inWord = false
                    continue
                }
                isSeparator = decoded.map { $0.properties.isWhitespace || $0.isPunctuation } ?? false
            }
            if isSeparator {
                inWord = false
            } else if !inWord {
                words += 1
                inWord = true
            }
        }
    }

    /// ASCII whitespace (tab to carriage return, space) and punctuation (`!"#%&'()*,-./:;?@[\]_{}`),
    /// as `add` classifies every other scalar; a test compares them with Unicode's properties.
    static func isASCIISeparator(_ byte: UInt8) -> Bool {
        let low: UInt64 = 0x8C00_F7EF_0000_3E00
        let high: UInt64 = 0x2800_0000_B800_0001
        return byte < 64 ? (low >> UInt64(byte)) & 1 == 1 : (high >> UInt64(byte - 64)) & 1 == 1
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
