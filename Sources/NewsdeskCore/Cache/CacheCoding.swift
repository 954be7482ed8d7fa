import Foundation

// How cache entries are stored. Items, front matter and diagnostics use their synthesized
// `Codable` conformances, so a field added to them is stored without anyone remembering to.

extension TemplateValue: Codable {
    private enum Tag: UInt8, Codable { case null, bool, string, list, map }

    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        switch try container.decode(Tag.self) {
        case .null: self = .null
        case .bool: self = .bool(try container.decode(Bool.self))
        case .string: self = .string(try container.decode(String.self))
        case .list: self = .list(try container.decode([TemplateValue].self))
        case .map:
            let keys = try container.decode([String].self)
            let values = try container.decode([TemplateValue].self)
            guard keys.count == values.count else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "map keys and values differ in number")
            }
            self = .map(Array(zip(keys, values)))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        switch self {
        case .null: try container.encode(Tag.null)
        case .bool(let value): try container.encode(Tag.bool); try container.encode(value)
        case .string(let value): try container.encode(Tag.string); try container.encode(value)
        case .list(let values): try container.encode(Tag.list); try container.encode(values)
        case .map(let pairs):
            try container.encode(Tag.map)
            try container.encode(pairs.map(\.0))
            try container.encode(pairs.map(\.1))
        }
    }
}


extension MarkdownFacts: Codable {
    private enum CodingKeys: String, CodingKey {
        case contentHash, links, resolutions, summary, readingMinutes, imageURL, thumbnailURL, thumbnailAlt, diagnostics
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        contentHash = try container.decode(UInt64.self, forKey: .contentHash)
        links = try container.decode([LinkReference].self, forKey: .links)
        resolutions = try container.decode(UInt64.self, forKey: .resolutions)
        let thumbnailURL = try container.decodeIfPresent(String.self, forKey: .thumbnailURL)
        let thumbnailAlt = try container.decodeIfPresent(String.self, forKey: .thumbnailAlt) ?? ""
        extras = PageExtras(summary: try container.decode(String.self, forKey: .summary),
                            readingMinutes: try container.decode(Int.self, forKey: .readingMinutes),
                            imageURL: try container.decodeIfPresent(String.self, forKey: .imageURL),
                            thumbnail: thumbnailURL.map { ($0, thumbnailAlt) })
        diagnostics = try container.decode([Diagnostic].self, forKey: .diagnostics)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(contentHash, forKey: .contentHash)
        try container.encode(links, forKey: .links)
        try container.encode(resolutions, forKey: .resolutions)
        try container.encode(extras.summary, forKey: .summary)
        try container.encode(extras.readingMinutes, forKey: .readingMinutes)
        try container.encodeIfPresent(extras.imageURL, forKey: .imageURL)
        try container.encodeIfPresent(extras.thumbnail?.url, forKey: .thumbnailURL)
        try container.encodeIfPresent(extras.thumbnail?.alt, forKey: .thumbnailAlt)
        try container.encode(diagnostics, forKey: .diagnostics)
    }
}

/// The stored form of a `BuildCache`.
struct StoredBuildCache: Codable {
    var engine: UInt64
    var key: UInt64
    var parsed: [String: ParsedEntry]
    var markdown: [String: MarkdownFacts]
    var outputs: [String: OutputRecord]
    var linkTargets: UInt64

    init(_ cache: BuildCache) {
        engine = cache.engine
        key = cache.key
        parsed = cache.parsed
        markdown = cache.markdown
        outputs = cache.outputs
        linkTargets = cache.linkTargets
    }

    var cache: BuildCache {
        var cache = BuildCache(engine: engine, key: key)
        cache.parsed = parsed
        cache.markdown = markdown
        cache.outputs = outputs
        cache.linkTargets = linkTargets
        return cache
    }
}
