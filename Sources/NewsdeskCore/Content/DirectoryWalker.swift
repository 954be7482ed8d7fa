import Foundation

/// Lists regular files with `lstat`: one system call per entry, without the Foundation
/// objects FileManager's enumerator makes for each file of an archive of tens of thousands.
struct DirectoryWalker {
    let root: String
    private(set) var files: [String] = []
    /// Every folder walked below the starting one (the change watcher adds a watch to each).
    private(set) var directories: [String] = []
    /// Files that are symbolic links: a watch on their folder does not see their target change.
    private(set) var linkedFiles: [String] = []
    private(set) var diagnostics: [Diagnostic] = []
    private var visitedDirectories = Set<String>()
    /// Whether a symbolic link was met: a folder's stamp does not change when a link's target does.
    private(set) var sawSymbolicLink = false
    /// Called with each folder before it is read; what it returns is kept in `observedFolders`.
    var folderObserver: ((String) -> InputObservation)?
    private(set) var observedFolders: [(path: String, observation: InputObservation)] = []

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
        if let folderObserver { observedFolders.append((relativeDirectory, folderObserver(relativeDirectory))) }
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
            sawSymbolicLink = true
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
