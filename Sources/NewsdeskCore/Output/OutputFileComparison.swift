#if canImport(Glibc)
import Glibc
#else
#error("Newsdesk supports Linux only: it uses Glibc's file calls, renameat2 and inotify (Package.swift)")
#endif

extension StagedOutputWriter {
    /// The file's `stat` when the file at `path` holds exactly `bytes` (size first, so most
    /// changes cost one stat), else nil.
    static func fileEquals(_ path: String, _ bytes: [UInt8]) -> stat? {
        fileEquals(.absolutePaths, path, bytes)
    }

    /// The same for `path` below `folder`.
    static func fileEquals(_ folder: FolderHandle, _ path: String, _ bytes: [UInt8]) -> stat? {
        fileEquals(folder, path, pieces: [bytes])
    }

    /// The same for the file made of `pieces` back to back.
    static func fileEquals(_ folder: FolderHandle, _ path: String, pieces: [[UInt8]]) -> stat? {
        let size = pieces.reduce(0) { $0 + $1.count }
        var info = stat()
        guard folder.statAt(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == size else { return nil }
        let descriptor = folder.openAt(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        guard size > 0 else { return info }
        // Compared with memcmp: Array's `==` goes element by element, and on a rebuild over an
        // existing output every page is compared with its previous version.
        var readAll = true
        let existing = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var offset = 0
            while offset < size {
                let count = read(descriptor, buffer.baseAddress! + offset, size - offset)
                if count <= 0 { readAll = false; break }
                offset += count
            }
            initialized = offset
        }
        guard readAll else { return nil }
        var offset = 0
        let equal = existing.withUnsafeBytes { old in
            pieces.allSatisfy { piece in
                defer { offset += piece.count }
                return piece.isEmpty || piece.withUnsafeBytes { memcmp(old.baseAddress! + offset, $0.baseAddress!, piece.count) == 0 }
            }
        }
        return equal ? info : nil
    }
}
