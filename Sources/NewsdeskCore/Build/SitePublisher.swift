import Foundation
import Synchronization

/// `newsdesk build` as a library call: check the output location, build into staging, swap
/// on success, leave the previous output untouched on failure.
public struct SitePublisher: Sendable {
    public let siteRoot: URL
    public let outputDirectory: URL
    public let options: BuildOptions
    /// Warnings fail the build too (`--strict`), and are reported as errors.
    public let strict: Bool
    /// False for `--clean`: the stored cache is ignored (and replaced after the build).
    public let useCache: Bool
    /// How long after its last change a source file is trusted by its stamp (`DiskSiteSource`).
    public let sourceSettlingTime: Duration

    /// Told when another build of the same site is running and this one waits for it.
    public let waitingForAnotherBuild: @Sendable () -> Void

    public init(siteRoot: URL, outputDirectory: URL?, options: BuildOptions, strict: Bool = false, useCache: Bool = true,
                sourceSettlingTime: Duration = .milliseconds(100), waitingForAnotherBuild: @escaping @Sendable () -> Void = {}) {
        self.siteRoot = siteRoot.standardizedFileURL
        self.outputDirectory = (outputDirectory ?? siteRoot.appendingPathComponent("output")).standardizedFileURL
        self.options = options
        self.strict = strict
        self.useCache = useCache
        self.sourceSettlingTime = sourceSettlingTime
        self.waitingForAnotherBuild = waitingForAnotherBuild
    }

    public enum Failure: Error, Sendable {
        /// The request cannot be carried out (bad output folder, unwritable disk): exit 2.
        case usage(String)
    }

    public struct Outcome: Sendable {
        public var result: BuildResult
        public var duration: Duration
        public var filesWritten: Int
        public var filesUnchanged: Int
        /// Nothing was built: every input and output was as the last build left it (`BuildManifest`).
        public var upToDate = false
    }

    public func publish() async throws(Failure) -> Outcome {
        let clock = ContinuousClock()
        let start = clock.now
        if let problem = OutputLocationPolicy.problem(output: outputDirectory, siteRoot: siteRoot)
            ?? OutputLocationPolicy.linkProblem(output: outputDirectory, siteRoot: siteRoot) {
            throw .usage(problem)
        }
        guard FileManager.default.fileExists(atPath: siteRoot.appendingPathComponent("content").path) else {
            throw .usage("\(siteRoot.path) has no content/ folder; run newsdesk in the site folder or pass --site")
        }
        return try await WorkerPool.run { () async throws(Failure) -> Outcome in
            let lock = await SiteBuildLock.acquire(siteRoot: siteRoot, waiting: waitingForAnotherBuild)
            defer { withExtendedLifetime(lock) {} }
            return try await publishLocked(started: start, clock: clock)
        }
    }

    private func publishLocked(started start: ContinuousClock.Instant, clock: ContinuousClock) async throws(Failure) -> Outcome {
        let disk = DiskSiteSource(root: siteRoot, settlingTime: sourceSettlingTime)
        let engine = BuildCacheStore.programIdentity()
        let manifests = BuildManifestStore(siteRoot: siteRoot)
        let manifestKey = BuildManifest.key(engine: engine, options: options, siteRoot: disk.rootPath, outputDirectory: outputDirectory.path)
        if useCache, let replay = await upToDate(disk: disk, key: manifestKey, store: manifests) {
            return replayed(replay, engine: engine, duration: clock.now - start)
        }
        let store = BuildCacheStore(siteRoot: siteRoot)
        let writer: StagedOutputWriter
        do {
            writer = try StagedOutputWriter(outputDirectory: outputDirectory, spareDirectory: store.spareSite)
        } catch {
            throw .usage("cannot create a staging folder next to \(outputDirectory.path): \(OutputWriteError.reason(error))")
        }
        let loaded = Mutex<BuildCache?>(nil)
        let useCache = self.useCache
        let source = ObservedSiteSource(disk)
        var options = self.options
        if options.imageStore == nil { options.imageStore = DiskImageStore(siteRoot: siteRoot) }
        var result = await SiteBuilder(source: source, options: options).build(into: writer, loadingCache: {
            let cache = useCache ? await store.load(engine: engine) : BuildCache(engine: engine)
            loaded.withLock { $0 = cache }
            writer.surveyPreviousOutput()
            return cache
        })
        let cache = loaded.withLock { $0 } ?? BuildCache(engine: engine)
        if let failure = writer.writeFailure {
            // The disk, not the site: one sentence for the whole build instead of one per file.
            writer.abort()
            throw .usage("cannot write the new site next to \(outputDirectory.path) (\(failure.reason), at \(failure.path)); "
                         + "\(outputDirectory.path) was left as it was")
        }
        let reported = result.diagnostics
        if strict { result.diagnostics = result.diagnostics.treatingWarningsAsErrors() }
        if result.succeeded {
            try await commit(&result, reported: reported, previousCache: cache, writer: writer, inputs: source.inputs, store: store,
                             manifests: manifests, manifestKey: manifestKey)
        } else {
            writer.abort()
        }
        return Outcome(result: result, duration: clock.now - start, filesWritten: writer.filesWritten, filesUnchanged: writer.filesUnchanged)
    }

    /// Swaps the build in and saves what the next build needs: the cache and the manifest.
    /// A manifest needs every input vouched for (`inputs`); the output's stamps are taken in
    /// staging, which nobody else writes, so an edit made after the swap always shows.
    private func commit(_ result: inout BuildResult, reported: [Diagnostic], previousCache cache: BuildCache, writer: StagedOutputWriter,
                        inputs: [String: InputObservation]?, store: BuildCacheStore, manifests: BuildManifestStore,
                        manifestKey: UInt64) async throws(Failure) {
        // The cache is written while the output is committed (whose stamps wait for the
        // clock to tick on), and put in place only with the output it describes: a failed
        // build leaves both as they were.
        let changedCache = result.cache.isUnchanged(from: cache, use: result.cacheUse) ? nil : result.cache
        async let cacheWritten = Self.writeTemporary(changedCache, to: store)
        var staged: OutputTreeStamps?
        let replaced: Bool
        do {
            replaced = try await writer.commit(beforeSwap: { staging in
                if inputs != nil { staged = await Self.settledStamps(of: staging, changedJustNow: true) }
            })
        } catch {
            writer.abort()
            _ = await cacheWritten
            store.discardTemporary()
            throw .usage("cannot replace \(outputDirectory.path): \(Self.describe(error)); it was left as it was")
        }
        if let leftover = writer.previousSiteLeftOver {
            result.diagnostics.append(.warning("the new site is in place, but the previous one could not be removed entirely (\(leftover.reason))",
                                               path: leftover.path, hint: "remove the folder \(leftover.path) by hand"))
        }
        do {
            if changedCache != nil {
                if let failure = await cacheWritten { throw failure }
                try store.installTemporary()
            }
            // Not replaced: the output folder is as it was, and stamped where it stands.
            let outputs = replaced || inputs == nil ? staged : await Self.settledStamps(of: outputDirectory.path, changedJustNow: false)
            try recordManifest(of: result, diagnostics: reported, inputs: inputs, outputs: outputs, key: manifestKey, store: manifests)
        } catch {
            store.discardTemporary()
            try? manifests.remove()
            result.diagnostics.append(.warning("the build cache could not be saved, so the next build renders everything: \(error.localizedDescription)",
                                               path: BuildCacheStore.directoryName))
        }
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? OutputWriteError else { return OutputWriteError.reason(error) }
        return error.path.isEmpty ? error.reason : "\(error.path): \(error.reason)"
    }

    private func upToDate(disk: DiskSiteSource, key: UInt64, store: BuildManifestStore) async -> BuildManifestCheck.Replay? {
        guard let bytes = store.contents() else { return nil }
        return await BuildManifestCheck(siteRoot: disk.rootPath, outputDirectory: outputDirectory.path, key: key,
                                        now: NewsDate(options.now), settlingNanoseconds: disk.settlingNanoseconds).upToDate(bytes)
    }

    /// The last build's result, reported again: nothing it looked at or left has changed.
    private func replayed(_ replay: BuildManifestCheck.Replay, engine: UInt64, duration: Duration) -> Outcome {
        var use = CacheUse()
        use.parsedReused = replay.frontMatters
        use.outputsReused = replay.files
        use.pagesReused = replay.pages
        use.graphReused = true
        use.outputs = replay.files
        var result = BuildResult(site: nil, diagnostics: replay.diagnostics, pagesRendered: replay.pages, filesProduced: replay.files,
                                 cache: BuildCache(engine: engine), cacheUse: use, frontMatters: replay.frontMatters,
                                 leftOut: replay.leftOut)
        if strict { result.diagnostics = result.diagnostics.treatingWarningsAsErrors() }
        return Outcome(result: result, duration: duration, filesWritten: 0, filesUnchanged: replay.files, upToDate: true)
    }

    /// What this build looked at and left, for the next build's `upToDate`; none when it
    /// cannot vouch for every input (`ObservedSiteSource.inputs`) or for the output folder.
    private func recordManifest(of result: BuildResult, diagnostics: [Diagnostic], inputs: [String: InputObservation]?,
                                outputs: OutputTreeStamps?, key: UInt64, store: BuildManifestStore) throws {
        guard let inputs, let outputs else { return try store.remove() }
        let manifest = BuildManifest(key: key, builtAt: NewsDate(options.now), validUntil: result.validUntil, pages: result.pagesRendered,
                                     files: result.filesProduced, frontMatters: result.frontMatters, leftOut: result.leftOut,
                                     diagnostics: diagnostics,
                                     inputs: inputs.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                                     outputs: outputs.entries, outputTopNames: outputs.topNames)
        try store.save(manifest)
    }

    /// The stamps of `folder`, taken once its newest change is a clock tick old, so that any
    /// later edit changes some stamp (git's "racy clean" entries); nil if that never happens.
    static func settledStamps(of folder: String, changedJustNow: Bool) async -> OutputTreeStamps? {
        if changedJustNow { await sleep(nanoseconds: OutputTreeStamps.clockTick) }
        var started = FileStamp.now()
        guard var tree = await OutputTreeStamps.stamps(in: folder) else { return nil }
        if tree.isRacy(at: started), !tree.wholeSeconds {
            let wait = tree.newestChange + OutputTreeStamps.clockTick - started
            if wait > 0 { await sleep(nanoseconds: wait + 1000) }
            started = FileStamp.now()
            guard let again = await OutputTreeStamps.stamps(in: folder) else { return nil }
            tree = again
        }
        return tree.isRacy(at: started) ? nil : tree
    }

    /// Waits without holding a thread. A build being interrupted is not a reason to stamp
    /// early: a cancelled task's sleep returns at once, so the wait is then a fresh task's.
    private static func sleep(nanoseconds: Int64) async {
        if (try? await Task.sleep(for: .nanoseconds(nanoseconds))) == nil {
            await Task { try? await Task.sleep(for: .nanoseconds(nanoseconds)) }.value
        }
    }

    /// Streams `cache` to the store's temporary file; the error, if any.
    private static func writeTemporary(_ cache: BuildCache?, to store: BuildCacheStore) async -> (any Error)? {
        guard let cache else { return nil }
        do { try store.writeTemporary(cache) } catch { return error }
        return nil
    }
}
