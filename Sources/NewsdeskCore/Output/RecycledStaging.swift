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
/// - a kept file is the output's own file (`holds`), or is linked from it again;
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

    /// Whether staging holds the output's very file at `path` (the same stamp: device, inode,
    /// size and time); when it holds anything else there, that is removed first.
    static func holds(_ path: String, stamp: UInt64?, in staging: FolderHandle) throws -> Bool {
        var info = stat()
        guard staging.lstatAt(path, &info) == 0 else { return false }
        if info.st_mode & S_IFMT == S_IFREG, FileStamp.written(info) == stamp { return true }
        try staging.removeEntry(path)
        return false
    }

    /// Removes the spare's files that are not the build's (`written`, and `kept`, whose stamps
    /// `stamps` holds) and its folders that no file of the build is in. Paths are the spare's
    /// as it was adopted; what `clearWay` has removed since is simply not there. The kept
    /// files themselves are then linked where the spare does not hold them (`holds`).
    func removeLeftovers(kept: [String], stamps: [String: UInt64], written: Set<String>, in staging: FolderHandle) throws {
        // `stamps` holds every kept path: with `written`, the build's files, without a set of 13,000 made for it.
        let isFinal = { (path: String) in stamps[path] != nil || written.contains(path) }
        var needed = Set<Substring>()
        needed.reserveCapacity(folders.count)
        for path in [kept, Array(written)].joined() {
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
    /// nil before the survey starts.
    private enum SurveyState { case running, taken(OutputFolderContents.Survey?) }
    private let survey = Mutex<SurveyState?>(nil)

    init(path: String) { self.path = path }

    /// Starts the survey on `WorkerPool`, once.
    func surveyInBackground() {
        let starting = survey.withLock { state in
            guard state == nil else { return false }
            state = .running
            return true
        }
        guard starting else { return }
        Task(executorPreference: WorkerPool.shared) { [self] in
            let taken = OutputFolderContents.survey(path)
            survey.withLock { $0 = .taken(taken) }
        }
    }

    /// Makes the spare the staging folder at `staging`.
    func adopt(as staging: String) throws -> RecycledStaging? {
        var walked: OutputFolderContents.Survey?
        if case .taken(let taken)? = survey.withLock({ $0 }) { walked = taken }
        return try RecycledStaging.adopt(spare: path, staging: staging, walked: walked)
    }
}
