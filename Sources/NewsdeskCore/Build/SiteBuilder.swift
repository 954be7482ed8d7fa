import Foundation

/// What a build is asked to do beyond what `site.yml` says.
public struct BuildOptions: Sendable {
    public var includeDrafts = false
    public var includeFuture = false
    /// Overrides `base_url` (CI publishing to another host, the preview server).
    public var baseURL: String?
    public var now = Date()
    public var mode: RenderMode = .publish
    /// Told how many outputs are done out of how many, from any thread (the command line's
    /// progress bar).
    public var progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?
    /// Where encoded photos are kept between builds (`DiskImageStore` in `.newsdesk-cache/`);
    /// nil keeps them in memory for this build only.
    public var imageStore: (any ImageStore)?
    /// Told as the build starts encoding photos (`true`) and when it is done (`false`): a photo's
    /// buffers are megabytes each, so the executable's allocator returns freed memory to the
    /// system at once while they are encoded, and keeps it for reuse in the rest of the build.
    public var photoEncoding: (@Sendable (_ encoding: Bool) -> Void)?

    public init(includeDrafts: Bool = false, includeFuture: Bool = false, baseURL: String? = nil, now: Date = Date(), mode: RenderMode = .publish) {
        self.includeDrafts = includeDrafts
        self.includeFuture = includeFuture
        self.baseURL = baseURL
        self.now = now
        self.mode = mode
    }
}

public struct BuildResult: Sendable {
    public var site: Site?
    public var diagnostics: [Diagnostic]
    /// HTML pages the build produced (items, listings, tags, home, 404, redirects), rendered
    /// or kept from the previous build (`cacheUse.pagesReused` counts those).
    public var pagesRendered: Int
    /// Every file handed to the output, pages and copies alike.
    public var filesProduced: Int
    /// What the next build can reuse (keep it in memory or store it with `BuildCacheStore`).
    public var cache = BuildCache()
    /// How much of this build came from the cache it was given.
    public var cacheUse = CacheUse()
    /// Markdown files whose front matter the build used.
    public var frontMatters = 0
    /// Photos this build encoded; the others came from the image store.
    public var imagesEncoded = 0
    /// The earliest item date after the build's `now`: the same files build differently from then on.
    public var validUntil: NewsDate?
    /// Drafts and scheduled items this build did not publish (the summary line says so).
    public var leftOut = PublicationFilter.LeftOut()
    public var succeeded: Bool { !diagnostics.hasErrors }
}

/// The pipeline: load → parse → resolve the site graph → render → write.
///
/// Each stage is a value-in, value-out function; this type only sequences them, runs the
/// per-item stages on every core and hands bytes to an `OutputSink`. Problems from every stage
/// are collected, so one run reports all of them.
public struct SiteBuilder: Sendable {
    public let source: any SiteSource
    public let options: BuildOptions
    let imageStore: any ImageStore

    /// - Parameter source: the site; its `themes/default` is the built-in theme when it has none.
    public init(source: any SiteSource, options: BuildOptions) {
        self.source = BuiltInThemeSource(wrapping: source)
        self.options = options
        imageStore = options.imageStore ?? MemoryImageStore()
    }

    /// The site graph and everything loaded on the way, before anything is rendered.
    public struct Resolution: Sendable {
        public var site: Site
        public var theme: Theme?
        /// Every parsed item, published or not (for links to drafts).
        public var items: [Item]
        public var diagnostics: [Diagnostic]
        /// Markdown files whose front matter failed (they exist, for links, but are no item).
        public var unparsedSources: Set<String> = []
        /// Items left out of this build as drafts and as dated in the future.
        public var leftOut = PublicationFilter.LeftOut()
        /// The given cache's entries that this build's configuration allows to use.
        var previousCache = BuildCache()
        /// Parse results of this build, for the next one.
        var parsedEntries: [String: ParsedEntry] = [:]
        var parsedReused = 0
        /// The graph with its inputs, for the next build's `BuildCache.graph`.
        var graph: ResolvedGraph?
        var graphReused = false
        var frontMatters = 0
        var imagesEncoded = 0
        var validUntil: NewsDate?
    }

    /// - Parameter cache: what a previous build of the same site learned; outputs whose inputs
    ///   did not change are then neither rendered nor written (the sink keeps the previous
    ///   file). The result carries the cache for the next build.
    /// - Parameter changes: which files may differ from what `cache` saw; files it rules out
    ///   are not even read.
    public func build(into sink: any OutputSink, cache: BuildCache = BuildCache(), changes: SourceChanges = .unknown) async -> BuildResult {
        await build(into: sink, loadingCache: { cache }, changes: changes)
    }

    /// - Parameter loadingCache: reads the previous build's cache (`BuildCacheStore.load`, the
    ///   largest file a build reads). It runs beside the reading of the configuration, the theme
    ///   and the list of files, which need no cache.
    public func build(into sink: any OutputSink, loadingCache: @escaping @Sendable () async -> BuildCache,
                      changes: SourceChanges = .unknown) async -> BuildResult {
        await WorkerPool.run {
            async let cache = loadingCache()
            let inputs = load()
            let resolution = await resolve(inputs, cache: await cache, changes: changes, images: true)
            let renderer = OutputStage(site: resolution.site, theme: resolution.theme, source: source, options: options,
                                       allItems: resolution.items, unparsedSources: resolution.unparsedSources, sink: sink,
                                       previous: resolution.previousCache, images: imageStore)
            var produced = await renderer.run()
            produced.cache.parsed = resolution.parsedEntries
            produced.cache.graph = resolution.graph
            produced.cacheUse.parsedReused = resolution.parsedReused
            produced.cacheUse.graphReused = resolution.graphReused
            return BuildResult(site: resolution.site, diagnostics: resolution.diagnostics + produced.diagnostics,
                               pagesRendered: produced.pages, filesProduced: produced.files,
                               cache: produced.cache, cacheUse: produced.cacheUse,
                               frontMatters: resolution.frontMatters, imagesEncoded: resolution.imagesEncoded,
                               validUntil: resolution.validUntil, leftOut: resolution.leftOut)
        }
    }

    /// Load, parse and resolve: enough for `newsdesk list` and for planning a rebuild.
    /// Front matter is parsed again only for files whose bytes differ from `cache`'s.
    /// - Parameter images: runs the image stage (`check` does, to report bad photos); without
    ///   it, photos are planned as the files they are.
    public func resolve(cache: BuildCache = BuildCache(), changes: SourceChanges = .unknown, images: Bool = false) async -> Resolution {
        await WorkerPool.run { await resolve(load(), cache: cache, changes: changes, images: images) }
    }

    /// What a build reads before it parses anything: `site.yml`, the theme, the list of files.
    struct LoadedInputs: Sendable {
        var configuration: [UInt8]
        var config: SiteConfig
        var theme: Theme?
        var classified: ContentClassifier.Result
        var diagnostics: [Diagnostic]
    }

    private func load() -> LoadedInputs {
        var diagnostics: [Diagnostic] = []
        let configuration = (try? source.read(SiteConfigParser.path)) ?? []
        var config = loadConfig(&diagnostics)
        let (theme, themeProblems) = ThemeLoader(source: source).load(config.theme, namedOnLine: config.lines["theme"])
        diagnostics += themeProblems
        let (contentPaths, walkProblems) = source.files(under: "content")
        diagnostics += walkProblems
        let classified = ContentClassifier(languageCodes: config.languageCodes).classify(contentPaths)
        diagnostics += classified.diagnostics
        if let baseURL = options.baseURL { config.baseURL = baseURL }
        diagnostics += theme?.missingWords(languages: config.languageCodes, defaultLanguage: config.defaultLanguage) ?? []
        if config.search.enabled, let theme { diagnostics += SearchScriptCheck(source: source).problems(theme: theme) }
        return LoadedInputs(configuration: configuration, config: config, theme: theme, classified: classified, diagnostics: diagnostics)
    }

    private func resolve(_ inputs: LoadedInputs, cache: BuildCache, changes: SourceChanges, images: Bool) async -> Resolution {
        var diagnostics = inputs.diagnostics
        let (config, theme, classified) = (inputs.config, inputs.theme, inputs.classified)
        let previous = cache.usable(under: cache.key(configuration: inputs.configuration))

        // Photos are encoded, or found in the image store.
        let imageStage = ImageStage(settings: config.images, source: source, store: imageStore)
        var pictures = ImageStage.Result(catalog: ImageCatalog(settings: config.images))
        if images, classified.assets.contains(where: ImageStage.handles) {
            options.photoEncoding?(true)
            pictures = await imageStage.run(classified.assets)
            options.photoEncoding?(false)
        }

        // Parse every Markdown file's front matter.
        let parser = ItemParser(config: config)
        let source = self.source
        let parsed = await ConcurrentMap.map(classified.markdown) { file -> (parsed: ItemParser.Parsed, entry: ParsedEntry?, reused: Bool) in
            let cached = previous.parsed[file.path].flatMap { $0.item.file == file ? $0 : nil }
            func reuse(_ entry: ParsedEntry) -> (parsed: ItemParser.Parsed, entry: ParsedEntry?, reused: Bool) {
                (ItemParser.Parsed(item: entry.item, body: nil, diagnostics: entry.diagnostics), entry, true)
            }
            // A file the caller knows is unchanged, or whose stamp is the one it had, is not even read.
            if let cached, !changes.mayHaveChanged(file.path) { return reuse(cached) }
            let stamp = source.stamp(of: file.path)
            if let cached, let stamp, cached.stamp == stamp { return reuse(cached) }
            do {
                let bytes = try source.read(file.path)
                let hash = StableHasher.fingerprint(bytes)
                if var cached, cached.contentHash == hash {
                    guard cached.stamp != stamp else { return reuse(cached) }
                    // Same bytes under a new stamp (touched, copied): kept, and stored with the stamp.
                    cached.stamp = stamp
                    return (ItemParser.Parsed(item: cached.item, body: nil, diagnostics: cached.diagnostics), cached, false)
                }
                var result = parser.parse(file, bytes: bytes, contentHash: hash)
                result.body = nil
                let entry = result.item.map { ParsedEntry(contentHash: hash, item: $0, diagnostics: result.diagnostics, stamp: stamp) }
                return (result, entry, false)
            } catch {
                return (ItemParser.Parsed(item: nil, body: nil, diagnostics: [.error("the file cannot be read: \((error as? SourceReadError)?.reason ?? "\(error)")", path: file.path)]), nil, false)
            }
        }
        var parsedEntries = previous.parsed
        for (file, outcome) in zip(classified.markdown, parsed) where !outcome.reused { parsedEntries[file.path] = outcome.entry }
        BuildCache.dropEntries(of: &parsedEntries, besides: classified.markdown.map(\.path), keeping: parsed.count { $0.entry != nil })
        let parsedReused = parsed.count(where: \.reused)
        diagnostics += parsed.flatMap(\.parsed.diagnostics)
        let parsedItems = parsed.compactMap(\.parsed.item)
        let unparsedSources = Set(zip(classified.markdown, parsed).lazy.filter { $0.1.parsed.item == nil }.map(\.0.path))
        let items = parsedItems.filter { $0.file.kind == .item }
        let indexes = parsedItems.filter { $0.file.kind != .item }

        // Resolve the graph.
        let filter = PublicationFilter(includeDrafts: options.includeDrafts, includeFuture: options.includeFuture, now: NewsDate(options.now))
        let inputs = SiteInputs(config: config, items: items, indexes: indexes, contentFiles: classified.assets,
                                themeFiles: theme?.staticFiles ?? [], images: pictures.catalog)
        let reused = previous.graph?.reused(for: inputs, filter: filter)
        let (site, graphProblems) = reused ?? SiteGraphResolver(filter: filter).resolve(inputs)
        diagnostics += graphProblems
        return Resolution(site: site, theme: theme, items: items, diagnostics: diagnostics, unparsedSources: unparsedSources,
                          leftOut: filter.leftOut(among: items), previousCache: previous,
                          parsedEntries: parsedEntries, parsedReused: parsedReused,
                          graph: ResolvedGraph(inputs: inputs, filter: filter, site: site, diagnostics: graphProblems),
                          graphReused: reused != nil, frontMatters: classified.markdown.count, imagesEncoded: pictures.encoded,
                          validUntil: filter.nextChange(among: parsedItems))
    }

    private func loadConfig(_ diagnostics: inout [Diagnostic]) -> SiteConfig {
        guard source.exists(SiteConfigParser.path) else { return SiteConfig() }
        do {
            let bytes = try source.read(SiteConfigParser.path)
            switch SourceText.decode(bytes, path: SiteConfigParser.path) {
            case .success(let text):
                let (config, problems) = SiteConfigParser.parse(text)
                diagnostics += problems
                return config
            case .failure(let problem):
                // An empty site.yml is the defaults, as a missing one is.
                if problem.kind == .empty { return SiteConfig() }
                diagnostics.append(problem.diagnostic)
            }
        } catch {
            diagnostics.append(.error("site.yml cannot be read: \(error)", path: SiteConfigParser.path))
        }
        return SiteConfig()
    }
}
