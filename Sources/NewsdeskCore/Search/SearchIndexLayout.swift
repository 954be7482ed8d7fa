import Foundation

/// How a language's `SearchIndex` is laid out as files under `search/<language>/`, so that a
/// query downloads only what it needs:
///
/// - `index.json`: the number of documents and shards (what the client reads first);
/// - `terms/<n>.txt`: the terms whose key (`shardKey`: their first `keyLength` characters)
///   hashes to shard n, one line per term in byte order: the term, a tab, then its postings as
///   `document,weight` pairs separated by commas, each document number given as the
///   difference from the previous one. A word typed so far (four characters or more) finds
///   every term it begins in one shard;
/// - `docs/<n>.json`: document n, one file each: what its result shows and its text
///   (`SearchFragment`), which the client reads to check quoted phrases and cut snippets. One
///   file per document rather than chunks of several: a page of ten results then downloads
///   ten documents, not ten chunks of which it shows one document each, and an edit rewrites
///   the edited document's file alone.
///
/// The number of shards follows from the number of documents (a power of two, about one shard
/// per `documentsPerShard` documents), so it changes only when the archive doubles; every
/// shard is written, empty ones too, so the client never asks for a file that is not there.
/// Each file's bytes depend only on what it holds: an edit rewrites the shards of the terms
/// it added or removed and the item's document file, no others. (Removing an item, or dating
/// one before others, renumbers the documents after it, and their postings and files change.)
public enum SearchIndexLayout {
    public static let format = 2
    public static let keyLength = 4
    public static let documentsPerShard = 16
    public static let maximumShards = 4096

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
        var hash: UInt32 = 0x811C_9DC5
        for byte in shardKey(term).utf8 {
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
    }

    /// Hands every file of the index, by output path, in a fixed order, to `write` as soon as
    /// it is made: the shards and documents of a large archive hold tens of megabytes each,
    /// which are then never all in memory twice.
    public static func write(_ index: SearchIndex, to write: (_ path: String, _ bytes: [UInt8]) throws -> Void) throws {
        let folder = folder(index.language)
        let shards = shardCount(documents: index.documents.count)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let manifest = Manifest(format: format, documents: index.documents.count, shards: shards, key: keyLength, length: index.referenceLength)
        try write(folder + "index.json", Array(try encoder.encode(manifest)))

        var termsByShard = Array(repeating: [String](), count: shards)
        for term in index.postings.keys { termsByShard[shard(of: term, count: shards)].append(term) }
        for (number, terms) in termsByShard.enumerated() {
            var bytes: [UInt8] = []
            for term in terms.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                bytes.append(contentsOf: term.utf8)
                bytes.append(UInt8(ascii: "\t"))
                bytes.append(contentsOf: index.postings[term]?.encoded ?? [])
                bytes.append(UInt8(ascii: "\n"))
            }
            try write("\(folder)terms/\(number).txt", bytes)
        }

        for (number, document) in index.documents.enumerated() {
            try write("\(folder)docs/\(number).json", Array(try encoder.encode(document)))
        }
    }
}
