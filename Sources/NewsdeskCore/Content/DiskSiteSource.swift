import Foundation

/// Reads a site from a folder on disk. Symlinks are followed only while they stay inside the
/// site (Jekyll's CVE-2018-17567 read files through links that left it).
public struct DiskSiteSource: SiteSource {
    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL.resolvingSymlinksInPath()
    }

    public func files(under directory: String) -> (paths: [String], diagnostics: [Diagnostic]) {
        var walker = DirectoryWalker(root: root.path)
        walker.walk(directory)
        return (walker.files.sorted(), walker.diagnostics)
    }

    public func read(_ path: String) throws -> [UInt8] {
        let fullPath = root.path + "/" + path
        guard let handle = FileHandle(forReadingAtPath: fullPath) else {
            throw SourceReadError(path: path, reason: "cannot be opened")
        }
        defer { try? handle.close() }
        do {
            return Array(try handle.readToEnd() ?? Data())
        } catch {
            throw SourceReadError(path: path, reason: error.localizedDescription)
        }
    }

    public func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root.path + "/" + path)
    }

    public func absolutePath(_ path: String) -> String { root.path + "/" + path }
}

/// Lists regular files with `lstat`, which is several times faster than FileManager's
/// enumerator on archives of tens of thousands of files.
struct DirectoryWalker {
    let root: String
    private(set) var files: [String] = []
    /// Every folder walked below the starting one (the change watcher adds a watch to each).
    private(set) var directories: [String] = []
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
        var names: [String] = []
        while let entry = readdir(directory) {
            // Read the name in place: a dirent is only as long as its name, so copying the whole
            // 256-byte d_name field can read past the end of readdir's buffer (and crash there).
            let name = String(cString: (UnsafeRawPointer(entry) + Self.nameOffset).assumingMemoryBound(to: CChar.self))
            if name != "." && name != ".." && !Self.isIgnoredName(name) { names.append(name) }
        }
        closedir(directory)
        for name in names.sorted() {
            let relative = relativeDirectory + "/" + name
            visit(relative)
        }
    }

    private mutating func visit(_ relative: String) {
        let absolute = root + "/" + relative
        var info = stat()
        guard lstat(absolute, &info) == 0 else { return }
        var mode = info.st_mode & S_IFMT
        if mode == S_IFLNK {
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
        }
    }

    private func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
