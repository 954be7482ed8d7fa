import Foundation

/// inotify: one watch per folder under `content/` and `themes/`, plus one on the site root so
/// that those folders are noticed when they are created after the server started. A folder
/// created later gets its watch when its creation is reported, and the files already in it
/// count as changed (they may have been written before the watch existed).
struct InotifyWatch: Sendable {
    let siteRoot: String
    let descriptor: Int32
    /// Watch descriptor → site-relative folder; "" is the site root.
    private var folders: [Int32: String] = [:]
    /// Files and folders known to exist, to tell a deletion from an editor's temporary file
    /// that came and went within one batch.
    private var known: Set<String> = []

    private static let rootMask = UInt32(IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_ONLYDIR)
    /// Files count when they are complete (closed after writing, or renamed into place), never
    /// on creation: that is how a half-written file would reach the build.
    private static let folderMask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CREATE | IN_ATTRIB)

    /// nil when inotify cannot be used here (no support, or the watch limit is reached).
    init?(siteRoot: String) {
        self.siteRoot = siteRoot
        descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard descriptor >= 0 else { return nil }
        guard addWatch("", mask: Self.rootMask) else {
            close(descriptor)
            return nil
        }
        for folder in ChangeWatcher.watchedFolders {
            guard addTree(folder) != nil else {
                close(descriptor)
                return nil
            }
        }
    }

    /// Watches `folder` and every folder below it; returns the files found there, or nil when
    /// a watch could not be added.
    ///
    /// Watches are added before the files are listed, and the listing repeats until it finds no
    /// new folder: a file saved between the folder's creation and its watch is still seen.
    private mutating func addTree(_ folder: String) -> [String]? {
        guard FileManager.default.fileExists(atPath: siteRoot + "/" + folder) else { return [] }
        var watched: Set<String> = []
        var pending = [folder]
        var files: [String] = []
        while !pending.isEmpty {
            for directory in pending {
                guard addWatch(directory, mask: Self.folderMask) else { return nil }
                watched.insert(directory)
            }
            var walker = DirectoryWalker(root: siteRoot)
            walker.walk(folder)
            pending = walker.directories.filter { !watched.contains($0) }
            files = walker.files
        }
        known.formUnion(watched.union(files))
        return files
    }

    private mutating func addWatch(_ folder: String, mask: UInt32) -> Bool {
        let path = folder.isEmpty ? siteRoot : siteRoot + "/" + folder
        let watch = inotify_add_watch(descriptor, path, mask)
        guard watch >= 0 else { return errno == ENOENT || errno == ENOTDIR }
        folders[watch] = folder
        return true
    }

    private mutating func removeWatches(under folder: String) {
        for (watch, path) in folders where path == folder || path.hasPrefix(folder + "/") {
            inotify_rm_watch(descriptor, watch)
            folders.removeValue(forKey: watch)
        }
    }

    func run(stop: Int32, debouncer: ChangeDebouncer, deliver: (Set<String>) -> Void) {
        var watch = self
        var debouncer = debouncer
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let timeout = debouncer.deadline.map { $0 - ContinuousClock.now }
            guard let readable = StopSignal.wait(stop, other: descriptor, timeout: timeout) else { break }
            if readable {
                while case let count = read(descriptor, &buffer, buffer.count), count > 0 {
                    debouncer.record(watch.paths(in: buffer[..<count]), at: .now)
                }
            }
            if let batch = debouncer.takeIfDue(at: .now), case let changes = watch.netChanges(batch), !changes.isEmpty {
                deliver(changes)
            }
        }
        close(descriptor)
    }

    private func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(siteRoot + "/" + path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }

    /// Drops paths that appeared and disappeared within the batch (`sed -i`'s and editors'
    /// temporary files): what is left exists now or existed before.
    private mutating func netChanges(_ batch: Set<String>) -> Set<String> {
        var changes: Set<String> = []
        for path in batch {
            let exists = access(siteRoot + "/" + path, F_OK) == 0
            if exists || known.contains(path) { changes.insert(path) }
            if exists { known.insert(path) } else { known.remove(path) }
        }
        return changes
    }

    /// Site-relative paths named by a buffer of `inotify_event` records.
    private mutating func paths(in events: ArraySlice<UInt8>) -> [String] {
        var paths: [String] = []
        let headerSize = MemoryLayout<inotify_event>.size
        events.withUnsafeBytes { bytes in
            var offset = 0
            while offset + headerSize <= bytes.count {
                let watch = bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                let nameLength = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                let nameBytes = bytes[(offset + headerSize)..<(offset + headerSize + nameLength)].prefix { $0 != 0 }
                offset += headerSize + nameLength
                paths += handle(watch: watch, mask: mask, name: String(decoding: nameBytes, as: UTF8.self))
            }
        }
        return paths
    }

    private mutating func handle(watch: Int32, mask: UInt32, name: String) -> [String] {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 { return ChangeWatcher.watchedFolders }
        if mask & UInt32(IN_IGNORED) != 0 {
            folders.removeValue(forKey: watch)
            return []
        }
        guard let folder = folders[watch] else { return [] }
        if folder.isEmpty && !ChangeWatcher.watchedFolders.contains(name) { return [] }
        let path = folder.isEmpty ? name : folder + "/" + name
        if ChangeWatcher.isIgnored(path) { return [] }
        let appeared = mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0
        if mask & UInt32(IN_ISDIR) != 0 {
            if appeared { return [path] + (addTree(path) ?? []) }
            removeWatches(under: path)
            return [path]
        }
        // A new regular file is reported again when it is closed after writing; a new symbolic
        // link never is.
        if mask & UInt32(IN_CREATE) != 0 && !isSymbolicLink(path) { return [] }
        return folder.isEmpty ? [] : [path]
    }
}

/// The fallback: compares the stamp (`FileStamp.written`: inode, size, modification time) of
/// every watched file with the previous scan. Costs a scan per interval, but needs nothing
/// from the kernel.
struct PollingWatch: Sendable {
    let siteRoot: String
    let interval: Duration

    func scan() -> [String: UInt64] {
        var stamps: [String: UInt64] = [:]
        for folder in ChangeWatcher.watchedFolders {
            var walker = DirectoryWalker(root: siteRoot)
            walker.walk(folder)
            for file in walker.files {
                var info = stat()
                guard stat(siteRoot + "/" + file, &info) == 0 else { continue }
                stamps[file] = FileStamp.written(info)
            }
        }
        return stamps
    }

    /// The interval is the debounce: everything that changed between two scans is one batch.
    func run(stop: Int32, deliver: (Set<String>) -> Void) {
        var previous = scan()
        while StopSignal.wait(stop, other: nil, timeout: interval) != nil {
            let current = scan()
            let changed = Set(current.keys).union(previous.keys).filter { current[$0] != previous[$0] }
            previous = current
            if !changed.isEmpty { deliver(changed) }
        }
    }
}
