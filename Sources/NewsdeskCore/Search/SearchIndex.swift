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
/// until their shard is written. `text` is the form the shard files hold: `difference,weight`
/// pairs separated by commas.
public struct PostingList: Sendable, Equatable {
    private var varints: [UInt8] = []
    public private(set) var count = 0
    private var lastDocument = 0

    /// `document` must be greater than the last one appended.
    mutating func append(document: Int, weight: Int) {
        // Both varints made on the stack, then added to the list at once: every posting of a
        // build comes here, and each append to an array checks that it is not shared.
        var encoded: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &encoded) { buffer in
            let bytes = buffer.bindMemory(to: UInt8.self)
            let length = Self.put(UInt64(weight), into: bytes, at: Self.put(UInt64(document - lastDocument), into: bytes, at: 0))
            varints.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<length]))
        }
        lastDocument = document
        count += 1
    }

    /// Writes `value` as a LEB128 varint at `position` (room for ten bytes); returns where it ends.
    @inline(__always)
    private static func put(_ value: UInt64, into bytes: UnsafeMutableBufferPointer<UInt8>, at position: Int) -> Int {
        var position = position
        var rest = value
        while rest >= 0x80 {
            bytes[position] = UInt8(truncatingIfNeeded: rest) | 0x80
            position += 1
            rest >>= 7
        }
        bytes[position] = UInt8(rest)
        return position + 1
    }

    /// Appends the postings of `other`, whose documents all come after this list's.
    mutating func append(contentsOf other: PostingList) {
        guard count > 0 else { return self = other }
        guard other.count > 0 else { return }
        // `other` starts from document 0, so its first difference is its first document.
        var index = 0
        let first = other.varints.withUnsafeBufferPointer { Int(LEB128.read($0, at: &index)) }
        LEB128.append(UInt64(first - lastDocument), to: &varints)
        varints.append(contentsOf: other.varints[index...])
        lastDocument = other.lastDocument
        count += other.count
    }

    /// The postings as a shard file's line holds them. Every number takes at least one varint
    /// byte, and a varint byte (7 bits) never stands for more than three decimal digits: with
    /// its comma, at most four bytes of text per varint byte, written straight into the result.
    public var text: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 4 * varints.count) { buffer, initialized in
            var position = 0
            forEachPair { difference, weight in
                if position > 0 {
                    buffer[position] = UInt8(ascii: ",")
                    position += 1
                }
                position = Self.writeDecimal(difference, into: buffer, at: position)
                buffer[position] = UInt8(ascii: ",")
                position = Self.writeDecimal(weight, into: buffer, at: position + 1)
            }
            initialized = position
        }
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
        varints.withUnsafeBufferPointer { bytes in
            var index = 0
            while index < bytes.count {
                let difference = Int(LEB128.read(bytes, at: &index))
                body(difference, Int(LEB128.read(bytes, at: &index)))
            }
        }
    }

    /// Writes `value` (never negative) in decimal at `position`; returns where it ends. Most
    /// numbers of a posting list have one to three digits, written without a loop of divisions.
    private static func writeDecimal(_ value: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at position: Int) -> Int {
        let zero = UInt8(ascii: "0")
        switch value {
        case 0..<10:
            buffer[position] = zero &+ UInt8(truncatingIfNeeded: value)
            return position + 1
        case 10..<100:
            buffer[position] = zero &+ UInt8(truncatingIfNeeded: value / 10)
            buffer[position + 1] = zero &+ UInt8(truncatingIfNeeded: value % 10)
            return position + 2
        case 100..<1000:
            buffer[position] = zero &+ UInt8(truncatingIfNeeded: value / 100)
            buffer[position + 1] = zero &+ UInt8(truncatingIfNeeded: value / 10 % 10)
            buffer[position + 2] = zero &+ UInt8(truncatingIfNeeded: value % 10)
            return position + 3
        default:
            precondition(value >= 0, "postings hold no negative numbers")
            var digits = 0
            var rest = value
            while rest > 0 { digits += 1; rest /= 10 }
            rest = value
            for index in (position..<(position + digits)).reversed() {
                buffer[index] = zero &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            }
            return position + digits
        }
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
