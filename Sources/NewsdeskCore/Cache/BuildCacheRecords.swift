import Foundation
import Synchronization
// The build cache as one stored value: its parts, each written with `CacheRecords.swift`'s
// entries, and loaded on several cores. A new stored property of `BuildCache` goes into both
// `store(in:)` and the readers here.

/// The cache in parts: a head (engine, key, link targets, search block sums, search lexicon), then the parsed entries in two
/// halves, the Markdown facts and the output records, then the offsets where those four start.
/// Loading decodes the parts on separate cores (`decodeConcurrently`); the parsed entries, the
/// largest part, are split in two so that the parts are of similar size.
extension BuildCache: CacheStorable {
    init(from reader: inout CacheReader) throws(CacheReader.Damage) {
        self.init(engine: try reader.word(), key: try reader.word())
        linkTargets = try reader.word()
        searchBlocks = try reader.dictionary()
        searchLexicon = try TermTable(from: &reader)
        parsed = try reader.dictionary()
        parsed.merge(try reader.dictionary(of: ParsedEntry.self)) { first, _ in first }
        markdown = try reader.dictionary()
        outputs = try reader.dictionary()
        for _ in 0..<Self.sectionCount { _ = try reader.word() }
    }

    static let sectionCount = 4

    func store(in writer: inout CacheWriter) {
        writer.write(engine)
        writer.write(key)
        writer.write(linkTargets)
        writer.write(searchBlocks)
        writer.write(searchLexicon)
        var starts: [Int] = []
        let half = parsed.count / 2
        starts.append(writer.count)
        writer.write(entries: parsed.prefix(half), count: half)
        starts.append(writer.count)
        writer.write(entries: parsed.dropFirst(half), count: parsed.count - half)
        starts.append(writer.count)
        writer.write(markdown)
        starts.append(writer.count)
        writer.write(outputs)
        for start in starts { writer.write(UInt64(start)) }
    }

    /// What `init(from:)` reads from `bytes[payloadStart...]`, with the parts decoded at the
    /// same time; `check` (the store's checksum) runs beside them, and its `false` is damage.
    static func decodeConcurrently(_ bytes: [UInt8], payloadStart: Int,
                                   check: @escaping @Sendable () -> Bool) async throws(CacheReader.Damage) -> BuildCache {
        let payloadCount = bytes.count - payloadStart
        let tableSize = 8 * sectionCount
        guard payloadCount >= 24 + tableSize,
              let starts = section(of: bytes, from: payloadStart, (payloadCount - tableSize)..<payloadCount, { reader throws(CacheReader.Damage) in
                  try (0..<sectionCount).map { _ throws(CacheReader.Damage) in Int(truncatingIfNeeded: try reader.word()) }
              })
        else { throw CacheReader.Damage(what: "cache") }
        let ends = Array(starts.dropFirst()) + [payloadCount - tableSize]
        guard starts[0] >= 24, zip(starts, ends).allSatisfy({ $0 <= $1 }),
              var cache = section(of: bytes, from: payloadStart, 0..<starts[0], { reader throws(CacheReader.Damage) in
                  var head = BuildCache(engine: try reader.word(), key: try reader.word())
                  head.linkTargets = try reader.word()
                  head.searchBlocks = try reader.dictionary()
                  head.searchLexicon = try TermTable(from: &reader)
                  return head
              })
        else { throw CacheReader.Damage(what: "cache head") }
        enum Part: Sendable {
            case parsed(Int, [String: ParsedEntry]?)
            case markdown([String: MarkdownFacts]?)
            case outputs([String: OutputRecord]?)
            case intact(Bool)
        }
        var parsed: [[String: ParsedEntry]?] = [nil, nil]
        var markdown: [String: MarkdownFacts]?
        var outputs: [String: OutputRecord]?
        var intact = false
        await withTaskGroup(of: Part.self) { group in
            group.addTask { .intact(check()) }
            for part in 0..<sectionCount {
                let range = starts[part]..<ends[part]
                group.addTask {
                    switch part {
                    case 0, 1:
                        return .parsed(part, section(of: bytes, from: payloadStart, range) { reader throws(CacheReader.Damage) in
                            try reader.dictionary(of: ParsedEntry.self)
                        })
                    case 2:
                        return .markdown(section(of: bytes, from: payloadStart, range) { reader throws(CacheReader.Damage) in
                            try reader.dictionary(of: MarkdownFacts.self)
                        })
                    default:
                        return .outputs(section(of: bytes, from: payloadStart, range) { reader throws(CacheReader.Damage) in
                            try reader.dictionary(of: OutputRecord.self)
                        })
                    }
                }
            }
            for await part in group {
                switch part {
                case .parsed(let half, let table): parsed[half] = table
                case .markdown(let table): markdown = table
                case .outputs(let table): outputs = table
                case .intact(let value): intact = value
                }
            }
        }
        guard intact, let first = parsed[0], let second = parsed[1], let markdown, let outputs
        else { throw CacheReader.Damage(what: "cache entries") }
        cache.parsed = first.merging(second) { first, _ in first }
        cache.markdown = markdown
        cache.outputs = outputs
        return cache
    }

    /// `body` over the payload bytes in `range`; nil when they are damaged or not all read.
    private static func section<Value>(of bytes: [UInt8], from payloadStart: Int, _ range: Range<Int>,
                                       _ body: (inout CacheReader) throws(CacheReader.Damage) -> Value) -> Value? {
        bytes.withUnsafeBytes { whole -> Value? in
            let payload = UnsafeRawBufferPointer(rebasing: whole[payloadStart...])
            var reader = CacheReader(UnsafeRawBufferPointer(rebasing: payload[range]))
            guard let value = try? body(&reader), reader.isAtEnd else { return nil }
            return value
        }
    }
}
