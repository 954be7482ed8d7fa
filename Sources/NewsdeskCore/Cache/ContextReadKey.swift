/// Tells whether a page's context would come out as the previous build's without building it.
/// The key is a digest of what the context read (`ContextRead`, recorded while it was built),
/// and is taken the same way when the context is built and when a later build checks the
/// recorded reads. So a kept page whose key is unchanged keeps its signature, and only the
/// pages that read something that changed are built again.
///
/// What each read stands for:
/// - a page: its item, its place in the graph, and what rendering its Markdown gave listings
///   (`digest(of:extras:)`);
/// - a page's related items: their indices;
/// - a page's date still to come: that comparison with this build's time.
///
/// The caller adds what is its own (`own`): an article's Markdown inputs, from which its extras
/// come; a listing's kind (which, with the theme, decides its template).
///
/// `shared` stands for everything else a context can read. It is made once per build by
/// reflection (`ReflectedDigest`) over:
/// - the site graph without its pages, outputs and source index: the pages are read through
///   `ContextRead`, and contexts read neither of the others (`ContextReadKeyTests` checks this
///   on built sites);
/// - the theme without its compiled templates, which its fingerprint stands for;
/// - the render mode, the share picture's size, and `inputs` (the listings' intros).
struct ContextReadKey: Sendable {
    /// The reflected part of `shared`: the graph's shape, the theme, the mode, the share picture.
    let graph: UInt64
    let shared: UInt64
    /// `digest(of:extras:)` of every page, by index.
    let pages: [UInt64]

    /// - Parameter graph: the `graph` of another key made this build from the same site, theme,
    ///   mode and share picture (the listings' builder is made from the articles'), which
    ///   spares reflecting over them again.
    init(contexts: PageContextBuilder, inputs: UInt64 = 0, graph: UInt64? = nil) async {
        self.graph = graph ?? Self.graph(contexts)
        var hasher = StableHasher()
        hasher.combine(self.graph)
        hasher.combine(inputs)
        shared = hasher.value
        let (site, extras) = (contexts.site, contexts.extras)
        pages = await ConcurrentMap.map(Array(site.pages.indices), chunkSize: 256) { index in
            Self.digest(of: site.pages[index], extras: extras.indices.contains(index) ? extras[index] : nil)
        }
    }

    private static func graph(_ contexts: PageContextBuilder) -> UInt64 {
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
        return hasher.value
    }

    /// Every property of a page, and of its extras when the builder has them (the listings').
    /// `ContextReadKeyTests` lists the properties of `Page` and `PageExtras`, so that one added
    /// later fails there until it is digested here.
    ///
    /// The item is stood for by its file's path and content hash. Under one cache key (the
    /// program and site.yml) an item is a function of those two, which is also what lets the
    /// build cache reuse parsed front matter (`ParsedEntry`).
    static func digest(of page: Page, extras: PageExtras? = nil) -> UInt64 {
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
        hasher.combine(extras != nil)
        if let extras {
            hasher.combine(extras.summary)
            hasher.combine(extras.readingMinutes)
            hasher.combine(extras.imageURL)
            hasher.combine(extras.thumbnail?.url)
            hasher.combine(extras.thumbnail?.alt)
            hasher.combine(extras.contentHTML)
        }
        return hasher.value
    }

    /// An article's own part of its key: the inputs of its Markdown.
    static func own(_ markdown: MarkdownInputs) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(markdown.contentHash)
        hasher.combine(markdown.resolutions)
        return hasher.value
    }

    /// What a context built now records: its reads and their key (nil when a read names a page
    /// this build does not have, which cannot be: the reads are this build's).
    func record(_ reads: [ContextRead], own: UInt64, contexts: PageContextBuilder, now: NewsDate) -> ContextReadRecord? {
        key(reads, own: own, contexts: contexts, now: now).map { ContextReadRecord(key: $0, reads: reads) }
    }

    /// The signature `record` holds, when the key of its reads is the same in this build: the
    /// context would come out as it did then, so it need not be built.
    func signature(standingIn record: OutputRecord, own: UInt64, contexts: PageContextBuilder, now: NewsDate) -> UInt64? {
        guard let recorded = record.contextReads, key(recorded.reads, own: own, contexts: contexts, now: now) == recorded.key else { return nil }
        return record.signature
    }

    /// The key of `reads` in this build; nil when a read names a page this build does not have.
    func key(_ reads: [ContextRead], own: UInt64, contexts: PageContextBuilder, now: NewsDate) -> UInt64? {
        var hasher = StableHasher()
        hasher.combine(shared)
        hasher.combine(own)
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

/// What a page's context read, and the key of those reads (`ContextReadKey`), kept with
/// its output record for the next build.
struct ContextReadRecord: Sendable, Equatable {
    var key: UInt64
    var reads: [ContextRead]
}
