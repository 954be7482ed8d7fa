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

/// A term's postings, each a document number and its `SearchRanking.weight` for the term,
/// held as the shard files spell them (`text`): the difference from the previous document
/// number, then the weight, each as unsigned base64 VLQ digits, back to back; about three
/// bytes a posting. Millions are made per build and wait in memory until their shard is
/// written, which then copies them as they are (`writeText`).
public struct PostingList: Sendable {
    /// The digits in the first `used` bytes, then room: a number below 1,024 (nearly every
    /// one) is stored from a table as one 16-bit word, whose second byte the next number
    /// overwrites when the first has one digit.
    private var storage: [UInt8] = []
    private var used = 0
    public private(set) var count = 0
    /// The last posting's document.
    private(set) var lastDocument = 0
    /// The first posting's document (stored as its difference from 0), and its digits' length:
    /// a list of a later run continues another's line, from that one's last document.
    private var firstDocument = 0
    private var firstLength = 0

    /// `document` must be greater than the last one appended.
    mutating func append(document: Int, weight: Int) {
        let difference = document - lastDocument
        if UInt(bitPattern: difference) < UInt(Self.smallNumbers.count), UInt(bitPattern: weight) < UInt(Self.smallNumbers.count) {
            let first = Self.smallNumbers[difference]
            let second = Self.smallNumbers[weight]
            makeRoom(4)
            let at = used
            let firstDigits = Int(first >> 16)
            storage.withUnsafeMutableBytes { bytes in
                bytes.storeBytes(of: UInt16(truncatingIfNeeded: first).littleEndian, toByteOffset: at, as: UInt16.self)
                bytes.storeBytes(of: UInt16(truncatingIfNeeded: second).littleEndian, toByteOffset: at + firstDigits, as: UInt16.self)
            }
            used += firstDigits + Int(second >> 16)
            if count == 0 { firstLength = firstDigits }
        } else {
            makeRoom(2 * Self.maximumDigits)
            let at = used
            let middle = storage.withUnsafeMutableBufferPointer { Self.writeDigits(difference, into: $0, at: at) }
            if count == 0 { firstLength = middle - at }
            used = storage.withUnsafeMutableBufferPointer { Self.writeDigits(weight, into: $0, at: middle) }
        }
        if count == 0 { firstDocument = document }
        lastDocument = document
        count += 1
    }

    /// The most digits a number takes (64 bits, five a digit).
    private static let maximumDigits = 13

    /// At least `bytes` bytes of room after the digits, the storage doubled when it has less.
    @inline(__always)
    private mutating func makeRoom(_ bytes: Int) {
        if storage.count - used < bytes { storage.append(contentsOf: repeatElement(0, count: max(storage.count, 16, bytes))) }
    }

    /// The postings as a shard file's line holds them (`writeText`).
    public var text: [UInt8] {
        guard used > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: textCapacity) { buffer, initialized in
            initialized = writeText(into: buffer, at: 0, after: 0)
        }
    }

    /// Room enough for `writeText`: the digits, the first difference spelled again, and two
    /// bytes more for a table entry stored whole.
    var textCapacity: Int { used + Self.maximumDigits + 2 }

    /// Writes the postings at `start` (with `textCapacity` bytes of room), the first document's
    /// difference taken from `previous`: a list of a later run continues the line of an
    /// earlier one's. Returns where the text ends. A digit holds five bits of the number,
    /// lowest first, and 32 when another digit follows, spelled with the base64 alphabet
    /// (`A`–`Z`, `a`–`z`, `0`–`9`, `+`, `/`): no separator is needed, and a posting of a common
    /// term (a difference below 32, a weight below 1,024) takes three bytes.
    func writeText(into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int, after previous: Int) -> Int {
        guard used > 0 else { return start }
        var position = start
        var from = 0
        if previous != 0 {
            position = Self.writeDigits(firstDocument - previous, into: buffer, at: position)
            from = firstLength
        }
        storage.withUnsafeBufferPointer { storage in
            let rest = UnsafeBufferPointer(rebasing: storage[from..<used])
            _ = UnsafeMutableBufferPointer(rebasing: buffer[position..<(position + rest.count)]).initialize(from: rest)
        }
        return position + (used - from)
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
            var index = 0
            func number() -> Int {
                var value = 0
                var shift = 0
                while true {
                    let digit = Self.digitValues[Int(storage[index])]
                    index += 1
                    value |= Int(digit & 31) << shift
                    if digit & 32 == 0 { return value }
                    shift += 5
                }
            }
            while index < used {
                let difference = number()
                body(difference, number())
            }
        }
    }

    /// The value of each base64 digit, by its byte.
    private static let digitValues: [UInt8] = {
        var values = [UInt8](repeating: 0, count: 256)
        for (value, digit) in base64.enumerated() { values[Int(digit)] = UInt8(value) }
        return values
    }()

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
