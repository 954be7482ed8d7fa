/// The preview's view of the site folder: files are read from the disk, but the list of files
/// under the watched folders comes from memory, brought up to date with the paths the watcher
/// reports, instead of a walk over 10,000 files on every rebuild.
struct WatchedSiteSource: SiteSource {
    let disk: DiskSiteSource
    let listing: SourceListing

    func files(under directory: String) -> (paths: [String], diagnostics: [Diagnostic]) {
        listing.files(under: directory) ?? disk.files(under: directory)
    }

    func read(_ path: String) throws -> [UInt8] { try disk.read(path) }

    func exists(_ path: String) -> Bool { disk.exists(path) }

    func stamp(of path: String) -> UInt64? { disk.stamp(of: path) }
}

/// The files below `content/` and `themes/` as a walk found them, with the problems it
/// reported (symbolic links that leave the site).
struct SourceListing: Sendable {
    /// Sorted site-relative paths, by watched folder.
    private(set) var files: [String: [String]] = [:]
    private(set) var problems: [Diagnostic] = []
    /// Files that are symbolic links. The watcher sees a link replaced, not its target
    /// written, so these always count as changed.
    private(set) var linkedFiles: Set<String> = []

    /// Walks every watched folder.
    static func walk(root: String) -> SourceListing {
        SourceListing().updated(with: Set(ChangeWatcher.watchedFolders), root: root)
    }

    /// The listing after the files or folders at `changedPaths` were created, changed or
    /// removed: each of them is forgotten and walked again.
    func updated(with changedPaths: Set<String>, root: String) -> SourceListing {
        var listing = self
        for folder in ChangeWatcher.watchedFolders {
            let changed = changedPaths.filter { $0 == folder || $0.hasPrefix(folder + "/") }
            guard !changed.isEmpty else { continue }
            let isAffected = { (path: String) in changed.contains { path == $0 || path.hasPrefix($0 + "/") } }
            var walker = DirectoryWalker(root: root)
            for path in changed.sorted() where !changed.contains(where: { path.hasPrefix($0 + "/") }) { walker.visitReported(path) }
            listing.files[folder] = ((files[folder] ?? []).filter { !isAffected($0) } + walker.files).sorted()
            listing.problems = listing.problems.filter { !isAffected($0.path) } + walker.diagnostics
            listing.linkedFiles = listing.linkedFiles.filter { !isAffected($0) }.union(walker.linkedFiles)
        }
        return listing
    }

    /// What `SiteSource.files(under:)` answers, or nil for a folder outside the watched ones.
    func files(under directory: String) -> (paths: [String], diagnostics: [Diagnostic])? {
        let folder = directory.split(separator: "/").first.map(String.init) ?? directory
        guard let paths = files[folder] else { return nil }
        if directory == folder { return (paths, problems.filter { $0.path.hasPrefix(folder + "/") }) }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return (paths.filter { $0.hasPrefix(prefix) }, problems.filter { $0.path.hasPrefix(prefix) })
    }
}
