import Foundation
import Synchronization

/// The site a build swapped out, kept in the cache folder (`spare`) and made the next build's
/// staging folder, instead of being removed file by file after one swap and built up again
/// file by file (a folder and a hard link per page) before the next.
///
/// Nothing about the spare is trusted: it may be any earlier site, or what an interrupted
/// build left. It is adopted only when it holds nothing but files and folders this process can
/// remove, and at commit every path in it is made exactly this build's:
/// - a file this build wrote replaced whatever the spare held there (`clearWay`);
/// - a kept file is the output's own file (the same stamp: device, inode, size and time), or
///   is linked from it again;
/// - every other file, and every folder no file needs, is removed.
/// So the staging folder that is swapped in is the one a fresh staging folder would have been,
/// and `BuildCacheTests`' cached-equals-clean comparisons hold for it.
struct RecycledStaging: Sendable {
    /// What the spare held when it was adopted, as relative paths.
    let files: [String]
    let folders: [String]

    /// Moves `spare` to `staging`. Nil when there is no spare or it cannot be moved there
    /// (another file system); a spare that cannot be used is removed.
    /// - Parameter walked: the spare's survey, taken where it stands; nil to take it now.
    static func adopt(spare: String, staging: String, walked: OutputFolderContents.Survey?) throws -> RecycledStaging? {
        var info = stat()
        guard lstat(spare, &info) == 0 else { return nil }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            // A link or a file where the spare belongs: never followed, only removed.
            try OutputFolderContents.removeEntry(spare, in: AT_FDCWD, at: ".")
            return nil
        }
        guard rename(spare, staging) == 0 else { return nil }
        guard let survey = walked ?? OutputFolderContents.survey(staging), let files = survey.files, survey.unremovableFolder == nil else {
            try OutputFolderContents.removeEntry(staging, in: AT_FDCWD, at: ".")
            return nil
        }
        return RecycledStaging(files: files, folders: survey.folders)
    }

    /// Makes room for a new file at `path` in the adopted staging folder: removes what the
    /// spare holds there (a file of an earlier build, or a folder) and any file standing where
    /// one of its folders must be.
    static func clearWay(for path: String, in staging: FolderHandle) throws {
        var info = stat()
        var slash = path.startIndex
        while let next = path[slash...].firstIndex(of: "/") {
            let folder = String(path[..<next])
            if staging.lstatAt(folder, &info) == 0, info.st_mode & S_IFMT != S_IFDIR { try staging.removeEntry(folder) }
            slash = path.index(after: next)
        }
        try staging.removeEntry(path)
    }

    /// Makes the staging folder hold exactly `written` (already there) and `kept` (linked from
    /// `output` where the spare does not hold that very file).
    /// - Parameter createParent: creates a file's parent folders in staging.
    func finish(kept: [String], stamps: [String: UInt64], written: Set<String>, output: FolderHandle, staging: FolderHandle,
                createParent: @escaping @Sendable (String) throws -> Void) async throws {
        // `stamps` holds every kept path: with `written`, the build's files, without a set of 13,000 made for it.
        try removeLeftovers(keeping: { stamps[$0] != nil || written.contains($0) }, files: [kept, Array(written)].joined(), in: staging)
        let failures = await ConcurrentMap.map(kept, chunkSize: 256) { path -> String? in
            do {
                var info = stat()
                if staging.lstatAt(path, &info) == 0 {
                    if info.st_mode & S_IFMT == S_IFREG, FileStamp.written(info) == stamps[path] { return nil }
                    try staging.removeEntry(path)
                }
                try createParent(path)
                if output.linkAt(path, to: staging) != 0 { throw OutputWriteError(path: path, reason: String(cString: strerror(errno))) }
                return nil
            } catch {
                return "\(error)"
            }
        }
        if let first = failures.lazy.compactMap({ $0 }).first { throw OutputWriteError(path: "", reason: first) }
    }

    /// Removes the spare's files that are not the build's (`isFinal`) and its folders that none
    /// of the build's `files` is in. Paths are the spare's as it was adopted; what `clearWay`
    /// has removed since is simply not there.
    private func removeLeftovers(keeping isFinal: (String) -> Bool, files final: some Sequence<String>, in staging: FolderHandle) throws {
        var needed = Set<Substring>()
        needed.reserveCapacity(folders.count)
        for path in final {
            // By bytes: `/` is ASCII, and a Character-wise search from the end costs several times more.
            var end = path.utf8.endIndex
            while let slash = path.utf8[..<end].lastIndex(of: UInt8(ascii: "/")), needed.insert(path[..<slash]).inserted { end = slash }
        }
        // Folders first, each with what is in it, outermost first: the walk lists a folder
        // before anything below it, and a removed folder's descendants are then not there.
        for folder in folders where !needed.contains(folder[...]) && !isFinal(folder) { try staging.removeEntry(folder) }
        // A spare's file or folder where this build put the other (`clearWay`) is this build's.
        for file in files where !isFinal(file) && !needed.contains(file[...]) { try staging.removeEntry(file) }
    }
}

/// The spare's place in the cache folder, and its survey taken in the background while the
/// build runs, so that the first file written does not wait for a walk of 12,000 folders
/// (its writer's share of the page stage would then end last, with the other core idle).
/// Nothing else writes there during a build (`SiteBuildLock`), so the survey still describes
/// the spare when it is adopted; one not finished by then is taken again, never waited for.
final class SpareSite: Sendable {
    let path: String
    private let survey = Mutex<OutputFolderContents.Survey??>(nil)
    private let started = Mutex(false)

    init(path: String) { self.path = path }

    /// Starts the survey on `WorkerPool`, once.
    func surveyInBackground() {
        guard started.withLock({ started in defer { started = true }; return !started }) else { return }
        Task(executorPreference: WorkerPool.shared) { [self] in
            let taken = OutputFolderContents.survey(path)
            survey.withLock { $0 = .some(taken) }
        }
    }

    /// Makes the spare the staging folder at `staging`.
    func adopt(as staging: String) throws -> RecycledStaging? {
        let walked = survey.withLock { $0 }
        return try RecycledStaging.adopt(spare: path, staging: staging, walked: walked ?? nil)
    }
}
