import Foundation

/// Reads an output folder with `readdir` (its `d_type` spares a `stat` per entry), so a build
/// can tell that the folder already holds exactly its files and that it can be replaced.
enum OutputFolderContents {
    /// Placeholders kept for git; a build carries them over and never plans them.
    static let placeholders: Set<String> = [".gitkeep", ".gitignore"]

    /// What one walk of a previous output folder found.
    struct Survey: Sendable {
        /// The regular files (relative paths), leaving out top-level placeholders; nil when the
        /// folder holds anything but files and folders, or could not be read to the end.
        var files: [String]?
        /// The first folder (a relative path, "" for the root) whose entries this process
        /// cannot remove: replacing the output removes the previous one, so a read-only folder
        /// in it must be known before the swap, not found halfway through the removal.
        var unremovableFolder: String?
        /// Every folder below the root (relative paths, each after its parent).
        var folders: [String] = []
    }

    /// Walks `root` once; nil when it cannot be opened (it does not exist).
    ///
    /// Each folder is opened relative to its parent (`openat`), so the kernel resolves one
    /// name instead of the whole path: an archive has a folder per item.
    static func survey(_ root: String) -> Survey? {
        let descriptor = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var walk = Walk()
        if access(root, W_OK | X_OK) != 0 { walk.unremovable = "" }
        walk.read(descriptor, prefix: "")
        return Survey(files: walk.onlyFiles ? walk.files : nil, unremovableFolder: walk.unremovable, folders: walk.folders)
    }

    private struct Walk {
        var files: [String] = []
        var folders: [String] = []
        var onlyFiles = true
        var unremovable: String?

        /// Reads the folder open at `descriptor`, and closes it.
        mutating func read(_ descriptor: Int32, prefix: String) {
            guard let handle = fdopendir(descriptor) else {
                close(descriptor)
                onlyFiles = false
                return
            }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let namePointer = (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self)
                if namePointer[0] == 0x2E, namePointer[1] == 0 || (namePointer[1] == 0x2E && namePointer[2] == 0) { continue }
                let name = String(cString: namePointer)
                switch kind(of: entry, in: handle) {
                case UInt8(DT_DIR):
                    if unremovable == nil, faccessat(dirfd(handle), namePointer, W_OK | X_OK, 0) != 0 { unremovable = prefix + name }
                    let folder = prefix + name
                    folders.append(folder)
                    let child = openat(dirfd(handle), namePointer, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                    if child >= 0 { read(child, prefix: folder + "/") } else { onlyFiles = false }
                case UInt8(DT_REG) where prefix.isEmpty && placeholders.contains(name):
                    continue
                case UInt8(DT_REG):
                    if onlyFiles { files.append(prefix + name) }
                default:
                    onlyFiles = false
                }
            }
        }
    }

    /// Removes `root` and everything in it, the folders two levels down each by a task of its
    /// own on every core: after a swap, the previous site (an archive has a folder per item).
    /// Never follows a symbolic link: a link is removed, not what it points to.
    static func removeTree(_ root: String) async throws {
        let top = open(root, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard top >= 0 else { throw OutputWriteError(path: root, reason: String(cString: strerror(errno))) }
        defer { close(top) }
        var outer: [String] = []
        var units: [String] = []
        try removeFiles(in: top, at: root) { outer.append($0) }
        for folder in outer {
            let descriptor = openat(top, folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard descriptor >= 0 else { throw OutputWriteError(path: root + "/" + folder, reason: String(cString: strerror(errno))) }
            defer { close(descriptor) }
            try removeFiles(in: descriptor, at: root + "/" + folder) { units.append(folder + "/" + $0) }
        }
        let failures = await ConcurrentMap.map(units, chunkSize: 1) { unit -> OutputWriteError? in
            do {
                try removeFolder(unit, in: top, at: root)
                return nil
            } catch {
                return error as? OutputWriteError ?? OutputWriteError(path: root + "/" + unit, reason: OutputWriteError.reason(error))
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
        for folder in outer where unlinkat(top, folder, AT_REMOVEDIR) != 0 {
            throw OutputWriteError(path: root + "/" + folder, reason: String(cString: strerror(errno)))
        }
        guard rmdir(root) == 0 else { throw OutputWriteError(path: root, reason: String(cString: strerror(errno))) }
    }

    /// Removes the entry `relative` below the folder open at `parent` (at `parentPath`): a file
    /// or link is unlinked, a folder removed with everything in it; an entry that is not there
    /// is no error.
    static func removeEntry(_ relative: String, in parent: Int32, at parentPath: String) throws {
        var info = stat()
        guard fstatat(parent, relative, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
            // Not there, or a file stands where one of its folders would be.
            if errno == ENOENT || errno == ENOTDIR { return }
            throw OutputWriteError(path: parentPath + "/" + relative, reason: String(cString: strerror(errno)))
        }
        if info.st_mode & S_IFMT == S_IFDIR { return try removeFolder(relative, in: parent, at: parentPath) }
        guard unlinkat(parent, relative, 0) == 0 || errno == ENOENT else {
            throw OutputWriteError(path: parentPath + "/" + relative, reason: String(cString: strerror(errno)))
        }
    }

    /// Removes the folder `relative` below the folder open at `parent` (at `parentPath`), with
    /// everything in it.
    private static func removeFolder(_ relative: String, in parent: Int32, at parentPath: String) throws {
        let descriptor = openat(parent, relative, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        let path = parentPath + "/" + relative
        guard descriptor >= 0 else { throw OutputWriteError(path: path, reason: String(cString: strerror(errno))) }
        var folders: [String] = []
        do {
            defer { close(descriptor) }
            try removeFiles(in: descriptor, at: path) { folders.append($0) }
            for folder in folders { try removeFolder(folder, in: descriptor, at: path) }
        }
        guard unlinkat(parent, relative, AT_REMOVEDIR) == 0 else { throw OutputWriteError(path: path, reason: String(cString: strerror(errno))) }
    }

    /// Removes every entry of the folder open at `descriptor` but its folders, which it hands
    /// to `folder` (names); the entries are listed first, so removing never races the listing.
    private static func removeFiles(in descriptor: Int32, at path: String, folder: (String) -> Void) throws {
        let listing = dup(descriptor)
        guard listing >= 0, let handle = fdopendir(listing) else {
            if listing >= 0 { close(listing) }
            throw OutputWriteError(path: path, reason: String(cString: strerror(errno)))
        }
        var files: [String] = []
        while let entry = readdir(handle) {
            let namePointer = (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self)
            if namePointer[0] == 0x2E, namePointer[1] == 0 || (namePointer[1] == 0x2E && namePointer[2] == 0) { continue }
            let name = String(cString: namePointer)
            if kind(of: entry, in: handle) == UInt8(DT_DIR) { folder(name) } else { files.append(name) }
        }
        closedir(handle)
        for file in files where unlinkat(descriptor, file, 0) != 0 {
            throw OutputWriteError(path: path + "/" + file, reason: String(cString: strerror(errno)))
        }
    }

    /// The entry's `d_type`, asking the file system only when the directory does not say.
    private static func kind(of entry: UnsafeMutablePointer<dirent>, in handle: OpaquePointer) -> UInt8 {
        let type = entry.pointee.d_type
        guard type == UInt8(DT_UNKNOWN) else { return type }
        var info = stat()
        let namePointer = (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self)
        guard fstatat(dirfd(handle), namePointer, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return 0 }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return UInt8(DT_DIR)
        case S_IFREG: return UInt8(DT_REG)
        default: return 0
        }
    }

    private static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
}
