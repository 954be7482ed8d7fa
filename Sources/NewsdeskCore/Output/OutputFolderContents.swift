import Foundation

/// Reads an output folder's file list with `readdir` (its `d_type` spares a `stat` per entry),
/// so a build can tell that the folder already holds exactly its files.
enum OutputFolderContents {
    /// Placeholders kept for git; a build carries them over and never plans them.
    static let placeholders: Set<String> = [".gitkeep", ".gitignore"]

    /// The regular files under `root` (relative paths), leaving out top-level placeholders; nil
    /// when the folder cannot be read, holds anything but files and folders, or `shouldStop`
    /// says the answer is no longer needed.
    static func regularFiles(in root: String, shouldStop: () -> Bool = { false }) -> Set<String>? {
        var found: Set<String> = []
        guard walk(root, prefix: "", found: &found, shouldStop: shouldStop) else { return nil }
        return found
    }

    private static func walk(_ directory: String, prefix: String, found: inout Set<String>, shouldStop: () -> Bool) -> Bool {
        guard !shouldStop(), let handle = opendir(directory) else { return false }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = String(cString: (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self))
            if name == "." || name == ".." { continue }
            let relative = prefix + name
            var type = entry.pointee.d_type
            if type == UInt8(DT_UNKNOWN) {
                var info = stat()
                guard lstat(directory + "/" + name, &info) == 0 else { return false }
                type = (info.st_mode & S_IFMT) == S_IFDIR ? UInt8(DT_DIR) : (info.st_mode & S_IFMT) == S_IFREG ? UInt8(DT_REG) : 0
            }
            if type == UInt8(DT_DIR) {
                guard walk(directory + "/" + name, prefix: relative + "/", found: &found, shouldStop: shouldStop) else { return false }
            } else if prefix.isEmpty, placeholders.contains(name) {
                continue
            } else if type == UInt8(DT_REG) {
                found.insert(relative)
            } else {
                return false
            }
        }
        return true
    }

    private static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
}
