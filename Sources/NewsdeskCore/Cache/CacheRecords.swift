import Foundation
import Synchronization
// How each cache entry is stored: every stored property, in declaration order. A property
// added to one of these types must be added here too (`CacheRecordsTests` checks that a value
// with every property set survives the round trip).

extension NewsDate: CacheStorable {
    init(from reader: inout CacheReader) throws(CacheReader.Damage) {
        self.init(secondsSinceEpoch: Int64(try reader.integer()), hasTime: try reader.bool())
    }

    func store(in writer: inout CacheWriter) {
        writer.write(Int(secondsSinceEpoch))
        writer.write(hasTime)
    }
}

extension TemplateValue: CacheStorable {
    init(from reader: inout CacheReader) throws(CacheReader.Damage) {
        switch try reader.byte() {
        case 0: self = .null
        case 1: self = .bool(try reader.bool())
        case 2: self = .string(try reader.string())
        case 3: self = .list(try reader.array(of: TemplateValue.self))
        case 4:
            let count = try reader.count()
            var pairs: [(String, TemplateValue)] = []
            for _ in 0..<count { pairs.append((try reader.string(), try reader.value(TemplateValue.self))) }
            self = .map(pairs)
        default: throw CacheReader.Damage(what: "template value")
        }
    }

    func store(in writer: inout CacheWriter) {
        switch self {
        case .null: writer.write(0 as UInt8)
        case .bool(let value): writer.write(1 as UInt8); writer.write(value)
        case .string(let value): writer.write(2 as UInt8); writer.write(value)
        case .list(let values): writer.write(3 as UInt8); writer.write(values)
        case .map(let pairs):
            writer.write(4 as UInt8)
            writer.write(varint: UInt64(pairs.count))
            for (key, value) in pairs { writer.write(key); writer.write(value) }
        }
    }
}

extension FrontMatter: CacheStorable {
    init(from reader: inout CacheReader) throws(CacheReader.Damage) {
        var fields = Fields()
        fields.title = try reader.optional()
        fields.date = try reader.optional()
        fields.lastModified = try reader.optional()
        fields.slug = try reader.optional()
        fields.summary = try reader.optional()
        fields.description = try reader.optional()
        fields.author = try reader.optional()
        fields.tags = try reader.array()
        fields.image = try reader.optional()
        fields.imageAlt = try reader.optional()
        fields.imageCaption = try reader.optional()
        fields.draft = try reader.bool()
        fields.aliases = try reader.array()
        fields.lang = try reader.optional()
        fields.translationKey = try reader.optional()
        fields.params = try reader.dictionary()
        fields.paramOrder = try reader.array()
        fields.lines = try reader.dictionary()
        self.init(fields)
    }

    func store(in writer: inout CacheWriter) {
        let fields = self.fields
        writer.write(fields.title)
        writer.write(fields.date)
        writer.write(fields.lastModified)
        writer.write(fields.slug)
        writer.write(fields.summary)
        writer.write(fields.description)
        writer.write(fields.author)
        writer.write(fields.tags)
        writer.write(fields.image)
        writer.write(fields.imageAlt)
        writer.write(fields.imageCaption)
        writer.write(fields.draft)
        writer.write(fields.aliases)
        writer.write(fields.lang)
        writer.write(fields.translationKey)
        writer.write(fields.params)
        writer.write(fields.paramOrder)
        writer.write(fields.lines)
    }
}

extension ContentFile: CacheStorable {
    init(from reader: inout CacheReader) throws(CacheReader.Damage) {
        let path = try reader.string()
        let kind: Kind
        switch try reader.byte() {
        case 0: kind = .item
        case 1: kind = .sectionIndex
        case 2: kind = .homeIndex
        default: throw CacheReader.Damage(what: "file kind")
        }
        self.init(path: path, kind: kind, section: try reader.optional(), languageSuffix: try reader.optional(),
                  name: try reader.string(), bundleDirectory: try reader.optional(), translationStem: try reader.string())
    }

    func store(in writer: inout CacheWriter) {
        writer.write(path)
        switch kind {
        case .item: writer.write(0 as UInt8)
        case .sectionIndex: writer.write(1 as UInt8)
        case .homeIndex: writer.write(2 as UInt8)
        }
        writer.write(section)
        writer.write(languageSuffix)
        writer.write(name)
        writer.write(bundleDirectory)
        writer.write(translationStem)
    }
}

extension Item: CacheStorable {
    init(from reader: inout CacheReader) throws(CacheReader.Damage) {
        self.init(file: try reader.value(), frontMatter: try reader.value(), language: try reader.string(), slug: try reader.string(),
                  translationKey: try reader.string(), bodyFirstLine: try reader.integer(), contentHash: try reader.word())
    }

    func store(in writer: inout CacheWriter) {
        writer.write(file)
        writer.write(frontMatter)
        writer.write(language)
        writer.write(slug)
        writer.write(translationKey)
        writer.write(bodyFirstLine)
        writer.write(contentHash)
    }
}

extension Diagnostic: CacheStorable {
    init(from reader: inout CacheReader) throws(CacheReader.Damage) {
        let path = try reader.string()
        let line: Int? = try reader.optional()
        let column: Int? = try reader.optional()
        let severity: Severity = try reader.bool() ? .error : .warning
        self.init(path: path, line: line, column: column, severity: severity, message: try reader.string(), hint: try reader.optional())
    }

    func store(in writer: inout CacheWriter) {
        writer.write(path)
        writer.write(line)
        writer.write(column)
        writer.write(severity == .error)
        writer.write(message)
        writer.write(hint)
    }
}

extension ParsedEntry: CacheStorable {
    init(from reader: inout CacheReader) throws(CacheReader.Damage) {
        self.init(contentHash: try reader.word(), item: try reader.value(), diagnostics: try reader.array(),
                  stamp: try reader.bool() ? try reader.word() : nil)
    }

    func store(in writer: inout CacheWriter) {
        writer.write(contentHash)
        writer.write(item)
        writer.write(diagnostics)
        writer.write(stamp != nil)
        if let stamp { writer.write(stamp) }
    }
}

extension LinkReference: CacheStorable {
    init(from reader: inout CacheReader) throws(CacheReader.Damage) {
        self.init(destination: try reader.string(), isImage: try reader.bool())
    }

    func store(in writer: inout CacheWriter) {
        writer.write(destination)
        writer.write(isImage)
    }
}

/// `extras.contentHTML` is never stored: HTML is rendered again when a feed needs it.
extension MarkdownFacts: CacheStorable {
    init(from reader: inout CacheReader) throws(CacheReader.Damage) {
        contentHash = try reader.word()
        links = try reader.array()
        resolutions = try reader.word()
        let summary = try reader.string()
        let readingMinutes = try reader.integer()
        let imageURL: String? = try reader.optional()
        let thumbnail = try reader.bool() ? (url: try reader.string(), alt: try reader.string()) : nil
        extras = PageExtras(summary: summary, readingMinutes: readingMinutes, imageURL: imageURL, thumbnail: thumbnail)
        diagnostics = try reader.array()
        searchTerms = try reader.optional()
        searchTextDigest = try reader.optional()
    }

    func store(in writer: inout CacheWriter) {
        writer.write(contentHash)
        writer.write(links)
        writer.write(resolutions)
        writer.write(extras.summary)
        writer.write(extras.readingMinutes)
        writer.write(extras.imageURL)
        writer.write(extras.thumbnail != nil)
        if let thumbnail = extras.thumbnail {
            writer.write(thumbnail.url)
            writer.write(thumbnail.alt)
        }
        writer.write(diagnostics)
        writer.write(searchTerms)
        writer.write(searchTextDigest)
    }
}

extension DocumentTerms: CacheStorable {
    init(from reader: inout CacheReader) throws(CacheReader.Damage) {
        self.init(length: try reader.integer(), encoded: try reader.bytes())
    }

    func store(in writer: inout CacheWriter) {
        writer.write(length)
        writer.write(bytes: encoded)
    }
}

extension TermTable: CacheStorable {
    /// The terms back to back and where each ends, read back in number order.
    init(from reader: inout CacheReader) throws(CacheReader.Damage) {
        let arena = try reader.bytes()
        let count = try reader.integer()
        self.init(capacity: count)
        var start = 0
        for _ in 0..<count {
            let end = try reader.integer()
            guard start <= end, end <= arena.count else { throw CacheReader.Damage(what: "search lexicon") }
            arena.withUnsafeBufferPointer { arena in _ = insert(UnsafeBufferPointer(rebasing: arena[start..<end])) }
            start = end
        }
        guard self.count == count else { throw CacheReader.Damage(what: "search lexicon") }
    }

    func store(in writer: inout CacheWriter) {
        withStorage { arena, bounds in
            writer.write(bytes: Array(arena))
            writer.write(bounds.count - 1)
            for end in bounds.dropFirst() { writer.write(end) }
        }
    }
}

extension SearchBlocks: CacheStorable {
    init(from reader: inout CacheReader) throws(CacheReader.Damage) {
        self.init(blocks: try reader.array())
    }

    func store(in writer: inout CacheWriter) { writer.write(blocks) }
}

extension SearchBlockSums: CacheStorable {
    init(from reader: inout CacheReader) throws(CacheReader.Damage) {
        self.init(inputs: try reader.word(), sums: try reader.array())
    }

    func store(in writer: inout CacheWriter) {
        writer.write(inputs)
        writer.write(sums)
    }
}

extension OutputRecord: CacheStorable {
    init(from reader: inout CacheReader) throws(CacheReader.Damage) {
        self.init(signature: try reader.word(), stamp: try reader.word(), contextReads: try reader.optional())
    }

    func store(in writer: inout CacheWriter) {
        writer.write(signature)
        writer.write(stamp)
        writer.write(contextReads)
    }
}

extension ContextReadRecord: CacheStorable {
    /// Each read as one varint: the page's index, shifted, with the kind of read below it.
    init(from reader: inout CacheReader) throws(CacheReader.Damage) {
        let key = try reader.word()
        let count = try reader.integer()
        guard count >= 0 else { throw CacheReader.Damage(what: "read count") }
        var reads: [ContextRead] = []
        reads.reserveCapacity(count)
        for _ in 0..<count {
            let word = try reader.varint()
            let index = Int(truncatingIfNeeded: word >> 2)
            switch word & 3 {
            case 0: reads.append(.page(index))
            case 1: reads.append(.related(index))
            case 2: reads.append(.future(index))
            default: throw CacheReader.Damage(what: "read")
            }
        }
        self.init(key: key, reads: reads)
    }

    func store(in writer: inout CacheWriter) {
        writer.write(key)
        writer.write(reads.count)
        for read in reads {
            switch read {
            case .page(let index): writer.write(varint: UInt64(index) << 2)
            case .related(let index): writer.write(varint: UInt64(index) << 2 | 1)
            case .future(let index): writer.write(varint: UInt64(index) << 2 | 2)
            }
        }
    }
}
