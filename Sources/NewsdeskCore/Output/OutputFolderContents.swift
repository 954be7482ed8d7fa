import Foundation

/// Reads an output folder's file list with `readdir` (its `d_type` spares a `stat` per entry),
/// so a build can tell that the folder already holds exactly its files.
enum OutputFolderContents {
    /// Placeholders kept for git; a build carries them over and never plans them.
    static let placeholders: Set<String> = [".gitkeep", ".gitignore"]

    /// The regular files under `root` (relative paths), leaving out top-level placeholders; nil
    /// when the folder cannot be read, holds anything but files and folders, or `shouldStop`
    /// says the answer is no longer needed.
    ///
    /// Each folder is opened relative to its parent (`openat`), so the kernel resolves one
    /// name instead of the whole path: an archive has a folder per item.
    static func regularFiles(in root: String, shouldStop: () -> Bool = { false }) -> [String]? {
        let descriptor = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var found: [String] = []
        guard walk(descriptor, prefix: "", found: &found, shouldStop: shouldStop) else { return nil }
        return found
    }

    /// Reads the folder open at `descriptor`, and closes it.
    private static func walk(_ descriptor: Int32, prefix: String, found: inout [String], shouldStop: () -> Bool) -> Bool {
        guard !shouldStop(), let handle = fdopendir(descriptor) else {
            close(descriptor)
            return false
        }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let namePointer = (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self)
            if namePointer[0] == 0x2E, namePointer[1] == 0 || (namePointer[1] == 0x2E && namePointer[2] == 0) { continue }
            let name = String(cString: namePointer)
            var type = entry.pointee.d_type
            if type == UInt8(DT_UNKNOWN) {
                var info = stat()
                guard fstatat(dirfd(handle), namePointer, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return false }
                type = (info.st_mode & S_IFMT) == S_IFDIR ? UInt8(DT_DIR) : (info.st_mode & S_IFMT) == S_IFREG ? UInt8(DT_REG) : 0
            }
            if type == UInt8(DT_DIR) {
                let child = openat(dirfd(handle), namePointer, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard child >= 0, walk(child, prefix: prefix + name + "/", found: &found, shouldStop: shouldStop) else { return false }
            } else if prefix.isEmpty, placeholders.contains(name) {
                continue
            } else if type == UInt8(DT_REG) {
                found.append(prefix + name)
            } else {
                return false
            }
        }
        return true
    }

    /// The first folder under `root` (itself included, as a relative path: "" for `root`) whose
    /// entries this process cannot remove: replacing the output removes the previous one, so a
    /// read-only folder in it must be found before the swap, not halfway through the removal.
    static func firstUnremovableFolder(in root: String) -> String? {
        guard let handle = opendir(root) else { return access(root, F_OK) == 0 ? "" : nil }
        defer { closedir(handle) }
        guard access(root, W_OK | X_OK) == 0 else { return "" }
        while let entry = readdir(handle) {
            let namePointer = (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self)
            if namePointer[0] == 0x2E, namePointer[1] == 0 || (namePointer[1] == 0x2E && namePointer[2] == 0) { continue }
            var type = entry.pointee.d_type
            if type == UInt8(DT_UNKNOWN) {
                var info = stat()
                guard fstatat(dirfd(handle), namePointer, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                type = (info.st_mode & S_IFMT) == S_IFDIR ? UInt8(DT_DIR) : 0
            }
            guard type == UInt8(DT_DIR) else { continue }
            let name = String(cString: namePointer)
            if let inner = firstUnremovableFolder(in: root + "/" + name) { return inner.isEmpty ? name : name + "/" + inner }
        }
        return nil
    }

    private static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
}
