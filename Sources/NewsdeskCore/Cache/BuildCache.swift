/// What one build learned that the next can reuse: parsed front matter, the facts rendering
/// each item's Markdown produced, and a signature of every output's inputs.
///
/// A value, so the preview server can keep one in memory between rebuilds and `newsdesk build`
/// can store one in `.newsdesk-cache/` (`BuildCacheStore`). Every entry is checked before it
/// is used: parse results against the file's content hash, Markdown facts against the content
/// hash and how each link resolves now, outputs against a signature of everything the page
/// shows and against the file the sink still holds. Anything that does not match is rebuilt.
public struct BuildCache: Sendable {
    /// Bump when the meaning of any entry changes.
    static let formatVersion: UInt64 = 14

    /// Identifies the newsdesk program (its executable), so that a new version never reuses
    /// what an older one rendered; 0 where no program is involved (tests, the library alone).
    public let engine: UInt64
    /// Engine and site configuration; entries made under another key are never used.
    public internal(set) var key: UInt64
    var parsed: [String: ParsedEntry] = [:]
    var markdown: [String: MarkdownFacts] = [:]
    var outputs: [String: OutputRecord] = [:]
    /// `SiteLinkResolver.fingerprint` of the build that made the entries.
    var linkTargets: UInt64 = 0
    /// Each language's search index sums, block by block (`SearchStage`).
    var searchBlocks: [String: SearchBlocks] = [:]
    /// The terms `markdown`'s body terms are numbered in (`SharedLexicon`): the next build's
    /// lexicon starts from it and only grows, so every cached body keeps its meaning.
    var searchLexicon = TermTable()
    /// The graph the build resolved, for the next build in the same process (the preview);
    /// never stored on disk, where reading it back would cost more than resolving it.
    var graph: ResolvedGraph?

    /// An empty cache: the first build, or `--clean`.
    public init(engine: UInt64 = 0) {
        self.engine = engine
        key = 0
    }

    init(engine: UInt64, key: UInt64) {
        self.engine = engine
        self.key = key
    }

    public var isEmpty: Bool { parsed.isEmpty && markdown.isEmpty && outputs.isEmpty }

    /// The key a build with this configuration (the bytes of `site.yml`) uses.
    func key(configuration: [UInt8]) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(Self.formatVersion)
        hasher.combine(engine)
        hasher.combine(StableHasher.fingerprint(configuration))
        return hasher.value
    }

    /// Whether `self`, produced by a build that reused what `use` says, holds exactly the
    /// entries of `previous`: every entry came from it unchanged and none was added or dropped.
    /// Storing it again would then only cost time.
    public func isUnchanged(from previous: BuildCache, use: CacheUse) -> Bool {
        key == previous.key && engine == previous.engine
            && parsed.count == previous.parsed.count && use.parsedReused == parsed.count
            && outputs.count == previous.outputs.count && use.outputsReused == outputs.count && use.recordsRefreshed == 0
            && markdown.count == previous.markdown.count && linkTargets == previous.linkTargets
            && searchBlocks == previous.searchBlocks
            // The lexicon only grows from the previous one: the same count is the same terms.
            && searchLexicon.count == previous.searchLexicon.count
    }

    /// Drops the Markdown facts and output records of pages and outputs `site` no longer has.
    /// A build starts from the previous cache and replaces the entries that changed, so only
    /// what was deleted can be left over; when the counts show nothing was, nothing is looked at.
    /// - Parameters:
    ///   - others: outputs besides the planned ones that have records (the search index files);
    ///   - withFacts: how many of the site's pages have Markdown facts;
    ///   - withRecords: how many of its outputs have a record.
    mutating func dropEntries(besides site: Site, outputs others: [String] = [], withFacts: Int, withRecords: Int) {
        Self.dropEntries(of: &outputs, besides: site.outputs.map(\.path) + others, keeping: withRecords)
        Self.dropEntries(of: &markdown, besides: site.pages.map(\.item.path), keeping: withFacts)
    }

    /// Keeps only the entries of `paths`, of which `count` have one; looks at nothing when
    /// `entries` holds that many.
    static func dropEntries<Entry>(of entries: inout [String: Entry], besides paths: @autoclosure () -> [String], keeping count: Int) {
        guard entries.count != count else { return }
        let current = Set(paths())
        entries = entries.filter { current.contains($0.key) }
    }

    /// The entries of `self` usable under `key`: all of them, or none.
    func usable(under key: UInt64) -> BuildCache {
        self.key == key ? self : BuildCache(engine: engine, key: key)
    }
}

/// A Markdown file's parse result, valid while its bytes hash to `contentHash`.
struct ParsedEntry: Sendable {
    var contentHash: UInt64
    var item: Item
    var diagnostics: [Diagnostic]
    /// The file's `SiteSource.stamp` when it was read; while it is the same, the file is not
    /// read again.
    var stamp: UInt64?
}

/// A link or image destination an item's Markdown (or its front-matter image) names.
struct LinkReference: Sendable, Hashable {
    var destination: String
    var isImage: Bool
}

/// What rendering an item's Markdown taught the build besides its HTML. Valid while the file
/// is unchanged and every link in it resolves as it did (`resolutions`).
struct MarkdownFacts: Sendable {
    var contentHash: UInt64
    var links: [LinkReference]
    var resolutions: UInt64
    var extras: PageExtras
    var diagnostics: [Diagnostic]
    /// The body's terms for the search index; nil when the site builds no index.
    var searchTerms: DocumentTerms?
    /// The digest of the body's text for its search document (`SearchIndexLayout.textDigest`
    /// of `SearchFragment`'s text): what a kept page's document in its chunk is checked
    /// against. The text itself is not kept; a chunk that must change gets the texts of its
    /// kept pages from their bodies parsed again (`MarkdownRenderer.searchText(of:)`). Nil when the site builds no index.
    var searchTextDigest: UInt64?

    /// How `links` resolve against `resolver` today, as one number.
    static func resolutions(of links: [LinkReference], from path: String, resolver: any LinkResolving) -> UInt64 {
        var digest = LinkResolutionDigest()
        for link in links {
            digest.add(link, resolver.resolve(link.destination, from: path, kind: link.isImage ? .image : .link))
        }
        return digest.value
    }
}

/// The number `MarkdownFacts.resolutions` computes, fed one link at a time by whoever resolves
/// the links anyway: the Markdown renderer resolves every link of a body while rendering, and
/// resolving each one again only to hash the answers cost a fifth as much as rendering.
struct LinkResolutionDigest: Sendable {
    private var hasher = StableHasher()

    init() {}

    mutating func add(_ link: LinkReference, _ resolution: LinkResolution) {
        hasher.combine(link.destination)
        switch resolution {
        case .unchanged: hasher.combine(0 as UInt8)
        case .rewritten(let url): hasher.combine(1 as UInt8); hasher.combine(url)
        case .broken(let message, let hint): hasher.combine(2 as UInt8); hasher.combine(message); hasher.combine(hint)
        case .unlinked(let message, let hint): hasher.combine(3 as UInt8); hasher.combine(message); hasher.combine(hint)
        }
    }

    var value: UInt64 { hasher.value }
}

/// An output as the previous build left it: the signature of its inputs and the sink's stamp
/// of the file (so a file changed or removed by hand is never kept).
struct OutputRecord: Sendable, Equatable {
    var signature: UInt64
    var stamp: UInt64
    /// For a page from the theme: what its context read (`ContextReadKey`).
    var contextReads: ContextReadRecord? = nil

    /// This record for a file kept as it is, holding `reads` instead: nil when it holds them
    /// already, so that an unchanged record is not written again.
    func holding(_ reads: ContextReadRecord?) -> OutputRecord? {
        guard reads != contextReads else { return nil }
        var record = self
        record.contextReads = reads
        return record
    }
}

/// How much of a build came from the cache, for the summary line.
public struct CacheUse: Sendable, Equatable {
    /// Markdown files whose front matter was not parsed again.
    public var parsedReused = 0
    /// Outputs neither rendered nor written: the previous file was kept.
    public var outputsReused = 0
    /// The HTML pages among them.
    public var pagesReused = 0
    /// Kept outputs whose record was written again: an article whose context read something
    /// that changed, yet came out the same, now with what it read this time.
    public var recordsRefreshed = 0
    /// Whether the previous build's site graph was reused (only item bodies had changed).
    public var graphReused = false
    /// Outputs the build produced in all.
    public var outputs = 0

    public init() {}
}
