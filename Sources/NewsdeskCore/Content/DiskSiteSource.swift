import Foundation

/// Reads a site from a folder on disk. Symlinks are followed only while they stay inside the
/// site (Jekyll's CVE-2018-17567 read files through links that left it).
public struct DiskSiteSource: SiteSource {
    public let root: URL
    /// `root.path`, which Foundation would otherwise compute again for every file.
    let rootPath: String

    /// Nanoseconds after its last change before a file gets a `stamp`, on a file system whose
    /// times have nanoseconds (ext4 and tmpfs tick every few milliseconds). Where change times
    /// are whole seconds (their nanoseconds are 0), two seconds at least.
    let settlingNanoseconds: Int64

    public init(root: URL, settlingTime: Duration = .milliseconds(100)) {
        self.root = root.standardizedFileURL.resolvingSymlinksInPath()
        rootPath = self.root.path
        settlingNanoseconds = settlingTime.components.seconds * 1_000_000_000 + settlingTime.components.attoseconds / 1_000_000_000
    }

    public func files(under directory: String) -> (paths: [String], diagnostics: [Diagnostic]) {
        var walker = DirectoryWalker(root: rootPath)
        walker.walk(directory)
        return (walker.files.sorted(), walker.diagnostics)
    }

    /// Device, inode, size, modification and change time, like git's index and rsync's quick
    /// check: a no-change rebuild then reads no file's bytes. The change
    /// time cannot be set by any tool, so a file restored with an old modification time still
    /// counts as changed. A file changed within `settlingTime` of now gets no stamp: an edit in
    /// the same clock tick as this build's read would otherwise go unseen (git's "racy clean").
    public func stamp(of path: String) -> UInt64? { observeWithStamp(path).stamp }

    /// What a build sees of `path` (a file, a folder or nothing), in the form `BuildManifest`
    /// records and `BuildManifestCheck` compares.
    func observe(_ path: String) -> InputObservation { observeWithStamp(path).observation }

    /// `observe` and `stamp(of:)` from one `stat`.
    func observeWithStamp(_ path: String) -> (observation: InputObservation, stamp: UInt64?) {
        var info = stat()
        let (status, error) = (rootPath + "/" + path).withCString { (stat($0, &info), errno) }
        let observation = InputObservation(status: status, errno: error, info: info, now: FileStamp.now(), settling: settlingNanoseconds)
        guard case .stamped(let stamp) = observation, info.st_mode & S_IFMT == S_IFREG else { return (observation, nil) }
        return (observation, stamp)
    }

    /// Lists the files below `directory` as `files(under:)` does, noting each folder's
    /// observation before it is read (for `ObservedSiteSource`).
    func walkObservingFolders(_ directory: String) -> DirectoryWalker {
        var walker = DirectoryWalker(root: rootPath)
        walker.folderObserver = { [self] relative in observe(relative) }
        walker.walk(directory)
        return walker
    }

    /// One `open`, `fstat` and `read` into an array of the file's size: every build reads every
    /// Markdown file, and FileHandle's `Data` cost a second copy of each.
    public func read(_ path: String) throws -> [UInt8] {
        let descriptor = open(rootPath + "/" + path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SourceReadError(path: path, reason: "cannot be opened (\(String(cString: strerror(errno))))") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw SourceReadError(path: path, reason: String(cString: strerror(errno))) }
        // One byte more than the file's size, so that the read which finds the end has room
        // without growing the array (a file that grew while read grows it, as it must).
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: 4096)) }
            let count = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw SourceReadError(path: path, reason: String(cString: strerror(errno))) }
            if count == 0 { break }
            filled += count
        }
        bytes.removeSubrange(filled...)
        return bytes
    }

    public func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: rootPath + "/" + path)
    }

    public func absolutePath(_ path: String) -> String { rootPath + "/" + path }
}
