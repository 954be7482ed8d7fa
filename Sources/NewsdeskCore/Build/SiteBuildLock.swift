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
    static func acquire(siteRoot: URL, waiting: () -> Void) async throws -> SiteBuildLock {
        let directory = siteRoot.appendingPathComponent(BuildCacheStore.directoryName)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("build.lock").path
        let descriptor = path.withCString { open($0, O_RDWR | O_CREAT | O_CLOEXEC, 0o644) }
        guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        let lock = SiteBuildLock(descriptor: descriptor)
        var told = false
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else { throw CocoaError(.fileLocking, userInfo: [NSFilePathErrorKey: path]) }
            if !told { waiting() }
            told = true
            try await Task.sleep(for: .milliseconds(50))
        }
        return lock
    }

    deinit { close(descriptor) }
}
