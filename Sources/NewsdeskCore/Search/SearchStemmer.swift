/// A light English stemmer over lower-case ASCII letters: enough for plural, -ing and -ed
/// forms of a word to find each other (`agreements` → `agreement`, `signed`/`signing`/`signs`
/// → `sign`, `make`/`making` → `mak`). Stems are index keys, never shown.
public enum SearchStemmer {
    public static func stem(_ word: String) -> String {
        var bytes = Array(word.utf8)
        let stem = bytes.withUnsafeBufferPointer { Self.stem($0) }
        bytes.removeLast(bytes.count - stem.length)
        if stem.endsInY { bytes[bytes.count - 1] = UInt8(ascii: "y") }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A stem as a prefix of its word, so that a word can be stemmed where it lies: the first
    /// `length` letters, the last of them read as `y` when `endsInY` (`ies` → `y`).
    struct Stem: Equatable {
        var length: Int
        var endsInY: Bool
    }

    /// The stem of `word`, lower-case ASCII letters.
    static func stem(_ word: UnsafeBufferPointer<UInt8>) -> Stem {
        var length = word.count
        guard length > 3 else { return Stem(length: length, endsInY: false) }
        if ends(word, length, "sses") {
            length -= 2
        } else if ends(word, length, "ies"), length > 4 {
            // The stem now ends in y, which none of the suffixes below ends in.
            return Stem(length: length - 2, endsInY: true)
        } else if ends(word, length, "s"), !ends(word, length, "ss"), !ends(word, length, "us"), !ends(word, length, "is") {
            length -= 1
        }
        if ends(word, length, "eed") {
            // agreed → agree, as agreeing → agree: the final e goes below.
            length -= 1
        } else if ends(word, length, "ing") {
            length = strip(3, from: word, length)
        } else if ends(word, length, "ed") {
            length = strip(2, from: word, length)
        }
        if length > 3, word[length - 1] == UInt8(ascii: "e") { length -= 1 }
        return Stem(length: length, endsInY: false)
    }

    /// The length of the first `length` letters of `word` less a suffix of `count` letters when
    /// at least three letters with a vowel stay, then less a doubled final consonant
    /// (planned → plan) other than l, s and z (called → call); `length` itself otherwise.
    private static func strip(_ count: Int, from word: UnsafeBufferPointer<UInt8>, _ length: Int) -> Int {
        let stem = length - count
        guard stem >= 3, word[..<stem].contains(where: isVowel) else { return length }
        let last = word[stem - 1]
        if word[stem - 2] == last, !isVowel(last), last != UInt8(ascii: "l"), last != UInt8(ascii: "s"), last != UInt8(ascii: "z") {
            return stem - 1
        }
        return stem
    }

    /// Whether the first `length` letters of `word` end with `suffix`.
    private static func ends(_ word: UnsafeBufferPointer<UInt8>, _ length: Int, _ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard length >= count else { return false }
        return suffix.withUTF8Buffer { tail in
            for offset in 0..<count where word[length - count + offset] != tail[offset] { return false }
            return true
        }
    }

    private static func isVowel(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"), UInt8(ascii: "y"): return true
        default: return false
        }
    }
}
