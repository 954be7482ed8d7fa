import Foundation

/// One `newsdesk build` of a site at a time: builds started together (two CI jobs, an editor's
/// script and a hook) would share the staging folder, the build cache and the manifest, and the
/// last one to finish could record the other's output as its own.
///
/// An advisory `flock` on `.newsdesk-cache/build.lock`, as cargo locks its build folder: the
/// kernel releases it when the process ends, however it ends, so a killed build never leaves
/// the site locked. The preview server builds in memory and takes no lock.
final class SiteBuildLock: Sendable {
    private let descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    /// Waits for the lock, calling `waiting` once when another build holds it. It polls
    /// instead of blocking in `flock`, which would hold one of the few threads Swift's
    /// concurrency runs everything on (a build in the same process could then starve).
    /// Nil where no lock can be had (a read-only site folder, a file system without locks):
    /// the build then runs unlocked rather than not at all.
    static func acquire(siteRoot: URL, waiting: () -> Void) async -> SiteBuildLock? {
        let directory = siteRoot.appendingPathComponent(BuildCacheStore.directoryName)
        guard (try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)) != nil else { return nil }
        let path = directory.appendingPathComponent("build.lock").path
        // Never through a link planted there, which could create a file outside the site: the
        // link is removed, and the lock made as a file of its own.
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK { unlink(path) }
        let descriptor = path.withCString { open($0, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644) }
        guard descriptor >= 0 else { return nil }
        let lock = SiteBuildLock(descriptor: descriptor)
        var told = false
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else { return nil }
            if !told { waiting() }
            told = true
            // A cancelled task's sleep returns at once; it still waits its turn, in a fresh
            // task's sleep, which holds no thread.
            if (try? await Task.sleep(for: .milliseconds(50))) == nil {
                await Task { try? await Task.sleep(for: .milliseconds(50)) }.value
            }
        }
        return lock
    }

    deinit { close(descriptor) }
}
