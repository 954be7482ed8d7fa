#if canImport(Glibc)
import Glibc
#else
#error("Newsdesk supports Linux only: it uses Glibc's file calls, renameat2 and inotify (Package.swift)")
#endif

/// A folder opened once, so that the thousands of files a build writes, compares or
/// links below it are found from there instead of from `/` each time. When the folder cannot
/// be opened (it does not exist yet) its path is used.
struct FolderHandle: Sendable {
    let path: String
    private let descriptor: Int32

    init(path: String) {
        self.path = path
        descriptor = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    }

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// Takes absolute paths as they are (`openat` ignores the folder for them).
    static let absolutePaths = FolderHandle(path: "", descriptor: AT_FDCWD)

    /// The folder and the name to hand a `…at` call for `relative`.
    private func locate(_ relative: String) -> (Int32, String) {
        descriptor >= 0 || descriptor == AT_FDCWD ? (descriptor, relative) : (AT_FDCWD, path + "/" + relative)
    }

    func openAt(_ relative: String, _ flags: Int32, _ mode: mode_t = 0) -> Int32 {
        let (folder, name) = locate(relative)
        return openat(folder, name, flags, mode)
    }

    func statAt(_ relative: String, _ info: inout stat) -> Int32 {
        let (folder, name) = locate(relative)
        return fstatat(folder, name, &info, 0)
    }

    func mkdirAt(_ relative: String, _ mode: mode_t) -> Int32 {
        let (folder, name) = locate(relative)
        return mkdirat(folder, name, mode)
    }

    /// Hard-links `relative` in this folder to the same name in `other`.
    func linkAt(_ relative: String, to other: FolderHandle) -> Int32 {
        let (from, source) = locate(relative)
        let (to, target) = other.locate(relative)
        return linkat(from, source, to, target, 0)
    }

    /// `fstatat` without following a final symbolic link.
    func lstatAt(_ relative: String, _ info: inout stat) -> Int32 {
        let (folder, name) = locate(relative)
        return fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW)
    }

    func unlinkAt(_ relative: String) -> Int32 {
        let (folder, name) = locate(relative)
        return unlinkat(folder, name, 0)
    }

    /// Removes whatever is at `relative`, a folder with everything in it; nothing there is no error.
    func removeEntry(_ relative: String) throws {
        let (folder, name) = locate(relative)
        try OutputFolderContents.removeEntry(name, in: folder, at: folder == AT_FDCWD ? "." : path)
    }

    func close() {
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
    }
}
