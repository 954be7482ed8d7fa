#if canImport(Glibc)
import Glibc
#else
#error("Newsdesk supports Linux only: it uses Glibc's file calls, renameat2 and inotify (Package.swift)")
#endif

/// The stamp of every file and folder in a finished output folder, and the names at its top,
/// for `BuildManifest`.
///
/// A folder's stamp changes when an entry is added, removed or renamed in it, and a file's
/// when it is written or replaced, so comparing these stamps finds every change a person or
/// another program made to the output without listing a folder again. The top folder itself
/// is the exception: the swap that puts a build in place changes its stamp after the stamps
/// are taken (in staging, where nobody else writes), so its names are compared instead.
struct OutputTreeStamps: Sendable {
    var entries: [(path: String, stamp: UInt64)] = []
    /// What the top folder holds, sorted.
    var topNames: [String] = []
    /// The latest modification time among the entries (what their stamps hold), in
    /// nanoseconds since 1970.
    var newestChange: Int64 = 0
    /// Whether some modification time is a whole second (a file system that keeps no finer times).
    var wholeSeconds = false

    /// Whether a change made after `time` could leave some entry's stamp as it is: on a file
    /// system whose clock ticks every few milliseconds, an edit in the same tick as the
    /// build's last write keeps the time (git's "racy clean" index entries).
    func isRacy(at time: Int64) -> Bool {
        time - newestChange <= (wholeSeconds ? 2_000_000_000 : Self.clockTick)
    }

    /// More than the coarsest file-time tick of Linux (10 ms at 100 Hz).
    static let clockTick: Int64 = 20_000_000

    /// Nil when the folder cannot be read or holds something other than files and folders
    /// (a link, say): a later build could not vouch for it.
    ///
    /// The folders at the top (a section, `tags`, a language) are walked on every core: after
    /// a build that wrote files, this walk is on the way to the end of every build.
    static func stamps(in root: String) async -> OutputTreeStamps? {
        let descriptor = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var found = OutputTreeStamps()
        var folders: [String]? = []
        guard walk(descriptor, path: ".", prefix: "", found: &found, deferring: &folders), let folders else { return nil }
        found.topNames.sort()
        let parts = await ConcurrentMap.map(folders, chunkSize: 1) { folder -> OutputTreeStamps? in
            let child = open(root + "/" + folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            var part = OutputTreeStamps()
            var none: [String]? = nil
            return child >= 0 && walk(child, path: folder, prefix: folder + "/", found: &part, deferring: &none) ? part : nil
        }
        for part in parts {
            guard let part else { return nil }
            found.entries += part.entries
            found.newestChange = max(found.newestChange, part.newestChange)
            found.wholeSeconds = found.wholeSeconds || part.wholeSeconds
        }
        return found
    }

    private mutating func add(_ path: String, _ info: stat) {
        entries.append((path, FileStamp.written(info)))
        newestChange = max(newestChange, Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
        if info.st_mtim.tv_nsec == 0 { wholeSeconds = true }
    }

    /// Stamps the folder open at `descriptor` before reading it (an entry added meanwhile
    /// then shows next time), then everything in it; closes the descriptor. For the top folder
    /// (`deferring` not nil), lists its names instead of stamping it, and its folders in
    /// `deferring` instead of walking them.
    private static func walk(_ descriptor: Int32, path: String, prefix: String, found: inout OutputTreeStamps,
                             deferring folders: inout [String]?) -> Bool {
        var info = stat()
        guard fstat(descriptor, &info) == 0, let handle = fdopendir(descriptor) else {
            close(descriptor)
            return false
        }
        defer { closedir(handle) }
        let isTop = folders != nil
        if !isTop { found.add(path, info) }
        while let entry = readdir(handle) {
            let name = (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self)
            if name[0] == 0x2E, name[1] == 0 || (name[1] == 0x2E && name[2] == 0) { continue }
            let relative = prefix + String(cString: name)
            if isTop { found.topNames.append(relative) }
            if entry.pointee.d_type == UInt8(DT_DIR) {
                if folders != nil {
                    folders?.append(relative)
                    continue
                }
                var none: [String]? = nil
                let child = openat(dirfd(handle), name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard child >= 0, walk(child, path: relative, prefix: relative + "/", found: &found, deferring: &none) else { return false }
                continue
            }
            guard fstatat(dirfd(handle), name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return false }
            switch info.st_mode & S_IFMT {
            case S_IFREG: found.add(relative, info)
            case S_IFDIR:
                // A file system that reports no types in its listings.
                var none: [String]? = nil
                let child = openat(dirfd(handle), name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard child >= 0, walk(child, path: relative, prefix: relative + "/", found: &found, deferring: &none) else { return false }
            default: return false
            }
        }
        return true
    }

    /// The names in the folder open at `descriptor`, sorted (the check's side of `topNames`);
    /// leaves the descriptor open.
    static func names(in descriptor: Int32) -> [String]? {
        let copy = dup(descriptor)
        guard copy >= 0, let handle = fdopendir(copy) else { return nil }
        defer { closedir(handle) }
        rewinddir(handle)
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self)
            if name[0] == 0x2E, name[1] == 0 || (name[1] == 0x2E && name[2] == 0) { continue }
            names.append(String(cString: name))
        }
        return names.sorted()
    }

    private static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
}
