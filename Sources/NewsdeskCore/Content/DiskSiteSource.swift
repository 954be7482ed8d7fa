import Foundation

/// Reads a site from a folder on disk. Symlinks are followed only while they stay inside the
/// site (Jekyll's CVE-2018-17567 read files through links that left it).
public struct DiskSiteSource: SiteSource {
    public let root: URL
    /// `root.path`, which Foundation would otherwise compute again for every file.
    private let rootPath: String

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
    /// check: a no-change rebuild of 10,000 items then reads none of their 60 MB. The change
    /// time cannot be set by any tool, so a file restored with an old modification time still
    /// counts as changed. A file changed within `settlingTime` of now gets no stamp: an edit in
    /// the same clock tick as this build's read would otherwise go unseen (git's "racy clean").
    public func stamp(of path: String) -> UInt64? {
        var info = stat()
        guard stat(rootPath + "/" + path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        let settling = info.st_ctim.tv_nsec == 0 ? max(settlingNanoseconds, 2_000_000_000) : settlingNanoseconds
        guard Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec) - changed > settling else { return nil }
        // Called for every source file of every rebuild: no array of the numbers, just the hash.
        var hasher = StableHasher()
        hasher.combine(UInt64(info.st_dev))
        hasher.combine(UInt64(info.st_ino))
        hasher.combine(Int(info.st_size))
        hasher.combine(Int(info.st_mtim.tv_sec))
        hasher.combine(Int(info.st_mtim.tv_nsec))
        hasher.combine(Int(info.st_ctim.tv_sec))
        hasher.combine(Int(info.st_ctim.tv_nsec))
        return hasher.value
    }

    /// One `open`, `fstat` and `read` into an array of the file's size: every build reads every
    /// Markdown file, and FileHandle's `Data` cost a second copy of each.
    public func read(_ path: String) throws -> [UInt8] {
        let descriptor = open(rootPath + "/" + path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SourceReadError(path: path, reason: "cannot be opened") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw SourceReadError(path: path, reason: String(cString: strerror(errno))) }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
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

/// Lists regular files with `lstat`, which is several times faster than FileManager's
/// enumerator on archives of tens of thousands of files.
struct DirectoryWalker {
    let root: String
    private(set) var files: [String] = []
    /// Every folder walked below the starting one (the change watcher adds a watch to each).
    private(set) var directories: [String] = []
    /// Files that are symbolic links: a watch on their folder does not see their target change.
    private(set) var linkedFiles: [String] = []
    private(set) var diagnostics: [Diagnostic] = []
    private var visitedDirectories = Set<String>()

    init(root: String) { self.root = root }

    private static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!

    /// Editor backups, swap files and hidden files are never content.
    static func isIgnoredName(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".tmp")
            || (name.hasPrefix("#") && name.hasSuffix("#")) || name == "Thumbs.db"
    }

    mutating func walk(_ relativeDirectory: String) {
        let absolute = root + "/" + relativeDirectory
        guard let real = realPath(absolute), visitedDirectories.insert(real).inserted else { return }
        guard let directory = opendir(absolute) else { return }
        var entries: [(name: String, isRegularFile: Bool)] = []
        while let entry = readdir(directory) {
            // Read the name in place: a dirent is only as long as its name, so copying the whole
            // 256-byte d_name field can read past the end of readdir's buffer (and crash there).
            let name = String(cString: (UnsafeRawPointer(entry) + Self.nameOffset).assumingMemoryBound(to: CChar.self))
            if name != "." && name != ".." && !Self.isIgnoredName(name) { entries.append((name, entry.pointee.d_type == UInt8(DT_REG))) }
        }
        closedir(directory)
        for (name, isRegularFile) in entries.sorted(by: { $0.name < $1.name }) {
            let relative = relativeDirectory + "/" + name
            // readdir's type spares a stat per file (10,000 in a news archive); links, folders
            // and file systems that do not report types are looked at closely.
            if isRegularFile { files.append(relative) } else { visit(relative) }
        }
    }

    /// Lists `relative` if it is a file, or everything below it if it is a folder.
    mutating func visit(_ relative: String) {
        let absolute = root + "/" + relative
        var info = stat()
        guard lstat(absolute, &info) == 0 else { return }
        var mode = info.st_mode & S_IFMT
        let isLink = mode == S_IFLNK
        if isLink {
            guard let target = realPath(absolute), target == root || target.hasPrefix(root + "/") else {
                diagnostics.append(.error("this symbolic link points outside the site, so it is not read", path: relative,
                                          hint: "copy the file into the site instead of linking to it"))
                return
            }
            guard stat(absolute, &info) == 0 else { return }
            mode = info.st_mode & S_IFMT
        }
        if mode == S_IFDIR {
            directories.append(relative)
            walk(relative)
        } else if mode == S_IFREG {
            files.append(relative)
            if isLink { linkedFiles.append(relative) }
        }
    }

    /// `visit` for a path a watcher reported rather than one a walk found: the folder it is in
    /// must also lie inside the site (a walk never enters a link that leaves it).
    mutating func visitReported(_ relative: String) {
        let folder = ContentClassifier.splitLast(relative).0
        guard let real = realPath(root + "/" + folder), real == root || real.hasPrefix(root + "/") else { return }
        visit(relative)
    }

    private func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
