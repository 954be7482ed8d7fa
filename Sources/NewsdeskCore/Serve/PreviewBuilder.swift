import Foundation
import Synchronization

/// Builds the site for the preview and swaps each good build in: one call to `SiteBuilder`
/// per rebuild, into memory, never into `output/`.
public struct PreviewBuilder: Sendable {
    public let source: DiskSiteSource
    public let options: BuildOptions
    public let site: PreviewSite
    public let channel: LiveReloadChannel
    /// The last good build's cache and files: the next rebuild renders only what changed.
    private let memory = BuildMemory()

    /// The options `newsdesk serve` builds with: drafts (unless `--no-drafts`) and future items
    /// with the draft banner, links on the preview's own address.
    public static func options(baseURL: String, includeDrafts: Bool, now: Date = Date()) -> BuildOptions {
        BuildOptions(includeDrafts: includeDrafts, includeFuture: true, baseURL: baseURL, now: now, mode: .preview)
    }

    public init(source: DiskSiteSource, options: BuildOptions, site: PreviewSite, channel: LiveReloadChannel) {
        self.source = source
        var options = options
        // The photos encoded by `newsdesk build` are not encoded again; the preview writes
        // nothing into the site folder and keeps what it encodes in memory between rebuilds.
        if options.imageStore == nil { options.imageStore = DiskImageStore(siteRoot: source.root, writes: false) }
        self.options = options
        self.site = site
        self.channel = channel
    }

    /// One line of the terminal log per build.
    public struct Report: Sendable {
        /// Site-relative paths the watcher reported, sorted; empty for the first build.
        public var changedPaths: [String]
        public var result: BuildResult
        /// The generation now served, when this build succeeded.
        public var generation: Int?
        public var duration: Duration
        /// What the browser was told.
        public var event: LiveReloadEvent

        public var milliseconds: Int {
            Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
        }
    }

    /// Builds a complete new generation and, when it succeeded, swaps it in and tells the
    /// browsers; when it failed, keeps the last good one and shows them the diagnostics.
    ///
    /// `changedPaths` is what the watcher saw since the previous build. Every other file is
    /// taken to be as the last good build saw it: it is neither listed, read nor parsed again,
    /// and only the outputs that show something changed are rendered; the graph is reused
    /// when only what pages show changed (`ResolvedGraph`). The result is what a full build
    /// would give.
    public func rebuild(changedPaths: Set<String>) async -> Report {
        let clock = ContinuousClock()
        let start = clock.now
        let last = memory.last
        let root = source.root.path
        let listing = last.listing?.updated(with: changedPaths, root: root) ?? SourceListing.walk(root: root)
        let changes = last.listing == nil ? .unknown : last.unbuilt.union(.only(changedPaths.union(listing.linkedFiles)))
        let output = InMemoryOutput(previous: last.files, stamps: last.stamps)
        let result = await SiteBuilder(source: WatchedSiteSource(disk: source, listing: listing), options: options)
            .build(into: output, cache: last.cache, changes: changes)
        let wasFailing = if case .failed = site.status { true } else { false }
        let event: LiveReloadEvent
        var generation: Int?
        if result.succeeded {
            let files = output.files
            memory.remember(BuildMemory.State(cache: result.cache, files: files, stamps: output.stamps, listing: listing))
            let installed = site.install(files)
            generation = installed.number
            let onlyStylesheets = !wasFailing && !changedPaths.isEmpty && changedPaths.allSatisfy { $0.lowercased().hasSuffix(".css") }
            event = onlyStylesheets ? .stylesheets(generation: installed.number) : .reload(generation: installed.number)
        } else {
            memory.rememberFailure(listing: listing, unbuilt: changes)
            site.recordFailure(result.diagnostics)
            event = .failed(ErrorOverlay(diagnostics: result.diagnostics))
        }
        channel.publish(event)
        // The previous build's cache and files are freed only now, after the browsers were
        // told, so that releasing thousands of entries does not delay the reload.
        withExtendedLifetime(last) {}
        return Report(changedPaths: changedPaths.sorted(), result: result, generation: generation,
                      duration: clock.now - start, event: event)
    }
}

/// What the previous good build left for the next one, and what changed since.
final class BuildMemory: Sendable {
    struct State: Sendable {
        var cache = BuildCache()
        var files: [String: [UInt8]] = [:]
        var stamps: [String: UInt64] = [:]
        /// The files on disk as of the latest build, good or failed; nil before the first.
        var listing: SourceListing?
        /// What may have changed since `cache` was made: the changes failed builds saw.
        var unbuilt = SourceChanges.only([])
    }

    private let state = Mutex(State())

    var last: State { state.withLock { $0 } }

    func remember(_ build: State) {
        state.withLock { $0 = build }
    }

    /// A failed build leaves the cache and files as they were, so the next build must also
    /// look again at what this one was told had changed.
    func rememberFailure(listing: SourceListing, unbuilt: SourceChanges) {
        state.withLock { state in
            state.listing = listing
            state.unbuilt = unbuilt
        }
    }
}
