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
    /// only during the call; titles and labels are tokenized here), with no string made for a
    /// word of ASCII letters and digits (`Scanner`).
    static func forEachTerm(utf8 bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        withoutActuallyEscaping(body) { body in
            var sink = ClosureSink(body: body)
            scan(utf8: bytes, into: &sink)
        }
    }

    /// The same, each term handed to `sink`: every word of every body passes here, to a
    /// `TermCounter`.
    static func scan<Sink: TermSink>(utf8 bytes: UnsafeBufferPointer<UInt8>, into sink: inout Sink) {
        guard !bytes.isEmpty else { return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Scanner.scratchCapacity) { scratch in
            Scanner(bytes: bytes, scratch: scratch).scan(into: &sink)
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
