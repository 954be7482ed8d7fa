import Foundation
import Synchronization

/// Writes a build into a staging folder beside the output and swaps it in only when the whole
/// build succeeded, so a failed or interrupted build leaves the previous site exactly as it was.
///
/// A file whose bytes equal the previous output's is hard-linked from it instead of written, so
/// it keeps its modification time and rsync-style deploys upload only what changed. Those links
/// are made at commit, and only when something changed: when every file of the build is one
/// the output already holds, and it holds nothing else, there is nothing to swap, and a
/// no-change rebuild of a large archive touches no file at all. The site a commit swaps out is
/// kept as the spare and becomes the next build's staging folder (`RecycledStaging`).
public final class StagedOutputWriter: OutputSink {
    public let outputDirectory: URL
    public let stagingDirectory: URL
    /// `outputDirectory.path` and `stagingDirectory.path`, which `URL` computes anew each time.
    private let outputPath: String
    private let stagingPath: String
    private let createdDirectories = Mutex<Set<String>>([])
    private let filesWrittenCount = Mutex<Int>(0)
    /// Writes, the commit and an abort in their order: an interrupt arriving during a commit
    /// waits for it instead of removing folders halfway through a swap.
    private let gate = StagingGate()
    /// The stamp (`FileStamp.written`) of every file this build wrote, by output path.
    private let stamps = Mutex<[String: UInt64]>([:])
    /// `writeFailure`.
    private let failure = Mutex<OutputWriteError?>(nil)
    /// The staging folder once it exists (it is created by the first file written).
    private let staging = Mutex<FolderHandle?>(nil)
    /// The previous output folder, opened once: paths below it are then walked from there
    /// instead of from `/` for each of the thousands of files a build compares or keeps.
    private let output: FolderHandle
    /// Files of the previous output that this build keeps as they are, with their stamps.
    private let kept = Mutex<(paths: [String], stamps: [String: UInt64])>(([], [:]))
    /// The previous output, walked by a task of its own while the build runs: a no-change
    /// rebuild then finds at commit that there is nothing to swap, and any other build that
    /// the previous site can be removed, without walking 10,000 folders at the end.
    private let survey = Mutex<Task<OutputFolderContents.Survey?, Never>?>(nil)
    /// Why the previous site, swapped out, could not be removed (the new one is in place).
    private let leftover = Mutex<OutputWriteError?>(nil)
    /// Where the site a commit swaps out is kept for the next build's staging folder; nil to
    /// remove it instead.
    private let spare: SpareSite?
    /// The spare, when the staging folder is one (`RecycledStaging`).
    private let recycled = Mutex<RecycledStaging?>(nil)

    /// Prepares an empty staging folder `.<output>.staging` next to `outputDirectory`.
    /// - Parameter spareDirectory: where the site a commit swaps out is kept, to become the
    ///   next build's staging folder (`RecycledStaging`); nil to remove it.
    public init(outputDirectory: URL, spareDirectory: URL? = nil) throws {
        spare = spareDirectory.map { SpareSite(path: $0.standardizedFileURL.path) }
        self.outputDirectory = outputDirectory.standardizedFileURL
        let parent = self.outputDirectory.deletingLastPathComponent()
        stagingDirectory = Self.stagingDirectory(for: self.outputDirectory)
        outputPath = self.outputDirectory.path
        stagingPath = stagingDirectory.path
        output = FolderHandle(path: outputPath)
        let manager = FileManager.default
        try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        if manager.fileExists(atPath: stagingDirectory.path) {
            // Left by a build that was killed outright; nothing in it is needed.
            try manager.removeItem(at: stagingDirectory)
        }
        StagingRegistry.shared.register(self)
    }

    /// `.<output>.staging`, beside the output folder.
    static func stagingDirectory(for output: URL) -> URL {
        let output = output.standardizedFileURL
        return output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).staging")
    }

    /// Starts listing the previous output's files on `WorkerPool`; a caller starts it when a
    /// core is about to be free (`newsdesk build`: once the cache is loaded). Commit awaits
    /// it, or starts it when nobody did.
    public func surveyPreviousOutput() {
        _ = startedSurvey()
        spare?.surveyInBackground()
    }

    private func startedSurvey() -> Task<OutputFolderContents.Survey?, Never> {
        survey.withLock { survey in
            if let survey { return survey }
            let started = Task(executorPreference: WorkerPool.shared) { [outputPath] in
                OutputFolderContents.survey(outputPath)
            }
            survey = started
            return started
        }
    }

    deinit {
        output.close()
        staging.withLock { $0?.close() }
    }

    private var stagingIsCreated: Bool { staging.withLock { $0 != nil } }

    @discardableResult
    private func createStaging() throws -> FolderHandle {
        try staging.withLock { handle in
            if let handle { return handle }
            if let spare, let adopted = try adopt(spare) {
                recycled.withLock { $0 = adopted }
            } else if mkdir(stagingPath, 0o755) != 0 {
                throw noteFailure(OutputWriteError(path: stagingPath, reason: String(cString: strerror(errno))))
            }
            let created = FolderHandle(path: stagingPath)
            handle = created
            return created
        }
    }

    private func adopt(_ spare: SpareSite) throws -> RecycledStaging? {
        do {
            return try spare.adopt(as: stagingPath)
        } catch {
            throw noteFailure(OutputWriteError(path: spare.path, reason: "the previous site kept for this build cannot be removed (\(OutputWriteError.reason(error))); remove it by hand"))
        }
    }

    /// In a staging folder that is an adopted spare, removes what stands where a file of this
    /// build goes (one `unlink` in the common case), never a file this build wrote: two
    /// outputs at one path must still collide.
    private func makeRoom(for path: String, in folder: FolderHandle) throws {
        guard recycled.withLock({ $0 != nil }), stamps.withLock({ $0[path] == nil }) else { return }
        if folder.unlinkAt(path) == 0 || errno == ENOENT { return }
        try RecycledStaging.clearWay(for: path, in: folder)
    }

    /// One lock for the three records of a kept file: 12,000 files are kept from two threads.
    private func carry(_ path: String, stamp: UInt64) {
        kept.withLock { kept in
            kept.paths.append(path)
            kept.stamps[path] = stamp
        }
    }

    /// Set when a commit put the new site in place but could not remove all of the previous
    /// one, which is then left at `path`: the build succeeded, and only that folder is left to
    /// clean up by hand. A folder that is read-only from the start is found before the swap.
    public var previousSiteLeftOver: OutputWriteError? { leftover.withLock { $0 } }

    public var filesWritten: Int { filesWrittenCount.withLock { $0 } }
    public var filesUnchanged: Int { kept.withLock { $0.paths.count } }

    public func write(_ bytes: [UInt8], to path: String) throws {
        try write(pieces: [bytes], to: path)
    }

    public func write(pieces: [[UInt8]], to path: String) throws {
        try OutputPath.validate(path)
        try beginWrite(path)
        defer { endWrite() }
        if let info = Self.fileEquals(output, path, pieces: pieces) { return carry(path, stamp: FileStamp.written(info)) }
        do {
            try writeFile(pieces, to: path)
        } catch let error as OutputWriteError {
            throw error
        } catch {
            throw noteFailure(OutputWriteError(path: path, reason: OutputWriteError.reason(error)))
        }
        filesWrittenCount.withLock { $0 += 1 }
    }

    /// The first write that failed for a reason of the disk rather than of the site (no space
    /// left, a read-only folder): the whole build failed for that one reason, which
    /// `SitePublisher` reports once instead of once per file.
    public var writeFailure: OutputWriteError? { failure.withLock { $0 } }

    private func noteFailure(_ error: OutputWriteError) -> OutputWriteError {
        failure.withLock { first in if first == nil { first = error } }
        return error
    }

    private func writeFile(_ pieces: [[UInt8]], to path: String) throws {
        let folder = try createStaging()
        try makeRoom(for: path, in: folder)
        try createParent(of: path, in: folder)
        let descriptor = folder.openAt(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw OutputWriteError(path: path, reason: "two outputs share this path") }
            throw noteFailure(OutputWriteError(path: path, reason: String(cString: strerror(errno))))
        }
        defer { close(descriptor) }
        try Self.withVectors(pieces) { vectors in
            var vectors = vectors
            while !vectors.isEmpty {
                let written = writev(descriptor, vectors.baseAddress, Int32(min(vectors.count, Self.vectorsPerCall)))
                if written < 0 {
                    if errno == EINTR { continue }
                    throw noteFailure(OutputWriteError(path: path, reason: String(cString: strerror(errno))))
                }
                vectors = Self.advance(vectors, by: written)
            }
        }
        var info = stat()
        if fstat(descriptor, &info) == 0 { stamps.withLock { $0[path] = FileStamp.written(info) } }
    }

    /// Hard-links `file` (in the image cache) into staging; a previous output's file that is
    /// already that file (the same inode) is carried over instead.
    public func linkFile(_ file: String, to path: String) throws {
        try OutputPath.validate(path)
        try beginWrite(path)
        // `endWrite`, not a bare decrement: an `abort` may be waiting for this write to end.
        defer { endWrite() }
        var cached = stat()
        guard stat(file, &cached) == 0 else { throw OutputWriteError(path: path, reason: "\(file): \(String(cString: strerror(errno)))") }
        var previous = stat()
        if output.statAt(path, &previous) == 0, previous.st_ino == cached.st_ino, previous.st_dev == cached.st_dev {
            return carry(path, stamp: FileStamp.written(previous))
        }
        let folder = try createStaging()
        try makeRoom(for: path, in: folder)
        try createParent(of: path, in: folder)
        guard Glibc.link(file, stagingPath + "/" + path) == 0 else {
            // Another file system: the cache cannot be linked, so the bytes are copied.
            guard errno == EXDEV, let data = FileManager.default.contents(atPath: file) else {
                throw OutputWriteError(path: path, reason: String(cString: strerror(errno)))
            }
            return try write([UInt8](data), to: path)
        }
        stamps.withLock { $0[path] = FileStamp.written(cached) }
        filesWrittenCount.withLock { $0 += 1 }
    }

    private func beginWrite(_ path: String) throws {
        guard gate.beginWrite() else { throw OutputWriteError(path: path, reason: "the build was stopped") }
    }

    private func endWrite() { gate.endWrite() }

    /// Keeps the previous output's file when it is still the file the cache recorded (same
    /// inode, size and modification time), so a file edited by hand is redone.
    public func keep(_ path: String, stamp: UInt64) -> Bool {
        guard (try? OutputPath.validate(path)) != nil, (try? beginWrite(path)) != nil else { return false }
        defer { endWrite() }
        var info = stat()
        guard output.statAt(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
              FileStamp.written(info) == stamp else { return false }
        carry(path, stamp: stamp)
        return true
    }

    public func stamp(of path: String) -> UInt64? { stamps.withLock { $0[path] } ?? kept.withLock { $0.stamps[path] } }


    /// Replaces the output folder with the staging folder in one step, or leaves it alone when
    /// it already holds exactly this build's files. Called once every write has returned.
    /// - Parameter beforeSwap: called with the staging folder's path once it holds everything
    ///   the output will, just before it becomes the output: nobody else writes there, so what
    ///   is seen then is exactly what this build leaves (`BuildManifest` stamps it).
    /// - Returns: whether the output folder was replaced.
    @discardableResult
    public func commit(beforeSwap: (String) async -> Void = { _ in }) async throws -> Bool {
        try beginCommit()
        defer { endCommit() }
        let kept = self.kept.withLock { $0.paths }
        if !stagingIsCreated, await holdsExactly(kept) { return false }
        do {
            let folder = try createStaging()
            if let recycled = recycled.withLock({ $0 }) {
                let (stamps, written) = (self.kept.withLock { $0.stamps }, Set(self.stamps.withLock { $0.keys }))
                try recycled.removeLeftovers(kept: kept, stamps: stamps, written: written, in: folder)
                try await linkCarriedFiles(kept, into: folder, unlessHeld: { try RecycledStaging.holds($0, stamp: stamps[$0], in: folder) })
            } else {
                try await linkCarriedFiles(kept, into: folder)
            }
            let swap = OutputSwap(outputPath: outputPath, stagingPath: stagingPath, sparePath: spare?.path)
            // A survey that found no output (it appeared during the build) is taken again.
            let leftOver = try await swap.perform(survey: { [self] in await startedSurvey().value ?? OutputFolderContents.survey(outputPath) },
                                                  beforeSwap: beforeSwap)
            leftover.withLock { $0 = leftOver }
            StagingRegistry.shared.noteReplaced(outputPath)
            return true
        } catch {
            try? FileManager.default.removeItem(at: stagingDirectory)
            throw error
        }
    }

    private func beginCommit() throws {
        do {
            try gate.beginCommit()
        } catch .stopped {
            throw OutputWriteError(path: outputDirectory.path, reason: "the build was stopped")
        } catch .writesRunning {
            throw OutputWriteError(path: outputDirectory.path, reason: "files were still being written")
        }
    }

    private func endCommit() {
        gate.endCommit()
        StagingRegistry.shared.unregister(self)
    }

    /// Whether the output folder holds exactly `kept` (and placeholders), from the survey made
    /// while the build ran.
    private func holdsExactly(_ kept: [String]) async -> Bool {
        guard let files = await startedSurvey().value?.files, files.count == kept.count else { return false }
        let keptSet = Set(kept)
        return files.allSatisfy(keptSet.contains)
    }

    /// Throws the staging folder away; the output folder was never touched. Safe to call from
    /// any thread, at any time, more than once: after a commit it does nothing. While a commit
    /// is under way it waits for it to end, which only another thread can see: the signal
    /// forwarder's, blocked here by design while the swap completes.
    public func abort() {
        guard gate.stop() else { return }
        if stagingIsCreated { try? FileManager.default.removeItem(at: stagingDirectory) }
        StagingRegistry.shared.unregister(self)
    }

    /// Hard-links the files kept from the previous output into staging, on every core.
    /// - Parameter unlessHeld: whether staging already holds a path's very file (a recycled
    ///   staging folder), having removed whatever else stood there.
    private func linkCarriedFiles(_ paths: [String], into staging: FolderHandle,
                                  unlessHeld: (@Sendable (String) throws -> Bool)? = nil) async throws {
        let failures = await ConcurrentMap.map(paths, chunkSize: 256) { [self] path -> String? in
            do {
                if let unlessHeld, try unlessHeld(path) { return nil }
                try createParent(of: path, in: staging)
                if output.linkAt(path, to: staging) != 0 {
                    throw OutputWriteError(path: path, reason: String(cString: strerror(errno)))
                }
                return nil
            } catch {
                return "\(error)"
            }
        }
        if let first = failures.lazy.compactMap({ $0 }).first { throw OutputWriteError(path: "", reason: first) }
    }

    private func createParent(of path: String, in staging: FolderHandle) throws {
        // By bytes: `/` is ASCII, and the Character-wise search costs several times more.
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return }
        let directory = String(path[..<slash])
        if createdDirectories.withLock({ $0.contains(directory) }) { return }
        // One mkdir in the common case (the parent exists); FileManager only to create the
        // missing ancestors (it stats every level first).
        if staging.mkdirAt(directory, 0o755) != 0, errno != EEXIST {
            try FileManager.default.createDirectory(atPath: stagingPath + "/" + directory, withIntermediateDirectories: true)
        }
        createdDirectories.withLock { _ = $0.insert(directory) }
    }
}
