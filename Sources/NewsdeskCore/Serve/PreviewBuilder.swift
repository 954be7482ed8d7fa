import Foundation
import Synchronization

/// Builds the site for the preview and swaps each good build in: one call to `SiteBuilder`
/// per rebuild, into memory, never into `output/`.
public struct PreviewBuilder: Sendable {
    public let source: any SiteSource
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

    public init(source: any SiteSource, options: BuildOptions, site: PreviewSite, channel: LiveReloadChannel) {
        self.source = source
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
    /// `changedPaths` is what the watcher saw since the previous build. The build cache finds
    /// what changed by itself (content hashes), so only what those changes affect is parsed and
    /// rendered again; the paths decide what the browser is told.
    public func rebuild(changedPaths: Set<String>) async -> Report {
        let clock = ContinuousClock()
        let start = clock.now
        let (cache, previousFiles) = memory.last
        let output = InMemoryOutput(previous: previousFiles)
        let result = await SiteBuilder(source: source, options: options).build(into: output, cache: cache)
        let wasFailing = if case .failed = site.status { true } else { false }
        let event: LiveReloadEvent
        var generation: Int?
        if result.succeeded {
            memory.remember(result.cache, files: output.files)
            let installed = site.install(output.files)
            generation = installed.number
            let onlyStylesheets = !wasFailing && !changedPaths.isEmpty && changedPaths.allSatisfy { $0.lowercased().hasSuffix(".css") }
            event = onlyStylesheets ? .stylesheets(generation: installed.number) : .reload(generation: installed.number)
        } else {
            site.recordFailure(result.diagnostics)
            event = .failed(ErrorOverlay(diagnostics: result.diagnostics))
        }
        channel.publish(event)
        return Report(changedPaths: changedPaths.sorted(), result: result, generation: generation,
                      duration: clock.now - start, event: event)
    }
}

/// What the previous good build left for the next one. A failed build leaves it as it was.
final class BuildMemory: Sendable {
    private let state = Mutex<(cache: BuildCache, files: [String: [UInt8]])>((BuildCache(), [:]))

    var last: (BuildCache, [String: [UInt8]]) { state.withLock { ($0.cache, $0.files) } }

    func remember(_ cache: BuildCache, files: [String: [UInt8]]) {
        state.withLock { $0 = (cache, files) }
    }
}
