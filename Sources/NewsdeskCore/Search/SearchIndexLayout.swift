import Foundation

/// How a language's search index is laid out as files under `search/<language>/`, so that a
/// query downloads only what it needs:
///
/// - `index.json`: the number of documents and shards (what the client reads first);
/// - `terms/<n>.txt`: the terms whose key (`shardKey`: their first `keyLength` characters)
///   hashes to shard n, one line per term in byte order: the term, a tab, then its postings,
///   each a document number (given as the difference from the previous one) and a weight, every
///   number as unsigned base64 VLQ digits back to back (`PostingList.writeText`). A word typed
///   so far (four characters or more) finds every term it begins in one shard;
/// - `docs/<n>.bin`: documents `n * chunk` up to `(n + 1) * chunk` (`documentsPerChunk`), each
///   what its result shows (a line of JSON) and its text (`SearchFragment`, the rest of the
///   document's bytes, as it is), which the client reads to check
///   quoted phrases and cut snippets. The chunk starts with the byte offset of each document and
///   of the chunk's end, eight hexadecimal digits each, so the client reads the offsets with one
///   HTTP range request and then each document it shows with another: a page of ten results
///   downloads ten documents, not ten chunks, while the site holds a file per sixty-four
///   documents rather than one per document (a file costs more to write, keep and upload than
///   its bytes). A server that ignores ranges sends the whole chunk, which the client reads
///   the same way. An edit rewrites the edited document's chunk alone.
///
/// The number of shards follows from the number of documents (a power of two, about one shard
/// per `documentsPerShard` documents), so it changes only when the archive doubles; every
/// shard is written, empty ones too, so the client never asks for a file that is not there.
/// Each file's bytes depend only on what it holds: an edit rewrites the shards of the terms
/// it added or removed and the item's chunk, no others. (Removing an item, or dating
/// one before others, renumbers the documents after it, and their postings and files change.)
public enum SearchIndexLayout {
    public static let format = 5
    public static let keyLength = 4
    public static let documentsPerShard = 16
    public static let maximumShards = 4096
    public static let documentsPerChunk = 64

    public static func folder(_ language: String) -> String { "search/\(language)/" }

    public static func shardCount(documents: Int) -> Int {
        var count = 1
        while count * documentsPerShard < documents, count < maximumShards { count *= 2 }
        return count
    }

    /// The first `keyLength` Unicode scalars of `term`.
    public static func shardKey(_ term: String) -> String {
        String(String.UnicodeScalarView(term.unicodeScalars.prefix(keyLength)))
    }

    /// FNV-1a (32 bits) of the key's UTF-8, modulo the number of shards: simple enough for the
    /// client to compute the same way.
    public static func shard(of term: String, count: Int) -> Int {
        var term = term
        return term.withUTF8 { shard(ofUTF8: $0, count: count) }
    }

    /// The same over a term's UTF-8 bytes: its key ends before the byte that starts its
    /// (`keyLength` + 1)th scalar.
    static func shard(ofUTF8 term: UnsafeBufferPointer<UInt8>, count: Int) -> Int {
        var hash: UInt32 = 0x811C_9DC5
        var scalars = 0
        for byte in term {
            if byte & 0xC0 != 0x80 {
                scalars += 1
                if scalars > keyLength { break }
            }
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return Int(hash % UInt32(count))
    }

    struct Manifest: Codable, Equatable {
        var format: Int
        var documents: Int
        var shards: Int
        var key: Int
        var length: Int
        /// Documents per chunk file.
        var chunk: Int
        /// Hexadecimal digits per offset in a chunk's header, which the client reads from here
        /// rather than knowing it.
        var offset: Int
    }

    static func manifestPath(_ language: String) -> String { folder(language) + "index.json" }
    static func shardPath(_ language: String, _ shard: Int) -> String { "\(folder(language))terms/\(shard).txt" }
    static func chunkPath(_ language: String, _ chunk: Int) -> String { "\(folder(language))docs/\(chunk).bin" }

    static func manifest(_ corpus: SearchCorpus) throws -> [UInt8] {
        Array(try encoder.encode(Manifest(format: format, documents: corpus.pages.count, shards: corpus.shardCount,
                                          key: keyLength, length: corpus.referenceLength, chunk: documentsPerChunk,
                                          offset: offsetDigits)))
    }

    /// A chunk file as pieces to write back to back (`OutputSink.write(pieces:to:)`): the
    /// offsets of its documents and of its end, then each document, its entry with `text`
    /// (UTF-8) as its text (`document`): the entry's line, then the text as it is, so that the
    /// texts (nearly all of the index's bytes) are not copied into the file's bytes first.
    static func chunkPieces(_ documents: [(entry: SearchResultEntry, text: [UInt8]?)]) -> [[UInt8]] {
        var pieces: [[UInt8]] = [[]]
        pieces.reserveCapacity(1 + 2 * documents.count)
        var offsets: [Int] = []
        var offset = (documents.count + 1) * offsetDigits
        for (entry, text) in documents {
            offsets.append(offset)
            var head: [UInt8] = []
            writeDocument(entry, text: nil, into: &head)
            if text != nil { head.append(UInt8(ascii: "\n")) }
            offset += head.count + (text?.count ?? 0)
            pieces.append(head)
            if let text { pieces.append(text) }
        }
        offsets.append(offset)
        var header = [UInt8](repeating: UInt8(ascii: "0"), count: offsets.count * offsetDigits)
        for (index, offset) in offsets.enumerated() { writeHexadecimal(offset, into: &header, at: index * offsetDigits) }
        pieces[0] = header
        return pieces
    }

    /// The width of each offset in a chunk's header.
    static let offsetDigits = 8

    private static func writeHexadecimal(_ value: Int, into bytes: inout [UInt8], at start: Int) {
        let digits = Array("0123456789abcdef".utf8)
        for (index, shift) in stride(from: (offsetDigits - 1) * 4, through: 0, by: -4).enumerated() {
            bytes[start + index] = digits[(value >> shift) & 0xF]
        }
    }

    /// A digest of what a chunk's bytes are made of: its documents' signatures, in order.
    static func chunkSignature(_ documentSignatures: [UInt64]) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(format)
        hasher.combine(documentSignatures.count)
        for signature in documentSignatures { hasher.combine(signature) }
        return hasher.value
    }

    /// The entry as a JSON object on a line of its own, members in byte order of their names
    /// and absent ones left out, as `SearchResultEntry`'s `Codable` form reads it (its text
    /// aside), then the entry's text as it is.
    static func document(_ entry: SearchResultEntry) -> [UInt8] {
        var bytes: [UInt8] = []
        writeDocument(entry, text: entry.text.map { Array($0.utf8) }, into: &bytes)
        return bytes
    }

    /// `document` with `text` (UTF-8) as the entry's text, appended to `bytes`. Strings are
    /// escaped by `JSONValue`, like the pages' JSON-LD: `JSONEncoder`'s generic machinery, once
    /// per document, was a large part of the index's cost (docs/performance.md).
    static func writeDocument(_ entry: SearchResultEntry, text: [UInt8]?, into bytes: inout [UInt8]) {
        var first = true
        func member(_ name: String, _ writeValue: (inout [UInt8]) -> Void) {
            bytes.append(first ? UInt8(ascii: "{") : UInt8(ascii: ","))
            first = false
            JSONValue.writeString(name, into: &bytes)
            bytes.append(UInt8(ascii: ":"))
            writeValue(&bytes)
        }
        func member(_ name: String, _ value: String?) {
            if let value { member(name) { JSONValue.writeString(value, into: &$0) } }
        }
        member("alt", entry.alt)
        member("date", entry.date)
        member("datetime", entry.datetime)
        member("image", entry.image)
        member("section", entry.section)
        member("summary", entry.summary)
        member("title", entry.title)
        member("url", entry.url)
        bytes.append(UInt8(ascii: "}"))
        // The text as it is, after the line the entry's JSON fills (which holds no line break):
        // it is read as text and shown as text, never parsed, so it is copied rather than
        // searched for characters to escape (the largest part of the index by far).
        if let text {
            bytes.append(UInt8(ascii: "\n"))
            bytes.append(contentsOf: text)
        }
    }

    /// A digest of what a document's bytes are made of: its entry, field by field.
    static func documentSignature(_ entry: SearchResultEntry) -> UInt64 {
        documentSignature(entry, textDigest: textDigest(entry.text))
    }

    /// The same from the entry's fields and the digest of its text (`textDigest`), which is
    /// all the build cache keeps of a text: `entry.text` is not read.
    static func documentSignature(_ entry: SearchResultEntry, textDigest: UInt64) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(format)
        for field in [entry.url, entry.title, entry.date, entry.datetime, entry.section, entry.summary] { hasher.combine(field) }
        hasher.combine(entry.image)
        hasher.combine(entry.alt)
        hasher.combine(textDigest)
        return hasher.value
    }

    /// Stands for a document's text (nil: no text) in its signature.
    static func textDigest(_ text: String?) -> UInt64 {
        guard var text else { return textDigest(utf8: nil) }
        return text.withUTF8 { textDigest(utf8: UnsafeRawBufferPointer($0)) }
    }

    /// The same for a text given as UTF-8 (`SearchFragment.Collector.utf8`): equal to the digest
    /// of the `String` it spells. Every document's text is digested on a clean build, hence
    /// the wide fingerprint.
    static func textDigest(utf8 text: [UInt8]) -> UInt64 {
        text.withUnsafeBytes { textDigest(utf8: $0) }
    }

    private static func textDigest(utf8 text: UnsafeRawBufferPointer?) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(text != nil)
        if let text { hasher.combine(StableHasher.wideFingerprint(text)) }
        return hasher.value
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
