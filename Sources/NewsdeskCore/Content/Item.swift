/// A parsed Markdown file: where it is, what its front matter says, and where its body starts.
/// Bodies are not kept: they are read again when the page is rendered, so memory grows with
/// the number of items, not with the size of the archive.
///
/// An item never changes once parsed, and it is copied many times per build (into pages, the
/// graph's listings, the cache, every signature and context that reads a page), so its fields
/// sit behind one immutable reference: a copy counts one reference instead of twenty-odd
/// strings and collections, each of them reference counted.
public struct Item: Sendable, Hashable {
    struct Fields: Sendable, Hashable {
        var file: ContentFile
        var frontMatter: FrontMatter
        var language: String
        var slug: String
        var translationKey: String
        var bodyFirstLine: Int
        var contentHash: UInt64
    }

    private final class Box: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private let box: Box

    init(file: ContentFile, frontMatter: FrontMatter, language: String, slug: String, translationKey: String,
         bodyFirstLine: Int, contentHash: UInt64) {
        box = Box(Fields(file: file, frontMatter: frontMatter, language: language, slug: slug, translationKey: translationKey,
                         bodyFirstLine: bodyFirstLine, contentHash: contentHash))
    }

    var fields: Fields { box.fields }

    public var file: ContentFile { box.fields.file }
    public var frontMatter: FrontMatter { box.fields.frontMatter }
    public var language: String { box.fields.language }
    public var slug: String { box.fields.slug }
    /// Items sharing a key are translations of each other.
    public var translationKey: String { box.fields.translationKey }
    /// Line in the file where the Markdown body begins.
    public var bodyFirstLine: Int { box.fields.bodyFirstLine }
    /// Fingerprint of the file's bytes, for caches.
    public var contentHash: UInt64 { box.fields.contentHash }

    public var path: String { box.fields.file.path }
    public var section: String? { box.fields.file.section }
    public var title: String { box.fields.frontMatter.title ?? "" }
    public var date: NewsDate { box.fields.frontMatter.date ?? NewsDate(secondsSinceEpoch: 0, hasTime: false) }
    public var isDraft: Bool { box.fields.frontMatter.draft }
    /// `lastmod:`/`updated:` when the editor gave one, else the publication date.
    public var lastModified: NewsDate { box.fields.frontMatter.lastModified ?? date }

    public static func == (lhs: Item, rhs: Item) -> Bool { lhs.box === rhs.box || lhs.box.fields == rhs.box.fields }

    public func hash(into hasher: inout Hasher) { hasher.combine(box.fields) }
}

/// Reads one Markdown file into an `Item`: decoding, front matter, slug and language.
public struct ItemParser: Sendable {
    public var frontMatterParser: FrontMatterParser
    public var defaultLanguage: String

    public init(config: SiteConfig) {
        frontMatterParser = FrontMatterParser(timeZone: config.timeZone, languageCodes: config.languageCodes)
        defaultLanguage = config.defaultLanguage
    }

    public struct Parsed: Sendable {
        public var item: Item?
        /// The body, for callers that render right away (section intros, `check`).
        public var body: Substring?
        public var diagnostics: [Diagnostic]
    }

    /// - Parameter contentHash: `StableHasher.fingerprint(bytes)` when the caller has it already
    ///   (the build hashes every file to compare it with the cache before parsing it).
    public func parse(_ file: ContentFile, bytes: [UInt8], contentHash: UInt64? = nil) -> Parsed {
        let text: String
        switch SourceText.decode(bytes, path: file.path) {
        case .success(let decoded): text = decoded
        case .failure(let problem): return Parsed(item: nil, body: nil, diagnostics: [problem.diagnostic])
        }
        let split: FrontMatterSplit
        switch FrontMatterSplit.split(text, path: file.path) {
        case .success(let value): split = value
        case .failure(let diagnostic): return Parsed(item: nil, body: nil, diagnostics: [diagnostic])
        }
        let requirement: FrontMatterParser.Requirement = file.kind == .item ? .item : .index
        var (frontMatter, diagnostics) = frontMatterParser.parse(split, path: file.path, requirement: requirement)
        let language = frontMatter.lang ?? file.languageSuffix ?? defaultLanguage
        if let suffix = file.languageSuffix, let lang = frontMatter.lang, suffix != lang {
            diagnostics.append(.error("the file name says language '\(suffix)' but front matter says lang: \(lang)", path: file.path,
                                      line: frontMatter.line(of: "lang"), hint: "make the two agree, or drop one of them"))
        }
        var slug = frontMatter.slug ?? Slug.fromFileName(file.name)
        if slug.isEmpty {
            // A name made only of punctuation: fall back to the title, then to a fingerprint.
            slug = Slug.make(from: frontMatter.title ?? "")
            if slug.isEmpty { slug = "item-\(String(ContentHash.of(Array(file.path.utf8)) % 1_000_000))" }
            diagnostics.append(.warning("the file name gives no usable slug; using '\(slug)'", path: file.path, line: 1,
                                        hint: "add slug: some-words to the front matter"))
        }
        if frontMatter.slug == nil, file.kind == .item, slug.unicodeScalars.contains(where: { !$0.isASCII }) {
            diagnostics.append(.warning("the link to this item will contain '\(slug)', percent-encoded in addresses", path: file.path,
                                        line: 1, hint: "add slug: some-latin-words to the front matter for a short, readable link"))
        }
        if diagnostics.hasErrors { return Parsed(item: nil, body: split.body, diagnostics: diagnostics) }
        let key = frontMatter.translationKey.map { "key:\($0)" } ?? "path:\(file.translationStem)"
        let item = Item(file: file, frontMatter: frontMatter, language: language, slug: slug, translationKey: key,
                        bodyFirstLine: split.bodyFirstLine, contentHash: contentHash ?? StableHasher.fingerprint(bytes))
        return Parsed(item: item, body: split.body, diagnostics: diagnostics)
    }
}

/// FNV-1a over 64 bits: stable across processes and machines (unlike `Hasher`), enough to
/// notice that a file changed.
public enum ContentHash {
    public static func of(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    public static func of(_ text: String) -> UInt64 { of(Array(text.utf8)) }
}
