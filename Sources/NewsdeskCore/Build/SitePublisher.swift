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

    public init(siteRoot: URL, outputDirectory: URL?, options: BuildOptions, strict: Bool = false, useCache: Bool = true) {
        self.siteRoot = siteRoot.standardizedFileURL
        self.outputDirectory = (outputDirectory ?? siteRoot.appendingPathComponent("output")).standardizedFileURL
        self.options = options
        self.strict = strict
        self.useCache = useCache
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
    }

    public func publish() async throws(Failure) -> Outcome {
        let clock = ContinuousClock()
        let start = clock.now
        if let problem = OutputLocationPolicy.problem(output: outputDirectory, siteRoot: siteRoot) {
            throw .usage(problem)
        }
        guard FileManager.default.fileExists(atPath: siteRoot.appendingPathComponent("content").path) else {
            throw .usage("\(siteRoot.path) has no content/ folder; run newsdesk in the site folder or pass --site")
        }
        let writer: StagedOutputWriter
        do {
            writer = try StagedOutputWriter(outputDirectory: outputDirectory)
        } catch {
            throw .usage("cannot create a staging folder next to \(outputDirectory.path): \(error.localizedDescription)")
        }
        let store = BuildCacheStore(siteRoot: siteRoot)
        let engine = BuildCacheStore.programIdentity()
        let loaded = Mutex<BuildCache?>(nil)
        let useCache = self.useCache
        var result = await SiteBuilder(source: DiskSiteSource(root: siteRoot), options: options).build(into: writer, loadingCache: {
            let cache = useCache ? store.load(engine: engine) : BuildCache(engine: engine)
            loaded.withLock { $0 = cache }
            writer.surveyPreviousOutput()
            return cache
        })
        let cache = loaded.withLock { $0 } ?? BuildCache(engine: engine)
        if strict { result.diagnostics = result.diagnostics.treatingWarningsAsErrors() }
        if result.succeeded {
            do {
                try writer.commit()
            } catch {
                writer.abort()
                throw .usage("cannot replace \(outputDirectory.path): \(error.localizedDescription)")
            }
            // Saved only with the output it describes; a failed build leaves both as they were.
            do {
                if !result.cache.isUnchanged(from: cache, use: result.cacheUse) { try store.save(result.cache) }
            } catch {
                result.diagnostics.append(.warning("the build cache could not be saved, so the next build renders everything: \(error.localizedDescription)",
                                                   path: BuildCacheStore.directoryName))
            }
        } else {
            writer.abort()
        }
        return Outcome(result: result, duration: clock.now - start, filesWritten: writer.filesWritten, filesUnchanged: writer.filesUnchanged)
    }
}
