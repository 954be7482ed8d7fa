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
        var word = String.UnicodeScalarView()
        var wordIsASCII = true
        var previousCJK: Unicode.Scalar?

        func endWord() {
            guard !word.isEmpty else { return }
            defer { word = String.UnicodeScalarView(); wordIsASCII = true }
            guard word.count <= maximumLength else { return }
            if wordIsASCII {
                var bytes = word.map { UInt8(truncatingIfNeeded: $0.value) }
                var lettersOnly = true
                for index in bytes.indices {
                    if bytes[index] >= 0x41, bytes[index] <= 0x5A { bytes[index] += 0x20 }
                    if bytes[index] < 0x61 { lettersOnly = false }
                }
                body(String(decoding: lettersOnly ? SearchStemmer.stem(bytes) : bytes, as: UTF8.self))
            } else {
                body(String(word).lowercased())
            }
        }

        for original in text.unicodeScalars {
            let scalar = normalized(original)
            if isCJK(scalar) {
                endWord()
                body(String(scalar))
                if let previousCJK { body(String(previousCJK) + String(scalar)) }
                previousCJK = scalar
            } else if isWordScalar(scalar) {
                previousCJK = nil
                if !scalar.isASCII { wordIsASCII = false }
                word.append(scalar)
            } else {
                endWord()
                previousCJK = nil
            }
        }
        endWord()
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
        String(decoding: stem(Array(word.utf8)), as: UTF8.self)
    }

    static func stem(_ word: [UInt8]) -> [UInt8] {
        guard word.count > 3 else { return word }
        var word = word
        if word.hasSuffix("sses") {
            word.removeLast(2)
        } else if word.hasSuffix("ies"), word.count > 4 {
            word.removeLast(3)
            word.append(UInt8(ascii: "y"))
        } else if word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("us"), !word.hasSuffix("is") {
            word.removeLast()
        }
        if word.hasSuffix("eed") {
            // agreed → agree, as agreeing → agree: the final e goes below.
            word.removeLast()
        } else {
            stripIngOrEd(&word)
        }
        if word.count > 3, word.last == UInt8(ascii: "e") { word.removeLast() }
        return word
    }

    private static func stripIngOrEd(_ word: inout [UInt8]) {
        for suffix in ["ing", "ed"] where word.hasSuffix(suffix) {
            let stem = word.dropLast(suffix.utf8.count)
            guard stem.count >= 3, stem.contains(where: isVowel) else { break }
            word = Array(stem)
            if let last = word.last, word.count >= 2, word[word.count - 2] == last, !isVowel(last),
               !"lsz".utf8.contains(last) { word.removeLast() }
            break
        }
    }

    private static func isVowel(_ byte: UInt8) -> Bool { "aeiouy".utf8.contains(byte) }
}

private extension Array where Element == UInt8 {
    func hasSuffix(_ suffix: String) -> Bool {
        let tail = Array(suffix.utf8)
        return count >= tail.count && self[(count - tail.count)...].elementsEqual(tail)
    }
}
