/// Tells whether an article's context would come out as the previous build's without building
/// it. The key is a digest of what the context read (`ContextRead`, recorded while it was
/// built), and is taken the same way when the context is built and when a later build checks
/// the recorded reads. So a kept article whose key is unchanged keeps its signature, and only
/// the articles that read something that changed are built again.
///
/// What each read stands for:
/// - a page: its item, and its place in the graph (`digest(of:)`);
/// - a page's related items: their indices;
/// - a page's date still to come: that comparison with this build's time.
///
/// The article's own Markdown inputs, from which its extras come, are part of the key too.
///
/// `shared` stands for everything else a context can read. It is made once per build by
/// reflection (`ReflectedDigest`) over:
/// - the site graph without its pages, outputs and source index: the pages are read through
///   `ContextRead`, and contexts read neither of the others (`ContextReadKeyTests` checks this
///   on built sites);
/// - the theme without its compiled templates, which its fingerprint stands for;
/// - the render mode, the share picture's size, and the builder's extras.
struct ContextReadKey: Sendable {
    let shared: UInt64
    /// `digest(of:)` of every page, by index.
    let pages: [UInt64]

    init(contexts: PageContextBuilder) async {
        var shape = contexts.site
        shape.pages = []
        shape.outputs = []
        shape.pageBySourcePath = [:]
        var theme = contexts.theme
        theme.library = TemplateLibrary()
        var hasher = StableHasher()
        hasher.combine(ReflectedDigest.of(shape))
        hasher.combine(ReflectedDigest.of(theme))
        hasher.combine(ReflectedDigest.of(contexts.mode))
        hasher.combine(ReflectedDigest.of(contexts.themeShareImageSize as Any))
        hasher.combine(ReflectedDigest.of(contexts.extras))
        shared = hasher.value
        let site = contexts.site
        pages = await ConcurrentMap.map(Array(site.pages.indices), chunkSize: 256) { Self.digest(of: site.pages[$0]) }
    }

    /// Every property of a page. `ContextReadKeyTests` lists `Page`'s properties, so that one
    /// added later fails there until it is digested here.
    ///
    /// The item is stood for by its file's path and content hash. Under one cache key (the
    /// program and site.yml) an item is a function of those two, which is also what lets the
    /// build cache reuse parsed front matter (`ParsedEntry`).
    static func digest(of page: Page) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(page.item.path)
        hasher.combine(page.item.contentHash)
        hasher.combine(page.sitePath)
        hasher.combine(page.outputPath)
        hasher.combine(page.section)
        hasher.combine(page.newer ?? -1)
        hasher.combine(page.older ?? -1)
        hasher.combine(page.translations.count)
        for index in page.translations { hasher.combine(index) }
        hasher.combine(page.tags.count)
        for index in page.tags { hasher.combine(index) }
        return hasher.value
    }

    /// The key of `reads` in this build; nil when a read names a page this build does not have.
    func key(_ reads: [ContextRead], markdown: MarkdownInputs, contexts: PageContextBuilder, now: NewsDate) -> UInt64? {
        var hasher = StableHasher()
        hasher.combine(shared)
        hasher.combine(markdown.contentHash)
        hasher.combine(markdown.resolutions)
        for read in reads {
            switch read {
            case .page(let index):
                guard pages.indices.contains(index) else { return nil }
                hasher.combine(0 as UInt8)
                hasher.combine(index)
                hasher.combine(pages[index])
            case .related(let index):
                guard pages.indices.contains(index) else { return nil }
                let related = contexts.related.of(index)
                hasher.combine(1 as UInt8)
                hasher.combine(index)
                hasher.combine(related.count)
                for other in related { hasher.combine(other) }
            case .future(let index):
                guard pages.indices.contains(index) else { return nil }
                hasher.combine(2 as UInt8)
                hasher.combine(index)
                hasher.combine(PageContextBuilder.isFuture(contexts.site.pages[index], now: now))
            }
        }
        return hasher.value
    }
}

/// What an article's context read, and the key of those reads (`ContextReadKey`), kept with
/// its output record for the next build.
struct ContextReadRecord: Sendable, Equatable {
    var key: UInt64
    var reads: [ContextRead]
}
