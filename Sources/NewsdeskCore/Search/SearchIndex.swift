import Foundation

/// The search index's vocabulary. What one language's index is made of is a `SearchCorpus`;
/// `SearchIndexBuilder` makes its postings and entries; `SearchIndexLayout` says which files
/// hold them.
///
/// Documents are numbered oldest first (date, then the listing order), so that publishing a
/// new item appends a number and an edit keeps every number: shards and document chunks of items
/// that did not change keep their bytes. Ties in ranking go to the higher number, the newer item.
public enum SearchIndex {
    public struct Posting: Sendable, Equatable {
        public var document: Int
        public var weight: Int
    }
}

/// A term's postings, each a document number and its `SearchRanking.weight` for the term.
/// Held as LEB128 varints (the difference from the previous document number, then the
/// weight), about three bytes a posting: millions are made per build, and they wait in memory
/// until their shard is written. `text` is the form the shard files hold: each difference and
/// weight as base64 VLQ digits, back to back.
public struct PostingList: Sendable {
    /// The varints in the first `used` bytes, then zero bytes of room: a posting's two varints
    /// are made in registers and stored as two words (up to 16 bytes) rather than byte by byte.
    private var storage: [UInt8] = []
    private var used = 0
    public private(set) var count = 0
    /// The last posting's document.
    private(set) var lastDocument = 0

    /// `document` must be greater than the last one appended.
    mutating func append(document: Int, weight: Int) {
        let difference = document - lastDocument
        if UInt(bitPattern: difference) < Self.wordLimit, UInt(bitPattern: weight) < Self.wordLimit {
            let (first, firstLength) = Self.varint(UInt64(difference))
            let (second, secondLength) = Self.varint(UInt64(weight))
            makeRoom(16)
            let at = used
            storage.withUnsafeMutableBytes { bytes in
                bytes.storeBytes(of: first.littleEndian, toByteOffset: at, as: UInt64.self)
                bytes.storeBytes(of: second.littleEndian, toByteOffset: at + firstLength, as: UInt64.self)
            }
            used += firstLength + secondLength
        } else {
            append(varint: UInt64(difference))
            append(varint: UInt64(weight))
        }
        lastDocument = document
        count += 1
    }

    /// Numbers below this take at most seven varint bytes, so that a posting's two fit in the
    /// 16 bytes of room `append` makes.
    private static let wordLimit: UInt = 1 << 49

    /// The LEB128 varint of `value` (below 2^56, so at most eight bytes) in the low bytes of a
    /// word, and its length.
    @inline(__always)
    private static func varint(_ value: UInt64) -> (word: UInt64, length: Int) {
        var word: UInt64 = 0
        var length = 0
        var rest = value
        while rest >= 0x80 {
            word |= (rest & 0x7F | 0x80) << (8 * length)
            length += 1
            rest >>= 7
        }
        return (word | rest << (8 * length), length + 1)
    }

    /// Any varint, a byte at a time (numbers of 2^49 and more, which no real index holds).
    private mutating func append(varint value: UInt64) {
        var rest = value
        repeat {
            makeRoom(1)
            storage[used] = rest >= 0x80 ? UInt8(truncatingIfNeeded: rest) | 0x80 : UInt8(rest)
            used += 1
            rest >>= 7
        } while rest > 0
    }

    /// At least `bytes` bytes of room after the varints, the storage doubled when it has less.
    @inline(__always)
    private mutating func makeRoom(_ bytes: Int) {
        if storage.count - used < bytes { storage.append(contentsOf: repeatElement(0, count: max(storage.count, 16))) }
    }

    /// The postings as a shard file's line holds them: every number as base64 VLQ digits
    /// (`writeText`).
    public var text: [UInt8] {
        guard used > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: textCapacity) { buffer, initialized in
            initialized = writeText(into: buffer, at: 0, after: 0)
        }
    }

    /// Room enough for `writeText`: a varint byte (7 bits) never stands for more than two
    /// digits of five bits, and two bytes more for a table entry stored whole at the end.
    var textCapacity: Int { 2 * used + 2 }

    /// Writes every number as unsigned base64 VLQ at `start` (with `textCapacity` bytes of
    /// room), the first document's difference taken from `previous`: a list of a later run
    /// continues the line of an earlier one's. Returns where the text ends. A digit holds five
    /// bits of the number, lowest first, and 32 when another digit follows, spelled with the
    /// base64 alphabet (`A`–`Z`, `a`–`z`, `0`–`9`, `+`, `/`): no separator is needed, and a
    /// posting of a common term (a difference below 32, a weight below 1,024) takes three bytes
    /// where decimal with commas took six. A number below 1,024 (nearly every one) is copied
    /// from a table as one 16-bit word.
    func writeText(into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int, after previous: Int) -> Int {
        storage.withUnsafeBufferPointer { storage in
            let bytes = UnsafeBufferPointer(rebasing: storage[..<used])
            let table = Self.smallNumbers
            let raw = UnsafeMutableRawBufferPointer(buffer)
            var position = start
            var index = 0
            // The stored first difference is the first document itself.
            var adjustment = previous
            while index < bytes.count {
                let stored: Int
                if bytes[index] < 0x80 {
                    stored = Int(bytes[index])
                    index += 1
                } else {
                    stored = Int(truncatingIfNeeded: LEB128.read(bytes, at: &index))
                }
                let number = stored - adjustment
                adjustment = 0
                if number < table.count {
                    let entry = table[number]
                    raw.storeBytes(of: UInt16(truncatingIfNeeded: entry).littleEndian, toByteOffset: position, as: UInt16.self)
                    position += Int(entry >> 16)
                } else {
                    position = Self.writeDigits(number, into: buffer, at: position)
                }
            }
            return position
        }
    }

    /// The base64 alphabet: the digit of each value below 64.
    private static let base64: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// For each number below 1,024, its one or two digits in the low 16 bits of a word and
    /// their count above.
    private static let smallNumbers: [UInt32] = (0..<1_024).map { number in
        number < 32 ? 1 << 16 | UInt32(base64[number])
            : 2 << 16 | UInt32(base64[number >> 5]) << 8 | UInt32(base64[number & 31 | 32])
    }

    /// The postings read back.
    public var postings: [SearchIndex.Posting] {
        var result: [SearchIndex.Posting] = []
        var document = 0
        forEachPair { difference, weight in
            document += difference
            result.append(SearchIndex.Posting(document: document, weight: weight))
        }
        return result
    }

    /// Each posting as stored: the difference from the previous document number, the weight.
    private func forEachPair(_ body: (_ difference: Int, _ weight: Int) -> Void) {
        storage.withUnsafeBufferPointer { storage in
            let bytes = UnsafeBufferPointer(rebasing: storage[..<used])
            var index = 0
            while index < bytes.count {
                let difference = Int(LEB128.read(bytes, at: &index))
                body(difference, Int(LEB128.read(bytes, at: &index)))
            }
        }
    }

    /// Writes `value` (never negative) as base64 VLQ digits at `position`; returns where they end.
    private static func writeDigits(_ value: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at position: Int) -> Int {
        precondition(value >= 0, "postings hold no negative numbers")
        var rest = value
        var position = position
        while rest >= 32 {
            buffer[position] = base64[rest & 31 | 32]
            position += 1
            rest >>= 5
        }
        buffer[position] = base64[rest]
        return position + 1
    }
}

/// What a result shows and the document's text: each document's file holds one, as JSON.
public struct SearchResultEntry: Sendable, Equatable, Codable {
    public var url: String
    public var title: String
    /// As the theme shows dates in this language, and as `<time datetime>` wants it.
    public var date: String
    public var datetime: String
    public var section: String
    public var summary: String
    public var image: String?
    public var alt: String?
    /// The body's plain text (`SearchFragment`), for phrases and snippets.
    public var text: String?
}

/// The BM25-style weight of a term in a document, computed at build time so that a query needs
/// only postings and the number of documents holding each term (its length): the client
/// multiplies each weight by the term's inverse document frequency and adds them up.
///
/// Two fields, each saturating on its own (as BM25F does): the text (body, plus tags, the
/// section, a written summary and the year, which count `labelBoost` times), normalized by
/// length; and the title, which adds up to `titleWeight` × the text's factor for one
/// occurrence, so that a title match outranks a body that merely repeats the word. Lengths are
/// normalized by a reference length per language, the average document length rounded to a
/// power of two rather than the exact average, which moves with every edit and would change
/// every posting of the index; and a document's own length counts in steps of about a fifth
/// (`steppedLength`), so that correcting a sentence leaves the weights of the document's other
/// terms, and the shards holding them, as they were.
public enum SearchRanking {
    public static let k1 = 1.2
    public static let b = 0.75
    public static let titleWeight = 2.0
    public static let labelBoost = 2
    /// Weights are stored as integers: `scale` × the factors, at least 1.
    public static let scale = 100.0

    public static func weight(frequency: Int, titleFrequency: Int = 0, length: Int, referenceLength: Int) -> Int {
        weight(frequency: frequency, titleFrequency: titleFrequency, norm: norm(length: length, referenceLength: referenceLength))
    }

    /// BM25's length factor of a document, made once per document rather than per term.
    public static func norm(length: Int, referenceLength: Int) -> Double {
        1 - b + b * steppedLength(length) / Double(max(referenceLength, 1))
    }

    public static func weight(frequency: Int, titleFrequency: Int, norm: Double) -> Int {
        let tf = Double(frequency)
        let text = tf * (k1 + 1) / (tf + k1 * norm)
        let inTitle = Double(titleFrequency)
        let title = titleWeight * inTitle * (k1 + 1) / (inTitle + k1)
        return max(1, Int((scale * (text + title)).rounded()))
    }

    /// `length` rounded to a power of 2^(1/4): 100 and 110 count the same, 100 and 125 do not.
    public static func steppedLength(_ length: Int) -> Double {
        exp2((4 * log2(Double(max(length, 1)))).rounded() / 4)
    }

    /// A document's length factor, with the weights it gives.
    struct Norm {
        let value: Double
        func weight(text: Int, title: Int) -> Int { SearchRanking.weight(frequency: text, titleFrequency: title, norm: value) }
    }

    public static func referenceLength(averageOf lengths: [Int]) -> Int {
        guard !lengths.isEmpty else { return 16 }
        let average = Double(lengths.reduce(0, +)) / Double(lengths.count)
        return 1 << Int(log2(max(average, 16)).rounded())
    }
}
