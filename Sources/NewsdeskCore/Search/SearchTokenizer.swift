/// Splits text into the terms the search index holds. The JavaScript client
/// (`themes/default/static/js/search.js`) splits queries by the same rules, so both sides
/// must change together:
///
/// - full-width ASCII (`Ｈｕｓｔ２０２３`) reads as ASCII;
/// - a word is a run of letters, marks and digits; it is lower-cased, and a word of ASCII
///   letters is stemmed (`SearchStemmer`), so plural, -ing and -ed forms meet;
/// - Chinese, Japanese and Korean have no spaces between words: each character of a CJK run is
///   a term, and so is each pair of neighbouring characters, so that any query of two or more
///   characters matches as overlapping pairs without a dictionary;
/// - anything else separates terms; a term longer than `maximumLength` scalars (a pasted hash,
///   a long URL) is left out.
public enum SearchTokenizer {
    public static let maximumLength = 40

    /// Every term of `text`, in order, repeated as often as it occurs.
    public static func terms(_ text: String) -> [String] {
        var terms: [String] = []
        forEachTerm(in: text) { terms.append($0) }
        return terms
    }

    public static func forEachTerm(in text: String, _ body: (String) -> Void) {
        var text = text
        text.withUTF8 { utf8 in forEachTerm(utf8: utf8) { body(String(decoding: $0, as: UTF8.self)) } }
    }

    /// The same over UTF-8 bytes as cmark holds them, each term given as its UTF-8 bytes (valid
    /// only during the call): every word of every body passes here, so ASCII is classified and
    /// lower-cased byte by byte and no string is made.
    static func forEachTerm(utf8 bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var scanner = Scanner()
        scanner.scan(bytes, body)
    }

    private struct Scanner {
        /// The word so far, ASCII letters already lower-cased.
        var word: [UInt8] = []
        var wordScalars = 0
        var wordIsASCII = true
        var wordHasDigit = false
        var previousCJK: Unicode.Scalar?
        /// A CJK character or pair being handed out.
        var cjk: [UInt8] = []

        init() {
            word.reserveCapacity(32)
            cjk.reserveCapacity(8)
        }

        mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            var index = 0
            while index < bytes.count {
                let lead = bytes[index]
                if lead < 0x80 {
                    index += 1
                    ascii(lead, body)
                    continue
                }
                let (decoded, length) = UTF8Scalar.decode(bytes, at: index)
                index += length
                // An ill-formed sequence reads as U+FFFD, a symbol: it separates terms.
                guard let decoded else { endWord(body); previousCJK = nil; continue }
                let scalar = normalized(decoded)
                if scalar.isASCII {
                    ascii(UInt8(scalar.value), body)
                } else if isCJK(scalar) {
                    endWord(body)
                    cjk.removeAll(keepingCapacity: true)
                    UTF8.encode(scalar) { cjk.append($0) }
                    cjk.withUnsafeBufferPointer(body)
                    if let previousCJK {
                        cjk.removeAll(keepingCapacity: true)
                        UTF8.encode(previousCJK) { cjk.append($0) }
                        UTF8.encode(scalar) { cjk.append($0) }
                        cjk.withUnsafeBufferPointer(body)
                    }
                    previousCJK = scalar
                } else if isWordScalar(scalar) {
                    previousCJK = nil
                    wordIsASCII = false
                    UTF8.encode(scalar) { word.append($0) }
                    wordScalars += 1
                } else {
                    endWord(body)
                    previousCJK = nil
                }
            }
            endWord(body)
        }

        private mutating func ascii(_ byte: UInt8, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            previousCJK = nil
            switch byte {
            case 0x61...0x7A: word.append(byte)
            case 0x41...0x5A: word.append(byte + 0x20)
            case 0x30...0x39: word.append(byte); wordHasDigit = true
            default: endWord(body); return
            }
            wordScalars += 1
        }

        private mutating func endWord(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            guard !word.isEmpty else { return }
            defer {
                word.removeAll(keepingCapacity: true)
                (wordScalars, wordIsASCII, wordHasDigit) = (0, true, false)
            }
            guard wordScalars <= maximumLength else { return }
            if wordIsASCII {
                if !wordHasDigit { SearchStemmer.stem(&word) }
                word.withUnsafeBufferPointer(body)
            } else {
                var lowered = String(decoding: word, as: UTF8.self).lowercased()
                lowered.withUTF8(body)
            }
        }
    }

    /// Full-width forms of ASCII (U+FF01–U+FF5E) as ASCII.
    static func normalized(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        guard (0xFF01...0xFF5E).contains(scalar.value) else { return scalar }
        return Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar
    }

    /// Han ideographs, kana (without their punctuation) and Hangul syllables.
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3041...0x309F, 0x30A1...0x30FA, 0x30FC...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x2FFFF:
            return true
        default:
            return false
        }
    }

    /// Letters, marks and numbers (JavaScript: `/[\p{L}\p{M}\p{N}]/u`).
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }
}

/// A light English stemmer over lower-case ASCII letters: enough for plural, -ing and -ed
/// forms of a word to find each other (`agreements` → `agreement`, `signed`/`signing`/`signs`
/// → `sign`, `make`/`making` → `mak`). Stems are index keys, never shown.
public enum SearchStemmer {
    public static func stem(_ word: String) -> String {
        var bytes = Array(word.utf8)
        stem(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func stem(_ word: inout [UInt8]) {
        guard word.count > 3 else { return }
        if ends(word, "sses") {
            word.removeLast(2)
        } else if ends(word, "ies"), word.count > 4 {
            word.removeLast(3)
            word.append(UInt8(ascii: "y"))
        } else if ends(word, "s"), !ends(word, "ss"), !ends(word, "us"), !ends(word, "is") {
            word.removeLast()
        }
        if ends(word, "eed") {
            // agreed → agree, as agreeing → agree: the final e goes below.
            word.removeLast()
        } else if ends(word, "ing") {
            strip(3, from: &word)
        } else if ends(word, "ed") {
            strip(2, from: &word)
        }
        if word.count > 3, word.last == UInt8(ascii: "e") { word.removeLast() }
    }

    /// Removes a suffix of `count` letters when at least three letters with a vowel stay,
    /// then a doubled final consonant (planned → plan) other than l, s and z (called → call).
    private static func strip(_ count: Int, from word: inout [UInt8]) {
        let stem = word.count - count
        guard stem >= 3, word[..<stem].contains(where: isVowel) else { return }
        word.removeLast(count)
        let last = word[word.count - 1]
        if word[word.count - 2] == last, !isVowel(last), last != UInt8(ascii: "l"), last != UInt8(ascii: "s"), last != UInt8(ascii: "z") {
            word.removeLast()
        }
    }

    private static func ends(_ word: [UInt8], _ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard word.count >= count else { return false }
        return suffix.withUTF8Buffer { tail in
            for offset in 0..<count where word[word.count - count + offset] != tail[offset] { return false }
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
