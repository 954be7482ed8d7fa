/// Renders one item's page: its Markdown read again from the source, resolved links, the
/// article template. Runs on many items at once; everything it touches is a value.
public struct ArticleRenderer: Sendable {
    public let site: Site
    public let theme: Theme?
    public let source: any SiteSource
    public let links: any LinkResolving
    public let markdown: MarkdownRenderer
    public let mode: RenderMode
    public let now: NewsDate
    /// Items whose HTML a full-content feed needs.
    public let keepContentFor: Set<Int>

    public struct Result: Sendable {
        public var extras: PageExtras
        /// The page's bytes, nil when only the Markdown was rendered.
        public var html: [UInt8]?
        public var diagnostics: [Diagnostic]
        /// What the next build may reuse; nil when the file could not be read.
        var facts: MarkdownFacts?
        /// The page's `OutputSignature.article`, when a page was rendered.
        var signature: UInt64?
        /// What its context read, with their key, when a page was rendered (`ContextReadKey`).
        var contextReads: ContextReadRecord?
        /// The body's text for its search document, when the site builds an index and the
        /// Markdown was rendered, as UTF-8; not kept in the build cache (`MarkdownFacts.searchTextDigest`).
        var searchText: [UInt8]?
    }

    /// Renders the Markdown and, when `contexts` is given, the page. An article needs only its
    /// own extras; its neighbours' titles and URLs come from the graph, so one pass suffices.
    public func render(_ pageIndex: Int, contexts: PageContextBuilder?) -> Result {
        var counter = DocumentTerms.Counter()
        return finish(read(pageIndex), contexts: contexts, countingTermsIn: &counter)
    }

    /// An item's body read again from its file, then parsed once cmark-gfm allows
    /// (`MarkdownRenderer.parse`): what `finish` renders.
    struct Article {
        enum State {
            /// Why the page cannot be rendered.
            case failed(Result)
            case read(Substring)
            case parsed(CmarkDocument)
        }

        let pageIndex: Int
        fileprivate(set) var state: State
    }

    func read(_ pageIndex: Int) -> Article {
        let item = site.pages[pageIndex].item
        func failed(_ message: String) -> Article {
            Article(pageIndex: pageIndex, state: .failed(Result(extras: PageExtras(), html: nil, diagnostics: [.error(message, path: item.path)])))
        }
        do {
            let bytes = try source.read(item.path)
            guard case .success(let text) = SourceText.decode(bytes, path: item.path),
                  case .success(let split) = FrontMatterSplit.split(text, path: item.path)
            else { return failed("the file changed while building") }
            return Article(pageIndex: pageIndex, state: .read(split.body))
        } catch {
            return failed("the file cannot be read: \(error)")
        }
    }

    /// Parses the body unless it is parsed already (or unreadable); returns whether nothing is
    /// left to parse, which is always so when `waiting`.
    @discardableResult
    func parse(_ article: inout Article, waiting: Bool) -> Bool {
        guard case .read(let body) = article.state else { return true }
        guard let document = markdown.parse(body, waiting: waiting) else { return false }
        article.state = .parsed(document)
        return true
    }

    /// The body's search text alone (`MarkdownRenderer.searchText(of:)`), for a kept page; no
    /// text and the reason when the file could not be read again, as `finish` gives them.
    func searchText(_ article: Article) -> (text: [UInt8], diagnostics: [Diagnostic]) {
        switch article.state {
        case .failed(let failure): return ([], failure.diagnostics)
        case .parsed(let document): return (markdown.searchText(of: document), [])
        case .read(let body): return (markdown.searchText(of: CmarkDocument(markdown: body, options: markdown.parseOptions)), [])
        }
    }

    /// Renders a read or parsed article; its search terms are counted in `counter`, which a
    /// caller finishing many articles keeps from one to the next (`DocumentTerms.Counter`).
    func finish(_ article: Article, contexts: PageContextBuilder?, countingTermsIn counter: inout DocumentTerms.Counter) -> Result {
        let document: CmarkDocument
        switch article.state {
        case .failed(let failure): return failure
        case .parsed(let parsed): document = parsed
        case .read(let body): document = CmarkDocument(markdown: body, options: markdown.parseOptions)
        }
        let pageIndex = article.pageIndex
        let item = site.pages[pageIndex].item
        var diagnostics: [Diagnostic] = []
        let rendered = markdown.render(document, path: item.path, bodyFirstLine: item.bodyFirstLine, links: links,
                                       countingTermsIn: &counter)
        diagnostics += rendered.diagnostics
        var extras = PageExtras(summary: rendered.summary, readingMinutes: rendered.readingStatistics.minutes)
        if let image = item.frontMatter.image, !Self.isWebAddressOrSitePath(image) {
            diagnostics.append(.error("the front-matter image '\(image)' is not a web address or a file of the site", path: item.path,
                                      line: item.frontMatter.line(of: "image"), hint: "use a path such as /images/photo.jpg or an https:// address"))
        } else if let image = item.frontMatter.image {
            switch links.resolve(image, from: item.path, kind: .frontMatterImage) {
            case .unchanged: extras.imageURL = image
            case .rewritten(let url): extras.imageURL = url
            case .broken(let message, let hint), .unlinked(let message, let hint):
                diagnostics.append(.error(message, path: item.path,
                                          line: item.frontMatter.line(of: "image"), hint: hint))
            }
            if (item.frontMatter.imageAlt ?? "").trimmingSpaces().isEmpty {
                diagnostics.append(.warning("the front-matter image has no image_alt text", path: item.path,
                                            line: item.frontMatter.line(of: "image"),
                                            hint: "add image_alt: a short description of the photo"))
            }
        }
        extras.thumbnail = extras.imageURL.map { ($0, item.frontMatter.imageAlt ?? "") } ?? rendered.firstImage
        let references = rendered.links + (item.frontMatter.image.map { [LinkReference(destination: $0, isImage: true)] } ?? [])
        let facts = MarkdownFacts(contentHash: item.contentHash, links: references,
                                  resolutions: rendered.resolutions(addingImage: item.frontMatter.image, from: item.path, resolver: links),
                                  extras: extras, diagnostics: diagnostics, searchTerms: rendered.searchTerms,
                                  searchTextDigest: rendered.searchText.map { SearchIndexLayout.textDigest(utf8: $0) })
        if keepContentFor.contains(pageIndex) { extras.contentHTML = rendered.html }
        guard let contexts, let page = signedContext(pageIndex, facts: facts, contexts: contexts) else {
            return Result(extras: extras, html: nil, diagnostics: diagnostics, facts: facts, searchText: rendered.searchText)
        }
        let html = theme?.library.renderBytes(PageContextBuilder.adding(rendered, to: page.context), template: "article") ?? []
        return Result(extras: extras, html: html, diagnostics: diagnostics, facts: facts, signature: page.signature,
                      contextReads: page.reads, searchText: rendered.searchText)
    }

    /// An article's context without its rendered Markdown, and the page's signature: computed
    /// alike for a page rendered now and for a page the previous build rendered from `facts`,
    /// so they match exactly when the page would come out the same; with what the context read
    /// and their key (`ContextReadKey`). Nil without an article template.
    func signedContext(_ pageIndex: Int, facts: MarkdownFacts,
                       contexts: PageContextBuilder) -> (context: TemplateData, signature: UInt64, reads: ContextReadRecord?)? {
        guard let theme, theme.has("article") else { return nil }
        let markdown = MarkdownInputs(facts)
        let (context, reads) = ContextReads.recording { contexts.article(pageIndex, extra: facts.extras, now: now) }
        let signature = OutputSignature.article("article", context: context, markdown: markdown, program: theme.fingerprint)
        return (context, signature, contexts.readKey?.record(reads, own: ContextReadKey.own(markdown), contexts: contexts, now: now))
    }

    /// The signature `record` holds, when everything its article's context read is as it was
    /// then: the context would come out the same, so it is not built.
    func unchangedSignature(_ pageIndex: Int, facts: MarkdownFacts, record: OutputRecord, contexts: PageContextBuilder) -> UInt64? {
        guard let theme, theme.has("article") else { return nil }
        return contexts.readKey?.signature(standingIn: record, own: ContextReadKey.own(MarkdownInputs(facts)), contexts: contexts, now: now)
    }

    /// A front-matter image is shown on the page and in listings: an http(s) address or a path
    /// (`/images/a.jpg`, `photo.jpg`), never another scheme, however it is spaced.
    static func isWebAddressOrSitePath(_ image: String) -> Bool {
        guard URLPolicy.allows(image) else { return false }
        let trimmed = image.trimmingSpaces()
        guard SiteLinkResolver.hasScheme(trimmed) else { return true }
        let lowered = trimmed.lowercased()
        return lowered.hasPrefix("http:") || lowered.hasPrefix("https:")
    }
}
