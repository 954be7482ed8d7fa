import Foundation

/// Reads an output folder's file list with `readdir` (its `d_type` spares a `stat` per entry),
/// so a build can tell that the folder already holds exactly its files.
enum OutputFolderContents {
    /// Placeholders kept for git; a build carries them over and never plans them.
    static let placeholders: Set<String> = [".gitkeep", ".gitignore"]

    /// True when `root` holds the regular files `expected` (relative paths) and nothing else
    /// but directories and top-level placeholders.
    static func holdsExactly(_ expected: Set<String>, in root: String) -> Bool {
        var found = 0
        guard walk(root, prefix: "", expected: expected, found: &found) else { return false }
        return found == expected.count
    }

    private static func walk(_ directory: String, prefix: String, expected: Set<String>, found: inout Int) -> Bool {
        guard let handle = opendir(directory) else { return false }
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
                guard walk(directory + "/" + name, prefix: relative + "/", expected: expected, found: &found) else { return false }
            } else if type == UInt8(DT_REG), expected.contains(relative) {
                found += 1
            } else if !(prefix.isEmpty && placeholders.contains(name)) {
                return false
            }
        }
        return true
    }

    private static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
}
