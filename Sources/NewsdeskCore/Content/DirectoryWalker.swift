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
    /// The real path of each folder that files are listed under (`boundary(of:)`); empty for
    /// one already refused.
    private var boundaries: [String: String] = [:]
    /// Whether a symbolic link was met: a folder's stamp does not change when a link's target does.
    private(set) var sawSymbolicLink = false
    /// Called with each folder before it is read; what it returns is kept in `observedFolders`.
    var folderObserver: ((String) -> InputObservation)?
    private(set) var observedFolders: [(path: String, observation: InputObservation)] = []

    /// `root` is resolved once, so that the real paths of what lies below compare with it.
    init(root: String) {
        if let resolved = realpath(root, nil) {
            self.root = String(cString: resolved)
            free(resolved)
        } else {
            self.root = root
        }
    }

    private static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!

    private static func isMarkdown(_ name: String) -> Bool { name.hasSuffix(".md") || name.hasSuffix(".markdown") }

    /// Editor backups, swap files and hidden files are never content.
    static func isIgnoredName(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".tmp")
            || (name.hasPrefix("#") && name.hasSuffix("#")) || name == "Thumbs.db"
    }

    mutating func walk(_ relativeDirectory: String) {
        let absolute = root + "/" + relativeDirectory
        guard let real = realPath(absolute, reportingAs: relativeDirectory), visitedDirectories.insert(real).inserted else { return }
        guard isPublishable(real, relativeDirectory) else { return }
        if let folderObserver { observedFolders.append((relativeDirectory, folderObserver(relativeDirectory))) }
        guard let directory = opendir(absolute) else {
            if errno != ENOENT { reportUnreadable(relativeDirectory, isFolder: true) }
            return
        }
        var entries: [(name: String, isRegularFile: Bool, isReadable: Bool)] = []
        while let entry = readdir(directory) {
            // Read the name in place: a dirent is only as long as its name, so copying the whole
            // 256-byte d_name field can read past the end of readdir's buffer (and crash there).
            let namePointer = (UnsafeRawPointer(entry) + Self.nameOffset).assumingMemoryBound(to: CChar.self)
            let name = String(cString: namePointer)
            guard name != "." && name != ".." && !Self.isIgnoredName(name) else { continue }
            let isRegularFile = entry.pointee.d_type == UInt8(DT_REG)
            // `check` reads no asset, so an asset it could not read must be found here, as `build`
            // would (Markdown files are read by both, so they need no extra system call).
            let isReadable = !isRegularFile || Self.isMarkdown(name) || faccessat(dirfd(directory), namePointer, R_OK, AT_EACCESS) == 0
            entries.append((name, isRegularFile, isReadable))
        }
        closedir(directory)
        for (name, isRegularFile, isReadable) in entries.sorted(by: { $0.name < $1.name }) {
            let relative = relativeDirectory + "/" + name
            // readdir's type spares a stat per file (10,000 in a news archive); links, folders
            // and file systems that do not report types are looked at closely.
            if !isReadable {
                errno = EACCES
                reportUnreadable(relative, isFolder: false)
            } else if isRegularFile {
                files.append(relative)
            } else {
                visit(relative)
            }
        }
    }

    /// Lists `relative` if it is a file, or everything below it if it is a folder.
    mutating func visit(_ relative: String) {
        let absolute = root + "/" + relative
        var info = stat()
        guard lstat(absolute, &info) == 0 else {
            if errno != ENOENT { reportUnreadable(relative, isFolder: false) }
            return
        }
        var mode = info.st_mode & S_IFMT
        let isLink = mode == S_IFLNK
        if isLink {
            sawSymbolicLink = true
            guard let target = realPath(absolute, reportingAs: relative), isPublishable(target, relative) else { return }
            guard stat(absolute, &info) == 0 else { return }
            mode = info.st_mode & S_IFMT
        }
        if mode == S_IFDIR {
            directories.append(relative)
            walk(relative)
        } else if mode == S_IFREG {
            guard Self.isMarkdown(relative) || access(absolute, R_OK) == 0 else { return reportUnreadable(relative, isFolder: false) }
            files.append(relative)
            if isLink { linkedFiles.append(relative) }
        }
    }

    /// `visit` for a path a watcher reported rather than one a walk found: the folder it is in
    /// must also lie inside the site (a walk never enters a link that leaves it).
    mutating func visitReported(_ relative: String) {
        let folder = ContentClassifier.splitLast(relative).0
        if !folder.isEmpty {
            guard let real = realPath(root + "/" + folder, reportingAs: folder), let boundary = boundary(of: folder),
                  real == boundary || real.hasPrefix(boundary + "/") else { return }
        }
        visit(relative)
    }

    /// The real path of `path`, or nil when it does not exist (quietly) or cannot be resolved
    /// (an error naming `relative`).
    private mutating func realPath(_ path: String, reportingAs relative: String) -> String? {
        guard let resolved = realpath(path, nil) else {
            if errno != ENOENT { reportUnreadable(relative, isFolder: false) }
            return nil
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether the file or folder at `relative`, whose real path is `real`, may be read and
    /// published: it must lie inside the folder it is listed under (`content/`, or the theme's
    /// own folder), itself inside the site, and be neither hidden there nor `content/site.yml`.
    /// A link to `.git/config`, to `site.yml` or into `.newsdesk-cache/` is refused with an error.
    private mutating func isPublishable(_ real: String, _ relative: String) -> Bool {
        guard let boundary = boundary(of: relative) else { return false }
        let inside = real == boundary || real.hasPrefix(boundary + "/")
        let below = inside ? real.dropFirst(boundary.count).split(separator: "/") : []
        let isConfiguration = real == root + "/" + SiteConfigParser.path && relative != SiteConfigParser.path
        guard inside, !below.contains(where: { Self.isIgnoredName(String($0)) }), !isConfiguration else {
            let folder = Self.topFolder(of: relative)
            diagnostics.append(.error("this symbolic link points outside \(folder)/, so it is not read", path: relative,
                                      hint: "copy the file into \(folder)/ instead of linking to it"))
            return false
        }
        return true
    }

    /// The real path of the folder `relative` is listed under: `content`, or `themes/<name>`.
    /// That folder may itself be a link, but only to a folder inside the site.
    private mutating func boundary(of relative: String) -> String? {
        let top = Self.topFolder(of: relative)
        if let known = boundaries[top] { return known.isEmpty ? nil : known }
        guard let real = realPath(root + "/" + top, reportingAs: top) else { return nil }
        guard real.hasPrefix(root + "/"), !real.dropFirst(root.count + 1).split(separator: "/").contains(where: { Self.isIgnoredName(String($0)) }) else {
            diagnostics.append(.error("this folder is a symbolic link to a folder outside the site, so nothing in it is read", path: top,
                                      hint: "move the folder into the site instead of linking to it"))
            boundaries[top] = ""
            return nil
        }
        boundaries[top] = real
        return real
    }

    /// `content` for `content/news/a.md`; `themes/default` for `themes/default/static/a.css`
    /// (and `themes` for the folder holding the themes).
    static func topFolder(of relative: String) -> String {
        let parts = relative.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.first == "themes", parts.count >= 2 else { return String(parts.first ?? "") }
        return parts[0] + "/" + parts[1]
    }

    private mutating func reportUnreadable(_ relative: String, isFolder: Bool) {
        let reason = String(cString: strerror(errno))
        diagnostics.append(.error("this \(isFolder ? "folder" : "file") cannot be read (\(reason)), so the site would be built without it",
                                  path: relative, hint: "make it readable (chmod -R a+rX \(relative)) or remove it"))
    }
}
